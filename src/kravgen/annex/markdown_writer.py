"""The annex and the buyer's memo as GitHub-flavoured Markdown (`--format md`), for reviewing a
procurement's requirements in a pull request. Same content and order as the .docx; texts are
printed as they are, since clause texts already use Markdown's paragraphs, lists and bold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kravgen.annex.outline import (
    Part,
    Section,
    annex_outline,
    blocks,
    cover_facts,
    memo_outline,
    reference_text,
    split_legal,
)
from kravgen.errors import OutputError
from kravgen.model import (
    CONFIRM_LABEL_KEYS,
    RenderedAnnex,
    RenderedClause,
    RenderedReference,
)


def build_annex_markdown(annex: RenderedAnnex) -> str:
    """The supplier's annex as Markdown; no buyer-only text.

    Raises:
        OutputError: a text still holds template markup.
    """
    out = _cover(annex, annex.title, memo=False)
    return _join(out + _sections(annex, annex_outline(annex)))


def build_memo_markdown(annex: RenderedAnnex) -> str:
    """The buyer's memo as Markdown: why each clause was chosen, motive, guidance, the clauses
    left out, defaults kept and coverage.

    Raises:
        OutputError: a text still holds template markup.
    """
    out = _cover(annex, annex.labels["memo_title"], memo=True)
    return _join(out + _sections(annex, memo_outline(annex)))


def _sections(annex: RenderedAnnex, outline: tuple[Section, ...]) -> list[str]:
    """Walk the outline: each section's heading (a level-1 chapter is ##), then its part."""
    out: list[str] = []
    for section in outline:
        out.append(f"{'#' * (section.level + 1)} {section.heading}")
        out += [_text(p) for p in section.paragraphs]
        out += _PARTS[section.part](section, annex)
    return out


def _nothing(section: Section, annex: RenderedAnnex) -> list[str]:
    """A heading and its paragraphs alone."""
    return []


def _definitions(section: Section, annex: RenderedAnnex) -> list[str]:
    return ["\n".join(f"- **{t.term}**: {_line(t.text)}" for t in annex.definitions)]


def _area(section: Section, annex: RenderedAnnex) -> list[str]:
    assert section.area is not None
    out = [_text(section.area.intro)] if section.area.intro else []
    for clause in section.area.clauses:
        out += _clause(clause, annex)
    return out


def _memo_area(section: Section, annex: RenderedAnnex) -> list[str]:
    assert section.area is not None
    return [line for c in section.area.clauses for line in _memo_clause(c, annex)]


