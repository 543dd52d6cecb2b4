"""What `kravgen new` tells the user on stderr, in the session's language: what changed since
the answers file was written, answers the questionnaire did not use, and the files written."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from kravgen.model import Library, pick
from kravgen.outputs import OutputPaths
from kravgen.questions import (
    AnswersFile,
    Resolution,
    change_report,
    library_changed,
    unasked_reasons,
)
from kravgen.selection import select_clauses
from kravgen.wording import CLI, message


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_unasked(library: Library, resolution: Resolution, lang: str) -> None:
    """Warn about every given answer the questionnaire did not ask for (issue 11 §3)."""
    words = CLI.get(lang, CLI["en"])
    for question, reasons in unasked_reasons(library, resolution):
        text = words["unasked"].format(
            question=question.id,
            text=pick(question.text, lang),
            reasons="; ".join(str(r) for r in reasons),
        )
        _err_console().print(text, markup=False)


def report_changes(
    library: Library, recorded: AnswersFile, resolution: Resolution, lang: str
) -> None:
    if not library_changed(library, recorded):
        return
    report = change_report(
        library, recorded, select_clauses(library, resolution.answers), resolution
    )
    console = _err_console()
    changed = message("changed", lang, old=report.old_library, new=report.new_library)
    console.print(changed, markup=False)
    if report.empty:
        console.print(f"  {message('nothing_changed', lang)}", markup=False)
    for key, items in (
        ("added", report.added),
        ("removed", report.removed),
        ("reworded", report.reworded),
        ("new_questions", report.new_questions),
    ):
        if items:
            console.print(f"  {message(key, lang)}: {', '.join(items)}", markup=False)
    if report.new_questions:
        console.print(f"  {message('upgrade', lang)}", markup=False)


def rebuild_command(
    paths: OutputPaths, libraries: Sequence[str], template: Path | None
) -> str | None:
    """The command that writes the same annex again from the answers file just saved."""
    if paths.answers is None:
        return None
    words = ["kravgen", "new", "--answers", str(paths.answers), "--output", str(paths.annex)]
    for layer in libraries:
        words += ["--library", layer]
    if template is not None:
        words += ["--template", str(template)]
    return shlex.join([*words, "--force"])


def report_written(paths: OutputPaths, lang: str, again: str | None) -> None:
    words = CLI.get(lang, CLI["en"])
    console = _err_console()
    console.print(words["annex"] + str(paths.annex), markup=False)
    console.print(words["memo"] + str(paths.memo), markup=False)
    if paths.answers is not None:
        console.print(words["answers"] + str(paths.answers), markup=False)
    if again is not None:
        console.print(words["again"] + again, markup=False)
    console.print(words["next"], markup=False)
    if not sys.stdout.isatty():
        # For scripts: the annex's path alone on stdout. A person at a terminal has just
        # read it above, so it is not repeated there.
        sys.stdout.write(f"{paths.annex}\n")
