"""Point 2 of issue 14: Ctrl-D at a prompt means the user left, as Ctrl-C does."""

from __future__ import annotations

from pathlib import Path

import pytest
from session_helpers import finish, spawn

from conftest import MINIMAL

pytestmark = pytest.mark.terminal
pytest.importorskip("pexpect")


@pytest.mark.parametrize(
    ("lang", "prompt", "message"),
    [
        ("sv", r"Välj 1–2 \[1\]: ", "Avbrutet. Inget har skrivits."),
        ("en", r"Choose 1–2 \[1\]: ", "Interrupted. Nothing was written."),
    ],
)
def test_ctrl_d_at_a_question_stops_like_ctrl_c(
    tmp_path: Path, lang: str, prompt: str, message: str
) -> None:
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.docx", "--lang", lang)
    child.expect(prompt)
    child.sendeof()
    child.expect_exact(message)
    assert finish(child) == 130
    assert "bug in kravgen" not in str(child.before)
    assert "EOFError" not in str(child.before)
    assert list(tmp_path.iterdir()) == []


def test_ctrl_d_at_the_review_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.docx")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("2")
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect("skapa bilagan: ")
    child.sendeof()
    child.expect_exact("Avbrutet. Inget har skrivits.")
    assert finish(child) == 130
    assert list(tmp_path.iterdir()) == []


def test_the_interrupted_message_speaks_one_language(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.docx")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendintr()
    assert finish(child) == 130
    assert "Avbrutet. Inget har skrivits." in str(child.before)
    assert "Interrupted" not in str(child.before)
