"""Point 6 of issue 14: a session speaks its language everywhere; other messages follow
--lang, then the locale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from session_helpers import finish, run, spawn

from conftest import MINIMAL


def test_a_swedish_run_refuses_to_overwrite_in_swedish(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "bilaga.docx").write_bytes(b"old")
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", "bilaga.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "finns redan" in result.stderr  # type: ignore[attr-defined]
    assert "--force" in result.stderr  # type: ignore[attr-defined]
    assert "does not overwrite" not in result.stderr  # type: ignore[attr-defined]


def test_an_english_run_refuses_to_overwrite_in_english(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "bid.docx").write_bytes(b"old")
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", "bid.docx", "--lang", "en")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "already exists" in result.stderr  # type: ignore[attr-defined]


def test_an_english_run_names_its_files_in_english(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", "bid.md", "--lang", "en")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert (tmp_path / "bid-memo.md").is_file()
    assert not (tmp_path / "bid-pm.md").exists()
    assert "Buyer's memo: bid-memo.md" in result.stderr  # type: ignore[attr-defined]


@pytest.mark.terminal
@pytest.mark.parametrize(
    ("lang", "comment", "foreign"),
    [("sv", "# kravgens svarsfil", "Replay with"), ("en", "# kravgen answers file", "Skapa")],
)
def test_the_answers_file_speaks_the_session_language(
    tmp_path: Path, lang: str, comment: str, foreign: str
) -> None:
    pytest.importorskip("pexpect")
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.md", "--lang", lang)
    child.expect(r"1–2 \[1\]: ")
    child.sendline("2")
    child.expect(r"\?")
    child.sendline("Umeå kommun")
    child.expect(": $")
    child.sendline("")
    assert finish(child) == 0
    saved = next(tmp_path.glob("b-*.yaml")).read_text("utf-8")
    assert saved.startswith(comment)
    assert foreign not in saved


@pytest.mark.terminal
def test_a_terminal_session_ends_with_the_next_step_not_a_bare_file_name(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pexpect")
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.docx")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("2")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect("skapa bilagan: ")
    child.sendline("")
    assert finish(child) == 0
    last = str(child.before).strip().splitlines()[-1]
    assert last.startswith("Nästa steg:")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "finns inte"),
        ({"LANG": "en_GB.UTF-8"}, "does not exist"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "sv_SE.UTF-8"}, "finns inte"),
        ({"LANG": "C.UTF-8"}, "does not exist"),
    ],
)
def test_messages_outside_a_session_follow_the_locale(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    done = run(tmp_path, "inspect", "saknas.docx", **{"LC_ALL": "", "LC_MESSAGES": "", **env})
    assert done.returncode == 3
    assert expected in done.stderr


@pytest.mark.parametrize(("lang", "expected"), [("en", "does not exist"), ("sv", "finns inte")])
def test_lang_wins_over_the_locale(tmp_path: Path, lang: str, expected: str) -> None:
    other = "sv_SE.UTF-8" if lang == "en" else "en_GB.UTF-8"
    done = run(
        tmp_path, "new", "-l", str(MINIMAL), "-a", "saknas.yaml", "--lang", lang, LC_ALL=other
    )
    assert done.returncode == 3
    assert expected in done.stderr
