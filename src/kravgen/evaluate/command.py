"""The core of `kravgen evaluate`: read the annex, judge each copy, report, maybe write a matrix."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kravgen.errors import ExitCode, OutputError, SourceLocation
from kravgen.evaluate.reading import Expected, ExpectedRow

MESSAGES = {
    ("sv", "output_is_input"): "utvärderingen skulle skriva över en fil den läser",
    ("en", "output_is_input"): "the evaluation would overwrite a file it reads",
    ("sv", "output_hint"): "välj en annan --output",
    ("en", "output_hint"): "choose another --output",
}


@dataclass(frozen=True, slots=True)
class EvaluateRequest:
    annex: Path  # the workbook kravgen wrote, or the answers file
    filled: tuple[Path, ...]  # the suppliers' copies
    fmt: str  # "text" or "json"
    output: Path | None  # the matrix workbook, if wanted
    force: bool
    libraries: tuple[str, ...]  # only for an answers file
    lang: str  # of the messages and the report


def read_expected(request: EvaluateRequest) -> Expected:
    """The annex, from the buyer's workbook or rebuilt from the answers file.

    Raises:
        WorkbookError, AnswersError, LibraryError, RenderError: the annex cannot be read.
    """
    if request.annex.suffix.lower() in (".yaml", ".yml"):
        return _expected_from_answers(request)
    from kravgen.evaluate.reading import read_expected_workbook

    return read_expected_workbook(request.annex, request.lang)


def _expected_from_answers(request: EvaluateRequest) -> Expected:
    from kravgen.annex.rows import sheet_rows, text_digest
    from kravgen.library import load_library
    from kravgen.pipeline import library_roots, missing_message
    from kravgen.questions import read_answers_file, resolve_answers
    from kravgen.render import render_annex
    from kravgen.resources import bundled_templates
    from kravgen.selection import select_clauses

    library = load_library(library_roots(request.libraries))
    recorded = read_answers_file(request.annex, library)
    resolution = resolve_answers(library, recorded.answers)
    if resolution.missing:
        raise missing_message(resolution)
    selection = select_clauses(library, resolution.answers)
    lang = recorded.lang or request.lang
    annex = render_annex(
        library, resolution.answers, selection, lang, bundled_templates(), resolution.defaulted
    )
    rows = tuple(
        ExpectedRow(
            r.clause.id, r.clause.version, r.clause.type, r.number, text_digest(r.clause.text),
            r.needs_description, r.clause.confirm,
            Decimal(r.award_value) if r.award_value else None,
        )
        for r in sheet_rows(annex)
    )  # fmt: skip
    return Expected({**annex.provenance, "date": annex.date}, rows)


def _check_output(request: EvaluateRequest) -> None:
    """Even with --force, the matrix never replaces the annex or a supplier's copy."""
    assert request.output is not None
    target = request.output.resolve()
    if any(target == path.resolve() for path in (request.annex, *request.filled)):
        lang = request.lang if (request.lang, "output_is_input") in MESSAGES else "sv"
        raise OutputError(
            MESSAGES[(lang, "output_is_input")],
            SourceLocation(request.output),
            hint=MESSAGES[(lang, "output_hint")],
        )


def run_evaluate(request: EvaluateRequest) -> int:
    """kravgen evaluate: one result per supplier; exit 0, or 3 (raised) on bad input.

    Raises:
        KravgenError: the annex or a copy is refused; nothing is written then.
    """
    from kravgen.evaluate.reading import check_same_annex, read_supplier
    from kravgen.evaluate.report import as_json, as_matrix_xlsx, as_text
    from kravgen.evaluate.results import judge
    from kravgen.outputs import check_targets, write_files

    if request.output is not None:
        _check_output(request)
        check_targets([request.output], request.force)
    expected = read_expected(request)
    results = []
    for path in request.filled:
        copy = read_supplier(path, request.lang)
        check_same_annex(expected, copy, request.lang)
        results.append(judge(expected, copy))
    if request.output is not None:
        matrix = as_matrix_xlsx(expected, results, request.lang)
        write_files([(request.output, matrix)], request.force)
    text = as_json(results) + "\n" if request.fmt == "json" else as_text(results, request.lang)
    sys.stdout.write(text)
    return int(ExitCode.OK)
