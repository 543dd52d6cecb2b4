"""Stage 3: which clauses apply. A pure function of the library and the answers."""

from __future__ import annotations

from kravgen.conditions import evaluate
from kravgen.model import Answers, ChecklistItem, Clause, Decision, Library, Selection


def select_clauses(library: Library, answers: Answers) -> Selection:
    """Decide every clause, in library order, with the answers that decided it."""
    decisions = []
    for clause in library.clauses:
        selected, reasons = evaluate(clause.when, answers.values)
        decisions.append(Decision(clause, selected, reasons))
    return Selection(tuple(decisions))


def select_checklist(
    library: Library, answers: Answers, selection: Selection
) -> tuple[tuple[ChecklistItem, tuple[str, ...]], ...]:
    """The checklist items that apply, in library order, each with the selected clauses that
    rely on it. An item applies when its condition holds and, if it `needs_clauses`, when one
    of the clauses that rely on it is selected."""
    out = []
    for item in library.checklist:
        if not evaluate(item.when, answers.values)[0]:
            continue
        relying = tuple(d.clause.id for d in selection.selected if relies_on(d.clause, item))
        if item.needs_clauses and not relying:
            continue
        out.append((item, relying))
    return tuple(out)


def relies_on(clause: Clause, item: ChecklistItem) -> bool:
    """Whether the clause relies on the checklist item: named by id, or of a type it names."""
    return clause.id in item.clauses or clause.type in item.clause_types
