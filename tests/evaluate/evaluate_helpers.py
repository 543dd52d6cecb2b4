"""Helpers for the evaluate tests: where the example answers are, reading requirement rows,
filling a Word copy as Word would."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import openpyxl
from lxml import etree

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COLUMNS = {"id": 2, "text": 6, "answer": 9, "description": 10}
# The award criteria the socialtjänst example selects, their deductions in per cent summed
# (the values of its award_* answers: 1 + 3 + 3 + 2 + 2 + 1 + 2 + 3).
AWARD_TOTAL = 17


def first(rows: list[dict[str, object]], type_label: str, **flags: bool) -> str:
    """The id of the first requirement of a type (as the workbook names it) with the flags."""
    return next(
        str(r["id"])
        for r in rows
        if r["type"] == type_label and all(r[k] == v for k, v in flags.items())
    )


def evaluate_json(run_cli: Callable[..., Any], *args: object) -> dict[str, Any]:
    """`kravgen evaluate ... --format json`, which must succeed, parsed."""
    result = run_cli("evaluate", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return cast(dict[str, Any], json.loads(result.stdout))


def rewrite(path: Path, changes: dict[str, bytes | None]) -> Path:
    """The same package with parts replaced (bytes), removed (None) or added."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, data in changes.items():
        if data is None:
            parts.pop(name)
        else:
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def clause_rows(path: Path) -> list[dict[str, object]]:
    """The requirement rows of a workbook: id (without version), type, text, ask flags."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = []
    for values in sheet.iter_rows(min_row=2, values_only=True):
        rows.append(
            {
                "id": str(values[1]).split("@")[0],
                "type": values[3],
                "text": values[5],
                "confirm": values[8] != "–",
                "describe": values[9] != "–",
            }
        )
    return rows


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
NOT_TICKED = "none"  # an answer to leave with no box ticked
BOTH_TICKED = "both"


def _tick(sdt: etree._Element, checked: bool) -> None:
    """What Word does when a checkbox is clicked: the state and the glyph change together."""
    sdt.find(f"{W}sdtPr/{W14}checkbox/{W14}checked").set(f"{W14}val", "1" if checked else "0")
    sdt.find(f"{W}sdtContent/{W}r/{W}t").text = "\u2612" if checked else "\u2610"


def _type(sdt: etree._Element, text: str) -> None:
    """What Word does when a supplier types into a text field: the placeholder goes."""
    properties = sdt.find(f"{W}sdtPr")
    properties.remove(properties.find(f"{W}showingPlcHdr"))
    run = sdt.find(f"{W}sdtContent/{W}r")
    run.remove(run.find(f"{W}rPr"))
    run.find(f"{W}t").text = text


def fill_docx(
    annex: Path, target: Path, edits: Mapping[str, Mapping[str, str]] | None = None
) -> Path:
    """A supplier's Word copy: every Ja box ticked and every description written, as Word
    saves them in word/document.xml, then `edits` applied.

    edits maps a clause id to {"answer": "Ja" | "Nej" | NOT_TICKED | BOTH_TICKED} and/or
    {"description": text ("" leaves the placeholder)}.
    """
    with zipfile.ZipFile(annex) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    name = next(info for info in parts if info.filename == "word/document.xml")
    root = etree.fromstring(parts[name])
    for sdt in root.iter(f"{W}sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        clause_id, _, field = tag.partition(":")
        edit = (edits or {}).get(clause_id, {})
        if field in ("svar:ja", "svar:nej"):
            answer = edit.get("answer", "Ja")
            _tick(sdt, answer == BOTH_TICKED or answer.casefold() == field[5:])
        elif field == "beskrivning":
            text = edit.get("description", f"Så här uppfyller vi {clause_id}.")
            if text:
                _type(sdt, text)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info, data in parts.items():
            copy.writestr(info, data)
    return target
