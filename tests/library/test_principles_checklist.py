"""Principles and the checklist in a library: loaded into the model, selected by their
conditions, and changed by an organisation layer by id with a justification (issue 11 §4, §5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TESTS
from kravgen.errors import LibraryError
from kravgen.library import load_library, read_library
from kravgen.model import Answers, ClauseType, PrincipleStatus
from kravgen.selection import select_checklist, select_clauses

FIXTURE = TESTS / "libraries" / "valid" / "principles-checklist"

LAYER_HEAD = """\
    library:
      name: umea-layer
      version: 1.0.0
      languages: [sv, en]
      description: {sv: Umeås lager., en: Umeå's layer.}
      license: CC0-1.0
"""


def _applying(answers: dict[str, object], roots: list[Path] | None = None) -> dict[str, tuple]:
    library = load_library(roots or [FIXTURE])
    given = Answers({"buyer_name": "Umeå kommun", **answers})  # type: ignore[dict-item]
    selection = select_clauses(library, given)
    return {item.id: relying for item, relying in select_checklist(library, given, selection)}


def test_clauses_carry_their_principles_and_principles_their_status() -> None:
    library = load_library([FIXTURE])
    assert library.clause("T-2-01").principles == ("machine-readable", "open-by-default")  # type: ignore[union-attr]
    assert library.clause("T-2-02").principles == ()  # type: ignore[union-attr]
    statuses = {p.id: p.status for p in library.principles}
    assert statuses == {
        "open-by-default": PrincipleStatus.FINAL,
        "machine-readable": PrincipleStatus.DRAFT_2020,
    }


def test_checklist_items_are_loaded_with_their_clauses_and_types() -> None:
    items = {i.id: i for i in load_library([FIXTURE]).checklist}
    assert list(items) == ["information-owner", "export-plan", "award-weights"]
    assert items["information-owner"].clauses == ("T-1-01",)
    assert items["award-weights"].clause_types == (ClauseType.AWARD,)
    assert items["award-weights"].needs_clauses is True
    assert items["information-owner"].justification is None


def test_an_item_applies_only_when_its_condition_holds() -> None:
    assert "export-plan" in _applying({"procurement_kind": "it-system", "export_days": 30})
    assert "export-plan" not in _applying({"procurement_kind": "feasibility-study"})


def test_an_item_that_needs_clauses_waits_for_a_clause_relying_on_it() -> None:
    # The only award criterion, T-2-02, is selected for feasibility studies alone.
    study = _applying({"procurement_kind": "feasibility-study"})
    system = _applying({"procurement_kind": "it-system", "export_days": 30})
    assert study["award-weights"] == ("T-2-02",)
    assert "award-weights" not in system


def test_an_item_lists_the_selected_clauses_that_rely_on_it() -> None:
    system = _applying({"procurement_kind": "it-system", "export_days": 30})
    assert system["information-owner"] == ("T-1-01",)
    assert system["export-plan"] == ("T-2-01",)


def test_a_layer_changes_an_item_by_id_and_the_justification_is_kept(
    write_tree: Callable[..., Path], tmp_path: Path
) -> None:
    write_tree(
        {
            "layer/library.yaml": LAYER_HEAD
            + """\
    checklist_overrides:
      - id: export-plan
        justification: Exporten planeras i vår förvaltningsplan.
        set:
          text: {sv: Stäm av exporten mot förvaltningsplanen., en: Check it against the plan.}
      - id: information-owner
        justification: Informationsägare är redan utsedda i hela kommunen.
        disable: true
    """
        }
    )
    library = load_library([FIXTURE, tmp_path / "layer"])
    items = {i.id: i for i in library.checklist}
    assert "information-owner" not in items
    assert items["export-plan"].text["sv"] == "Stäm av exporten mot förvaltningsplanen."
    assert items["export-plan"].justification == "Exporten planeras i vår förvaltningsplan."
    assert items["export-plan"].clauses == ("T-2-01",)  # fields not set are kept


def test_a_layer_cannot_add_an_item_under_a_taken_id(
    write_tree: Callable[..., Path], tmp_path: Path
) -> None:
    write_tree(
        {
            "layer/library.yaml": LAYER_HEAD
            + """\
    checklist:
      - id: export-plan
        text: {sv: Något annat., en: Something else.}
    """
        }
    )
    _, findings = read_library([FIXTURE, tmp_path / "layer"])
    assert [(f.code, f.hint) for f in findings] == [
        ("KG201", "use 'checklist_overrides' to change an item of an earlier library")
    ]


def test_an_item_naming_an_unknown_clause_stops_generation(
    write_tree: Callable[..., Path], tmp_path: Path
) -> None:
    write_tree(
        {
            "layer/library.yaml": LAYER_HEAD
            + """\
    checklist:
      - id: archive-plan
        text: {sv: Planera arkiveringen., en: Plan the archiving.}
        clauses: [T-9-01]
    """
        }
    )
    with pytest.raises(LibraryError) as caught:
        load_library([FIXTURE, tmp_path / "layer"])
    assert caught.value.code == "KG206"


def test_a_question_that_only_decides_a_checklist_item_is_not_unused(
    write_tree: Callable[..., Path], tmp_path: Path
) -> None:
    write_tree(
        {
            "layer/library.yaml": LAYER_HEAD
            + """\
    questions:
      - id: shared_with_others
        section: procurement
        type: yesno
        text: {sv: Delas data med andra?, en: Are the data shared with others?}
        default: false
    checklist:
      - id: sharing-agreements
        text: {sv: Teckna avtal om delning., en: Sign sharing agreements.}
        when: {shared_with_others: true}
    """
        }
    )
    _, findings = read_library([FIXTURE, tmp_path / "layer"])
    assert [f.code for f in findings] == []
    assert "sharing-agreements" in _applying(
        {"procurement_kind": "feasibility-study", "shared_with_others": True},
        [FIXTURE, tmp_path / "layer"],
    )
