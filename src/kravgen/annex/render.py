"""Stage 4: fill the placeholders of the selected clauses in Jinja2's sandbox.

The result, a RenderedAnnex, holds every text the writers print, already in one language, so
the writers only lay text out.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from kravgen import __version__
from kravgen.annex.memo import (
    absent_areas,
    award_total,
    award_value,
    award_values,
    coverage_rows,
    own_annexes,
    rejected_clauses,
    summary,
)
from kravgen.annex.sandbox import bounded_work, environment, holds_markup
from kravgen.errors import RenderError, SourceLocation, TemplateError
from kravgen.model import (
    COVER_FIELDS,
    Answers,
    AnswerValue,
    Clause,
    Decision,
    KeptDefault,
    Library,
    PrincipleRow,
    QuestionType,
    Reason,
    RenderedAnnex,
    RenderedArea,
    RenderedChecklistItem,
    RenderedClause,
    RenderedReference,
    RenderedTerm,
    Selection,
    pick,
)
from kravgen.selection import select_checklist
from kravgen.wording import (
    CLAUSE_TYPE_LABELS,
    LABELS,
    PRINCIPLE_STATUS_LABELS,
    group_digits,
    yes_no,
)


def annex_date(answers: Answers) -> str:
    """The document date: the answer, else the UTC date of SOURCE_DATE_EPOCH, else none ("").

    Never today's date: an empty answer means an undated annex, and the same answers must give
    the same bytes on any day and in any time zone (issue 15, point 7).
    """
    value = answers.get("date")
    if isinstance(value, str) and value:
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return ""


def answers_digest(answers: Answers) -> str:
    canonical = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.values.items()}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def render_context(library: Library, answers: Answers, lang: str) -> dict[str, Any]:
    """The names a clause text may use: answers by question id plus the document fields."""
    context: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for question in library.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        context[question.id] = list(value) if isinstance(value, tuple) else value
        labels[question.id] = _shown(question.id, value, library, lang)
    context.update(
        lang=lang,
        library_name=library.manifest.name,
        library_version=library.manifest.version,
        label=labels,
    )
    return context


def _shown(question_id: str, value: AnswerValue, library: Library, lang: str) -> str:
    question = library.question(question_id)
    if question is None:
        return str(value)
    if isinstance(value, tuple):
        return ", ".join(question.label_of(v, lang) for v in value)
    if isinstance(value, bool):
        return yes_no(value, lang)
    if question.type is QuestionType.CHOICE and isinstance(value, str):
        return question.label_of(value, lang)
    if isinstance(value, int):
        return group_digits(value, lang)
    return str(value)


def explain_reasons(reasons: tuple[Reason, ...], library: Library, lang: str) -> tuple[str, ...]:
    """Reasons as a buyer reads them: the question and the answer given, in the memo's
    language ('Vad upphandlar ni? Förstudie eller utredning')."""
    out = []
    for reason in reasons:
        question = library.question(reason.question)
        asked = pick(question.text, lang) if question is not None else reason.question
        if reason.value is None:
            shown = "obesvarad" if lang == "sv" else "not answered"
        else:
            shown = _shown(reason.question, reason.value, library, lang)
        out.append(f"{asked} {shown}")
    return tuple(out)


def render_text(template: str, context: Mapping[str, Any], clause: Clause, key: str) -> str:
    """Render one clause field; every failure names the clause and where it was written.

    Raises:
        RenderError: an undefined placeholder, a syntax error or a sandbox violation.
    """

    if not holds_markup(template):
        return template.strip()
    where: SourceLocation = clause.at(key)
    try:
        with bounded_work():
            lang = str(context.get("lang", "sv"))
            result = environment(lang).from_string(template).render(context)
    except UndefinedError as exc:
        raise RenderError(
            f"clause {clause.id}: {exc.message} in {key}",
            where,
            hint="answer the question it names, or check the clause's condition",
        ) from exc
    except SecurityError as exc:
        raise RenderError(f"clause {clause.id}: unsafe template in {key}: {exc}", where) from exc
    except JinjaTemplateError as exc:
        raise RenderError(f"clause {clause.id}: cannot fill {key}: {exc}", where) from exc
    except Exception as exc:  # the library's own expression failed (1/0, 'a' - 1, recursion)
        raise RenderError(
            f"clause {clause.id}: cannot fill {key}: {type(exc).__name__}: {exc}", where
        ) from exc
    if "{{" in result or "{%" in result:
        raise RenderError(
            f"clause {clause.id}: the filled-in {key} still holds '{{{{' or '{{%'",
            where,
            hint="an answer must not contain template markup",
        )
    return result.strip()


def _refs(library: Library, ids: tuple[str, ...], lang: str) -> tuple[RenderedReference, ...]:
    out = []
    for ref_id in ids:
        ref = library.reference(ref_id)
        if ref is not None:
            out.append(
                RenderedReference(
                    ref.id, ref.kind, pick(ref.title, lang), ref.url, ref.unreadable, ref.publisher
                )
            )
    return tuple(out)


def render_clause(
    decision: Decision,
    library: Library,
    context: Mapping[str, Any],
    lang: str,
    answers: Answers | None = None,
) -> RenderedClause:
    clause = decision.clause

    def field(name: str, value: Mapping[str, str] | None) -> str | None:
        if value is None:
            return None
        chosen = lang if lang in value else library.languages[0]
        return render_text(pick(value, lang), context, clause, f"{name}.{chosen}")

    return RenderedClause(
        id=clause.id,
        version=clause.version,
        type=clause.type,
        type_label=pick(CLAUSE_TYPE_LABELS[clause.type], lang),
        area=clause.area,
        title=pick(clause.title, lang),
        text=field("text", clause.text) or "",
        evaluation=field("evaluation", clause.evaluation),
        verification=field("verification", clause.verification),
        confirm=clause.response.confirm,
        describe=field("response.describe", clause.response.describe),
        price=field("response.price", clause.response.price),
        sources=_refs(library, clause.sources, lang),
        legal_refs=_refs(library, clause.legal_refs, lang),
        motive=pick(clause.motive, lang),
        guidance=pick(clause.guidance, lang),
        reasons=explain_reasons(decision.reasons, library, lang),
        award_value=award_value(clause, library, context),
        award_values=award_values(decision, library, answers or Answers({}), lang),
    )


def _fixed_text(
    templates: Path, lang: str, name: str, context: Mapping[str, Any]
) -> tuple[str, ...]:
    path = templates / lang / f"{name}.md.j2"
    if not path.is_file():
        path = templates / "sv" / f"{name}.md.j2"
    if not path.is_file():
        raise TemplateError(f"the template lacks {lang}/{name}.md.j2", SourceLocation(path))

    where = SourceLocation(path)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            f"{path.name} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x})",
            where,
            hint="save the file as UTF-8",
        ) from exc
    except OSError as exc:
        raise TemplateError(f"cannot read {path.name}: {exc.strerror or exc}", where) from exc
    try:
        with bounded_work():
            text = environment(lang).from_string(source).render(context)
    except JinjaTemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateError(f"cannot fill {path.name}: {exc}", SourceLocation(path, line)) from exc
    except Exception as exc:  # the template's own expression failed (1/0, recursion, ...)
        raise TemplateError(f"cannot fill {path.name}: {type(exc).__name__}: {exc}", where) from exc
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def render_annex(
    library: Library,
    answers: Answers,
    selection: Selection,
    lang: str,
    templates: Path,
    defaulted: frozenset[str] = frozenset(),
) -> RenderedAnnex:
    """Render everything the annex and the buyer's memo print.

    Raises:
        RenderError: a clause text cannot be filled.
        TemplateError: a fixed text of the template is missing or broken.
    """
    with bounded_work():  # one budget of loop steps and time for the whole annex
        return _render_annex(library, answers, selection, lang, templates, defaulted)


def _render_annex(
    library: Library,
    answers: Answers,
    selection: Selection,
    lang: str,
    templates: Path,
    defaulted: frozenset[str],
) -> RenderedAnnex:
    context = render_context(library, answers, lang)
    rendered = [render_clause(d, library, context, lang, answers) for d in selection.selected]

    def text(key: str) -> str:
        return str(answers.get(key) or "")

    fixed_context = {
        **{key: text(key) for key in COVER_FIELDS},
        **context,
        "counts": {t.value: sum(1 for c in rendered if c.type is t) for t in CLAUSE_TYPE_LABELS},
        "has_prices": any(c.price for c in rendered),
        "has_descriptions": any(c.describe for c in rendered),
    }
    return RenderedAnnex(
        lang=lang,
        title=LABELS[lang]["annex_title"],
        procurement_title=text("procurement_title"),
        reference_number=text("reference_number"),
        buyer_name=text("buyer_name"),
        contact_person=text("contact_person"),
        date=annex_date(answers),
        library_name=library.manifest.name,
        library_version=library.manifest.version,
        introduction=_fixed_text(templates, lang, "introduction", fixed_context),
        instructions=_fixed_text(templates, lang, "instructions", fixed_context),
        definitions=_used_definitions(library, selection, lang),
        areas=_areas(library, rendered, lang),
        labels=LABELS[lang],
        provenance=provenance(library, answers, selection, lang),
        kept_defaults=_kept_defaults(library, answers, defaulted, lang)
        + _fixed_values(selection, lang),
        **_memo_fields(library, answers, selection, rendered, lang),
    )


def _memo_fields(
    library: Library,
    answers: Answers,
    selection: Selection,
    rendered: list[RenderedClause],
    lang: str,
) -> dict[str, Any]:
    """What only the buyer's memo prints, beyond each clause (see annex/memo.py)."""

    def shown(question_id: str, value: AnswerValue) -> str:
        return _shown(question_id, value, library, lang)

    return {
        "rejected": rejected_clauses(library, selection, lang, shown),
        "coverage": coverage_rows(library, selection, answers, lang),
        "summary": summary(rendered, {a.id: pick(a.title, lang) for a in library.areas}, lang),
        "absent_areas": absent_areas(library, selection, lang, shown),
        "award_total": award_total(selection, library, answers, lang),
        "own_annexes": own_annexes(selection, lang),
        "principles": principle_rows(library, selection, lang),
        "checklist": _checklist(library, answers, selection, lang),
    }


