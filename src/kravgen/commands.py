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

from kravgen import __version__
from kravgen.annex.docx_template import check_template, read_provenance
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx
from kravgen.annex.markdown_writer import build_annex_markdown, build_memo_markdown
from kravgen.annex.pdf import docx_to_pdfa, find_soffice
from kravgen.annex.render import render_annex
from kravgen.checks.coverage import library_coverage, principle_coverage
from kravgen.errors import ExitCode
from kravgen.library import LIBRARY_SUFFIXES, load_library, read_library
from kravgen.library.schema import library_json_schema
from kravgen.model import AllOf, AnswerValue, AnyOf, Condition, Library, Match, Not, pick
from kravgen.outputs import (
    check_output_name,
    check_targets,
    remove_stale_temporaries,
    signals_held,
    write_files,
)
from kravgen.prompt import rich_terminal, run_questionnaire
from kravgen.questions import (
    change_report,
    dump_answers_file,
    library_changed,
    merge_given,
    missing_message,
    parse_set_options,
    read_answers_file,
    read_answers_leniently,
    resolve_answers,
    unasked_reasons,
)
from kravgen.report import FORMATTERS, cap_per_code, summary
from kravgen.resources import bundled_templates, library_roots
from kravgen.selection import select_clauses
from kravgen.wording import CLI

if TYPE_CHECKING:
    from kravgen.questions import AnswersFile, Resolution

# What `kravgen questions --format json` and friends print: JSON values, typed.
Json = str | int | bool | None | list["Json"] | dict[str, "Json"]


@dataclass(frozen=True, slots=True)
class OutputPaths:
    annex: Path
    memo: Path
    answers: Path | None


def output_paths(
    output: Path, fmt: str, save_answers: Path | None, write_answers: bool
) -> OutputPaths:
    suffix = {"md": ".md", "pdf": ".pdf"}.get(fmt, ".docx")
    annex = output if output.suffix else output.with_suffix(suffix)
    memo = annex.with_name(f"{annex.stem}-pm{'.docx' if fmt == 'pdf' else suffix}")  # editable
    answers = save_answers or (
        annex.with_name(f"{annex.stem}-svar.yaml") if write_answers else None
    )
    return OutputPaths(annex, memo, answers)


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
        docx = build_annex_docx(annex, templates)
        files = [
            (paths.annex, docx_to_pdfa(docx) if fmt == "pdf" else docx),
            (paths.memo, build_memo_docx(annex, templates)),
        ]
    if paths.answers is not None:
        text = dump_answers_file(library, resolution.answers, selection, lang, __version__)
        files.append((paths.answers, text.encode("utf-8")))
    return files


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
    lang: str
    fmt: str
    interactive: bool
    upgrade: bool
    save_answers: Path | None
    force: bool


def run_new(request: NewRequest) -> None:
    """kravgen new: answers in, annex, memo and answers file out (all or nothing)."""
    library = load_library(library_roots(request.libraries))
    templates = request.template or bundled_templates()
    fmt = (
        "pdf" if request.fmt == "docx" and request.output.suffix.lower() == ".pdf" else request.fmt
    )
    if fmt == "pdf":
        find_soffice()  # before any question: without LibreOffice, stop at once
    if fmt != "md":
        check_template(templates)
    check_output_name(request.output)
    if request.save_answers is not None:
        check_output_name(request.save_answers)
    paths = output_paths(request.output, fmt, request.save_answers, request.interactive)
    targets = [paths.annex, paths.memo] + ([paths.answers] if paths.answers else [])
    check_targets(targets, request.force)
    remove_stale_temporaries([target.parent for target in targets])
    recorded, file_answers = _read_recorded(request, library)
    given = merge_given(file_answers, parse_set_options(library, request.sets))
    if recorded is not None:
        _report_changes(library, recorded, resolve_answers(library, given))
    if request.interactive:
        # Answers already given (file or --set) are not asked again; the review shows them all.
        resolution = run_questionnaire(
            library, request.lang, rich_terminal(), given, skip=frozenset(given)
        )
    else:
        resolution = resolve_answers(library, given)
        if resolution.missing:
            raise missing_message(resolution)
    _report_unasked(library, resolution, request.lang)
    files = build_outputs(library, resolution, request.lang, templates, fmt, paths)
    # Held: a Ctrl-C or SIGTERM that arrives now takes effect after the report, and the
    # message then printed says that every file was written (issue 15, point 4).
    with signals_held():
        write_files(files, request.force)
        _report_written(paths, request.lang)


