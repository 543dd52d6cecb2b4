"""The response workbook and the CSV (`kravgen new --format xlsx|csv`), read back as a user's
spreadsheet program would: openpyxl for the workbook, the csv module for the CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
import yaml

from annex_fixtures import annex
from kravgen.annex.render import award_value
from kravgen.annex.rows import running_numbers, sheet_rows
from kravgen.commands import load_libraries
from kravgen.model import ClauseType

SOCIAL = Path(__file__).resolve().parents[2] / "examples" / "socialtjanst-kommun.yaml"


def build(run_cli, target: Path, *extra: str) -> Path:
    result = run_cli("new", "--answers", SOCIAL, "--output", target, "--no-input", *extra)
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture
def workbook(run_cli, tmp_path) -> Path:
    return build(run_cli, tmp_path / "bilaga.xlsx", "--save-answers", str(tmp_path / "svar.yaml"))


def test_every_selected_clause_has_a_row_in_annex_order(run_cli, workbook, tmp_path):
    selected = yaml.safe_load((tmp_path / "svar.yaml").read_text(encoding="utf-8"))["selected"]
    markdown = build(run_cli, tmp_path / "bilaga.md", "--format", "md").read_text(encoding="utf-8")
    annex_order = re.findall(r"^### [0-9]+\.[0-9]+ (KG-[0-9A-Z-]+) ", markdown, flags=re.MULTILINE)
    sheet = openpyxl.load_workbook(workbook)["Krav"]

    ids = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert ids == [f"{cid}@{selected[cid]}" for cid in annex_order]
    assert len(ids) == len(selected)
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header == (
        "Nr", "Id", "Område", "Typ", "Rubrik", "Kravtext", "Verifiering", "Att besvara",
        "Svar", "Beskrivning", "Bilaga",
    )  # fmt: skip


def test_answer_column_has_a_drop_down_and_only_answer_cells_are_open(workbook):
    sheet = openpyxl.load_workbook(workbook)["Krav"]
    last = sheet.max_row

    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1) == ("list", '"Ja,Nej"')
    assert str(validation.sqref) == f"I2:I{last}"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{last}"
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None
    assert sheet["F2"].protection.locked is True  # the requirement text
    assert sheet["I2"].protection.locked is False  # Svar
    assert sheet["K2"].protection.locked is False  # Bilaga
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.print_title_rows == "$1:$1"


def test_instructions_prices_and_provenance(workbook, tmp_path):
    book = openpyxl.load_workbook(workbook)
    answers = yaml.safe_load((tmp_path / "svar.yaml").read_text(encoding="utf-8"))

    assert book.sheetnames == ["Krav", "Instruktioner", "Prisrader", "kravgen"]
    assert book["kravgen"].sheet_state == "veryHidden"
    assert book["Instruktioner"]["B3"].protection.locked is False  # the tenderer's name
    prices = list(book["Prisrader"].iter_rows(min_row=2, values_only=True))
    assert prices  # the example asks for prices of extra work
    assert all(row[3] and row[4] is None for row in prices)
    props = {p.name: p.value for p in book.custom_doc_props}
    assert props["kravgen.library_digest"] == answers["library"]["digest"]
    assert props["kravgen.answers_digest"].startswith("sha256:")


def test_inspect_reads_the_workbook_as_it_reads_the_word_annex(run_cli, workbook, tmp_path):
    docx = build(run_cli, tmp_path / "word.docx")

    from_xlsx = json.loads(run_cli("inspect", workbook, "--format", "json").stdout)
    from_docx = json.loads(run_cli("inspect", docx, "--format", "json").stdout)

    assert from_xlsx == {**from_docx, "date": "2026-12-07"}


def test_two_builds_are_byte_identical_with_fixed_dates(run_cli, tmp_path, monkeypatch):
    first = build(run_cli, tmp_path / "a.xlsx")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the answers' date wins over it
    second = build(run_cli, tmp_path / "b.xlsx")

    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 12, 7, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-12-07T00:00:00Z") == 2


def test_csv_holds_the_same_rows(run_cli, workbook, tmp_path):
    target = build(run_cli, tmp_path / "bilaga.csv", "--force")

    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(workbook)["Krav"]
    expected = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == expected
    assert (tmp_path / "bilaga-pm.docx").exists()  # the memo is written as for docx


def test_english_workbook(run_cli, tmp_path):
    target = build(run_cli, tmp_path / "annex.xlsx", "--lang", "en")
    book = openpyxl.load_workbook(target)

    sheet = book["Requirements"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"Yes,No"'
    assert sheet["I1"].value == "Answer"
    assert book.sheetnames[:3] == ["Requirements", "Instructions", "Price lines"]


def test_output_suffix_chooses_the_format(run_cli, tmp_path):
    target = build(run_cli, tmp_path / "bilaga.xlsx")  # no --format

    assert zipfile.is_zipfile(target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Krav"


def test_running_numbers_count_areas_with_selected_clauses():
    base = annex("sv")
    # Areas 3 and 7 of a library: the numbers still run 1, 2 over the areas the annex holds.
    areas = tuple(replace(area, id=new) for area, new in zip(base.areas, ("3", "7"), strict=True))

    numbers = running_numbers(replace(base, areas=areas))

    assert numbers == {
        "KG-1A-01": "1.1", "KG-1B-01": "1.2",
        "KG-2A-01": "2.1", "KG-2B-01": "2.2", "KG-2C-01": "2.3",
    }  # fmt: skip


def test_an_award_criterion_is_worth_its_answer_whatever_else_its_text_counts():
    library = load_libraries([])
    clause = next(c for c in library.clauses if c.id == "KG-2B-02")
    text = (
        "Om minst 80 procent av formaten har öppna specifikationer ger kriteriet ett avdrag på "
        "{{ award_open_specifications }} procent från det utvärderade anbudspriset."
    )
    reworded = replace(clause, evaluation={"sv": text})

    assert award_value(reworded, library, {"award_open_specifications": 4}) == "4"


def test_a_row_takes_the_answered_value_and_reads_the_text_only_without_one():
    base = annex("sv")
    first = base.areas[0].clauses[0]
    evaluation = "Om minst 80 procent av formaten är öppna ger det ett avdrag på 4 procent."
    answered = replace(first, type=ClauseType.AWARD, evaluation=evaluation, award_value="4")
    stated = replace(answered, evaluation="Det ger ett avdrag på 2,5 procent.", award_value=None)

    values = [
        sheet_rows(replace(base, areas=(replace(base.areas[0], clauses=(clause,)),)))[0]
        for clause in (answered, stated)
    ]

    assert [row.award_value for row in values] == ["4", "2.5"]
