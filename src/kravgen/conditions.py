"""Declarative conditions on answers: reading them from library data and evaluating them.

A condition is data (see docs/library-format.md), never code, so it can be checked statically and
every decision can be explained by the answers it looked at.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kravgen.model import AllOf, AnswerValue, AnyOf, Condition, Match, Not, Reason

OPERATORS = ("in", "not_in", "min", "max", "answered")
COMBINATORS = ("all", "any", "not")


class ConditionSyntaxError(ValueError):
    """A malformed condition; `path` is relative to the condition's own location."""

    def __init__(self, message: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.path = path


def parse_condition(raw: Any, path: tuple[str | int, ...] = ()) -> Condition:
    """Turn a `when` mapping into a Condition.

    Raises:
        ConditionSyntaxError: the shape is not a valid condition.
    """
    if not isinstance(raw, dict) or not raw:
        raise ConditionSyntaxError("a condition is a non-empty mapping", path)
    parts = [_parse_entry(key, value, (*path, key)) for key, value in raw.items()]
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _parse_entry(key: str, value: Any, path: tuple[str | int, ...]) -> Condition:
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionSyntaxError(f"'{key}' takes a non-empty list of conditions", path)
        items = tuple(parse_condition(item, (*path, i)) for i, item in enumerate(value))
        return AllOf(items) if key == "all" else AnyOf(items)
    if key == "not":
        return Not(parse_condition(value, path))
    if isinstance(value, dict):
        if not value:
            raise ConditionSyntaxError(f"no test given for {key!r}", path)
        tests = [_parse_operator(key, op, arg, (*path, op)) for op, arg in value.items()]
        return tests[0] if len(tests) == 1 else AllOf(tuple(tests))
    return Match(key, "in", _scalars(value, path))


def _parse_operator(question: str, op: str, arg: Any, path: tuple[str | int, ...]) -> Match:
    if op in ("in", "not_in"):
        return Match(question, op, _scalars(arg, path))
    if op in ("min", "max"):
        if isinstance(arg, bool) or not isinstance(arg, int):
            raise ConditionSyntaxError(f"'{op}' takes a whole number", path)
        return Match(question, op, (arg,))
    if op == "answered":
        if not isinstance(arg, bool):
            raise ConditionSyntaxError("'answered' takes true or false", path)
        return Match(question, op, (arg,))
    raise ConditionSyntaxError(f"unknown test {op!r}; use one of {', '.join(OPERATORS)}", path)


def _scalars(value: Any, path: tuple[str | int, ...]) -> tuple[str | int | bool, ...]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ConditionSyntaxError("an empty list matches nothing", path)
    for index, item in enumerate(items):
        if not isinstance(item, str | int | bool):
            where = (*path, index) if isinstance(value, list) else path
            raise ConditionSyntaxError("expected an answer value (text, number, true/false)", where)
    return tuple(items)


def iter_matches(condition: Condition) -> Iterator[Match]:
    """Every single-question test inside a condition."""
    if isinstance(condition, Match):
        yield condition
    elif isinstance(condition, Not):
        yield from iter_matches(condition.item)
    else:
        for item in condition.items:
            yield from iter_matches(item)


def evaluate(
    condition: Condition | None, answers: Mapping[str, AnswerValue]
) -> tuple[bool, tuple[Reason, ...]]:
    """Whether the condition holds, with the answers that decided it (no condition: true)."""
    if condition is None:
        return True, ()
    result, reasons = _evaluate(condition, answers)
    return result, tuple(dict.fromkeys(reasons))


def _evaluate(
    condition: Condition, answers: Mapping[str, AnswerValue]
) -> tuple[bool, list[Reason]]:
    if isinstance(condition, Match):
        value = answers.get(condition.question)
        return _test(condition, value), [Reason(condition.question, value)]
    if isinstance(condition, Not):
        result, reasons = _evaluate(condition.item, answers)
        return not result, reasons
    results = [_evaluate(item, answers) for item in condition.items]
    if isinstance(condition, AllOf):
        result = all(ok for ok, _ in results)
        # A failed "all" is explained by the parts that failed; a passed one by all of them.
        deciding = results if result else [r for r in results if not r[0]]
    else:
        result = any(ok for ok, _ in results)
        deciding = [r for r in results if r[0]] if result else results
    return result, [reason for _, reasons in deciding for reason in reasons]


def holds(condition: Condition, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether a condition holds: `evaluate` without collecting the reasons (for analysis)."""
    if isinstance(condition, Match):
        return _test(condition, answers.get(condition.question))
    if isinstance(condition, Not):
        return not holds(condition.item, answers)
    if isinstance(condition, AllOf):
        return all(holds(item, answers) for item in condition.items)
    return any(holds(item, answers) for item in condition.items)


def _test(match: Match, value: AnswerValue | None) -> bool:
    if match.op == "answered":
        return (value is not None) is match.values[0]
    if value is None:
        return False
    if match.op in ("min", "max"):
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        limit = match.values[0]
        assert isinstance(limit, int)
        return value >= limit if match.op == "min" else value <= limit
    chosen: tuple[AnswerValue, ...] = value if isinstance(value, tuple) else (value,)
    hit = any(_same(item, wanted) for item in chosen for wanted in match.values)
    return hit if match.op == "in" else not hit


def _same(answer: AnswerValue, wanted: str | int | bool) -> bool:
    # True == 1 in Python; a yes/no answer must never match the number 1.
    return type(answer) is type(wanted) and answer == wanted
