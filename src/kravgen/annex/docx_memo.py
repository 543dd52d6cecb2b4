"""Stage 5, the buyer's memo in Word: one function per memo part of the outline, for
docx_writer's walk. Every word comes from `annex.labels`."""

from __future__ import annotations

from collections.abc import Callable

from kravgen.annex.outline import Part, Section
from kravgen.annex.wordml import Body, rpr, run
from kravgen.model import RenderedAnnex, RenderedClause


def _memo_area(body: Body, section: Section, annex: RenderedAnnex) -> None:
    assert section.area is not None
    for clause in section.area.clauses:
        _memo_clause(body, clause, annex)


def _memo_clause(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> None:
    labels = annex.labels
    body.heading(3, clause.title, clause_id=clause.id)
    body.label(labels["type"], clause.type_label)
    body.paragraph(labels["selected_why"], "Kravgen Label")
    body.bullets(clause.reasons or (labels["always"],))
    for key, value in (("motive", clause.motive), ("guidance", clause.guidance)):
        if value:
            body.paragraph(labels[key], "Kravgen Label")
            body.text(value)


def _memo_rejected(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels, cell = annex.labels, body.cell_para
    rows = [[cell(run(labels[key])) for key in ("clause", "requirement", "type")]]
    for item in annex.rejected:
        reasons = "".join(cell(run(r), "Kravgen Hint") for r in item.reasons)
        rows.append(
            [cell(run(item.id)), cell(run(item.title)) + reasons, cell(run(item.type_label))]
        )
    body.table("Kravgen Table", (0.2, 0.55, 0.25), rows, first_col=True,
               caption=labels["not_selected"])  # fmt: skip


def _memo_defaults(body: Body, section: Section, annex: RenderedAnnex) -> None:
    for kept in annex.kept_defaults:
        body.runs(run(f"{kept.text} ({kept.question}): ") + run(kept.value, rpr(bold=True)),
                  "List Bullet")  # fmt: skip


def _memo_coverage(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels, cell = annex.labels, body.cell_para
    status_header = labels.get("status", "Status")  # same word in Swedish and English
    rows = [[cell(run(labels["sources"])), cell(run(labels["clause"])), cell(run(status_header))]]
    for row in annex.coverage:
        source = cell(run(row.source)) + cell(run(row.title), "Kravgen Hint")
        status = run(labels.get(row.status, row.status), rpr(bold=row.status == "gap"))
        rows.append([source, cell(run(", ".join(row.clauses))), cell(status)])
    body.table("Kravgen Table", (0.5, 0.3, 0.2), rows, first_col=True,
               caption=labels["coverage"])  # fmt: skip


def _memo_absent(body: Body, section: Section, annex: RenderedAnnex) -> None:
    for title, why in annex.absent_areas:
        body.runs(run(f"{title}: ", rpr(bold=True)) + run(why), "List Bullet")


def _memo_awards(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels, cell = annex.labels, body.cell_para
    rows = [[cell(run(labels[key])) for key in ("clause", "requirement", "value")]]
    rows += [
        [cell(run(c.id)), cell(run(c.title)), cell(run(", ".join(c.award_values)))]
        for c in section.clauses
    ]
    body.table("Kravgen Table", (0.2, 0.55, 0.25), rows, first_col=True,
               caption=labels["award_values"])  # fmt: skip
    if annex.award_total:
        body.paragraph(labels["award_total"].format(total=f"**{annex.award_total}**"))


def _memo_list(body: Body, section: Section, annex: RenderedAnnex) -> None:
    body.bullets(annex.own_annexes)


def _memo_checklist(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels = annex.labels
    for item in annex.checklist:
        body.runs(run(item.text), "List Bullet")
        if item.clauses:
            body.paragraph(f"{labels['relied_on_by']}: {', '.join(item.clauses)}", "Kravgen Hint")
        if item.justification:
            note = f"{labels['changed_by_organisation']}: {item.justification}"
            body.paragraph(note, "Kravgen Hint")


def _memo_principles(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels, cell = annex.labels, body.cell_para
    header = ("principle", "principle_origin", "clause")
    rows = [[cell(run(labels[key])) for key in header]]
    for row in annex.principles:
        rows.append(
            [
                cell(run(row.title)),
                cell(run(row.status_label), "Kravgen Hint"),
                cell(run(", ".join(row.clauses))),
            ]
        )
    body.table("Kravgen Table", (0.4, 0.3, 0.3), rows, first_col=True,
               caption=labels["principles"])  # fmt: skip


MEMO_PARTS: dict[Part, Callable[[Body, Section, RenderedAnnex], None]] = {
    Part.ABSENT_AREAS: _memo_absent,
    Part.AWARD_VALUES: _memo_awards,
    Part.OWN_ANNEXES: _memo_list,
    Part.CHECKLIST: _memo_checklist,
    Part.PRINCIPLES: _memo_principles,
    Part.MEMO_AREA: _memo_area,
    Part.REJECTED: _memo_rejected,
    Part.KEPT_DEFAULTS: _memo_defaults,
    Part.COVERAGE: _memo_coverage,
}
