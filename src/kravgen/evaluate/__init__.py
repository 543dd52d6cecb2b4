"""`kravgen evaluate`: suppliers' filled workbooks back in, one result per supplier.

safety (open a file from outside with bounded work) -> reading (what the annex expects, what
a copy holds) -> results (judge one copy, no I/O) -> report (text, JSON, matrix workbook).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kravgen.evaluate.reading import (
    Expected,
    check_same_annex,
    expected_from_annex,
    read_expected_workbook,
    read_supplier,
    read_workbook_provenance,
)
from kravgen.evaluate.report import as_json, as_matrix_xlsx, as_text, refuse_reading_target
from kravgen.evaluate.results import SupplierResult, judge

__all__ = [
    "Expected",
    "SupplierResult",
    "as_json",
    "as_matrix_xlsx",
    "as_text",
    "evaluate_copies",
    "expected_from_annex",
    "read_expected_workbook",
    "read_workbook_provenance",
    "refuse_reading_target",
]


def evaluate_copies(expected: Expected, copies: Sequence[Path], lang: str) -> list[SupplierResult]:
    """Every supplier's copy read, checked to be a copy of this annex and judged, in order.

    Raises:
        WorkbookError: a copy is refused (damaged, hostile, or of another annex).
    """
    results = []
    for path in copies:
        copy = read_supplier(path, lang)
        check_same_annex(expected, copy, lang)
        results.append(judge(expected, copy))
    return results
