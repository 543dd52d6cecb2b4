"""Issue 11 §1-2: the sector question brings its standards; shared services and API terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from interop_helpers import Run, annex, sections, selected

from conftest import EXAMPLES

SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"  # a municipality's cloud IT system
PERMIT = EXAMPLES / "e-tjanst-region.yaml"  # a region's hybrid e-service
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"  # a state agency's study of transport data

# What a supplier must read in the annex for each sector, each accepting an equivalent.
STANDARDS = {
    "school": ["SS 12000 eller likvärdigt"],
    "health": ["HL7 FHIR eller likvärdigt", "nationella specifikationer för informationsutbyte"],
    "geodata": ["OGC API, eller likvärdigt", "(2010:1767)", "Inspire"],
    "public-transport": [
        "NeTEx (CEN/TS 16614) eller likvärdigt",
        "SIRI (CEN/TS 15531) eller likvärdigt",
        "GTFS eller likvärdigt",
        "(EU) 2017/1926",
    ],
}
EVERY_STANDARD = ["SS 12000", "HL7 FHIR", "OGC", "2010:1767", "NeTEx", "SIRI", "GTFS", "2017/1926"]
SECTOR_CLAUSES = {f"KG-11-{n:02d}" for n in range(2, 15)}


@pytest.mark.parametrize(
    ("sector", "answers"),
    [("school", SOCIAL), ("health", PERMIT), ("geodata", SOCIAL), ("public-transport", PERMIT)],
)
def test_each_sector_brings_its_standards_into_the_annex(
    sector: str, answers: Path, run_cli: Run
) -> None:
    text = annex(run_cli, answers, f"sector={sector}")
    for phrase in STANDARDS[sector]:
        assert phrase in text, (sector, phrase)


@pytest.mark.parametrize(
    ("sector", "organisation", "phrase"),
    [
        ("school", "municipality", "SS 12000 eller likvärdigt"),
        ("health", "region", "HL7 FHIR eller likvärdigt"),
        ("geodata", "state-agency", "lag (2010:1767)"),
    ],
)
def test_a_feasibility_study_in_a_sector_checks_its_proposals_against_the_standards(
    sector: str, organisation: str, phrase: str, run_cli: Run
) -> None:
    text = annex(run_cli, STUDY, f"sector={sector}", f"organisation_type={organisation}")
    assert phrase in text
    assert "NeTEx" not in text  # the transport standards stay with transport


@pytest.mark.parametrize("answers", [SOCIAL, PERMIT, STUDY], ids=lambda p: p.stem)
def test_sector_none_brings_no_sector_standard(answers: Path, run_cli: Run) -> None:
    text = annex(run_cli, answers, "sector=none")
    assert [s for s in EVERY_STANDARD if s in text] == []
    assert not selected(run_cli, answers, "sector=none") & SECTOR_CLAUSES


def test_a_sector_brings_only_its_own_standards(run_cli: Run) -> None:
    text = annex(run_cli, SOCIAL, "sector=school")
    assert [s for s in EVERY_STANDARD if s in text] == ["SS 12000"]


def test_a_feasibility_study_on_transport_data_names_the_travel_information_regulation(
    run_cli: Run,
) -> None:
    text = annex(run_cli, STUDY)  # the example answers sector: public-transport
    assert "(EU) 2017/1926" in text
    assert "(EU) 2023/138" in text  # the high-value datasets analysis stays
    # a study gets the analysis, never the system requirements on formats and access points
    assert selected(run_cli, STUDY) & SECTOR_CLAUSES == {"KG-11-11"}


def test_base_registers_are_used_through_their_interfaces_only_when_asked_for(
    run_cli: Run,
) -> None:
    assert "KG-11-01" in selected(run_cli, SOCIAL, "base_registers=true")
    assert "KG-11-01" not in selected(run_cli, SOCIAL)  # default: no


def test_api_terms_take_the_buyers_values(run_cli: Run) -> None:
    parts = sections(
        annex(
            run_cli,
            SOCIAL,
            "change_notice_days=60",
            "test_material_days=21",
            "api_version_months=18",
            "api_min_requests_per_second=25",
            "api_max_downtime_hours=2",
        )
    )
    assert "minst 60 kalenderdagar innan ändringen" in parts["KG-3-15"]
    assert "minst 21 kalenderdagar innan" in parts["KG-3-16"]
    assert "i minst 18 månader" in parts["KG-3-14"]
    assert "minst 25 anrop per sekund" in parts["KG-3-12"]
    assert "högst 2 timmars otillgänglighet" in parts["KG-3-13"]


def test_api_terms_default_to_the_predecessor_notice_periods(run_cli: Run) -> None:
    parts = sections(annex(run_cli, SOCIAL))
    assert "minst 90 kalenderdagar innan ändringen" in parts["KG-3-15"]
    assert "minst 42 kalenderdagar innan" in parts["KG-3-16"]


def test_api_availability_is_a_term_only_when_the_supplier_runs_the_solution(
    run_cli: Run,
) -> None:
    assert "KG-3-13" in selected(run_cli, SOCIAL)  # supplier cloud
    assert "KG-3-13" not in selected(run_cli, SOCIAL, "hosting=on-premises")


def test_own_domain_names_only_when_the_buyer_wants_them(run_cli: Run) -> None:
    assert "KG-3-18" not in selected(run_cli, SOCIAL)
    assert "KG-3-18" in selected(run_cli, SOCIAL, "own_domain=true")
