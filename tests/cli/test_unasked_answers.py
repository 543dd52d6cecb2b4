"""Issue 11 §3: an answer given for a question that is not asked is never dropped silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from conftest import MINIMAL

Run = Callable[..., Result]


def test_a_set_value_for_an_unasked_question_is_reported_in_swedish(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(procurement_kind="feasibility-study")
    result = run_cli(
        "new", "-l", MINIMAL, "-a", answers, "--set", "export_days=10", "-o", "bilaga.md",
        "--format", "md",
    )  # fmt: skip
    assert result.exit_code == 0
    assert (
        "varning: svaret på export_days (Inom hur många dagar ska en export levereras?) används "
        "inte, eftersom frågan inte ställs med era svar: procurement_kind = feasibility-study"
    ) in result.stderr
    assert Path("bilaga.md").exists()


def test_an_answers_file_value_for_an_unasked_question_is_reported_in_english(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(procurement_kind="feasibility-study", export_days=10)
    result = run_cli(
        "new", "-l", MINIMAL, "-a", answers, "-o", "annex.md", "--format", "md", "--lang", "en"
    )
    assert result.exit_code == 0
    assert "warning: the answer to export_days (Within how many days" in result.stderr
    assert "not asked given your answers: procurement_kind = feasibility-study" in result.stderr


def test_no_warning_when_every_given_answer_is_used(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(export_days=10)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "bilaga.md", "--format", "md")
    assert result.exit_code == 0
    assert "export_days" not in result.stderr
