"""Issue 11 §6: the corrections a procurement lawyer's reading asked for stay corrected."""

from __future__ import annotations

import json

import pytest
from interop_helpers import Run, annex, sections

from conftest import EXAMPLES

SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"  # a municipality's cloud IT system
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"


def legal_refs(run_cli: Run) -> dict[str, list[str]]:
    rows = json.loads(run_cli("list", "--format", "json").stdout)
    return {r["id"]: r["legal_refs"] for r in rows}


@pytest.mark.parametrize(
    ("clause_id", "basis_it_lacks"),
    [
        ("KG-3-01", "sfs-2022-818"),  # the open data act imposes no API duty
        ("KG-3-03", "sfs-2022-818"),
        ("KG-3-05", "eu-2023-2854"),  # the Data Act's charges apply at switching
        ("KG-5-01", "eu-2023-2854"),  # exit applies on premises too
        ("KG-5-02", "eu-2023-2854"),
        ("KG-5-03", "eu-2023-2854"),
        *[(f"KG-8-0{n}", "sfs-2016-1145") for n in range(1, 7)],  # LOU sets no penalties
    ],
)
def test_clauses_cite_no_basis_they_do_not_have(
    clause_id: str, basis_it_lacks: str, run_cli: Run
) -> None:
    assert basis_it_lacks not in legal_refs(run_cli)[clause_id]


def test_the_data_act_still_backs_switching_for_cloud_services(run_cli: Run) -> None:
    assert "eu-2023-2854" in legal_refs(run_cli)["KG-5-05"]


def test_an_on_premises_supplier_is_not_asked_about_subprocessors(run_cli: Run) -> None:
    on_premises = sections(annex(run_cli, SOCIAL, "hosting=on-premises", name="op"))["KG-8-01"]
    cloud = sections(annex(run_cli, SOCIAL, name="cloud"))["KG-8-01"]
    assert "underbiträden" not in on_premises
    assert "lagringsplatser" not in on_premises
    assert "underbiträden, lagringsplatser" in cloud


def test_a_joint_committee_is_not_made_a_party_to_the_contract(run_cli: Run) -> None:
    text = sections(annex(run_cli, SOCIAL))["KG-1E-02"]
    assert "region, gemensam nämnd" not in text
    assert "den kommun eller region där nämnden ingår" in text


def test_transition_support_names_what_it_is_paid_by(run_cli: Run) -> None:
    text = sections(annex(run_cli, SOCIAL))["KG-5-03"]
    assert "fasta priset" not in text
    assert "ingår i de priser som leverantören har angett i anbudet" in text


def test_the_disposal_log_records_the_decision(run_cli: Run) -> None:
    text = sections(annex(run_cli, SOCIAL))["KG-5-15"]
    assert "vilket gallringsbeslut" in text
    assert "vem som beslutade" not in text


def test_the_buyer_says_which_data_statistical_confidentiality_covers(run_cli: Run) -> None:
    text = sections(annex(run_cli, STUDY))["KG-1D-03"]
    assert "som Myndigheten för trafikdata i uppdragsbeskrivningen anger" in text


def test_the_study_metadata_criterion_assesses_the_offer_not_experience(run_cli: Run) -> None:
    text = sections(annex(run_cli, STUDY))["KG-4-08"]
    assert "tidigare uppdrag" not in text
    assert "poäng av anbudets kvalitetspoäng" not in text


def test_code_lists_and_reference_data_are_listed_apart(run_cli: Run) -> None:
    parts = sections(annex(run_cli, SOCIAL))
    assert "referensdata" not in parts["KG-4-03"]
    assert "referensdata" in parts["KG-4-15"]


def test_publishable_code_lists_are_scored_on_what_the_supplier_controls(run_cli: Run) -> None:
    sets = ("open_data=true", "metadata_standard=DCAT-AP-SE", "open_licence=CC0 1.0")
    text = sections(annex(run_cli, SOCIAL, *sets))["KG-1B-05"]
    assert "även de som leverantören eller tredje part" not in text
    assert "Data som tredje part har rätt till ingår inte i bedömningen" in text
