"""The library corpus: every folder under tests/libraries/invalid is a broken library.

Each case folder holds a small library (usually the minimal one with one thing broken) and
`expected.txt`: the exact text report of `kravgen validate`, hint lines included, with paths
relative to the case folder. The test runs with the case folder as working directory and
validates `.`, or the arguments in `args.txt` when the case needs layers or `--strict`.
Adding a folder adds a test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kravgen.cli import app
from kravgen.errors import CODES

LIBRARIES = Path(__file__).resolve().parents[1] / "libraries"
INVALID = sorted(p for p in (LIBRARIES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (LIBRARIES / "valid").iterdir() if p.is_dir())
BUNDLED = Path(__file__).resolve().parents[2] / "requirements-library"
FINDING = re.compile(r"^\S+: (error|warning) (KG\d{3}): ", re.MULTILINE)


def _args(case: Path) -> list[str]:
    args_file = case / "args.txt"
    return args_file.read_text("utf-8").split() if args_file.exists() else ["."]


def _expected_exit(report: str, args: list[str]) -> int:
    severities = [m.group(1) for m in FINDING.finditer(report)]
    failing = "error" in severities or ("--strict" in args and severities)
    return 1 if failing else 0


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_library_gives_exactly_the_expected_findings(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    expected = (case / "expected.txt").read_text("utf-8")
    args = _args(case)

    code, out = _validate(*args)

    assert out == expected
    assert code == _expected_exit(expected, args)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_case_folder_is_named_after_a_code_it_reports(case: Path) -> None:
    prefix = case.name.split("-")[0].upper()
    reported = {m.group(2) for m in FINDING.finditer((case / "expected.txt").read_text("utf-8"))}
    assert prefix in CODES
    assert prefix in reported


def test_every_code_has_a_case_folder() -> None:
    covered = {case.name.split("-")[0].upper() for case in INVALID}
    assert sorted(set(CODES) - covered) == []


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_library_has_no_findings(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    assert _validate("--strict", ".") == (0, "")


def test_bundled_library_has_no_errors() -> None:
    code, out = _validate(str(BUNDLED))
    assert [line for line in out.splitlines() if " error KG" in line] == []
    assert code == 0
