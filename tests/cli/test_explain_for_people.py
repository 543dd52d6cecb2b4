"""Point 8 of issue 14: `explain` says in words why each clause is in or out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, MINIMAL

REGION = EXAMPLES / "e-tjanst-region.yaml"


def _explain(run_cli: Callable[..., object], *args: str | Path) -> str:
    result = run_cli("explain", *args)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def test_the_text_has_titles_and_a_legend(run_cli: Callable[..., object]) -> None:
    text = _explain(run_cli, "--answers", REGION)
    first = text.splitlines()[0]
    assert "+" in first  # the legend comes first
    assert "-" in first
    assert "Skydd enligt" in text  # a clause title, not only its id


def test_an_excluded_clause_says_which_answer_excluded_it_and_why(
    run_cli: Callable[..., object],
) -> None:
    text = _explain(run_cli, "--answers", REGION)
    block = text[text.index("KG-1B-03") :].split("\n- ", 1)[0].split("\n+ ", 1)[0]
    assert "procurement_kind = e-service" not in block
    assert "Vad upphandlar ni?" in block or "Vad " in block
    assert "E-tjänst" in block  # the answer, in words
    assert "Förstudie" in block  # what the clause needs instead


def test_explain_in_english(
    run_cli: Callable[..., object], answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(procurement_kind="feasibility-study")
    text = _explain(run_cli, "-l", MINIMAL, "--answers", answers, "--lang", "en")
    assert "What are you procuring? Feasibility study" in text
    assert "IT system" in text  # what T-2-01 would have needed


def test_the_json_shape_is_unchanged(run_cli: Callable[..., object]) -> None:
    import json

    rows = json.loads(_explain(run_cli, "--answers", REGION, "--format", "json"))
    assert set(rows[0]) == {"id", "version", "selected", "reasons"}
    excluded = next(r for r in rows if r["id"] == "KG-1B-03")
    assert excluded["reasons"] == ["procurement_kind = e-service"]
