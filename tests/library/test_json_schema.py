"""schema/library.schema.json: generated from the field table, draft-07, in step with kravgen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from kravgen.cli import app
from kravgen.library.schema import library_json_schema
from kravgen.library.yamlsource import read_yaml_file

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "schema" / "library.schema.json"
LIBRARIES = REPO / "tests" / "libraries"
LIBRARY_FILES = sorted((REPO / "requirements-library").rglob("*.yaml")) + sorted(
    (LIBRARIES / "valid").rglob("*.yaml")
)
# Corpus cases whose only problem is one the schema can express: editors must flag them too.
SCHEMA_CASES = (
    "kg101-list-at-top",
    "kg101-version-not-whole",
    "kg101-wrong-type",
    "kg101-yes-is-not-true",
    "kg102-empty-value",
    "kg102-missing-field",
    "kg103-language-code",
    "kg103-unknown-key",
    "kg103-unknown-top-level-key",
    "kg104-condition-syntax",
    "kg104-id-form",
    "kg104-listed-twice",
    "kg104-not-an-option",
    "kg105-boolean-as-text",
    "kg105-number-as-id",
    "kg105-quote-the-version",
)
# JSON Schema draft-07 keywords; the generator must use no other (yaml-language-server support).
DRAFT7_KEYWORDS = {
    "$id", "$ref", "$schema", "additionalProperties", "allOf", "anyOf", "definitions",
    "description", "enum", "items", "maxItems", "maximum", "maxLength", "minItems", "minimum",
    "minLength", "minProperties", "not", "oneOf", "pattern", "patternProperties", "properties",
    "required", "title", "type", "uniqueItems",
}  # fmt: skip


def _validator() -> Draft7Validator:
    return Draft7Validator(json.loads(COMMITTED.read_text("utf-8")))


def _keywords(schema: Any) -> set[str]:
    """Every keyword in a schema (names under properties and definitions are not keywords)."""
    found: set[str] = set()
    if isinstance(schema, list):
        for item in schema:
            found |= _keywords(item)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            named = key in ("properties", "patternProperties", "definitions")
            for sub in value.values() if named else [value]:
                found |= _keywords(sub)
    return found


def test_committed_schema_is_the_generated_one() -> None:
    generated = json.dumps(library_json_schema(), ensure_ascii=False, indent=2) + "\n"
    assert COMMITTED.read_text("utf-8") == generated, (
        "run: kravgen schema > schema/library.schema.json"
    )


def test_kravgen_schema_prints_the_committed_file() -> None:
    result = CliRunner().invoke(app, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(COMMITTED.read_text("utf-8"))


def test_schema_is_valid_draft_07() -> None:
    schema = library_json_schema()
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert _keywords(schema) <= DRAFT7_KEYWORDS
    assert "$defs" not in json.dumps(schema)


def test_every_field_has_a_description_for_hover_help() -> None:
    schema = library_json_schema()
    clause = schema["properties"]["clauses"]["items"]
    assert all("description" in field for field in clause["properties"].values())


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_schema_accepts_library_files(path: Path) -> None:
    # Read the way kravgen reads (YAML 1.2 scalars: `No` is text), as yaml-language-server does.
    errors = [e.message for e in _validator().iter_errors(read_yaml_file(path).value)]
    assert errors == []


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_schema_rejects_what_the_loader_rejects(case: str) -> None:
    folder = LIBRARIES / "invalid" / case
    validator = _validator()
    rejected = [
        p.name
        for p in sorted(folder.glob("*.yaml"))
        if not validator.is_valid(read_yaml_file(p).value)
    ]
    assert rejected != []
