"""`kravgen new --keep-defaults`: the values with a default are kept without asking, the
questions that decide which requirements apply are still asked, and the review can change a
kept value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from session_helpers import finish, spawn
from test_questionnaire_flow import _answer_everything

from conftest import BUNDLED, MINIMAL

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.terminal


def test_only_the_scoping_questions_are_asked_and_the_review_lists_the_kept_values(
    tmp_path: Path,
) -> None:
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.md", "--keep-defaults")
    child.expect(r"Fråga 1 av 2\r?\nVad upphandlar ni")  # a choice with a default: asked
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("")
    child.expect(r"Fråga 2 av 2\r?\nVad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect("skapa bilagan: ")
    review = str(child.before)
    kept = review.split("Standardvärden som behölls utan fråga (--keep-defaults):", 1)[1]
    line = re.search(r"(\d+)\. [^\r\n]*dagar[^\r\n]* 30", kept)
    assert line is not None, review
    assert line.group(1) == "3"
    child.sendline("")
    assert finish(child) == 0
    assert "inom 30 dagar" in (tmp_path / "b.md").read_text("utf-8")
    memo = (tmp_path / "b-pm.md").read_text("utf-8")
    kept_in_memo = memo.split("### Värden ni inte har angett själva", 1)[1].split("\n### ", 1)[0]
    assert "`export_days`" in kept_in_memo


def test_a_kept_value_changed_in_the_review_is_used_and_not_listed_as_a_default(
    tmp_path: Path,
) -> None:
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.md", "--keep-defaults")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect("skapa bilagan: ")
    child.sendline("3")
    child.expect(r"\[30\]: ")
    child.sendline("45")
    child.expect("skapa bilagan: ")
    assert "Standardvärden som behölls" not in str(child.before)  # none is left unasked
    child.sendline("")
    assert finish(child) == 0
    assert "inom 45 dagar" in (tmp_path / "b.md").read_text("utf-8")
    assert "export_days: 45" in (tmp_path / "b-svar.yaml").read_text("utf-8")
    memo = (tmp_path / "b-pm.md").read_text("utf-8")
    kept_in_memo = memo.split("### Värden ni inte har angett själva", 1)[1].split("\n### ", 1)[0]
    assert "`export_days`" not in kept_in_memo


def test_the_bundled_library_asks_about_half_as_many_questions(tmp_path: Path) -> None:
    everything = spawn(tmp_path, "new", "-l", str(BUNDLED), "-o", "a.docx")
    all_asked, _ = _answer_everything(everything, "sv")
    everything.sendline("")
    assert finish(everything) == 0
    quick = spawn(tmp_path, "new", "-l", str(BUNDLED), "-o", "b.docx", "--keep-defaults")
    asked, review = _answer_everything(quick, "sv")
    quick.sendline("")
    assert finish(quick) == 0
    texts = [text for _, _, text in asked]
    assert len(asked) < len(all_asked) * 0.75, (len(asked), len(all_asked))
    assert asked[-1][0] == asked[-1][1]  # the total counts the questions really asked
    assert any(text.startswith("Vad upphandlar ni") for text in texts)
    assert not any("avtalet som längst gälla" in text for text in texts)
    assert "avtalet som längst gälla, inklusive förlängningar? 4" in " ".join(review.split())
    # The same answers make the same selection: only how they were given differs.
    answers = (tmp_path / "a-svar.yaml").read_text("utf-8").split("answers:", 1)[1]
    assert (tmp_path / "b-svar.yaml").read_text("utf-8").split("answers:", 1)[1] == answers
