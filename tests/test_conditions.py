from __future__ import annotations

import pytest

from kravgen.conditions import ConditionSyntaxError, evaluate, parse_condition
from kravgen.model import AllOf, AnyOf, Match, Not, Reason


def test_a_mapping_of_several_questions_means_all_of_them() -> None:
    condition = parse_condition({"kind": ["a", "b"], "open_data": True})
    assert condition == AllOf((Match("kind", "in", ("a", "b")), Match("open_data", "in", (True,))))


def test_combinators_and_operators_parse() -> None:
    condition = parse_condition(
        {"any": [{"kind": "a"}, {"not": {"years": {"min": 4}}}], "pd": {"not_in": ["none"]}}
    )
    assert condition == AllOf(
        (
            AnyOf((Match("kind", "in", ("a",)), Not(Match("years", "min", (4,))))),
            Match("pd", "not_in", ("none",)),
        )
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "non-empty mapping"),
        ({"any": []}, "non-empty list"),
        ({"q": {"between": [1, 2]}}, "unknown test 'between'"),
        ({"q": {"min": "4"}}, "whole number"),
        ({"q": {"answered": "yes"}}, "true or false"),
        ({"q": [{"nested": 1}]}, "answer value"),
    ],
)
def test_malformed_conditions_are_rejected_with_a_reason(raw: object, message: str) -> None:
    with pytest.raises(ConditionSyntaxError, match=message):
        parse_condition(raw)


def test_evaluation_reports_the_answers_that_decided() -> None:
    condition = parse_condition({"kind": "it-system", "personal_data": {"not_in": ["none"]}})
    ok, reasons = evaluate(condition, {"kind": "it-system", "personal_data": "sensitive"})
    assert ok
    assert reasons == (Reason("kind", "it-system"), Reason("personal_data", "sensitive"))
    assert [str(r) for r in reasons] == ["kind = it-system", "personal_data = sensitive"]
    ok, reasons = evaluate(condition, {"kind": "e-service", "personal_data": "sensitive"})
    assert not ok
    assert reasons == (Reason("kind", "e-service"),)


def test_an_unanswered_question_makes_a_test_false_and_its_negation_true() -> None:
    assert evaluate(parse_condition({"q": {"not_in": ["x"]}}), {}) == (False, (Reason("q", None),))
    assert str(Reason("q", None)) == "q: unanswered"
    assert str(Reason("q", True)) == "q = true"
    assert str(Reason("q", ("a", "b"))) == "q = a, b"
    assert evaluate(parse_condition({"not": {"q": "x"}}), {})[0] is True
    assert evaluate(parse_condition({"q": {"answered": False}}), {})[0] is True


def test_multi_answers_match_when_they_include_a_value() -> None:
    condition = parse_condition({"themes": ["mobility", "statistics"]})
    assert evaluate(condition, {"themes": ("geospatial", "mobility")})[0]
    assert not evaluate(condition, {"themes": ("geospatial",)})[0]
    assert not evaluate(condition, {"themes": ()})[0]


def test_yes_no_answers_never_match_numbers() -> None:
    assert not evaluate(parse_condition({"q": 1}), {"q": True})[0]
    assert evaluate(parse_condition({"q": True}), {"q": True})[0]


def test_number_limits() -> None:
    condition = parse_condition({"years": {"min": 4, "max": 8}})
    assert [evaluate(condition, {"years": y})[0] for y in (3, 4, 8, 9)] == [
        False,
        True,
        True,
        False,
    ]


def test_no_condition_always_holds() -> None:
    assert evaluate(None, {}) == (True, ())
