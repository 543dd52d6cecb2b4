"""`kravgen new` in a real pseudo-terminal, as a procurement officer would run it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.terminal

TIMEOUT = 30


def spawn(tmp_path: Path, *args: str, library: Path = MINIMAL) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "KRAVGEN_DEBUG")}
    env.update(COLUMNS="120", LINES="40", NO_COLOR="1", TERM="dumb")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kravgen", "new", "-l", str(library), "-o", "bilaga.docx", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 120),
    )
    return child


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def test_a_complete_session_writes_annex_memo_and_answers(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Fråga 1 av 3")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("1")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect(r"\[30\]: ")
    child.sendline("")
    child.expect("Granska svaren")
    child.expect("Urval: 2 krav")
    child.expect("tryck Enter för att skapa bilagan: ")
    child.sendline("")
    child.expect("Svarsfil: bilaga-svar.yaml")
    assert finish(child) == 0
    assert (tmp_path / "bilaga.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "bilaga-pm.docx").is_file()
    saved = (tmp_path / "bilaga-svar.yaml").read_text("utf-8")
    assert "buyer_name: Umeå kommun" in saved
    assert "export_days: 30" in saved


def test_help_bad_value_and_a_change_at_the_review(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "en")
    child.expect(r"Choose 1–2 \[1\]: ")
    child.sendline("?")
    child.expect("Pick what best describes the procurement.")
    child.sendline("2")
    child.expect("What is your organisation called")
    child.sendline("Region Norr")
    child.expect("Review your answers")
    child.expect("to build the annex: ")
    child.sendline("1")  # change the procurement kind
    child.expect(r"Choose 1–2 \[1\]: ")
    child.sendline("1")
    child.expect(r"\[30\]: ")  # export_days is now relevant and asked
    child.sendline("abc")
    child.expect("Invalid answer. Give a whole number from 1 to 365.")
    child.sendline("21")
    child.expect("Review your answers")
    child.expect("to build the annex: ")
    child.sendline("")
    assert finish(child) == 0
    saved = (tmp_path / "bilaga-answers.yaml").read_text("utf-8")
    assert "procurement_kind: it-system" in saved
    assert "export_days: 21" in saved


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("1")
    child.expect("Vad heter er organisation")
    child.sendintr()
    child.expect("Inget har skrivits")
    assert finish(child) == 130
    assert list(tmp_path.iterdir()) == []


def test_upgrade_asks_only_the_new_question(tmp_path: Path) -> None:
    from conftest import changed_library

    saved = tmp_path / "saved.yaml"
    saved.write_text(
        "library: {name: test-minimal, version: 1.0.0, digest: 'sha256:old'}\n"
        "answers:\n  procurement_kind: it-system\n  buyer_name: Umeå kommun\n  export_days: 30\n"
        "selected: {T-1-01: 1, T-2-01: 1}\n",
        "utf-8",
    )
    lib = changed_library(tmp_path)
    child = spawn(tmp_path, "-a", str(saved), "--upgrade", library=lib)
    child.expect("krav med ny lydelse: T-1-01")
    child.expect("Fråga 1 av 1")
    child.expect("Vem är kontaktperson")
    child.sendline("Anna Berg")
    child.expect("Granska svaren")
    child.expect("skapa bilagan: ")
    child.sendline("")
    assert finish(child) == 0
    assert "contact_person: Anna Berg" in (tmp_path / "bilaga-svar.yaml").read_text("utf-8")


def test_the_readme_session_on_the_bundled_library(tmp_path: Path) -> None:
    """The README's first command: every question of the bundled library, answered as a
    hurried officer would (defaults where offered), ends in an annex."""
    from conftest import BUNDLED

    child = spawn(tmp_path, library=BUNDLED)
    prompts = [
        r"Välj 1–\d+ \[\d+\]: ",  # a choice with a default: Enter
        r"Välj 1–\d+: ",  # a choice without one: the first option
        r"j/n: ",
        r"Välj en eller flera, t\.ex\. 1,3 \((?:0|tomt) = inga\)(?: \[[^\]]*\])?: ",
        r"\] ?: ",  # any other prompt with a default
        r"\n> ",  # free text
        r"skapa bilagan: ",
    ]
    replies = ["", "1", "j", "1", "", "Stensjö kommun", ""]
    asked = 0
    while True:
        index = child.expect(prompts)
        child.sendline(replies[index])
        if index == len(prompts) - 1:
            break
        asked += 1
        assert asked < 60, "the questionnaire does not end"
    child.expect("Svarsfil: bilaga-svar.yaml")
    assert finish(child) == 0
    assert asked >= 20
    saved = (tmp_path / "bilaga-svar.yaml").read_text("utf-8")
    assert "buyer_name: Stensjö kommun" in saved
    assert (tmp_path / "bilaga.docx").read_bytes().startswith(b"PK")
