"""Helpers for the evaluate tests: where the example answers are, reading requirement rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COLUMNS = {"id": 2, "text": 6, "answer": 9, "description": 10}


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
