"""Stage 4, the buyer's side: what the memo says beyond each clause. The summary of what was
selected, the to-do list before advertising (award values and their total, annexes the buyer
writes), the areas left empty and why, the clauses left out with the answers that excluded
them, and the coverage of the recommendations. Pure functions of the library, the answers and
the selection; every word comes from `wording.LABELS`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kravgen.checks.coverage import recommendations
from kravgen.checks.placeholders import clause_placeholders, parse_text
from kravgen.model import (
    Answers,
    AnswerValue,
    Clause,
    ClauseType,
    CoverageRow,
    Decision,
    Library,
    Question,
    QuestionType,
    Reason,
    RejectedClause,
    RenderedClause,
    Selection,
    pick,
)
from kravgen.wording import CLAUSE_TYPE_LABELS, LABELS, group_digits

Shown = Callable[
    [str, AnswerValue], str
]  # (question id, value) -> the answer as the buyer reads it


def answers_in_words(reasons: tuple[Reason, ...], library: Library, lang: str, shown: Shown) -> str:
    """'nej på ”Hanterar lösningen personuppgifter?”, ... och ...': the answers, not their
    ids, as a list inside a sentence."""
    labels = LABELS[lang]
    parts = []
    for reason in reasons:
        question = library.question(reason.question)
        asked = pick(question.text, lang) if question else reason.question
        value = shown(reason.question, reason.value) if reason.value is not None else "–"
        parts.append(labels["answered"].format(value=in_sentence(value), question=asked.rstrip()))
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {labels['and']} {parts[-1]}"


def in_sentence(label: str) -> str:
    """An answer's label inside a sentence: 'It-system' reads 'it-system' and 'Nej' 'nej';
    a label that opens with an abbreviation ('EU/EES', 'IT system') keeps its capitals."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def rejected_clauses(
    library: Library, selection: Selection, lang: str, shown: Shown
) -> tuple[RejectedClause, ...]:
    """Each clause left out, with one sentence naming the answers that excluded it."""
    return tuple(
        RejectedClause(
            d.clause.id,
            pick(d.clause.title, lang),
            pick(CLAUSE_TYPE_LABELS[d.clause.type], lang),
            (_why_not(d, library, lang, shown),),
        )
        for d in selection.rejected
    )


def _why_not(decision: Decision, library: Library, lang: str, shown: Shown) -> str:
    labels = LABELS[lang]
    given = tuple(r for r in decision.reasons if r.value is not None)
    if given:
        words = answers_in_words(given, library, lang, shown)
        return labels["not_selected_because"].format(answers=words)
    missing = decision.reasons[0].question if decision.reasons else ""
    question = library.question(missing)
    asked = pick(question.text, lang) if question else missing
    return labels["not_answered"].format(question=asked.rstrip())


def absent_areas(
    library: Library, selection: Selection, lang: str, shown: Shown
) -> tuple[tuple[str, str], ...]:
    """Areas of the library without a selected clause, each with the answers that ruled out
    its clauses (each answer once, in the order the clauses name them)."""
    labels = LABELS[lang]
    out = []
    for area in library.areas:
        decisions = [d for d in selection.decisions if d.clause.area == area.id]
        if not decisions or any(d.selected for d in decisions):
            continue
        reasons = tuple(
            dict.fromkeys(r for d in decisions for r in d.reasons if r.value is not None)
        )
        if reasons:
            why = labels["absent_why"].format(
                answers=answers_in_words(reasons, library, lang, shown)
            )
        else:
            why = labels["absent_unknown"]
        out.append((pick(area.title, lang), why))
    return tuple(out)


def summary(
    rendered: list[RenderedClause], area_titles: Mapping[str, str], lang: str
) -> tuple[str, ...]:
    """A few lines: how many clauses of each type, and how many per area."""
    labels = LABELS[lang]
    if not rendered:
        return (labels["summary_none"],)
    counts = [
        (pick(names, lang), sum(1 for c in rendered if c.type is kind))
        for kind, names in CLAUSE_TYPE_LABELS.items()
    ]
    types = "; ".join(f"{name} {n}" for name, n in counts if n)
    per_area: dict[str, int] = {}
    for clause in rendered:
        per_area[clause.area] = per_area.get(clause.area, 0) + 1
    areas = "; ".join(f"{area_titles.get(a, a)} {n}" for a, n in per_area.items())
    return (
        labels["summary_total"].format(total=len(rendered), types=types),
        labels["summary_areas"].format(areas=areas),
    )


