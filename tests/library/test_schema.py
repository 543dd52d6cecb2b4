"""The field table: schema findings with exact messages, locations and hints."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from kravgen.library.schema import check_file, format_path, library_json_schema
from kravgen.library.yamlsource import parse_yaml

CLAUSE = """\
clauses:
  - id: KG-1-01
    version: 1
    type: ska-krav
    area: "1"
    title: {sv: T, en: T}
    text: {sv: Leverantören ska., en: The supplier shall.}
    verification: {sv: V, en: V}
    response: {confirm: true}
    motive: {sv: M, en: M}
    guidance: {sv: G, en: G}
"""


def _findings(text: str) -> list[tuple[str, int | None, int | None, str, str | None]]:
    doc = parse_yaml(textwrap.dedent(text), Path("f.yaml"))
    return [(f.code, f.where.line, f.where.column, f.message, f.hint) for f in check_file(doc)]


def _clause(old: str, new: str) -> list[tuple[str, int | None, int | None, str, str | None]]:
    assert old in CLAUSE
    return _findings(CLAUSE.replace(old, new, 1))


def test_a_good_clause_has_no_findings() -> None:
    assert _findings(CLAUSE) == []


def test_unknown_key_suggests_the_close_one() -> None:
    assert _clause("    guidance:", "    guidence:") == [
        ("KG103", 11, 5, "unknown key 'guidence' in clause KG-1-01", "did you mean 'guidance'?"),
        (
            "KG102",
            2,
            5,
            "clause KG-1-01 needs 'guidance'",
            "is 'guidence' a misspelling of 'guidance'?",
        ),
    ]


def test_unknown_key_without_a_close_one_lists_the_allowed_keys() -> None:
    [finding] = _findings("colour: red\n")
    assert finding[:4] == ("KG103", 1, 1, "unknown key 'colour' in library file")
    assert finding[4] == (
        "allowed keys: library, sections, questions, areas, references, definitions, "
        "principles, clauses, overrides, checklist, checklist_overrides"
    )


def test_empty_required_value_is_located_at_its_key() -> None:
    [finding] = _clause("    motive: {sv: M, en: M}", "    motive:")
    assert finding[:4] == ("KG102", 10, 5, "clause KG-1-01: 'motive' is empty")
    assert finding[4] == "fill it in; a required field cannot be left empty"


def test_empty_optional_value_is_fine() -> None:
    assert (
        _clause("    guidance: {sv: G, en: G}\n", "    guidance: {sv: G, en: G}\n    when:\n") == []
    )


G = "guidance: {sv: G, en: G}"
QUOTE = 'write it in quotes: "1.10"'
FIELD_CASES = [
    (
        "version: 1",
        "version: 1.10",
        "KG101",
        "expected a whole number, found 1.10 (a number)",
        None,
    ),
    ("version: 1", "version: 0", "KG104", "0 is less than 1", None),
    ('area: "1"', "area: 1.10", "KG105", "1.10 is read as a number but must be text", QUOTE),
    (
        "type: ska-krav",
        "type: skakrav",
        "KG104",
        "'skakrav' is not one of: ska-krav, tilldelningskriterium, kontraktsvillkor, "
        "kvalificeringskrav",
        "did you mean 'ska-krav'?",
    ),
    (
        "id: KG-1-01",
        "id: kg-1-01",
        "KG104",
        "'kg-1-01' is not a clause id such as KG-2A-01 (capitals, digits and dashes)",
        None,
    ),
    (
        "title: {sv: T, en: T}",
        "title: T",
        "KG101",
        "expected text per language ({sv: ..., en: ...}), found 'T' (text)",
        "write one text per language, e.g. {sv: ..., en: ...}",
    ),
    ("title: {sv: T, en: T}", "title: {sv: T, en: ' '}", "KG104", "must not be empty", None),
    (
        "response: {confirm: true}",
        "response: {confirm: on}",
        "KG101",
        "expected true or false, found 'on' (text)",
        "write true or false (yes, no, on and off are text)",
    ),
    (G, G + "\n    terms: [a, a]", "KG104", "'a' is listed twice", None),
    (G, G + "\n    review_by: 31/12/2027", "KG104", "'31/12/2027' is not a date YYYY-MM-DD", None),
    (
        G,
        G + "\n    when: [a]",
        "KG101",
        "a condition is a mapping, found a list",
        "e.g. when: {procurement_kind: it-system}",
    ),
]


@pytest.mark.parametrize(("old", "new", "code", "message", "hint"), FIELD_CASES)
def test_field_checks(old: str, new: str, code: str, message: str, hint: str | None) -> None:
    assert [(c, m, h) for c, _, _, m, h in _clause(old, new)] == [(code, message, hint)]


def test_default_that_fits_no_shape() -> None:
    text = """\
    questions:
      - id: q
        section: s
        type: text
        text: {sv: Q, en: Q}
        default: 1.5
    """
    [finding] = _findings(text)
    assert finding[:3] == ("KG105", 6, 14)
    assert finding[3] == (
        "expected true or false, a whole number, text or a list, found 1.5 (a number)"
    )
    assert finding[4] == 'if it is text, write it in quotes: "1.5"'


def test_top_level_that_is_not_a_mapping() -> None:
    [finding] = _findings("- a\n")
    assert finding[:4] == ("KG101", 1, 1, "a library file is a mapping, found a list")
    assert finding[4] == "start with a key such as 'clauses:' or 'questions:'"


def test_format_path() -> None:
    assert format_path(("clauses", 3, "text", "sv")) == "clauses[3].text.sv"
    assert format_path(()) == ""


# --- the JSON Schema agrees on conditions ------------------------------------------------------


def _condition_ok(condition: Any) -> bool:
    schema = library_json_schema()
    validator = Draft7Validator({**schema, "$ref": "#/definitions/condition"})
    return validator.is_valid(condition)


@pytest.mark.parametrize(
    "condition",
    [
        {"procurement_kind": ["it-system", "e-service"]},
        {"personal_data": {"not_in": ["none"]}},
        {"open_data": True},
        {"contract_years": {"min": 4, "max": 8}},
        {"q": {"answered": False}},
        {"any": [{"a": 1}, {"not": {"b": "x"}}], "all": [{"c": True}]},
    ],
)
def test_schema_accepts_documented_conditions(condition: dict[str, Any]) -> None:
    assert _condition_ok(condition)


@pytest.mark.parametrize(
    "condition",
    [
        {},
        {"q": {"is": "x"}},
        {"q": {"min": "4"}},
        {"any": []},
        {"any": {"a": 1}},
        {"Bad-Key": 1},
        {"q": 1.5},
        {"q": []},
    ],
)
def test_schema_rejects_malformed_conditions(condition: dict[str, Any]) -> None:
    assert not _condition_ok(condition)
