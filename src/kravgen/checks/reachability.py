"""KG601, KG602: clauses and questions no combination of answers reaches, and questions
whose answer changes nothing. The answer space itself is queried through answerspace."""

from __future__ import annotations

from kravgen.checks.answerspace import (
    MAX_TOTAL_COMBINATIONS,
    Budget,
    LibraryIndex,
    analyse,
)
from kravgen.checks.conditions import check_match
from kravgen.checks.placeholders import placeholder_names
from kravgen.conditions import iter_matches
from kravgen.errors import Finding, SourceLocation
from kravgen.model import COVER_FIELDS, Condition, Library


def _broken_questions(library: Library, index: LibraryIndex) -> set[str]:
    """Questions whose condition has an error (KG202, KG203, KG208), or depends on one."""
    broken: set[str] = set()
    asked_before: set[str] = set()
    for question in library.questions:
        when = question.when
        if when is not None and not (
            _sound(index, when, broken)
            and all(m.question in asked_before for m in iter_matches(when))
        ):
            broken.add(question.id)
        asked_before.add(question.id)
    return broken


def _sound(index: LibraryIndex, condition: Condition, broken: set[str]) -> bool:
    """Whether a condition is free of errors. An error is reported by check_conditions; the
    reachability warnings it would cause repeat it, so they are left out."""
    for match in iter_matches(condition):
        question = index.questions.get(match.question)
        if question is None or match.question in broken:
            return False
        if check_match("", match, question, SourceLocation()):
            return False
    return True


def check_reachability(library: Library, index: LibraryIndex) -> list[Finding]:
    """KG601, KG602: clauses no answers select; questions whose answer changes nothing."""
    budget = Budget(MAX_TOTAL_COMBINATIONS)
    broken = _broken_questions(library, index)
    findings = []
    deciders: set[str] = set()
    for clause in library.clauses:
        if clause.when is None:
            continue
        if not _sound(index, clause.when, broken):
            deciders.update(m.question for m in iter_matches(clause.when))
            continue
        verdict = analyse(index, clause.when, budget)
        deciders |= verdict.deciders
        if verdict.reachable is False:
            findings.append(
                Finding(
                    "KG601",
                    f"{clause.id}: no combination of answers selects this clause",
                    clause.at("when"),
                    "check the condition against the questions' options and conditions",
                )
            )
    never_asked = set(broken)
    for question in library.questions:
        if question.when is None or question.id in broken:
            continue
        if analyse(index, question.when, budget).reachable is False:
            never_asked.add(question.id)
            findings.append(
                Finding(
                    "KG601",
                    f"question {question.id}: no combination of earlier answers asks it",
                    question.at("when"),
                    "check its condition against the earlier questions",
                )
            )
    findings += _unused_questions(library, index, deciders, never_asked)
    return findings


def _unused_questions(
    library: Library, index: LibraryIndex, deciders: set[str], never_asked: set[str]
) -> list[Finding]:
    used = deciders | placeholder_names(library) | COVER_FIELDS
    # An answer that decides which checklist items the memo lists changes something too.
    used |= {m.question for i in library.checklist if i.when for m in iter_matches(i.when)}
    # Deciding whether a used question is asked is a use too.
    todo = [index.questions[name] for name in used if name in index.questions]
    while todo:
        question = todo.pop()
        for match in iter_matches(question.when) if question.when is not None else ():
            if match.question not in used and match.question in index.questions:
                used.add(match.question)
                todo.append(index.questions[match.question])
    return [
        Finding(
            "KG602",
            f"question {q.id}: no answer to it changes which clauses are selected, "
            "and no text uses it",
            q.origin,
            "use it in a condition or a placeholder, or remove it",
        )
        for q in library.questions
        if q.id not in used and q.id not in never_asked
    ]
