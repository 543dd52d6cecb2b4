"""Point 10 of issue 14: every default the user did not choose is in the buyer's memo."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from session_helpers import finish, spawn

from conftest import BUNDLED, EXAMPLES, MINIMAL


@pytest.mark.terminal
def test_defaults_accepted_with_enter_are_listed_in_the_memo(tmp_path: Path) -> None:
    pytest.importorskip("pexpect")
    child = spawn(tmp_path, "new", "-l", str(MINIMAL), "-o", "b.md")
    child.expect(r"Välj 1–2 \[1\]: ")
    child.sendline("")  # the default: it-system
    child.expect("Vad heter er organisation")
    child.sendline("Umeå kommun")
    child.expect(r"\[30\]: ")
    child.sendline("")  # the default: 30 days
    child.expect("skapa bilagan: ")
    child.sendline("")
    assert finish(child) == 0
    memo = (tmp_path / "b-pm.md").read_text("utf-8")
    kept = memo.split("### Värden ni inte har angett själva", 1)[1].split("\n### ", 1)[0]
    assert "`export_days`" in kept
    assert "**30**" in kept
    assert "`procurement_kind`" in kept
    assert "`buyer_name`" not in kept  # typed, not a default


def test_values_written_into_selected_clauses_are_listed_in_the_memo(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    answers = EXAMPLES / "e-tjanst-region.yaml"  # integrations: true selects KG-3-08
    result = run_cli("new", "-a", answers, "-o", "b.md")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    annex = (tmp_path / "b.md").read_text("utf-8")
    memo = (tmp_path / "b-pm.md").read_text("utf-8")
    kept = memo.split("### Värden ni inte har angett själva", 1)[1].split("\n### ", 1)[0]
    assert "inom 60 sekunder" in annex
    assert "(`KG-3-08`): **högst 60 sekunder**" in kept


# A number with a unit, as a clause would fix a period, a limit or a deduction.
FIXED = re.compile(r"\b\d+ ?(?:%|procent|månader|dagar|timmar|kronor|veckor|minuter|sekunder)\b")


def test_every_value_fixed_in_a_bundled_clause_is_declared() -> None:
    """A number with a unit in what the supplier reads is a placeholder (an answer with a
    default) or declared under `fixed`, so the memo lists it for the buyer to check."""
    from kravgen.library import load_library

    library = load_library((BUNDLED,))
    undeclared = []
    for clause in library.clauses:
        declared = " ".join(f["value"].get("sv", "") for f in clause.fixed)
        for field in (clause.text, clause.evaluation, clause.verification):
            for value in FIXED.findall((field or {}).get("sv", "")):
                if value.split()[0].rstrip("%") not in declared:
                    undeclared.append(f"{clause.id}: {value}")
    assert undeclared == []