def _areas(library: Library, rendered: list[RenderedClause], lang: str) -> tuple[RenderedArea, ...]:
    """The library's areas in order, each with its selected clauses, numbered for the annex."""
    return number_areas(
        RenderedArea(
            area.id,
            pick(area.title, lang),
            pick(area.intro, lang),
            tuple(c for c in rendered if c.area == area.id),
            pick(area.heading, lang) if area.heading else "",
        )
        for area in library.areas
    )


def number_areas(areas: Iterable[RenderedArea]) -> tuple[RenderedArea, ...]:
    """Areas without clauses left out; the others numbered 1..n, each clause by area and
    place ("3.4"), and an area without a supplier's heading headed by its title."""
    out: list[RenderedArea] = []
    for area in areas:
        if not area.clauses:
            continue
        number = len(out) + 1
        numbered = tuple(
            replace(c, number=f"{number}.{place}") for place, c in enumerate(area.clauses, 1)
        )
        heading = area.heading or area.title
        out.append(replace(area, clauses=numbered, heading=heading, number=number))
    return tuple(out)


def _used_definitions(
    library: Library, selection: Selection, lang: str
) -> tuple[RenderedTerm, ...]:
    used_terms = {t for d in selection.selected for t in d.clause.terms}
    return tuple(
        RenderedTerm(pick(d.term, lang), pick(d.text, lang))
        for d in library.definitions
        if d.id in used_terms
    )


