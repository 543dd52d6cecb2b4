"""`kravgen evaluate`: suppliers' filled workbooks and Word annexes back in, one result per
supplier.

safety (open a file from outside with bounded work) -> reading (what the annex expects, what
a workbook copy holds) and wordcopy (what a Word copy holds, and which kind a copy is) ->
results (judge one copy, no I/O) -> report (text, JSON, matrix workbook); command wires
them, with the stages beneath, into `run_evaluate(EvaluateRequest)`.
"""

from __future__ import annotations

from kravgen.evaluate.command import EvaluateRequest, evaluate_copies, run_evaluate
from kravgen.evaluate.reading import (
    Expected,
    expected_from_annex,
    read_document_provenance,
    read_expected_workbook,
    read_workbook_provenance,
)
from kravgen.evaluate.report import as_json, as_matrix_xlsx, as_text
from kravgen.evaluate.results import SupplierResult

__all__ = [
    "EvaluateRequest",
    "Expected",
    "SupplierResult",
    "as_json",
    "as_matrix_xlsx",
    "as_text",
    "evaluate_copies",
    "expected_from_annex",
    "read_document_provenance",
    "read_expected_workbook",
    "read_workbook_provenance",
    "run_evaluate",
]
