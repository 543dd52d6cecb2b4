"""Point 1 of issue 14: the rebuild command that `new` suggests rebuilds the same files."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from session_helpers import finish, run, spawn

from conftest import MINIMAL

pytestmark = pytest.mark.terminal
pytest.importorskip("pexpect")


def _english_session(tmp_path: Path) -> str:
    """Answer every question in an English session; return what it printed."""
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "bid.md", "--lang", "en")
    child.expect(r"Choose 1–2 \[1\]: ")
    child.sendline("1")
    child.expect("What is your organisation called")
    child.sendline("Umeå kommun")
    child.expect(r"\[30\]: ")
    child.sendline("")
    child.expect("to build the annex: ")
    child.sendline("")
    assert finish(child) == 0
    return str(child.before)


def test_the_suggested_rebuild_command_writes_the_same_english_annex(tmp_path: Path) -> None:
    printed = _english_session(tmp_path)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    line = next(s for s in printed.splitlines() if "kravgen new --answers" in s)
    suggested = shlex.split(line[line.index("kravgen new") :])
    assert str(MINIMAL) in suggested  # the library used is part of the command
    rebuilt = run(tmp_path, *suggested[1:])
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (tmp_path / "bid.md").read_bytes() == first["bid.md"]
    assert (tmp_path / "bid-answers.yaml").read_bytes() == first["bid-answers.yaml"]
    # The memo may differ only in the defaults to check: the session knows which answers
    # were taken with Enter, the answers file records values only.
    assert "The supplier shall give Umeå kommun" in (tmp_path / "bid.md").read_text("utf-8")


def test_an_answers_file_in_english_gives_an_english_annex_unless_lang_says_otherwise(
    tmp_path: Path, run_cli: object
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "lang: en\nanswers:\n  procurement_kind: it-system\n  buyer_name: Umeå kommun\n", "utf-8"
    )
    replay = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "en.md")  # type: ignore[operator]
    assert replay.exit_code == 0, replay.stderr
    assert "The supplier shall give Umeå kommun" in (tmp_path / "en.md").read_text("utf-8")
    forced = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "sv.md", "--lang", "sv")  # type: ignore[operator]
    assert forced.exit_code == 0, forced.stderr
    assert "Leverantören ska ge Umeå kommun" in (tmp_path / "sv.md").read_text("utf-8")
