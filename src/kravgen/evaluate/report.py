"""The evaluation as text, as JSON (a public interface) and as a matrix workbook."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

from kravgen.evaluate.reading import Expected
from kravgen.evaluate.results import SupplierResult

WORDS: Mapping[tuple[str, str], str] = {
    ("sv", "qualified"): "kvalificerad",
    ("en", "qualified"): "qualified",
    ("sv", "not_qualified"): "inte kvalificerad",
    ("en", "not_qualified"): "not qualified",
    ("sv", "failed"): "ej uppfyllda krav",
    ("en", "failed"): "requirements not met",
    ("sv", "not_accepted"): "villkor som inte accepteras",
    ("en", "not_accepted"): "conditions not accepted",
    ("sv", "missing"): "svar eller beskrivning saknas",
    ("en", "missing"): "answer or description missing",
    ("sv", "tampered"): "ändrade rader",
    ("en", "tampered"): "edited rows",
    ("sv", "added_value"): "mervärde",
    ("en", "added_value"): "added value",
    ("sv", "percent"): "procent",
    ("en", "percent"): "per cent",
    ("sv", "sheet_matrix"): "Matris",
    ("en", "sheet_matrix"): "Matrix",
    ("sv", "sheet_summary"): "Sammanfattning",
    ("en", "sheet_summary"): "Summary",
    ("sv", "number"): "Nr",
    ("en", "number"): "No.",
    ("sv", "id"): "Id",
    ("en", "id"): "Id",
    ("sv", "type"): "Typ",
    ("en", "type"): "Type",
    ("sv", "supplier"): "Anbudsgivare",
    ("en", "supplier"): "Tenderer",
    ("sv", "file"): "Fil",
    ("en", "file"): "File",
    ("sv", "yes"): "Ja",
    ("en", "yes"): "Yes",
    ("sv", "no"): "Nej",
    ("en", "no"): "No",
    ("sv", "cell_missing"): "saknas",
    ("en", "cell_missing"): "missing",
    ("sv", "cell_tampered"): "ändrad",
    ("en", "cell_tampered"): "edited",
}


def _w(lang: str, key: str) -> str:
    return WORDS.get((lang, key)) or WORDS[("sv", key)]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def as_json(results: Sequence[SupplierResult]) -> str:
    """{"suppliers": [{"name", "file", "qualified", "failed", "missing", "tampered",
    "added_value"}]}: the shape the README documents."""
    suppliers = [
        {
            "name": r.name,
            "file": str(r.file),
            "qualified": r.qualified,
            "failed": list(r.failed),
            "missing": list(r.missing),
            "tampered": list(r.tampered),
            "added_value": _number(r.added_value),
        }
        for r in results
    ]
    return json.dumps({"suppliers": suppliers}, ensure_ascii=False, indent=2)


def as_text(results: Sequence[SupplierResult], lang: str) -> str:
    """One paragraph per supplier: the verdict, then each list that is not empty."""
    lines = []
    for r in results:
        verdict = _w(lang, "qualified" if r.qualified else "not_qualified")
        value = f"{_number(r.added_value)} {_w(lang, 'percent')}"
        lines.append(f"{r.name} ({r.file}): {verdict}; {_w(lang, 'added_value')} {value}")
        refused = set(r.not_accepted)
        for key, ids in (
            ("failed", [i for i in r.failed if i not in refused]),
            ("not_accepted", list(r.not_accepted)),
            ("missing", list(r.missing)),
            ("tampered", list(r.tampered)),
        ):
            if ids:
                lines.append(f"  {_w(lang, key)}: {', '.join(ids)}")
    return "\n".join(lines) + "\n"


def as_matrix_xlsx(expected: Expected, results: Sequence[SupplierResult], lang: str) -> bytes:
    """Requirements x suppliers, and a summary sheet; byte-identical for the same input."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kravgen.annex.workbook import document_time, fix_timestamps

    book = Workbook()
    matrix = book.active
    matrix.title = _w(lang, "sheet_matrix")
    matrix.append([_w(lang, k) for k in ("number", "id", "type")] + [r.name for r in results])
    shown = {
        "yes": _w(lang, "yes"),
        "no": _w(lang, "no"),
        "missing": _w(lang, "cell_missing"),
        "tampered": _w(lang, "cell_tampered"),
    }
    for row in expected.rows:
        answers = [shown.get(r.cells.get(row.id, "missing"), "") for r in results]
        matrix.append([row.number, f"{row.id}@{row.version}", row.type.value, *answers])
    summary = book.create_sheet(_w(lang, "sheet_summary"))
    keys = ("supplier", "file", "qualified", "failed", "missing", "tampered", "added_value")
    summary.append([_w(lang, k) for k in keys])
    for r in results:
        summary.append(
            [
                r.name,
                str(r.file),
                _w(lang, "yes" if r.qualified else "no"),
                ", ".join(r.failed),
                ", ".join(r.missing),
                ", ".join(r.tampered),
                _number(r.added_value),
            ]
        )
    for sheet in (matrix, summary):
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    when = document_time(expected.date)
    book.properties.creator = "kravgen"
    book.properties.created = when
    book.properties.modified = when
    stream = io.BytesIO()
    book.save(stream)
    return fix_timestamps(stream.getvalue(), when)
