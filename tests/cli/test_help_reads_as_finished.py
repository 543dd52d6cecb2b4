"""Point 7 of issue 14: help that shows choices and speaks about its own command."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

COMMANDS = ["new", "validate", "list", "questions", "explain", "coverage", "inspect", "schema"]


def _help(run_cli: Callable[..., object], *args: str) -> str:
    result = run_cli(*args, "--help")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_type_names(
    run_cli: Callable[..., object], command: str | None
) -> None:
    text = _help(run_cli, *([command] if command else []))
    leaked = re.findall(r"<(?:bool|list\[\w+\]|str|int)>|\{\w+\}", text)
    assert leaked == [], text


def test_choices_are_shown_as_choices(run_cli: Callable[..., object]) -> None:
    text = _help(run_cli, "new")
    assert "sv|en" in text
    assert "docx|md" in text


@pytest.mark.parametrize("command", ["list", "questions", "coverage"])
def test_lang_help_speaks_of_the_command_s_own_output(
    run_cli: Callable[..., object], command: str
) -> None:
    text = _help(run_cli, command)
    assert "prompts" not in text
    assert "annex" not in text.split("--lang", 1)[1].splitlines()[0]


@pytest.mark.parametrize(("option", "value"), [("--lang", "de"), ("--format", "odt")])
def test_a_wrong_choice_names_the_choices_in_plain_words(
    run_cli: Callable[..., object], option: str, value: str
) -> None:
    result = run_cli("new", option, value)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    stderr = str(result.stderr)  # type: ignore[attr-defined]
    assert "Value error" not in stderr
    assert f"'{value}'" in stderr
    assert "choose" in stderr.lower()
