"""KG202, KG203, KG208: conditions name questions asked before them, and values those questions
can take."""

from __future__ import annotations

from collections.abc import Iterator

from kravgen.checks.answerspace import LibraryIndex
from kravgen.conditions import iter_matches
from kravgen.errors import Finding, SourceLocation, did_you_mean
from kravgen.model import Condition, Library, Match, Question, QuestionType
from kravgen.values import answer_hint, value_fits


def _conditions(library: Library) -> Iterator[tuple[str, Condition, SourceLocation, int | None]]:
    """(owner, condition, where, index of the owning question or None for clauses and
    checklist items)."""
    for index, question in enumerate(library.questions):
        if question.when is not None:
            yield f"question {question.id}", question.when, question.at("when"), index
    for clause in library.clauses:
        if clause.when is not None:
            yield f"clause {clause.id}", clause.when, clause.at("when"), None
    for item in library.checklist:
        if item.when is not None:
            yield f"checklist item {item.id}", item.when, item.at("when"), None


def check_conditions(library: Library, index: LibraryIndex) -> list[Finding]:
    """KG202, KG203, KG208: conditions name asked-before questions and values they can take."""
    questions = index.questions
    order = {q: i for i, q in enumerate(questions)}
    findings = []
    for owner, condition, where, position in _conditions(library):
        for match in iter_matches(condition):
            question = questions.get(match.question)
            if question is None:
                findings.append(
                    Finding(
                        "KG202",
                        f"{owner}: condition names unknown question {match.question!r}",
                        where,
                        did_you_mean(match.question, questions),
                    )
                )
                continue
            if position is not None and order[match.question] >= position:
                findings.append(
                    Finding(
                        "KG208",
                        f"{owner}: condition depends on {question.id!r}, "
                        "which is not asked before it",
                        where,
                        "move the question earlier in the questionnaire",
                    )
                )
            findings += check_match(owner, match, question, where)
    return findings


def check_match(
    owner: str, match: Match, question: Question, where: SourceLocation
) -> list[Finding]:
    if match.op == "answered":
        return []
    if match.op in ("min", "max"):
        if question.type is QuestionType.NUMBER:
            return []
        message = f"{owner}: '{match.op}' on {question.id}, a {question.type} question"
        return [Finding("KG203", message, where, "min and max test number answers")]
    for value in match.values:
        # A number outside min..max is still a sensible threshold to test against.
        fits = value_fits(question, value) or (
            question.type is QuestionType.NUMBER
            and isinstance(value, int)
            and not isinstance(value, bool)
        )
        if not fits:
            message = f"{owner}: {question.id} can never be {value!r}"
            return [Finding("KG203", message, where, answer_hint(question))]
    return []