def _price_lines(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    header = [labels["clause"], labels["requirement"], labels["price_what"]]
    return [_table(header, [[_numbered(c), c.title, c.price] for c in section.clauses])]


def _describe_templates(section: Section, annex: RenderedAnnex) -> list[str]:
    return [
        line
        for c in section.clauses
        for line in (f"**{_numbered(c)} {c.title}**", _text(c.describe))
    ]


def _trace(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    rows = []
    for c in section.clauses:
        laws, standards = split_legal(c.legal_refs)
        rows.append(
            [_numbered(c), _refs(c.sources, annex), _refs(laws, annex), _refs(standards, annex)]
        )
    header = [labels["clause"], labels["sources"], labels["laws"], labels["standards"]]
    return [_table(header, rows)]


def _absent(section: Section, annex: RenderedAnnex) -> list[str]:
    return ["\n".join(f"- **{title}:** {why}" for title, why in annex.absent_areas)]


def _awards(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    rows = [[c.id, c.title, ", ".join(c.award_values)] for c in section.clauses]
    out = [_table([labels["clause"], labels["requirement"], labels["value"]], rows)]
    if annex.award_total:
        out.append(labels["award_total"].format(total=f"**{annex.award_total}**"))
    return out


def _list(section: Section, annex: RenderedAnnex) -> list[str]:
    return ["\n".join(f"- {_line(item)}" for item in annex.own_annexes)]


def _rejected(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    rows = [
        [r.id, "<br>".join((r.title, *(f"*{reason}*" for reason in r.reasons))), r.type_label]
        for r in annex.rejected
    ]
    return [_table([labels["clause"], labels["requirement"], labels["type"]], rows)]


def _kept_defaults(section: Section, annex: RenderedAnnex) -> list[str]:
    return ["\n".join(f"- {k.text} (`{k.question}`): **{k.value}**" for k in annex.kept_defaults)]


def _coverage(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    rows = [
        [f"{c.source}<br>*{c.title}*", ", ".join(c.clauses), _status(c.status, annex)]
        for c in annex.coverage
    ]
    header = [labels["sources"], labels["clause"], labels.get("status", "Status")]
    return [_table(header, rows)]


def _checklist(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    items = []
    for item in annex.checklist:
        line = f"- [ ] {_line(item.text)}"
        if item.clauses:
            line += f"<br>*{labels['relied_on_by']}: {', '.join(item.clauses)}*"
        if item.justification:
            line += f"<br>*{labels['changed_by_organisation']}: {_line(item.justification)}*"
        items.append(line)
    return ["\n".join(items)]


def _principles(section: Section, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    rows = [[p.title, p.status_label, ", ".join(p.clauses)] for p in annex.principles]
    return [_table([labels["principle"], labels["principle_origin"], labels["clause"]], rows)]


_PARTS: dict[Part, Callable[[Section, RenderedAnnex], list[str]]] = {
    Part.TEXT: _nothing,
    Part.SUMMARY: _nothing,
    Part.ABSENT_AREAS: _absent,
    Part.TODO: _nothing,
    Part.AWARD_VALUES: _awards,
    Part.OWN_ANNEXES: _list,
    Part.DEFINITIONS: _definitions,
    Part.AREA: _area,
    Part.PRICE_LINES: _price_lines,
    Part.DESCRIBE: _describe_templates,
    Part.TRACE: _trace,
    Part.REQUIREMENTS: _nothing,
    Part.MEMO_AREA: _memo_area,
    Part.REJECTED: _rejected,
    Part.KEPT_DEFAULTS: _kept_defaults,
    Part.COVERAGE: _coverage,
    Part.CHECKLIST: _checklist,
    Part.PRINCIPLES: _principles,
}


# --- pieces ---------------------------------------------------------------------------------------


def _cover(annex: RenderedAnnex, title: str, *, memo: bool) -> list[str]:
    out = [f"# {title}"]
    if annex.procurement_title:
        out.append(f"**{annex.procurement_title}**")
    facts = cover_facts(annex, memo=memo)
    out.append("\n".join(f"- **{k}:** {_line(v)}" for k, v in facts))
    return out


def _clause(clause: RenderedClause, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    out = [f"### {_numbered(clause)} {clause.title}", f"*{labels['type']}: {clause.type_label}*"]
    out.append(_text(clause.text))
    for key, value in (("evaluation", clause.evaluation), ("verification", clause.verification)):
        if value:
            out += [f"**{labels[key]}**", _text(value)]
    rows = []
    if clause.confirm:
        rows.append([labels[CONFIRM_LABEL_KEYS[clause.type]], labels["yes_no"]])
    if clause.describe is not None:
        rows.append([labels["description"], f"*{labels['description_hint']}*"])
    if clause.price is not None:
        rows.append([labels["price"], f"*{labels['price_hint']}* **{clause.price}**"])
    out.append(_table([labels["response"], _numbered(clause)], rows))
    return out


def _memo_clause(clause: RenderedClause, annex: RenderedAnnex) -> list[str]:
    labels = annex.labels
    out = [f"#### {clause.id} {clause.title}", f"*{labels['type']}: {clause.type_label}*"]
    reasons = clause.reasons or (labels["always"],)
    out += [f"**{labels['selected_why']}**", "\n".join(f"- {_line(r)}" for r in reasons)]
    for key, value in (("motive", clause.motive), ("guidance", clause.guidance)):
        if value:
            out += [f"**{labels[key]}**", _text(value)]
    return out


def _status(status: str, annex: RenderedAnnex) -> str:
    word = annex.labels.get(status, status)
    return f"**{word}**" if status == "gap" else word


def _numbered(clause: RenderedClause) -> str:
    return f"{clause.number} {clause.id}".strip()


def _refs(refs: Iterable[RenderedReference], annex: RenderedAnnex) -> str:
    shown = dict.fromkeys(reference_text(r, annex.labels) for r in refs)
    return "<br>".join(f"[{_line(title)}]({url})" if url else _line(title) for title, url in shown)


def _text(text: str | None) -> str:
    """A clause text as tidy Markdown: the paragraphs and lists the .docx shows, each set off
    by a blank line (pandoc and some renderers need one before a list)."""
    out = []
    for kind, lines in blocks(text or ""):
        if kind == "p":
            out += lines
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in lines))
        else:
            out.append("\n".join(f"{n}. {item}" for n, item in enumerate(lines, start=1)))
    return "\n\n".join(out)


def _line(text: str) -> str:
    """Text on one line (a list item, a fact)."""
    return " ".join(text.split())


def _cell(text: str | None) -> str:
    """Text for a table cell: pipes escaped, line breaks as <br>."""
    lines = (text or "").strip().replace("|", "\\|").splitlines()
    return "<br>".join(line.strip() for line in lines if line.strip())


def _table(header: Sequence[str], rows: Sequence[Sequence[str | None]]) -> str:
    """A GFM table; every cell goes through _cell once."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _join(blocks: list[str]) -> str:
    text = "\n\n".join(b.strip() for b in blocks if b and b.strip()) + "\n"
    if "{{" in text:
        raise OutputError("a text for the document still holds '{{'; nothing was written")
    return text
