"""Point 5 of issue 14: the questionnaire counts, numbers and re-asks as a user expects."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from session_helpers import finish, spawn

from conftest import BUNDLED, MINIMAL

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.terminal

PROGRESS = {
    "sv": r"Fråga (\d+) av (\d+)\r?\n([^\r\n]+)",
    "en": r"Question (\d+) of (\d+)\r?\n([^\r\n]+)",
}
REVIEW = {"sv": "skapa bilagan: ", "en": "build the annex: "}


def _answer_everything(child: Any, lang: str) -> tuple[list[tuple[int, int, str]], str]:
    """Take the default or the first option everywhere; return (n, total, question) per
    question and the text of the review."""
    prompts = [r"\] ?: ", r"1–\d+: ", r"\n> ", r"(?:j/n|y/n): ", r"1,3[^\r\n]*: ", REVIEW[lang]]
    # "yes" wherever asked: each yes opens follow-up questions, which is where a total
    # computed from the questions known so far used to grow (26 -> 30).
    replies = ["", "1", "Stensjö kommun", "j" if lang == "sv" else "y", "1"]
    asked: list[tuple[int, int, str]] = []
    while True:
        index = child.expect(prompts)
        if index == len(prompts) - 1:
            return asked, str(child.before)
        found = re.findall(PROGRESS[lang], str(child.before))
        assert found, child.before
        n, total, text = found[-1]
        asked.append((int(n), int(total), text.strip()))
        child.sendline(replies[index])
        assert len(asked) < 80, "the questionnaire does not end"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_total_never_grows_and_the_review_uses_the_question_numbers(
    tmp_path: Path, lang: str
) -> None:
    child = spawn(tmp_path, "new", "-l", str(BUNDLED), "-o", "b.docx", "--lang", lang)
    asked, review = _answer_everything(child, lang)
    totals = [total for _, total, _ in asked]
    assert totals == sorted(totals, reverse=True), totals
    assert [n for n, _, _ in asked] == list(range(1, len(asked) + 1))
    assert asked[-1][0] == asked[-1][1]
    numbered = dict(re.findall(r"^\s*(\d+)\. ([^\r\n]+)", review, re.MULTILINE))
    for n, _, text in asked:
        # The first 40 characters: a long question wraps on the screen.
        assert numbered[str(n)].startswith(text[:40]), (n, text, numbered.get(str(n)))
    child.sendline("")
    assert finish(child) == 0


def _library_with_an_optional_question(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(MINIMAL, lib)
    manifest = lib / "library.yaml"
    manifest.write_text(
        manifest.read_text("utf-8") + "  - id: contact_person\n"
        "    section: procurement\n"
        "    type: text\n"
        "    required: false\n"
        "    text: {sv: Vem är kontaktperson?, en: Who is the contact person?}\n",
        "utf-8",
    )
    return lib


def test_a_question_left_empty_stays_in_the_review_and_can_be_answered(tmp_path: Path) -> None:
    lib = _library_with_an_optional_question(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    child = spawn(work, "new", "-l", str(lib), "-o", "b.docx")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("2")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect("Vem är kontaktperson")
    child.sendline("")
    child.expect("skapa bilagan: ")
    line = re.search(r"(\d+)\. Vem är kontaktperson\?[^\r\n]*", str(child.before))
    assert line is not None, child.before
    child.sendline(line.group(1))
    child.expect("Vem är kontaktperson")
    child.sendline("Anna Berg")
    child.expect("skapa bilagan: ")
    child.sendline("")
    assert finish(child) == 0
    assert "contact_person: Anna Berg" in (work / "b-svar.yaml").read_text("utf-8")


def test_an_error_at_the_review_stays_on_a_small_screen(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "-l", str(BUNDLED), "-o", "b.docx", rows=24)
    _answer_everything(child, "sv")
    child.sendline("99")
    child.expect("skapa bilagan: ")
    after = str(child.before)
    assert "Skriv ett nummer mellan 1 och" in after
    assert after.count("\n") < 20, after  # the message is not pushed off a 24-line screen
    child.sendline("")
    assert finish(child) == 0


def test_the_multi_choice_hint_agrees_with_its_help(tmp_path: Path) -> None:
    child = spawn(
        tmp_path,
        "new",
        "-l",
        str(BUNDLED),
        "-o",
        "b.docx",
        "--set",
        "procurement_kind=it-system",
        "--set",
        "open_data=true",
    )
    while True:
        index = child.expect(
            [r"\] ?: ", r"1–\d+: ", r"\n> ", r"j/n: ", r"Välj en eller flera[^\r\n]*: "]
        )
        if index == 4:
            break
        child.sendline(["", "1", "Stensjö kommun", "n"][index])
    hint = str(child.after)
    child.sendline("?")
    child.expect(r"(?i)lämna tomt")
    assert "0 = inga" not in hint
    assert "tomt" in hint
    child.sendline("")  # empty means none, as the help says
    child.expect(r"Fråga \d+ av \d+|skapa bilagan: ")


def test_an_impossible_date_is_called_impossible(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(MINIMAL, lib)
    manifest = lib / "library.yaml"
    manifest.write_text(
        manifest.read_text("utf-8") + "  - id: date\n"
        "    section: procurement\n"
        "    type: date\n"
        "    required: false\n"
        "    text: {sv: Vilket datum?, en: Which date?}\n",
        "utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    child = spawn(work, "new", "-l", str(lib), "-o", "b.docx", "-s", "procurement_kind=it-system")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect(r"\[30\]: ")
    child.sendline("")
    child.expect("Vilket datum")
    child.expect(": ")
    child.sendline("2026-02-30")
    child.expect(r"[^\r\n]*finns inte[^\r\n]*")
    assert "ÅÅÅÅ-MM-DD" not in str(child.after)
    child.sendline("2026-02-28")
    child.expect("skapa bilagan: ")
    child.sendline("")
    assert finish(child) == 0


@pytest.mark.parametrize("seed", range(20))
def test_the_total_never_grows_whatever_is_answered(seed: int) -> None:
    """The same promise in process, over random answers to the bundled questionnaire."""
    import random

    from kravgen.library import load_library
    from kravgen.prompt import Terminal, run_questionnaire

    pick = random.Random(seed)
    said: list[str] = []

    def ask(prompt: str) -> str:
        if "skapa bilagan" in prompt:
            return ""
        if "j/n" in prompt:
            return pick.choice("jn")
        choice = re.search(r"1–(\d+)", prompt)
        if choice:
            return str(pick.randint(1, int(choice.group(1))))
        if "1,3" in prompt:
            return pick.choice(["", "1", "2,3", "0"])
        return "" if "[" in prompt else "Stensjö kommun"

    run_questionnaire(load_library((BUNDLED,)), "sv", Terminal(said.append, ask), {})
    shown = [
        tuple(map(int, m.groups()))
        for m in map(re.compile(r"Fråga (\d+) av (\d+)").match, said)
        if m
    ]
    totals = [total for _, total in shown]
    assert totals == sorted(totals, reverse=True)
    assert [n for n, _ in shown] == list(range(1, len(shown) + 1))
    assert shown[-1][0] == shown[-1][1]