def _report_unasked(library: Library, resolution: Resolution, lang: str) -> None:
    """Warn about every given answer the questionnaire did not ask for (issue 11 §3)."""
    words = CLI.get(lang, CLI["en"])
    for question, reasons in unasked_reasons(library, resolution):
        text = words["unasked"].format(
            question=question.id,
            text=pick(question.text, lang),
            reasons="; ".join(str(r) for r in reasons),
        )
        _err_console().print(text, markup=False)


def _read_recorded(
    request: NewRequest, library: Library
) -> tuple[AnswersFile | None, dict[str, AnswerValue]]:

    if request.answers_file is None:
        return None, {}
    if request.upgrade:
        recorded, dropped = read_answers_leniently(request.answers_file, library)
        for question_id, reason in dropped:
            _err_console().print(f"{question_id}: {reason}; it will be asked again", markup=False)
        return recorded, dict(recorded.answers)
    recorded = read_answers_file(request.answers_file, library)
    return recorded, dict(recorded.answers)


def _report_changes(library: Library, recorded: AnswersFile, resolution: Resolution) -> None:

    if not library_changed(library, recorded):
        return
    report = change_report(
        library, recorded, select_clauses(library, resolution.answers), resolution
    )
    console = _err_console()
    console.print(
        f"warning: the answers were written for {report.old_library}; the library is now "
        f"{report.new_library}. For this procurement:",
        markup=False,
    )
    if report.empty:
        console.print("  no clause was added, removed or reworded", markup=False)
    for label, items in (
        ("clauses added", report.added),
        ("clauses removed", report.removed),
        ("clauses reworded", report.reworded),
        ("new questions", report.new_questions),
    ):
        if items:
            console.print(f"  {label}: {', '.join(items)}", markup=False)
    if report.new_questions:
        console.print("  run 'kravgen new --answers FILE --upgrade' to answer them", markup=False)


def _report_written(paths: OutputPaths, lang: str) -> None:

    words = CLI.get(lang, CLI["en"])
    console = _err_console()
    console.print(words["annex"] + str(paths.annex), markup=False)
    console.print(words["memo"] + str(paths.memo), markup=False)
    if paths.answers is not None:
        console.print(words["answers"] + str(paths.answers), markup=False)
        again = f"kravgen new --answers {paths.answers} --output {paths.annex} --force"
        console.print(words["again"] + again, markup=False)
    console.print(words["next"], markup=False)
    _out(str(paths.annex))


def run_validate(paths: list[Path], fmt: str, strict: bool, quiet: bool) -> int:
    """kravgen validate: every finding in one run; the exit code CI reads."""

    roots = library_roots([str(p) for p in paths])
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

    table = Table(title=f"{library.manifest.name} {library.manifest.version}")
    for column in ("id", "version", "type", "area", "title", "sources"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["version"]),
            str(row["type"]),
            str(row["area"]),
            str(row["title"]),
            ", ".join(row["sources"]),  # type: ignore[arg-type]
        )
    Console(soft_wrap=False).print(table)


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


def run_explain(library: Library, answers_file: Path, sets: tuple[str, ...], fmt: str) -> None:
    """kravgen explain: every clause, selected or not, with the deciding answers."""

    recorded = read_answers_file(answers_file, library)
    given = merge_given(recorded.answers, parse_set_options(library, sets))
    resolution = resolve_answers(library, given)
    if resolution.missing:
        raise missing_message(resolution)
    _report_unasked(library, resolution, "en")
    selection = select_clauses(library, resolution.answers)
    rows = [
        {
            "id": d.clause.id,
            "version": d.clause.version,
            "selected": d.selected,
            "reasons": [str(r) for r in d.reasons],
        }
        for d in selection.decisions
    ]
    if fmt == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        mark = "+" if row["selected"] else "-"
        why = "; ".join(row["reasons"]) or "always selected"  # type: ignore[arg-type]
        _out(f"{mark} {row['id']}: {why}")


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


def run_inspect(document: Path, fmt: str) -> None:
    """kravgen inspect: the provenance embedded in an annex."""

    props = read_provenance(document)
    if fmt == "json":
        _out(json.dumps(props, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for key, value in props.items():
        _out(f"{key}: {value}")


def run_schema() -> None:

    _out(json.dumps(library_json_schema(), ensure_ascii=False, indent=2))
