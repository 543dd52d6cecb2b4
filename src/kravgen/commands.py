"""One core function per command; cli.py only parses options and calls these.

cli.py imports this module inside its commands, so the imports here cost nothing for
`kravgen --help`; the Word and Jinja2 libraries themselves load only when used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from kravgen import __version__, evaluate
from kravgen.annex.csv_writer import build_annex_csv
from kravgen.annex.docx_template import check_template
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx
from kravgen.annex.markdown_writer import build_annex_markdown, build_memo_markdown
from kravgen.annex.pdf import docx_to_pdfa, find_soffice
from kravgen.annex.render import render_annex
from kravgen.annex.workbook import build_annex_xlsx
from kravgen.checks.coverage import library_coverage, principle_coverage
from kravgen.errors import ExitCode, Interrupted, LibraryError, SourceLocation, in_language
from kravgen.explanation import explain_text
from kravgen.library import LIBRARY_SUFFIXES, load_library, read_library
from kravgen.library.schema import library_json_schema
from kravgen.model import AllOf, AnswerValue, AnyOf, Condition, Library, Match, Not, pick
from kravgen.outputs import (
    OutputPaths,
    check_output_name,
    check_targets,
    choose_format,
    output_paths,
    remove_stale_temporaries,
    signals_held,
    write_files,
    written_files,
)
from kravgen.prompt import rich_terminal, run_questionnaire
from kravgen.questions import (
    dump_answers_file,
    merge_given,
    missing_message,
    parse_set_options,
    read_answers_file,
    read_answers_leniently,
    resolve_answers,
)
from kravgen.report import FORMATTERS, cap_per_code, summary
from kravgen.resources import bundled_templates, library_roots
from kravgen.selection import select_clauses
from kravgen.session_report import (
    rebuild_command,
    report_changes,
    report_unasked,
    report_written,
)
from kravgen.wording import LANGUAGES, message, message_language

if TYPE_CHECKING:
    from kravgen.model import RenderedAnnex
    from kravgen.questions import AnswersFile, Resolution

# What `kravgen questions --format json` and friends print: JSON values, typed.
Json = str | int | bool | None | list["Json"] | dict[str, "Json"]


def build_outputs(
    library: Library,
    resolution: Resolution,
    lang: str,
    templates: Path,
    fmt: str,
    paths: OutputPaths,
) -> list[tuple[Path, bytes]]:
    """Select, render and build the bytes of the annex, the memo and the answers file.

    Raises:
        RenderError, TemplateError: before anything is written.
    """

    selection = select_clauses(library, resolution.answers)
    annex = render_annex(
        library, resolution.answers, selection, lang, templates, resolution.defaulted
    )
    if fmt == "md":
        files = [
            (paths.annex, build_annex_markdown(annex).encode("utf-8")),
            (paths.memo, build_memo_markdown(annex).encode("utf-8")),
        ]
    else:
        build = {"xlsx": build_annex_xlsx, "csv": build_annex_csv}.get(fmt)
        files = [
            (paths.annex, build(annex) if build else _word_or_pdf(annex, templates, fmt)),
            (paths.memo, build_memo_docx(annex, templates)),
        ]
    if paths.answers is not None:
        text = dump_answers_file(library, resolution.answers, selection, lang, __version__)
        files.append((paths.answers, text.encode("utf-8")))
    return files


def _word_or_pdf(annex: RenderedAnnex, templates: Path, fmt: str) -> bytes:
    docx = build_annex_docx(annex, templates)
    return docx_to_pdfa(docx, lang=annex.lang) if fmt == "pdf" else docx


def load_libraries(paths: Sequence[str]) -> Library:
    """The library the options name (--library, repeatable; the bundled one by default).

    Raises:
        LibraryError: the library has an error.
    """

    return load_library(library_roots(paths))


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err_console() -> Console:

    return Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass(frozen=True, slots=True)
class NewRequest:
    answers_file: Path | None
    output: Path
    sets: tuple[str, ...]
    libraries: tuple[str, ...]
    template: Path | None
    lang: str | None  # None: the answers file's language, else Swedish
    fmt: str | None  # None: from the output's suffix
    interactive: bool
    upgrade: bool
    save_answers: Path | None
    force: bool
    keep_defaults: bool = False  # in a terminal: ask only the questions without a default


def run_new(request: NewRequest) -> None:
    """kravgen new: answers in, annex, memo and answers file out (all or nothing)."""
    library = load_library(library_roots(request.libraries))
    recorded, file_answers = _read_recorded(request, library, message_language(request.lang))
    lang = request.lang or _recorded_lang(recorded) or "sv"
    try:
        with in_language(lang):
            _new_session(request, library, recorded, file_answers, lang)
    except (KeyboardInterrupt, EOFError):
        # End of input (Ctrl-D) at a prompt means the user left, as Ctrl-C does. A signal held
        # while the files were written arrives after them: the message must say so.
        said = "interrupted_written" if written_files() else "interrupted"
        raise Interrupted(message(said, lang)) from None


def _recorded_lang(recorded: AnswersFile | None) -> str | None:
    lang = recorded.lang if recorded is not None else None
    return lang if lang in LANGUAGES else None


def _new_session(
    request: NewRequest,
    library: Library,
    recorded: AnswersFile | None,
    file_answers: dict[str, AnswerValue],
    lang: str,
) -> None:
    fmt = choose_format(request.output, request.fmt, lang)
    templates = request.template or bundled_templates()
    if fmt == "pdf":
        find_soffice(lang)  # before any question: without LibreOffice, stop at once
    if fmt != "md":  # the memo beside a workbook, a CSV or a PDF stays Word
        check_template(templates)
    check_output_name(request.output, lang)
    if request.save_answers is not None:
        check_output_name(request.save_answers, lang)
    paths = output_paths(request.output, fmt, request.save_answers, request.interactive, lang)
    targets = [paths.annex, paths.memo] + ([paths.answers] if paths.answers else [])
    check_targets(targets, request.force, lang)
    remove_stale_temporaries([target.parent for target in targets])
    given = merge_given(file_answers, parse_set_options(library, request.sets, lang))
    if recorded is not None:
        report_changes(library, recorded, resolve_answers(library, given), lang)
    if request.interactive:
        # Answers already given (file or --set) are not asked again; the review shows them all.
        resolution = run_questionnaire(
            library, lang, rich_terminal(), given, skip=frozenset(given), keep=request.keep_defaults
        )
    else:
        resolution = resolve_answers(library, given)
        if resolution.missing:
            raise missing_message(resolution, lang)
    report_unasked(library, resolution, lang)
    files = build_outputs(library, resolution, lang, templates, fmt, paths)
    # Held: a Ctrl-C or SIGTERM that arrives now takes effect after the report, and the
    # message then printed says that every file was written (issue 15, point 4).
    with signals_held():
        write_files(files, request.force, lang)
        report_written(paths, lang, rebuild_command(paths, request.libraries, request.template))


def _read_recorded(
    request: NewRequest, library: Library, lang: str
) -> tuple[AnswersFile | None, dict[str, AnswerValue]]:
    if request.answers_file is None:
        return None, {}
    if request.upgrade:
        recorded, dropped = read_answers_leniently(request.answers_file, library, lang)
        for question_id, reason in dropped:
            again = message("asked_again", lang, question=question_id, reason=reason)
            _err_console().print(again, markup=False)
        return recorded, dict(recorded.answers)
    recorded = read_answers_file(request.answers_file, library, lang)
    return recorded, dict(recorded.answers)


def run_validate(paths: list[Path], fmt: str, strict: bool, quiet: bool) -> int:
    """kravgen validate: every finding in one run; the exit code CI reads."""

    roots = library_roots([str(p) for p in paths])
    for root in roots:
        if not root.exists():
            # Nothing to validate: unusable input (exit 3), not a finding in a library (1).
            said = message_language(None)
            raise LibraryError(
                message("no_library", said),
                SourceLocation(root),
                message("no_library_hint", said),
                code="KG001",
            )
    _, findings = read_library(roots)
    findings.sort(key=lambda f: f.sort_key())
    sys.stdout.write(FORMATTERS[fmt](cap_per_code(findings, roots[0])))
    files = sum(
        1
        for root in roots
        if root.is_dir()
        for p in root.rglob("*")
        if p.suffix in LIBRARY_SUFFIXES
    )
    if not quiet:
        _err_console().print(summary(findings, files), markup=False)
    failing = [f for f in findings if f.is_error or strict]
    return int(ExitCode.FINDINGS) if failing else int(ExitCode.OK)


def run_list(library: Library, fmt: str, lang: str) -> None:
    """kravgen list: the clauses as a table or JSON."""
    rows = [
        {
            "id": c.id,
            "version": c.version,
            "type": c.type.value,
            "area": c.area,
            "title": pick(c.title, lang),
            "sources": list(c.sources),
            "legal_refs": list(c.legal_refs),
            "principles": list(c.principles),
            "layer": c.layer,
        }
        for c in library.clauses
    ]
    if fmt == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = ("id", "version", "type", "area", "title", "sources")
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    if not sys.stdout.isatty():
        # Into a file or a pipe: one clause per line, tab-separated, nothing cut or wrapped.
        _out("\n".join("\t".join(line) for line in [list(columns), *cells]))
        return
    table = Table(title=f"{library.manifest.name} {library.manifest.version}")
    for column in columns:
        table.add_column(column)
    for line in cells:
        table.add_row(*line)
    Console(soft_wrap=False).print(table)


def _cell(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _condition_json(condition: Condition | None) -> Json:

    if condition is None:
        return None
    if isinstance(condition, Match):
        return {
            "question": condition.question,
            "op": condition.op,
            "values": list(condition.values),
        }
    if isinstance(condition, Not):
        return {"not": _condition_json(condition.item)}
    key = "all" if isinstance(condition, AllOf) else "any"
    assert isinstance(condition, AllOf | AnyOf)
    return {key: [_condition_json(c) for c in condition.items]}


def run_questions(library: Library, fmt: str, lang: str) -> None:
    """kravgen questions: the questionnaire for other front ends."""
    rows = []
    for q in library.questions:
        row: dict[str, Json] = {
            "id": q.id,
            "type": q.type.value,
            "section": q.section,
            "text": pick(q.text, lang),
            "help": pick(q.help, lang) if q.help else None,
            "options": [{"value": o.value, "label": pick(o.label, lang)} for o in q.options],
            "default": list(q.default) if isinstance(q.default, tuple) else q.default,
            "required": q.required,
            "condition": _condition_json(q.when),
        }
        if q.minimum is not None or q.maximum is not None:
            row["min"], row["max"] = q.minimum, q.maximum
        rows.append(row)
    if fmt == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for q in library.questions:
        options = ", ".join(q.option_values())
        _out(f"{q.id} ({q.type.value}{': ' + options if options else ''})\n  {pick(q.text, lang)}")


def run_explain(
    library: Library,
    answers_file: Path,
    sets: tuple[str, ...],
    fmt: str,
    lang: str | None = None,
) -> None:
    """kravgen explain: every clause, selected or not, with the deciding answers.

    The text is in --lang, else the answers file's language, else Swedish.
    """
    told = message_language(lang)
    recorded = read_answers_file(answers_file, library, told)
    given = merge_given(recorded.answers, parse_set_options(library, sets, told))
    resolution = resolve_answers(library, given)
    if resolution.missing:
        raise missing_message(resolution, told)
    report_unasked(library, resolution, told)
    selection = select_clauses(library, resolution.answers)
    if fmt == "json":
        rows = [
            {
                "id": d.clause.id,
                "version": d.clause.version,
                "selected": d.selected,
                "reasons": [str(r) for r in d.reasons],
            }
            for d in selection.decisions
        ]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    said = lang or _recorded_lang(recorded) or "sv"
    sys.stdout.write(explain_text(library, selection.decisions, said))


def run_coverage(library: Library, fmt: str, lang: str, principles: bool = False) -> None:
    """kravgen coverage: recommendations by procurement kind, with clauses and gaps; the text
    report adds the principles the clauses serve, `principles` shows those alone."""

    if principles:
        _principle_report(library, fmt, lang)
        return
    cells = library_coverage(library, lang)
    if fmt == "json":
        rows = [
            {
                "source": c.source,
                "procurement_kind": c.procurement_kind,
                "clauses": list(c.clauses),
                "status": c.status,
                "title": c.title,
            }
            for c in cells
        ]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for cell in cells:
        detail = ", ".join(cell.clauses) if cell.clauses else cell.status.upper()
        _out(f"{cell.source:<10} {cell.procurement_kind:<18} {detail}")
    if library.principles:
        _out("")
        _principle_report(library, fmt, lang)


def _principle_report(library: Library, fmt: str, lang: str) -> None:
    """Principles by procurement kind: the clauses that serve each, and where its wording
    comes from (a draft heading is marked as one)."""
    cells = principle_coverage(library, lang)
    if fmt == "json":
        rows = [
            {
                "principle": c.principle,
                "status": c.status,
                "procurement_kind": c.procurement_kind,
                "clauses": list(c.clauses),
                "title": c.title,
            }
            for c in cells
        ]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for cell in cells:
        detail = ", ".join(cell.clauses) if cell.clauses else "NOT SERVED"
        name = f"{cell.principle} ({cell.status})"
        _out(f"{name:<36} {cell.procurement_kind:<18} {detail}")


def run_inspect(document: Path, fmt: str, lang: str = "en") -> None:
    """kravgen inspect: the provenance embedded in an annex (Word or workbook)."""
    props = evaluate.read_document_provenance(document, lang)
    if fmt == "json":
        shaped: dict[str, Json] = dict(props)
        if "clauses" in props:
            shaped["clauses"] = _clause_list(props["clauses"])
        _out(json.dumps(shaped, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for key, value in props.items():
        _out(f"{key}: {value}")


def _clause_list(text: str) -> Json:
    """'KG-1A-01@1, KG-1A-02@2' (as the document stores it) -> [{id, version}, ...]."""
    out: list[Json] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        clause_id, at, version = item.rpartition("@")
        if not at:
            clause_id, version = item, ""
        out.append({"id": clause_id, "version": int(version) if version.isdigit() else None})
    return out


def run_schema() -> None:

    _out(json.dumps(library_json_schema(), ensure_ascii=False, indent=2))
