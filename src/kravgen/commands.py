"""One core function per command; cli.py only parses options and calls these."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kravgen.errors import ExitCode
from kravgen.model import Library, pick


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err_console() -> Any:
    from rich.console import Console

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
    from kravgen.library import load_library
    from kravgen.outputs import check_targets, write_files
    from kravgen.pipeline import (
        build_outputs,
        library_roots,
        merge_given,
        missing_message,
        output_paths,
    )
    from kravgen.questions import parse_set_options, resolve_answers
    from kravgen.resources import bundled_templates

    library = load_library(library_roots(request.libraries))
    templates = request.template or bundled_templates()
    if request.fmt != "md":  # xlsx and csv (issue 13) write a Word memo
        from kravgen.docx_writer import check_template

        check_template(templates)
    paths = output_paths(request.output, request.fmt, request.save_answers, request.interactive)
    targets = [paths.annex, paths.memo] + ([paths.answers] if paths.answers else [])
    check_targets(targets, request.force)
    recorded, file_answers = _read_recorded(request, library)
    given = merge_given(file_answers, parse_set_options(library, request.sets))
    if recorded is not None:
        _report_changes(library, recorded, resolve_answers(library, given))
    if request.interactive:
        from kravgen.prompt import rich_terminal, run_questionnaire

        # Answers already given (file or --set) are not asked again; the review shows them all.
        resolution = run_questionnaire(
            library, request.lang, rich_terminal(), given, skip=frozenset(given)
        )
    else:
        resolution = resolve_answers(library, given)
        if resolution.missing:
            raise missing_message(resolution)
    files = build_outputs(library, resolution, request.lang, templates, request.fmt, paths)
    write_files(files, request.force)
    _report_written(paths, request.lang)


def _read_recorded(request: NewRequest, library: Library) -> tuple[Any, dict[str, Any]]:
    from kravgen.questions import read_answers_file, read_answers_leniently

    if request.answers_file is None:
        return None, {}
    if request.upgrade:
        recorded, dropped = read_answers_leniently(request.answers_file, library)
        for question_id, reason in dropped:
            _err_console().print(f"{question_id}: {reason}; it will be asked again", markup=False)
        return recorded, dict(recorded.answers)
    recorded = read_answers_file(request.answers_file, library)
    return recorded, dict(recorded.answers)


def _report_changes(library: Library, recorded: Any, resolution: Any) -> None:
    from kravgen.pipeline import change_report, library_changed
    from kravgen.selection import select_clauses

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


def _report_written(paths: Any, lang: str) -> None:
    console = _err_console()
    sv = lang == "sv"
    console.print(("Bilagan: " if sv else "Annex: ") + str(paths.annex), markup=False)
    console.print(
        ("PM till beställaren: " if sv else "Buyer's memo: ") + str(paths.memo), markup=False
    )
    if paths.answers is not None:
        console.print(("Svarsfil: " if sv else "Answers file: ") + str(paths.answers), markup=False)
        again = f"kravgen new --answers {paths.answers} --output {paths.annex} --force"
        console.print(
            ("Skapa bilagan igen med: " if sv else "Build it again with: ") + again, markup=False
        )
    console.print(
        "Nästa steg: läs PM:et, kontrollera standardvärdena och bifoga bilagan till "
        "förfrågningsunderlaget."
        if sv
        else "Next: read the memo, check the default values, and attach the annex to the tender.",
        markup=False,
    )
    _out(str(paths.annex))


def run_validate(paths: list[Path], fmt: str, strict: bool, quiet: bool) -> int:
    """kravgen validate: every finding in one run; the exit code CI reads."""
    from kravgen.library import LIBRARY_SUFFIXES, read_library
    from kravgen.pipeline import library_roots
    from kravgen.report import FORMATTERS, summary

    roots = library_roots([str(p) for p in paths])
    _, findings = read_library(roots)
    findings.sort(key=lambda f: f.sort_key())
    sys.stdout.write(FORMATTERS[fmt](findings))
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
            "layer": c.layer,
        }
        for c in library.clauses
    ]
    if fmt == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

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


def _condition_json(condition: Any) -> Any:
    from kravgen.model import AllOf, AnyOf, Match, Not

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
        row: dict[str, Any] = {
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
    for row in rows:
        options = ", ".join(o["value"] for o in row["options"])
        _out(f"{row['id']} ({row['type']}{': ' + options if options else ''})\n  {row['text']}")


def run_explain(library: Library, answers_file: Path, sets: tuple[str, ...], fmt: str) -> None:
    """kravgen explain: every clause, selected or not, with the deciding answers."""
    from kravgen.pipeline import merge_given, missing_message
    from kravgen.questions import parse_set_options, read_answers_file, resolve_answers
    from kravgen.selection import select_clauses

    recorded = read_answers_file(answers_file, library)
    given = merge_given(recorded.answers, parse_set_options(library, sets))
    resolution = resolve_answers(library, given)
    if resolution.missing:
        raise missing_message(resolution)
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


def run_coverage(library: Library, fmt: str, lang: str) -> None:
    """kravgen coverage: recommendations by procurement kind, with clauses and gaps."""
    from kravgen.coverage import library_coverage

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


def run_inspect(document: Path, fmt: str) -> None:
    """kravgen inspect: the provenance embedded in an annex."""
    from kravgen.docx_writer import read_provenance

    props = read_provenance(document)
    if fmt == "json":
        _out(json.dumps(props, ensure_ascii=False, indent=2, sort_keys=True))
        return
    for key, value in props.items():
        _out(f"{key}: {value}")


def run_schema() -> None:
    from kravgen.schema import library_json_schema

    _out(json.dumps(library_json_schema(), ensure_ascii=False, indent=2))
