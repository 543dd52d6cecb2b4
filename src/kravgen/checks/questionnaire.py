"""KG104, KG201, KG207: options, defaults and limits fit each question's type."""

from __future__ import annotations

from collections.abc import Iterator

from kravgen.conditions import COMBINATORS
from kravgen.errors import Finding
from kravgen.model import Library, Question, QuestionType
from kravgen.values import answer_hint, value_fits


def _default_fits(q: Question) -> bool:
    if q.type is QuestionType.MULTI:
        return isinstance(q.default, tuple) and all(value_fits(q, v) for v in q.default)
    return value_fits(q, q.default)


def check_questions(library: Library) -> list[Finding]:
    """KG207 and KG201: options, defaults and limits fit each question's type."""
    findings = []
    for q in library.questions:
        findings += [
            Finding(code, f"question {q.id}: {message}", q.at(name), hint)
            for code, name, message, hint in _question_problems(q)
        ]
    return findings


def _question_problems(q: Question) -> Iterator[tuple[str, str, str, str | None]]:
    """(code, the field at fault, message, hint) for each problem of one question."""
    if q.id in COMBINATORS:
        yield "KG104", "id", f"{q.id!r} is a word of conditions", "choose another id"
    has_options = q.type in (QuestionType.CHOICE, QuestionType.MULTI)
    if has_options and not q.options:
        yield "KG207", "type", f"a {q.type} question needs options", None
    if not has_options and q.options:
        hint = "remove 'options' or change 'type'"
        yield "KG207", "options", f"a {q.type} question has no options", hint
    values = q.option_values()
    for value in sorted({v for v in values if values.count(v) > 1}):
        again = values.index(value, values.index(value) + 1)
        yield "KG201", f"options[{again}].value", f"option {value!r} appears twice", None
    limits_ok = True
    if q.type is not QuestionType.NUMBER and (q.minimum is not None or q.maximum is not None):
        limit = "min" if q.minimum is not None else "max"
        yield "KG207", limit, "min and max are for number questions", None
    elif q.minimum is not None and q.maximum is not None and q.minimum > q.maximum:
        limits_ok = False
        yield "KG207", "min", f"min {q.minimum} is more than max {q.maximum}", None
    if limits_ok and q.default is not None and not _default_fits(q):
        shown = list(q.default) if isinstance(q.default, tuple) else q.default
        hint = answer_hint(q)
        if q.type is QuestionType.MULTI:
            hint = "a multi question's default is a list; " + hint
        yield "KG207", "default", f"default {shown!r} does not fit", hint
