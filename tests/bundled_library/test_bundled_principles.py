"""Issue 11 §4-5 in the bundled library: clauses tagged with Digg's principles, honestly
labelled, and the checklist at the top of the memo's to-do list. Through the public CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from conftest import BUNDLED, EXAMPLES

Run = Callable[..., object]
SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"  # a municipality's IT system
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"  # a state agency's feasibility study
CHECKLIST = [
    "information-owner",
    "security-classification",
    "availability-direction",
    "shared-data-resources",
    "exit-and-archiving",
    "award-weights",
]


def _json(run_cli: Run, *args: str) -> list[dict[str, object]]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return json.loads(result.stdout)  # type: ignore[attr-defined,no-any-return]


def _memo(run_cli: Run, answers: Path, tmp_path: Path, *extra: str, lang: str = "sv") -> str:
    out = tmp_path / f"bilaga-{lang}.md"
    args: list[str | Path] = ["new", "--answers", answers, "--format", "md", "--lang", lang]
    result = run_cli(*args, "--no-input", "--force", "-o", out, *extra)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    memo_tag = "memo" if lang == "en" else "pm"  # the memo is named in the session's language
    return out.with_name(f"{out.stem}-{memo_tag}.md").read_text("utf-8")


def _section(memo: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", memo, re.M | re.S)
    assert match is not None, heading
    return match.group(1)


# --- principles -----------------------------------------------------------------------------


def test_at_least_half_the_clauses_serve_a_principle(run_cli: Run) -> None:
    rows = _json(run_cli, "list")
    assert all(isinstance(row["principles"], list) for row in rows)
    serving = [row for row in rows if row["principles"]]
    assert len(serving) * 2 >= len(rows)


def test_every_bundled_clause_says_which_principles_it_serves() -> None:
    for path in sorted((BUNDLED / "clauses").glob("*.yaml")):
        for clause in yaml.safe_load(path.read_text("utf-8"))["clauses"]:
            assert "principles" in clause, (path.name, clause["id"])


def test_only_open_by_default_is_presented_as_digg_s_decided_principle(run_cli: Run) -> None:
    rows = _json(run_cli, "coverage", "--principles")
    statuses = {row["principle"]: row["status"] for row in rows}
    assert [p for p, s in statuses.items() if s == "final"] == ["open-by-default"]
    drafts = [p for p, s in statuses.items() if s == "draft-2020"]
    assert len(drafts) == 9
    assert all(p.startswith("draft-") for p in drafts)


def test_the_memo_labels_each_principle_with_where_it_comes_from(
    run_cli: Run, tmp_path: Path
) -> None:
    table = _section(
        _memo(run_cli, SOCIAL, tmp_path), "Nationella principer som de valda kraven stödjer"
    )
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ")][1:]
    labels = {row[0].lstrip("| "): row[1] for row in rows}
    assert labels["Öppenhet som standard"] == "Diggs beslutade princip"
    assert labels["Öppna standardlicenser"].startswith("Rubrik i Diggs remissutkast 2020")
    decided = [title for title, label in labels.items() if label == "Diggs beslutade princip"]
    assert decided == ["Öppenhet som standard"]


def test_the_coverage_report_lists_principles_after_the_recommendations(run_cli: Run) -> None:
    result = run_cli("coverage")
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    assert lines[0].startswith("digg-")
    assert any(line.startswith("open-by-default (final)") for line in lines)
    assert any(line.startswith("draft-use-feedback (draft-2020)") for line in lines)
    # The JSON of the recommendations keeps its shape.
    assert {tuple(sorted(r)) for r in _json(run_cli, "coverage")} == {
        ("clauses", "procurement_kind", "source", "status", "title")
    }


# --- the checklist --------------------------------------------------------------------------


def test_the_memo_opens_with_the_checklist_items_that_apply(run_cli: Run, tmp_path: Path) -> None:
    memo = _memo(run_cli, SOCIAL, tmp_path)
    headings = re.findall(r"^## (.+)$", memo, re.M)
    assert headings[:2] == ["Sammanfattning", "Att göra före annonsering"]
    todo = _section(memo, "Att göra före annonsering")
    assert todo.count("- [ ] ") == len(CHECKLIST)
    assert "informationssäkerhetsklassningen" in todo
    assert "Krav som bygger på detta: KG-1A-01, KG-1A-02" in todo


def test_a_feasibility_study_gets_no_exit_planning(run_cli: Run, tmp_path: Path) -> None:
    todo = _section(_memo(run_cli, STUDY, tmp_path), "Att göra före annonsering")
    assert "Planera avslutet" not in todo
    assert "informationsägare" in todo


def test_the_checklist_is_in_english_in_an_english_memo(run_cli: Run, tmp_path: Path) -> None:
    memo = _memo(run_cli, SOCIAL, tmp_path, lang="en")
    todo = _section(memo, "To do before the notice is published")
    assert "Name an information owner" in todo


def test_an_organisation_overrides_an_item_with_a_justification(
    run_cli: Run, tmp_path: Path, write_tree: Callable[..., Path]
) -> None:
    write_tree(
        {
            "org/library.yaml": """\
            library:
              name: stensjo
              version: 1.0.0
              languages: [sv, en]
              description: {sv: Stensjö kommuns tillägg., en: Stensjö's additions.}
              license: CC0-1.0
            checklist_overrides:
              - id: award-weights
                justification: Kommunen utvärderar enbart pris i den här upphandlingen.
                disable: true
              - id: information-owner
                justification: Kommunens informationsägare är redan utsedda.
                set:
                  text:
                    sv: Kontrollera att förvaltningens informationsägare har godkänt kraven.
                    en: Check that the department's information owner has approved the requirements.
            """
        }
    )
    memo = _memo(run_cli, SOCIAL, tmp_path, "--library", str(BUNDLED), "--library", "org")
    todo = _section(memo, "Att göra före annonsering")
    assert "tilldelningskriterium" not in todo
    assert "Kontrollera att förvaltningens informationsägare har godkänt kraven." in todo
    assert "Ändrad av organisationen: Kommunens informationsägare är redan utsedda." in todo
