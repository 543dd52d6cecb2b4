"""Stage 3: which clauses apply. A pure function of the library and the answers."""

from __future__ import annotations

from kravgen.conditions import evaluate
from kravgen.model import Answers, Decision, Library, Selection


def select_clauses(library: Library, answers: Answers) -> Selection:
    """Decide every clause, in library order, with the answers that decided it."""
    decisions = []
    for clause in library.clauses:
        selected, reasons = evaluate(clause.when, answers.values)
        decisions.append(Decision(clause, selected, reasons))
    return Selection(tuple(decisions))
