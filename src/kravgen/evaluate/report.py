"""The evaluation as text, as JSON (a public interface) and as a matrix workbook."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from kravgen.annex.workbook import document_time, fix_timestamps
from kravgen.errors import OutputError, SourceLocation
from kravgen.evaluate.reading import Expected
from kravgen.evaluate.results import SupplierResult
from kravgen.evaluate.safety import message
from kravgen.wording import EVALUATION, WORKBOOK, in_language


def _w(lang: str, key: str) -> str:
    """A word of the report, or of the workbook for the columns the matrix shares with it."""
    return in_language(EVALUATION, lang).get(key) or in_language(WORKBOOK, lang)[key]


def refuse_reading_target(output: Path, inputs: Sequence[Path], lang: str) -> None:
    """Even with --force, the matrix never replaces the annex or a supplier's copy.

    Raises:
        OutputError: `output` is one of `inputs`.
    """
    target = output.resolve()
    if any(target == path.resolve() for path in inputs):
        raise OutputError(
            message(lang, "output_is_input"),
            SourceLocation(output),
            hint=message(lang, "output_hint"),
        )


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
    # late: openpyxl loads only when a workbook is built
    from openpyxl import Workbook
    from openpyxl.styles import Font

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
