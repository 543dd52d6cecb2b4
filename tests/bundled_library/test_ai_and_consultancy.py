"""Library 2.0, part 3: AI services, consultancy assignments and selections that fit.

Everything here goes through the public CLI (`kravgen explain --format json` and `kravgen new
--format md`), so the tests pin what a buyer sees, whatever happens inside src/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES

AI_CHAT = EXAMPLES / "ai-chattjanst.yaml"
CONSULTANCY = EXAMPLES / "konsultuppdrag-datalager.yaml"

AI_CLAUSES = {"KG-12-01", "KG-12-02", "KG-12-03", "KG-12-04", "KG-12-05", "KG-12-06"}
AI_LOGGING = "KG-12-05"
AI_LOCATION = "KG-12-02"
AI_TRANSPARENCY = "KG-12-06"
APPLICATIONS = "KG-2A-02"
CASE_DOCUMENTS = "KG-2A-03"
CONSULTANCY_CLAUSES = {
    "KG-1C-10",  # rights to code, data models, scripts and documentation
    "KG-1C-11",  # licence to the supplier's pre-existing material
    "KG-1C-12",  # data lineage
    "KG-1C-13",  # handover of working material
    "KG-1C-14",  # knowledge transfer
}

Run = Callable[..., object]


def selected(run_cli: Run, answers: Path, *settings: str) -> set[str]:
    args: list[str | Path] = ["explain", "--answers", answers, "--format", "json"]
    for setting in settings:
        args += ["--set", setting]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    rows = json.loads(result.stdout)  # type: ignore[attr-defined]
    return {row["id"] for row in rows if row["selected"]}


def annex(run_cli: Run, answers: Path, tmp_path: Path, lang: str = "sv") -> str:
    out = tmp_path / f"annex-{lang}.md"
    result = run_cli(
        "new", "--answers", answers, "--format", "md", "--lang", lang, "--no-input", "-o", out
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return out.read_text(encoding="utf-8")


# --- AI in the solution ---------------------------------------------------------------------


def test_an_ai_chat_service_gets_the_ai_clauses_with_logging_and_location(run_cli: Run) -> None:
    ids = selected(run_cli, AI_CHAT)
    assert ids >= AI_CLAUSES
    assert {AI_LOGGING, AI_LOCATION, AI_TRANSPARENCY} <= ids


def test_an_ai_chat_service_gets_nothing_about_applications_or_case_documents(
    run_cli: Run,
) -> None:
    ids = selected(run_cli, AI_CHAT)
    assert APPLICATIONS not in ids
    assert CASE_DOCUMENTS not in ids


def test_logging_and_location_follow_from_ai_even_without_expected_personal_data(
    run_cli: Run,
) -> None:
    ids = selected(run_cli, AI_CHAT, "personal_data=none")
    assert {AI_LOGGING, AI_LOCATION} <= ids


def test_no_ai_clauses_when_the_solution_uses_no_ai(run_cli: Run) -> None:
    assert not selected(run_cli, AI_CHAT, "ai_use=none") & AI_CLAUSES


def test_transparency_only_when_people_interact_with_the_ai(run_cli: Run) -> None:
    ids = selected(run_cli, AI_CHAT, "ai_interaction=false")
    assert AI_TRANSPARENCY not in ids
    assert AI_LOGGING in ids


def test_the_buyer_s_log_retention_reaches_the_annex(run_cli: Run, tmp_path: Path) -> None:
    text = annex(run_cli, AI_CHAT, tmp_path)
    assert "spara varje logg i 90 kalenderdagar" in text
    assert "artikel 50 i förordning (EU) 2024/1689" in text


# --- Selections that fit what is bought ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("applications", {APPLICATIONS}),
        ("case-documents", {CASE_DOCUMENTS}),
        ("applications,case-documents", {APPLICATIONS, CASE_DOCUMENTS}),
        ("", set()),
    ],
)
def test_application_and_case_document_clauses_follow_the_case_content(
    run_cli: Run, content: str, expected: set[str]
) -> None:
    ids = selected(run_cli, AI_CHAT, f"case_content={content}")
    assert ids & {APPLICATIONS, CASE_DOCUMENTS} == expected


def test_an_it_system_that_takes_applications_and_creates_case_documents_gets_both(
    run_cli: Run,
) -> None:
    ids = selected(run_cli, EXAMPLES / "socialtjanst-kommun.yaml")
    assert {APPLICATIONS, CASE_DOCUMENTS} <= ids
    assert not selected(run_cli, EXAMPLES / "socialtjanst-kommun.yaml", "case_content=") & {
        APPLICATIONS,
        CASE_DOCUMENTS,
    }


@pytest.mark.parametrize("clause", ["KG-5-02", "KG-1A-02"])
def test_handover_penalty_and_change_notices_only_where_the_supplier_runs_the_solution(
    run_cli: Run, clause: str
) -> None:
    assert clause not in selected(run_cli, AI_CHAT, "hosting=on-premises")
    assert clause in selected(run_cli, AI_CHAT, "hosting=supplier-cloud")
    assert clause in selected(run_cli, AI_CHAT, "hosting=hybrid")


def test_published_data_leaves_personal_data_out_when_open_data_meets_personal_data(
    run_cli: Run,
) -> None:
    assert "KG-2C-04" in selected(run_cli, AI_CHAT, "open_data=true")
    assert "KG-2C-04" not in selected(run_cli, AI_CHAT, "open_data=true", "personal_data=none")
    assert "KG-2C-04" not in selected(run_cli, AI_CHAT, "open_data=false")
    assert "KG-2C-05" in selected(run_cli, CONSULTANCY, "open_data=true")
    assert "KG-2C-05" not in selected(run_cli, CONSULTANCY, "open_data=false")


# --- Consultancy assignments that are not studies ------------------------------------------


def test_a_consultancy_gets_rights_to_code_lineage_and_handover(run_cli: Run) -> None:
    assert selected(run_cli, CONSULTANCY) >= CONSULTANCY_CLAUSES


def test_other_kinds_do_not_get_the_consultancy_clauses(run_cli: Run) -> None:
    assert not selected(run_cli, AI_CHAT) & CONSULTANCY_CLAUSES


@pytest.mark.parametrize(("lang", "study"), [("sv", r"studie"), ("en", r"\bstud(y|ies)\b")])
def test_a_consultancy_annex_never_speaks_of_a_study(
    run_cli: Run, tmp_path: Path, lang: str, study: str
) -> None:
    text = annex(run_cli, CONSULTANCY, tmp_path, lang)
    assert "KG-1C-10" in text  # the annex holds the consultancy clauses
    found = re.findall(rf"[^\n]*{study}[^\n]*", text, re.IGNORECASE)
    assert found == []
