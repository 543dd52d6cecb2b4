"""Hostile and broken copies: each is refused with a message naming the file, or read with
bounded work; never a traceback, never a formula evaluated."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

import kravgen.evaluate.reading
from evaluate.evaluate_helpers import clause_rows, rewrite


def refused(run_cli, annex: Path, copy: Path, message: str) -> None:
    result = run_cli("evaluate", annex, copy)
    assert result.exit_code == 3, result.output
    assert f"{copy}: {message}" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_text_file_is_not_a_workbook(run_cli, annex_xlsx, tmp_path):
    copy = tmp_path / "anbud.xlsx"
    copy.write_text("Leverantör;Svar\nAlfa;Ja\n", encoding="utf-8")

    refused(run_cli, annex_xlsx, copy, "filen är ingen Excel-arbetsbok (.xlsx)")


def test_a_password_protected_workbook(run_cli, annex_xlsx, tmp_path):
    copy = tmp_path / "anbud.xlsx"
    # Excel saves a workbook with a password as an OLE compound file holding the encrypted zip.
    copy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))

    refused(run_cli, annex_xlsx, copy, "arbetsboken är lösenordsskyddad eller krypterad")


def test_a_truncated_workbook(run_cli, annex_xlsx, fill):
    copy = fill("anbud.xlsx")
    copy.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])

    refused(run_cli, annex_xlsx, copy, "filen är ingen Excel-arbetsbok (.xlsx)")


def test_a_damaged_sheet(run_cli, annex_xlsx, fill):
    copy = rewrite(fill("anbud.xlsx"), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData>"})

    refused(run_cli, annex_xlsx, copy, "arbetsboken är skadad")


def test_a_zip_bomb_is_refused_from_the_directory(run_cli, annex_xlsx, fill):
    # 41 MB of zeros packs into about 40 kB; the declared size gives it away unread.
    copy = rewrite(fill("anbud.xlsx"), {"xl/media/image1.png": bytes(41 * 2**20)})

    refused(run_cli, annex_xlsx, copy, "arbetsboken packas upp till mer än 80 MB")


def test_an_entity_expansion_is_refused(run_cli, annex_xlsx, fill):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol2;</t></si></sst>"
    )
    copy = rewrite(fill("anbud.xlsx"), {"xl/sharedStrings.xml": laughs})

    refused(run_cli, annex_xlsx, copy, "arbetsboken innehåller en DOCTYPE-deklaration")


def test_a_sheet_with_too_many_rows(run_cli, annex_xlsx, fill, monkeypatch):
    # Room for the annex's own sheets (a row per requirement), not for 200 rows more.
    limit = len(clause_rows(annex_xlsx)) + 20
    monkeypatch.setattr(kravgen.evaluate.reading, "MAX_ROWS", limit)
    copy = fill("anbud.xlsx")
    book = openpyxl.load_workbook(copy)
    for index in range(200):
        book.worksheets[0].append([f"{index}", f"EXTRA-{index}@1"])
    book.save(copy)

    refused(run_cli, annex_xlsx, copy, f"bladet Krav har fler än {limit} rader")


def test_a_sheet_that_claims_a_million_rows_is_read_within_bounds(run_cli, annex_xlsx, fill):
    copy = fill("anbud.xlsx")
    with zipfile.ZipFile(copy) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    start = sheet.index(b"<dimension ref=")
    end = sheet.index(b"/>", start)
    claimed = sheet[:start] + b'<dimension ref="A1:XFD1048576"' + sheet[end:]
    rewrite(copy, {"xl/worksheets/sheet1.xml": claimed})

    result = run_cli("evaluate", annex_xlsx, copy, "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["suppliers"][0]["qualified"] is True


def test_formulas_in_answers_are_invalid_answers(run_cli, annex_xlsx, fill):
    rows = [r for r in clause_rows(annex_xlsx) if r["confirm"]]
    computed, linked = rows[0]["id"], rows[1]["id"]
    copy = fill(
        "anbud.xlsx",
        {
            computed: {"answer": '=IF(1=1,"Ja","Nej")'},
            linked: {"answer": "='[leverantor.xlsx]Blad1'!A1"},
        },
    )

    result = run_cli("evaluate", annex_xlsx, copy, "--format", "json")

    (supplier,) = json.loads(result.stdout)["suppliers"]
    assert supplier["missing"] == [computed, linked]
    assert supplier["qualified"] is False


def test_a_missing_requirements_sheet(run_cli, annex_xlsx, fill):
    copy = fill("anbud.xlsx")
    book = openpyxl.load_workbook(copy)
    del book["Krav"]
    book.save(copy)

    refused(run_cli, annex_xlsx, copy, "bladet Krav saknas")


def test_a_workbook_kravgen_did_not_write(run_cli, annex_xlsx, tmp_path):
    copy = tmp_path / "anbud.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Id", "Kravtext", "Svar", "Beskrivning"])
    book.save(copy)

    refused(run_cli, annex_xlsx, copy, "arbetsboken saknar kravgens dolda blad")


def test_a_renamed_answer_column(run_cli, annex_xlsx, fill):
    copy = fill("anbud.xlsx")
    book = openpyxl.load_workbook(copy)
    book["Krav"]["I1"] = "Vårt svar"
    book.save(copy)

    refused(run_cli, annex_xlsx, copy, "kolumnen Svar saknas i bladet Krav")


@pytest.mark.parametrize(
    ("cells", "lost"),
    [("I2:I3", [1]), ("A2:K3", [0, 1])],  # a merge keeps only its top-left cell's value
)
def test_merged_rows_are_read_by_id(run_cli, annex_xlsx, fill, cells, lost):
    rows = clause_rows(annex_xlsx)
    copy = fill("anbud.xlsx")
    book = openpyxl.load_workbook(copy)
    book["Krav"].merge_cells(cells)
    book.save(copy)

    result = run_cli("evaluate", annex_xlsx, copy, "--format", "json")

    assert result.exit_code == 0, result.stderr
    (supplier,) = json.loads(result.stdout)["suppliers"]
    assert supplier["missing"] == [rows[i]["id"] for i in lost]
    assert supplier["qualified"] is False


def test_control_characters_from_a_supplier_never_reach_the_terminal(run_cli, annex_xlsx, fill):
    # U+009B is a terminal's control sequence introducer, and valid in a workbook's XML.
    copy = fill("anbud.xlsx", supplier="Alfa\u009b2J\tAB")
    book = openpyxl.load_workbook(copy)
    book["Krav"].append(["9.9", "KG-\u009b31m@1", "", "", "", "Ett tillagt krav"])
    book.save(copy)

    result = run_cli("evaluate", annex_xlsx, copy)

    assert result.exit_code == 0
    assert "\u009b" not in result.stdout
    assert result.stdout.startswith(f"Alfa 2J AB ({copy}): inte kvalificerad;")
    assert "ändrade rader: KG- 31m" in result.stdout
