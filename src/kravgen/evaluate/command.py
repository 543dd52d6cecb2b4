"""The core of `kravgen evaluate`: read the annex, judge each copy, report, maybe write a matrix.

Like commands.py for the other commands, this wires stages: the library, the answers, the
selection and the rendered annex when the annex is given as its answers file, and the atomic
writer for the matrix. It lives here, above annex/ and outputs, to keep commands.py small.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kravgen.annex.render import render_annex
from kravgen.errors import ExitCode, in_language
from kravgen.evaluate.reading import (
    Expected,
    check_same_annex,
    expected_from_annex,
    read_expected_workbook,
)
from kravgen.evaluate.report import as_json, as_matrix_xlsx, as_text, refuse_reading_target
from kravgen.evaluate.results import SupplierResult, judge
from kravgen.evaluate.wordcopy import read_copy
from kravgen.library import load_library
from kravgen.outputs import check_targets, write_files
from kravgen.questions import missing_message, read_answers_file, resolve_answers
from kravgen.resources import bundled_templates, library_roots
from kravgen.selection import select_clauses


@dataclass(frozen=True, slots=True)
class EvaluateRequest:
    annex: Path  # the workbook kravgen wrote, or the answers file
    filled: tuple[Path, ...]  # the suppliers' copies, workbooks or Word documents
    fmt: str  # "text" or "json"
    output: Path | None  # the matrix workbook, if wanted
    force: bool
    libraries: tuple[str, ...]  # read only for an answers file
    lang: str | None  # of the report; None: the annex's language


def evaluate_copies(expected: Expected, copies: Sequence[Path], lang: str) -> list[SupplierResult]:
    """Every supplier's copy read, checked to be a copy of this annex and judged, in order.

    Raises:
        WorkbookError: a copy is refused (damaged, hostile, or of another annex).
    """
    results = []
    for path in copies:
        copy = read_copy(path, lang)
        check_same_annex(expected, copy, lang)
        results.append(judge(expected, copy))
    return results


def run_evaluate(request: EvaluateRequest) -> int:
    """kravgen evaluate: one result per supplier; nothing is written unless every copy is read.

    Raises:
        KravgenError: the annex or a copy is refused, or the matrix may not be written.
    """
    early = request.lang or "sv"  # before the annex, and so its language, is known
    with in_language(early):
        if request.output is not None:
            refuse_reading_target(request.output, (request.annex, *request.filled), early)
            check_targets([request.output], request.force, early)
        expected = _expected(request, early)
    lang = request.lang or expected.lang
    with in_language(lang):
        results = evaluate_copies(expected, request.filled, lang)
        if request.output is not None:
            matrix = as_matrix_xlsx(expected, results, lang)
            write_files([(request.output, matrix)], request.force, lang)
    text = as_json(results) + "\n" if request.fmt == "json" else as_text(results, lang)
    sys.stdout.write(text)
    return int(ExitCode.OK)


def _expected(request: EvaluateRequest, lang: str) -> Expected:
    """The annex: from the buyer's workbook, or rebuilt from the answers file."""
    if request.annex.suffix.lower() not in (".yaml", ".yml"):
        return read_expected_workbook(request.annex, lang)
    library = load_library(library_roots(request.libraries))
    recorded = read_answers_file(request.annex, library, lang)
    resolution = resolve_answers(library, recorded.answers)
    if resolution.missing:
        raise missing_message(resolution, lang)
    answers, annex_lang = resolution.answers, recorded.lang or lang
    selection = select_clauses(library, answers)
    annex = render_annex(
        library, answers, selection, annex_lang, bundled_templates(), resolution.defaulted
    )
    return expected_from_annex(annex)
