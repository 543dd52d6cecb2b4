"""The four output formats of `kravgen validate`: text, json, github and sarif."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from typer.testing import CliRunner

from kravgen.cli import app
from kravgen.errors import CODES, Finding, SourceLocation
from kravgen.report import FORMATTERS, format_github, format_json, format_sarif, format_text

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-2.1.0.schema.json"
CASE = Path(__file__).resolve().parent / "libraries" / "invalid" / "kg506-vague"

FINDINGS = [
    Finding(
        "KG101",
        "expected text, found 'yes' (text)",
        SourceLocation(Path("lib/clauses.yaml"), 12, 5),
        "write true or false",
        "clauses[0].response.confirm",
    ),
    Finding(
        "KG603",
        "T-1-01: review was due 2020-06-30",
        SourceLocation(Path("lib/a b#c.yaml"), 3, None),
    ),
    Finding("KG106", "the library has no manifest", SourceLocation(Path("lib"))),
]
# Every character GitHub's workflow commands treat specially, in a path, a message and a hint.
NASTY = Finding(
    "KG302",
    "100% wrong:\r\nsee {{ x }}, then: y",
    SourceLocation(Path("dir,with:colon/f%.yaml"), 7, 9),
    "line one\nline two",
)


def test_text_lines_are_exact() -> None:
    assert format_text(FINDINGS) == (
        "lib/clauses.yaml:12:5: error KG101: expected text, found 'yes' (text)\n"
        "  hint: write true or false\n"
        "lib/a b#c.yaml:3:1: warning KG603: T-1-01: review was due 2020-06-30\n"
        "lib: error KG106: the library has no manifest\n"
    )


def test_text_of_no_findings_is_empty() -> None:
    assert format_text([]) == ""


def test_json_has_the_public_keys() -> None:
    rows = json.loads(format_json(FINDINGS))
    assert rows[0] == {
        "file": "lib/clauses.yaml",
        "line": 12,
        "column": 5,
        "code": "KG101",
        "severity": "error",
        "message": "expected text, found 'yes' (text)",
        "hint": "write true or false",
        "path": "clauses[0].response.confirm",
    }
    assert (rows[2]["line"], rows[2]["column"], rows[2]["hint"]) == (None, None, None)
    public = {"file", "line", "column", "code", "severity", "message"}
    assert all(public <= row.keys() for row in rows)


def test_json_of_no_findings_is_an_empty_array() -> None:
    assert json.loads(format_json([])) == []


def test_github_annotations() -> None:
    assert format_github(FINDINGS[:1] + FINDINGS[2:]) == (
        "::error file=lib/clauses.yaml,line=12,col=5,title=kravgen KG101::"
        "expected text, found 'yes' (text)%0Ahint: write true or false\n"
        "::error file=lib,title=kravgen KG106::the library has no manifest\n"
    )


def test_github_escapes_data_and_properties() -> None:
    line = format_github([NASTY]).rstrip("\n")
    assert "\n" not in line
    assert "\r" not in line
    assert line == (
        "::error file=dir%2Cwith%3Acolon/f%25.yaml,line=7,col=9,title=kravgen KG302::"
        "100%25 wrong:%0D%0Asee {{ x }}, then: y%0Ahint: line one%0Aline two"
    )


def test_github_warning_uses_the_warning_command() -> None:
    assert format_github(FINDINGS[1:2]).startswith("::warning file=lib/a b#c.yaml,line=3,col=1,")


def _sarif_validator() -> Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


@pytest.mark.parametrize("findings", [FINDINGS, [NASTY], []], ids=["mixed", "nasty", "none"])
def test_sarif_is_valid_against_the_sarif_210_schema(findings: list[Finding]) -> None:
    log = json.loads(format_sarif(findings))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _sarif_validator().iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_sarif_results_locations_and_rules() -> None:
    run = json.loads(format_sarif(FINDINGS))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CODES)
    first, second, third = run["results"]
    assert first["ruleId"] == "KG101"
    assert rules[first["ruleIndex"]]["id"] == "KG101"
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "lib/clauses.yaml"},
        "region": {"startLine": 12, "startColumn": 5},
    }
    assert second["level"] == "warning"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "lib/a%20b%23c.yaml"
    )
    assert "region" not in third["locations"][0]["physicalLocation"]
    assert rules[index(rules, "KG603")]["defaultConfiguration"] == {"level": "warning"}


def index(rules: list[dict[str, object]], code: str) -> int:
    return next(i for i, rule in enumerate(rules) if rule["id"] == code)


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_every_format_through_the_cli(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASE)
    result = CliRunner().invoke(app, ["validate", "--format", fmt, "."], catch_exceptions=False)
    assert result.exit_code == 0  # a warning only
    assert "KG506" in result.stdout
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


@pytest.mark.parametrize(("args", "code"), [((), 0), (("--strict",), 1)])
def test_strict_makes_warnings_fail(
    args: tuple[str, ...], code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASE)
    result = CliRunner().invoke(app, ["validate", *args, "."], catch_exceptions=False)
    assert result.exit_code == code


def test_unknown_format_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASE)
    result = CliRunner().invoke(app, ["validate", "--format", "xml", "."])
    assert result.exit_code == 2


def test_paths_outside_the_working_directory_stay_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kravgen.report import display_path

    inside = tmp_path / "work"
    inside.mkdir()
    monkeypatch.chdir(inside)
    assert display_path(inside / "lib" / "a.yaml") == "lib/a.yaml"
    assert display_path(tmp_path / "other" / "a.yaml") == (tmp_path / "other" / "a.yaml").as_posix()
    assert display_path(Path("lib/a.yaml")) == "lib/a.yaml"
