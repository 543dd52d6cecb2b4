"""Declarative conditions on answers: reading them from library data and evaluating them.

A condition is data (see docs/library-format.md), never code, so it can be checked statically and
every decision can be explained by the answers it looked at.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kravgen.model import AllOf, AnswerValue, AnyOf, Condition, Match, Not, Reason

# The grammar, in one place: the parser below and condition_json_schemas() both read these.
_ONE_OR_MORE_REF = {"$ref": "#/definitions/one_or_more"}
OPERAND_SCHEMAS: dict[str, dict[str, Any]] = {
    "in": _ONE_OR_MORE_REF,
    "not_in": _ONE_OR_MORE_REF,
    "min": {"type": "integer"},
    "max": {"type": "integer"},
    "answered": {"type": "boolean"},
}
OPERATORS = tuple(OPERAND_SCHEMAS)
COMBINATOR_HELP = {
    "all": "Holds if every condition in the list holds",
    "any": "Holds if one of the conditions in the list holds",
    "not": "Holds if the condition does not hold",
}
COMBINATORS = tuple(COMBINATOR_HELP)


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


def condition_json_schemas() -> dict[str, Any]:
    """The JSON Schema definitions of a condition, built from the tables the parser uses."""
    ref = "#/definitions/"
    combinators: dict[str, Any] = {
        word: {
            "description": text,
            "type": "array",
            "minItems": 1,
            "items": {"$ref": ref + "condition"},
        }
        for word, text in COMBINATOR_HELP.items()
        if word != "not"
    }
    # draft-07 ignores keywords beside "$ref": allOf keeps the description editors show.
    not_ref = [{"$ref": ref + "condition"}]
    combinators["not"] = {"description": COMBINATOR_HELP["not"], "allOf": not_ref}
    question_key = r"^(?!(?:" + "|".join(COMBINATORS) + r")$)[a-z][a-z0-9_]*$"
    one_or_more = {
        "anyOf": [
            {"$ref": ref + "answer_value"},
            {"type": "array", "minItems": 1, "items": {"$ref": ref + "answer_value"}},
        ]
    }
    return {
        "answer_value": {"type": ["string", "integer", "boolean"]},
        "condition": {
            "type": "object",
            "description": "Every key must hold: a question id with a test, or all/any/not",
            "minProperties": 1,
            "properties": combinators,
            "patternProperties": {question_key: {"$ref": ref + "test"}},
            "additionalProperties": False,
        },
        "test": {
            "description": "A value (equals/includes), a list (one of), or a mapping of operators",
            "anyOf": [
                {"$ref": ref + "one_or_more"},
                {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": False,
                    "properties": dict(OPERAND_SCHEMAS),
                },
            ],
        },
        "one_or_more": one_or_more,
    }