def provenance(
    library: Library, answers: Answers, selection: Selection, lang: str
) -> dict[str, str]:
    """The custom document properties that let an auditor trace a file to its inputs."""
    return {
        "kravgen_version": __version__,
        "library_name": library.manifest.name,
        "library_version": library.manifest.version,
        "library_digest": library.digest,
        "library_layers": ", ".join(f"{m.name}@{m.version}" for m in library.layers),
        "answers_digest": answers_digest(answers),
        "language": lang,
        "clauses": ", ".join(f"{d.clause.id}@{d.clause.version}" for d in selection.selected),
    }


def _fixed_values(selection: Selection, lang: str) -> tuple[KeptDefault, ...]:
    """Values the selected clauses state outright, listed with the defaults (issue 14)."""
    return tuple(
        KeptDefault(d.clause.id, pick(f["label"], lang), pick(f["value"], lang))
        for d in selection.selected
        for f in d.clause.fixed
    )


def _kept_defaults(
    library: Library, answers: Answers, defaulted: frozenset[str], lang: str
) -> tuple[KeptDefault, ...]:
    out = []
    for question in library.questions:
        value = answers.get(question.id)
        if question.id in defaulted and value is not None:
            shown = _shown(question.id, value, library, lang)
            if question.unit and isinstance(value, int) and not isinstance(value, bool):
                shown = f"{shown} {pick(question.unit, lang)}"  # "24 timmar", not "24"
            out.append(KeptDefault(question.id, pick(question.text, lang), shown))
    return tuple(out)


def principle_rows(library: Library, selection: Selection, lang: str) -> tuple[PrincipleRow, ...]:
    """The principles the selected clauses serve, in library order, each labelled with where
    its wording comes from (a draft heading is never shown as a decided principle)."""
    rows = []
    for principle in library.principles:
        clauses = tuple(
            d.clause.id for d in selection.selected if principle.id in d.clause.principles
        )
        if clauses:
            label = pick(PRINCIPLE_STATUS_LABELS[principle.status], lang)
            title = pick(principle.title, lang)
            rows.append(PrincipleRow(title, label, clauses))
    return tuple(rows)


def _checklist(
    library: Library, answers: Answers, selection: Selection, lang: str
) -> tuple[RenderedChecklistItem, ...]:
    return tuple(
        RenderedChecklistItem(pick(item.text, lang), relying, item.justification)
        for item, relying in select_checklist(library, answers, selection)
    )
