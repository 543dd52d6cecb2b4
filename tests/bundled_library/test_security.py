"""Library 2.0, issue 10: security, secrecy and continuity of the buyer's data.

Every test goes through the public CLI (`kravgen explain` and `kravgen new --format md`), so it
pins what a buyer sees whatever happens to the code inside.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from conftest import EXAMPLES

Run = Callable[..., Result]

SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"
PERMIT = EXAMPLES / "e-tjanst-region.yaml"
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"

# A municipality's own server room runs a booking system for premises: no personal data.
ON_PREMISES_NO_PERSONAL_DATA = {
    "procurement_kind": "it-system",
    "hosting": "on-premises",
    "integrations": False,
    "replaces_system": False,
    "contract_years": 4,
    "extra_work_prices": False,
    "organisation_type": "municipality",
    "consultants_produce_data": False,
    "statistics_production": False,
    "personal_data": "none",
    "security_classification": "low",
    "open_data": False,
    "public_records": False,
    "buyer_name": "Stensjö kommun",
    "procurement_title": "Lokalbokning",
    "reference_number": "KS 2026/0999",
    "contact_person": "Per Holm, upphandlare",
}

DATA_PROCESSING_OR_THIRD_COUNTRY = {
    "KG-6-01",  # data processing agreement
    "KG-6-02",  # storage locations and third-country transfers
    "KG-6-03",  # credit for processing within the EU/EEA
    "KG-10-01",  # Act 2020:914
    "KG-10-02",  # access under third-country law
    "KG-10-03",  # mandatory data location
}
LOGGING = {"KG-6-04", "KG-6-05", "KG-9-07", "KG-9-08", "KG-9-09"}
BACKUP = {"KG-9-01", "KG-9-02", "KG-9-03", "KG-9-04", "KG-9-05"}


def selected(run_cli: Run, answers: Path, *sets: str) -> set[str]:
    args: list[str | Path] = ["explain", "--answers", answers, "--format", "json"]
    for item in sets:
        args += ["--set", item]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return {row["id"] for row in json.loads(result.stdout) if row["selected"]}


def annex(run_cli: Run, answers: Path, *sets: str, lang: str = "sv") -> str:
    args: list[str | Path] = ["new", "--answers", answers, "--format", "md", "--no-input"]
    args += ["--lang", lang, "--output", "annex.md", "--force"]
    for item in sets:
        args += ["--set", item]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return Path("annex.md").read_text(encoding="utf-8")


def section(markdown: str, clause_id: str) -> str:
    """The annex text of one clause, from its heading to the next heading."""
    # the heading is "### 3.4 KG-10-03 Title": the running number, then the id
    heading = re.search(rf"^### (?:[0-9]+\.[0-9]+ )?{re.escape(clause_id)} ", markdown, re.M)
    assert heading is not None, clause_id
    start = heading.start()
    end = markdown.find("\n### ", start + 1)
    return markdown[start : end if end != -1 else None]


@pytest.fixture
def on_premises(tmp_path: Path) -> Path:
    path = tmp_path / "on-premises.yaml"
    path.write_text(yaml.safe_dump({"answers": ON_PREMISES_NO_PERSONAL_DATA}), encoding="utf-8")
    return path


def test_an_on_premises_system_without_personal_data_gets_no_processing_or_transfer_clause(
    run_cli: Run, on_premises: Path
) -> None:
    ids = selected(run_cli, on_premises)
    assert not ids & DATA_PROCESSING_OR_THIRD_COUNTRY
    assert not ids & BACKUP  # the buyer runs it, so the buyer takes the backups
    assert "KG-9-14" not in ids  # no personal data breach can occur
    assert ids >= LOGGING  # logging is for every system, not only for sensitive data
    assert {"KG-9-11", "KG-6-06"} <= ids  # encryption in transit, incident reporting


def test_a_saas_with_sensitive_personal_data_and_secrecy_gets_the_protection_it_needs(
    run_cli: Run,
) -> None:
    ids = selected(run_cli, SOCIAL, "secrecy=true")
    assert "KG-10-01" in ids  # duty of confidentiality under Act 2020:914
    assert "KG-10-02" in ids  # the buyer's assessment of third-country law
    assert "KG-10-03" in ids  # data location as a mandatory requirement (default EU/EEA)
    assert "KG-10-04" in ids  # confidentiality undertakings for all staff
    assert ids >= LOGGING
    assert ids >= BACKUP
    assert "KG-9-06" in ids  # separation from other customers' data
    assert "KG-10-14" in ids  # secrecy marking


def test_without_secrecy_the_outsourcing_clause_is_left_out(run_cli: Run) -> None:
    ids = selected(run_cli, SOCIAL, "secrecy=false")
    assert "KG-10-01" not in ids
    assert "KG-10-14" not in ids


@pytest.mark.parametrize(
    ("location", "words"), [("sweden", "endast i Sverige"), ("eu-eea", "endast inom EU/EES")]
)
def test_data_location_is_a_mandatory_requirement_the_buyer_chooses(
    run_cli: Run, location: str, words: str
) -> None:
    ids = selected(run_cli, SOCIAL, f"data_location={location}")
    assert "KG-10-03" in ids
    assert "KG-6-03" not in ids  # no credit for what every tender must already meet
    assert words in section(annex(run_cli, SOCIAL, f"data_location={location}"), "KG-10-03")


def test_with_no_location_requirement_processing_in_the_eu_earns_the_buyers_deduction(
    run_cli: Run,
) -> None:
    ids = selected(run_cli, SOCIAL, "data_location=no-requirement")
    assert "KG-6-03" in ids
    assert "KG-10-03" not in ids
    text = annex(
        run_cli, SOCIAL, "data_location=no-requirement", "eu_processing_deduction_percent=7"
    )
    assert "avdrag på 7 procent" in section(text, "KG-6-03")
    backups = section(text, "KG-9-04")
    assert "endast i de länder som leverantören i anbudet har angett" in backups


def test_the_key_control_criterion_takes_its_deduction_from_an_answer(run_cli: Run) -> None:
    text = annex(run_cli, SOCIAL, "buyer_keys_deduction_percent=5")
    assert "avdrag på 5 procent" in section(text, "KG-6-10")


def test_backup_values_come_from_the_buyers_answers(run_cli: Run) -> None:
    text = annex(
        run_cli,
        SOCIAL,
        "backup_rpo_hours=4",
        "backup_rto_hours=8",
        "backup_retention_days=35",
        "deletion_days=20",
    )
    assert "mer än 4 timmar mellan två säkerhetskopior" in section(text, "KG-9-01")
    assert "inom 8 timmar" in section(text, "KG-9-03")
    assert "35 kalenderdagar" in section(text, "KG-9-02")
    deletion = section(text, "KG-5-04")
    assert "senast 20 kalenderdagar, och ur säkerhetskopior senast 35 kalenderdagar" in deletion


def test_log_retention_is_the_buyers_answer(run_cli: Run) -> None:
    assert "i 36 månader" in section(annex(run_cli, PERMIT, "log_retention_months=36"), "KG-9-09")


def test_encryption_thresholds_stand_in_the_tender(run_cli: Run) -> None:
    text = annex(run_cli, SOCIAL)
    assert "lägst AES-256 eller likvärdigt skydd" in section(text, "KG-6-09")
    assert "TLS 1.2 eller senare version eller likvärdigt" in section(text, "KG-9-11")
    english = annex(run_cli, SOCIAL, "tls_minimum=TLS 1.3", lang="en")
    assert "TLS 1.3 or a later version or equivalent" in section(english, "KG-9-11")


def test_patient_data_brings_support_for_log_review(run_cli: Run) -> None:
    assert "KG-9-10" not in selected(run_cli, SOCIAL)
    assert "KG-9-10" in selected(run_cli, SOCIAL, "patient_data=true")


def test_the_protective_security_act_brings_an_agreement_and_vetting(run_cli: Run) -> None:
    clauses = {"KG-10-05", "KG-10-06"}
    assert not clauses & selected(run_cli, PERMIT)
    assert clauses <= selected(run_cli, PERMIT, "security_protection_act=true")


def test_incident_clauses_fit_the_answers(run_cli: Run, on_premises: Path) -> None:
    assert "KG-9-14" in selected(run_cli, PERMIT)  # personal data: breach report content
    assert "KG-9-14" not in selected(run_cli, on_premises)
    text = annex(run_cli, on_premises)
    assert "personuppgift" not in section(text, "KG-6-06").lower()


def test_data_subjects_rights_follow_personal_data(run_cli: Run, on_premises: Path) -> None:
    rights = {f"KG-10-{n:02d}" for n in range(7, 13)}  # art. 15-18, 20, 25, 35
    assert rights <= selected(run_cli, PERMIT)
    assert not rights & selected(run_cli, on_premises)


def test_a_feasibility_study_gets_none_of_the_system_clauses(run_cli: Run) -> None:
    ids = selected(run_cli, STUDY, "secrecy=true")
    assert not {i for i in ids if i.startswith(("KG-9-", "KG-10-"))}
    assert "KG-6-11" in ids  # the consultants' confidentiality undertakings cover studies


def test_certification_is_asked_for_sensitive_data_in_a_service_not_only_at_high_level(
    run_cli: Run,
) -> None:
    assert "KG-6-08" not in selected(run_cli, PERMIT)  # moderate, ordinary personal data
    assert "KG-6-08" in selected(run_cli, PERMIT, "personal_data=sensitive")
