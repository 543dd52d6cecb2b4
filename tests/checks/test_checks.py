"""Semantic checks: references, placeholders, wording and reachability on merged libraries."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kravgen.checks import answerspace, check_library, reachability
from kravgen.checks.answerspace import can_hold, library_index
from kravgen.errors import Finding, severity
from kravgen.library import read_library
from kravgen.model import AllOf, Library, Match

MINIMAL = Path(__file__).resolve().parents[1] / "libraries" / "valid" / "minimal"
L, C = "library.yaml", "clauses.yaml"
OPEN_DATA = """\
  - id: open_data
    section: procurement
    type: yesno
    text: {sv: Öppna data?, en: Open data?}
"""
THEMES = """\
  - id: themes
    section: procurement
    type: multi
    text: {sv: Teman?, en: Themes?}
    options:
      - {value: mobility, label: {sv: Mobilitet, en: Mobility}}
      - {value: geo, label: {sv: Geodata, en: Geodata}}
      - {value: stats, label: {sv: Statistik, en: Statistics}}
"""


def _library(
    tmp_path: Path,
    edits: list[tuple[str, str, str]] = (),
    questions: str = "",  # type: ignore[assignment]
) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(MINIMAL, root)
    for name, old, new in edits:
        text = (root / name).read_text("utf-8")
        assert old in text, old
        (root / name).write_text(text.replace(old, new, 1), "utf-8")
    if questions:
        with (root / L).open("a", encoding="utf-8") as stream:
            stream.write(questions)
    return root


def _findings(tmp_path: Path, *edits: tuple[str, str, str], questions: str = "") -> list[str]:
    """Findings as `file:line code message`, sorted as validate sorts them."""
    root = _library(tmp_path, list(edits), questions)
    _, findings = read_library([root])
    return [
        f"{f.where.path and f.where.path.name}:{f.where.line} {f.code} {f.message}"
        for f in sorted(findings, key=Finding.sort_key)
    ]


def _loaded(tmp_path: Path, *edits: tuple[str, str, str], questions: str = "") -> Library:
    library, _ = read_library([_library(tmp_path, list(edits), questions)])
    assert library is not None
    return library


def _when(condition: str) -> tuple[str, str, str]:
    return (C, "    when: {procurement_kind: feasibility-study}", f"    when: {condition}")


def _codes(findings: list[str]) -> list[str]:
    return [line.split()[1] for line in findings]


def test_the_minimal_library_is_clean(tmp_path: Path) -> None:
    assert _findings(tmp_path) == []


# --- reachability -----------------------------------------------------------------------------


def test_multi_answers_can_hold_several_options_at_once(tmp_path: Path) -> None:
    condition = "{all: [{themes: mobility}, {themes: geo}]}"
    assert _findings(tmp_path, _when(condition), questions=THEMES) == []


def test_a_clause_needing_two_choices_at_once_is_unreachable(tmp_path: Path) -> None:
    condition = "{all: [{procurement_kind: it-system}, {procurement_kind: feasibility-study}]}"
    assert _findings(tmp_path, _when(condition)) == [
        "clauses.yaml:47 KG601 T-2-02: no combination of answers selects this clause"
    ]


def test_a_number_beyond_the_questions_max_is_unreachable(tmp_path: Path) -> None:
    assert _findings(tmp_path, _when("{export_days: {min: 400}}")) == [
        "clauses.yaml:47 KG601 T-2-02: no combination of answers selects this clause"
    ]


def test_a_number_threshold_inside_the_range_is_reachable(tmp_path: Path) -> None:
    assert _findings(tmp_path, _when("{export_days: {min: 365}}")) == []


def test_an_unasked_question_has_no_answer(tmp_path: Path) -> None:
    # export_days is asked only for it-system, so together with a feasibility study it is empty.
    condition = "{procurement_kind: feasibility-study, export_days: {answered: true}}"
    assert _codes(_findings(tmp_path, _when(condition))) == ["KG601"]


def test_not_answered_is_reachable_through_the_questions_condition(tmp_path: Path) -> None:
    condition = "{procurement_kind: feasibility-study, export_days: {answered: false}}"
    assert _findings(tmp_path, _when(condition)) == []


def test_can_hold_is_none_beyond_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = _loaded(tmp_path)
    condition = AllOf(
        (Match("procurement_kind", "in", ("it-system",)), Match("export_days", "min", (9,)))
    )
    assert can_hold(library_index(library), condition) is True
    monkeypatch.setattr(answerspace, "MAX_COMBINATIONS", 2)
    # A new index: verdicts are cached in the index the caller passes, nowhere else.
    assert can_hold(library_index(library), condition) is None


def test_unknown_reachability_gives_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answerspace, "MAX_COMBINATIONS", 1)
    condition = "{all: [{procurement_kind: it-system}, {procurement_kind: feasibility-study}]}"
    assert _findings(tmp_path, _when(condition)) == []


def test_total_budget_bounds_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reachability, "MAX_TOTAL_COMBINATIONS", 0)
    condition = "{all: [{procurement_kind: it-system}, {procurement_kind: feasibility-study}]}"
    assert _findings(tmp_path, _when(condition)) == []


def test_question_never_asked(tmp_path: Path) -> None:
    never = OPEN_DATA + "    when: {export_days: {max: 0}}\n"
    # The finding points at the question's `when:` line (56), not at its `- id:` line (52).
    assert _findings(tmp_path, questions=never) == [
        "library.yaml:56 KG601 question open_data: no combination of earlier answers asks it"
    ]


def test_errors_in_a_condition_are_not_repeated_as_warnings(tmp_path: Path) -> None:
    assert _codes(_findings(tmp_path / "a", _when("{procurement_kind: it-sytem}"))) == ["KG203"]
    assert _codes(_findings(tmp_path / "b", _when("{procurment_kind: x}"))) == ["KG202"]


# --- KG602: a question whose answer changes nothing -------------------------------------------


def test_unused_question(tmp_path: Path) -> None:
    assert _codes(_findings(tmp_path, questions=OPEN_DATA)) == ["KG602"]


def test_question_whose_every_answer_selects_the_same(tmp_path: Path) -> None:
    condition = (
        "{procurement_kind: feasibility-study, any: [{open_data: true}, {open_data: false}]}"
    )
    assert _codes(_findings(tmp_path, _when(condition), questions=OPEN_DATA)) == ["KG602"]


def test_question_that_decides_a_clause(tmp_path: Path) -> None:
    assert _findings(tmp_path, _when("{open_data: true}"), questions=OPEN_DATA) == []


def test_question_that_only_decides_whether_a_used_question_is_asked(tmp_path: Path) -> None:
    gated = OPEN_DATA + THEMES + "    when: {open_data: true}\n"
    assert _findings(tmp_path, _when("{themes: geo}"), questions=gated) == []


def test_question_used_only_in_a_placeholder(tmp_path: Path) -> None:
    text = (C, "dagar från begäran.", "dagar från begäran, {{ label.open_data }}.")
    assert _findings(tmp_path, text, questions=OPEN_DATA + "    default: false\n") == []


def test_incomplete_library_gets_no_reachability_warnings(tmp_path: Path) -> None:
    library = _loaded(tmp_path, questions=OPEN_DATA)
    assert [f.code for f in check_library(library)] == ["KG602"]
    assert check_library(library, complete=False) == []


# --- KG304: a placeholder that can be empty ----------------------------------------------------


def test_placeholder_of_a_question_the_clause_does_not_guarantee(tmp_path: Path) -> None:
    text = (C, "all data som levereras.", "all data som levereras inom {{ export_days }} dagar.")
    assert _findings(tmp_path, text) == [
        "clauses.yaml:8 KG304 T-1-01: {{ export_days }} in text.sv has no value when the clause "
        "is selected and export_days is not answered"
    ]


@pytest.mark.parametrize(
    "placeholder",
    [
        "{{ export_days | default(30) }}",
        "{% if export_days is defined %}{{ export_days }}{% endif %}",
    ],
)
def test_guarded_placeholder_is_fine(tmp_path: Path, placeholder: str) -> None:
    text = (C, "all data som levereras.", f"all data som levereras inom {placeholder} dagar.")
    assert _findings(tmp_path, text) == []


def test_optional_question_without_default_can_be_empty(tmp_path: Path) -> None:
    text = (C, "all data delivered.", "all data delivered to {{ contact }}.")
    contact = "  - id: contact\n    section: procurement\n    type: text\n    required: false\n"
    contact += "    text: {sv: Kontakt?, en: Contact?}\n"
    assert _codes(_findings(tmp_path, text, questions=contact)) == ["KG304"]


# --- references, duplicates, wording -----------------------------------------------------------


def test_duplicate_clause_across_files_names_both_places(tmp_path: Path) -> None:
    root = _library(tmp_path)
    clause = (root / C).read_text("utf-8").split("  - id: T-2-01")[0]
    (root / "more.yaml").write_text(clause, "utf-8")
    _, findings = read_library([root])
    [finding] = findings
    assert (finding.code, finding.where.path and finding.where.path.name) == ("KG201", "more.yaml")
    assert finding.message == (f"duplicate clause id 'T-1-01'; first defined at {root / C}:2:5")


def test_prohibition_counts_as_obligation(tmp_path: Path) -> None:
    text = (
        C,
        "Leverantören ska ge {{ buyer_name }} full rätt",
        "Leverantören får inte neka {{ buyer_name }} full rätt",
    )
    assert _findings(tmp_path, text) == []


@pytest.mark.parametrize(("word", "vague"), [("cirkulära", False), ("ca.", True), ("snabbt", True)])
def test_vague_words_match_whole_words(tmp_path: Path, word: str, vague: bool) -> None:
    text = (C, "i ett öppet format inom", f"i ett {word} format inom")
    assert (_codes(_findings(tmp_path, text)) == ["KG506"]) is vague


def test_review_date_in_the_past_is_a_warning(tmp_path: Path) -> None:
    edit = (C, "    legal_refs: [law-1]\n", "    legal_refs: [law-1]\n    review_by: 2026-01-01\n")
    library = _loaded(tmp_path, edit)
    assert [f.code for f in check_library(library, date(2026, 1, 1))] == []
    assert [f.code for f in check_library(library, date(2026, 1, 2))] == ["KG603"]


def test_every_finding_has_its_codes_severity(tmp_path: Path) -> None:
    edits = [
        _when("{procurement_kind: it-sytem}"),
        (C, "i ett öppet format inom", "i ett modernt format inom"),
        (C, "    legal_refs: [law-1]\n", "    legal_refs: [law-2]\n    review_by: 2020-01-01\n"),
    ]
    root = _library(tmp_path, edits, OPEN_DATA)
    _, findings = read_library([root])
    assert sorted({f.code for f in findings}) == ["KG203", "KG204", "KG506", "KG602", "KG603"]
    assert all(f.severity == severity(f.code) for f in findings)


def test_findings_are_deterministic(tmp_path: Path) -> None:
    edits = (_when("{procurement_kind: it-sytem}"), (C, "{{ buyer_name }}", "{{ nobody }}"))
    first = _findings(tmp_path / "a", *edits, questions=OPEN_DATA)
    assert first == _findings(tmp_path / "b", *edits, questions=OPEN_DATA)


# --- placeholders -----------------------------------------------------------------------------


def test_placeholder_line_in_a_block_scalar(tmp_path: Path) -> None:
    block = "      sv: |\n        Rad ett\n        rad två\n        rad tre {{ nobody }}\n"
    line = "      sv: Leverantören ska ge {{ buyer_name }} full rätt att använda all data som "
    edit = (C, line + "levereras.\n", block)
    root = _library(tmp_path, [edit])
    _, findings = read_library([root])
    assert [(f.code, f.where.line, f.where.column) for f in findings] == [
        ("KG302", 11, 20),
        ("KG501", 8, 11),
    ]