def award_questions(decision: Decision, library: Library) -> tuple[Question, ...]:
    """The number questions whose answers set an award criterion's value (its texts use them)."""
    if decision.clause.type is not ClauseType.AWARD:
        return ()
    used = clause_placeholders(decision.clause)
    return tuple(q for q in library.questions if q.id in used and q.type is QuestionType.NUMBER)


def _amount(question: Question, answers: Answers) -> int | None:
    value = answers.get(question.id)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def award_values(
    decision: Decision, library: Library, answers: Answers, lang: str
) -> tuple[str, ...]:
    """An award criterion's values as the buyer reads them ('2 procent')."""
    out = []
    for question in award_questions(decision, library):
        value = _amount(question, answers)
        if value is not None:
            unit = pick(question.unit, lang) if question.unit else ""
            out.append(f"{group_digits(value, lang)} {unit}".strip())
    return tuple(out)


def award_total(selection: Selection, library: Library, answers: Answers, lang: str) -> str:
    """The sum of the selected award criteria's values, per unit ('12 procent'); a question
    two criteria share counts once. Empty when no criterion has a value."""
    totals: dict[str, int] = {}
    seen: set[str] = set()
    for decision in selection.selected:
        for question in award_questions(decision, library):
            value = _amount(question, answers)
            if value is None or question.id in seen:
                continue
            seen.add(question.id)
            unit = pick(question.unit, lang) if question.unit else ""
            totals[unit] = totals.get(unit, 0) + value
    return ", ".join(f"{group_digits(n, lang)} {unit}".strip() for unit, n in totals.items())


def own_annexes(selection: Selection, lang: str) -> tuple[str, ...]:
    """Annexes the selected clauses refer to and the buyer must write, each with its clauses."""
    labels = LABELS[lang]
    named: dict[str, list[str]] = {}
    for decision in selection.selected:
        if decision.clause.buyer_annex:
            named.setdefault(pick(decision.clause.buyer_annex, lang), []).append(decision.clause.id)
    return tuple(
        labels["own_annex_line"].format(annex=name, ids=", ".join(ids))
        for name, ids in named.items()
    )


def coverage_rows(
    library: Library, selection: Selection, answers: Answers, lang: str
) -> tuple[CoverageRow, ...]:
    """Each recommendation against this procurement. Covered: a selected clause cites it. Not
    applicable: it is not for this kind of procurement, or the library has clauses for it and
    the answers excluded them all. A gap: it applies and the library has nothing for it. A
    recommendation whose content could not be read is left out: it is no finding."""
    kind = answers.get("procurement_kind")
    area_level = {source for area in library.areas for source in area.sources}
    rows = []
    for ref in recommendations(library):
        if ref.unreadable:
            continue
        citing = [d for d in selection.decisions if ref.id in d.clause.sources]
        clauses = tuple(d.clause.id for d in citing if d.selected)
        if ref.id in area_level and not clauses:
            continue
        applies = not ref.applies_to or (isinstance(kind, str) and kind in ref.applies_to)
        if clauses:
            status = "covered"
        elif not applies or citing:
            status = "not-applicable"
        else:
            status = "gap"
        rows.append(CoverageRow(ref.id, pick(ref.title, lang), clauses, status))
    return tuple(rows)


def award_value(clause: Clause, library: Library, context: Mapping[str, Any]) -> str | None:
    """The added value of an award criterion: the answer to the one number question its
    evaluation text uses (the library asks one, `award_*`, per criterion); None otherwise."""
    if clause.type is not ClauseType.AWARD or not clause.evaluation:
        return None
    used = {use.name for text in clause.evaluation.values() for use in parse_text(text).uses}
    numbers = [q.id for q in library.questions if q.type is QuestionType.NUMBER and q.id in used]
    if len(numbers) != 1 or numbers[0] not in context:
        return None
    return str(context[numbers[0]])
