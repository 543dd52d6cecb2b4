"""Whether a value fits a question, and dates: one source for the library checks (defaults,
condition values, review dates) and the questionnaire (answers typed, given with --set or
read from an answers file)."""

from __future__ import annotations

import re
from datetime import date

from kravgen.model import Question, QuestionType

_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(value: object) -> date | None:
    """The date a value names, if it is a real calendar date written YYYY-MM-DD (the one
    form kravgen accepts in libraries, answers files and typed answers), else None."""
    if not isinstance(value, str) or not _DATE_FORM.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def is_date(value: object) -> bool:
    return parse_iso_date(value) is not None


def value_fits(question: Question, value: object) -> bool:
    """Whether `value` is an answer the question can have (a multi takes each option alone)."""
    if question.type in (QuestionType.CHOICE, QuestionType.MULTI):
        return isinstance(value, str) and value in question.option_values()
    if question.type is QuestionType.YESNO:
        return isinstance(value, bool)
    if question.type is QuestionType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        low, high = question.minimum, question.maximum
        return (low is None or value >= low) and (high is None or value <= high)
    if question.type is QuestionType.DATE:
        return is_date(value)
    return isinstance(value, str)


def answer_hint(question: Question) -> str:
    """What a question accepts, said as a hint."""
    if question.options:
        return f"{question.id} takes: {', '.join(question.option_values())}"
    if question.type is QuestionType.YESNO:
        return "write true or false (yes and no are text)"
    if question.type is QuestionType.NUMBER:
        low = "" if question.minimum is None else f" from {question.minimum}"
        high = "" if question.maximum is None else f" up to {question.maximum}"
        return f"{question.id} takes a whole number{low}{high}"
    if question.type is QuestionType.DATE:
        return f"{question.id} takes a date YYYY-MM-DD"
    return f"{question.id} takes text"
