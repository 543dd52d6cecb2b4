"""Point 4 of issue 14: the output's suffix decides the format; a contradiction is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL


@pytest.fixture
def answers(answers_file: Callable[..., Path]) -> Path:
    return answers_file()


def _new(run_cli: Callable[..., object], answers: Path, *args: str) -> object:
    return run_cli("new", "-l", MINIMAL, "-a", answers, *args)


def test_an_md_output_without_format_writes_markdown(
    run_cli: Callable[..., object], answers: Path, tmp_path: Path
) -> None:
    result = _new(run_cli, answers, "-o", "bilaga.md")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert (tmp_path / "bilaga.md").read_text("utf-8").startswith("#")
    assert (tmp_path / "bilaga-pm.md").read_text("utf-8").startswith("#")


def test_a_docx_output_without_format_writes_word(
    run_cli: Callable[..., object], answers: Path, tmp_path: Path
) -> None:
    result = _new(run_cli, answers, "-o", "bilaga.docx")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert (tmp_path / "bilaga.docx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--format", "md", "-o", "mm.docx"], "--format md"),
        (["--format", "docx", "-o", "mm.md"], "--format docx"),
        (["-o", "bilaga.txt"], ".txt"),
    ],
)
def test_a_contradiction_or_unknown_suffix_is_refused_and_nothing_written(
    run_cli: Callable[..., object], answers: Path, tmp_path: Path, args: list[str], said: str
) -> None:
    before = set(tmp_path.iterdir())
    result = _new(run_cli, answers, *args)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert said in result.stderr  # type: ignore[attr-defined]
    assert "This is a bug" not in result.stderr  # type: ignore[attr-defined]
    assert set(tmp_path.iterdir()) == before


def test_an_unknown_suffix_is_refused_before_anything_is_written(
    run_cli: Callable[..., object], answers: Path, tmp_path: Path
) -> None:
    result = _new(run_cli, answers, "-o", "bilaga.odt")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert ".odt" in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.glob("bilaga*")) == []


def test_a_name_without_suffix_gets_the_suffix_of_the_format(
    run_cli: Callable[..., object], answers: Path, tmp_path: Path
) -> None:
    result = _new(run_cli, answers, "--format", "md", "-o", "bilaga")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert (tmp_path / "bilaga.md").is_file()
