"""Issue 11 §6: every award criterion takes its value from an answer with a default.

Area 6 is left to its own issue; every other area's criteria are pinned here.
"""

from __future__ import annotations

import json

from interop_helpers import Run, annex, sections

from conftest import EXAMPLES

SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"
# A cloud IT system that also publishes open data: every system criterion applies.
SYSTEM_SETS = ("open_data=true", "metadata_standard=DCAT-AP-SE", "open_licence=CC0 1.0")


def award_criteria(run_cli: Run) -> set[str]:
    rows = json.loads(run_cli("list", "--format", "json").stdout)
    return {r["id"] for r in rows if r["type"] == "tilldelningskriterium" and r["area"] != "6"}


def award_questions(run_cli: Run) -> list[dict[str, object]]:
    rows = json.loads(run_cli("questions", "--format", "json").stdout)
    return [q for q in rows if str(q["id"]).startswith("award_")]


def test_award_values_are_number_questions_with_a_default(run_cli: Run) -> None:
    questions = award_questions(run_cli)
    assert len(questions) >= 13
    for question in questions:
        assert question["type"] == "number", question["id"]
        assert isinstance(question["default"], int), question["id"]


def test_every_award_criterion_states_the_value_the_buyer_answered(run_cli: Run) -> None:
    unusual = [f"{q['id']}=17" for q in award_questions(run_cli)]
    system = sections(annex(run_cli, SOCIAL, *SYSTEM_SETS, *unusual, name="system"))
    study = sections(annex(run_cli, STUDY, *unusual, name="study"))
    shown = {**system, **study}
    criteria = award_criteria(run_cli)
    assert criteria <= shown.keys(), sorted(criteria - shown.keys())
    for clause_id in sorted(criteria):
        assert "{{ award_" not in shown[clause_id], clause_id
        assert "17 procent" in shown[clause_id], clause_id


def test_with_the_defaults_no_criterion_shows_another_answer(run_cli: Run) -> None:
    system = sections(annex(run_cli, SOCIAL, *SYSTEM_SETS, name="system"))
    for clause_id in award_criteria(run_cli) & system.keys():
        assert "17 procent" not in system[clause_id], clause_id
        assert "procent från det utvärderade anbudspriset" in system[clause_id], clause_id
