"""The core of `kravgen new`: from answers to the bytes of every output file.

The CLI builds a request, the questionnaire (interactive or not) yields answers, and this module
selects, renders and builds; writing happens in one atomic step at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kravgen import __version__
from kravgen.errors import AnswersError
from kravgen.model import AnswerValue, Library, Selection
from kravgen.questions import AnswersFile, Resolution, dump_answers_file
from kravgen.resources import bundled_library

BUNDLED = "@bundled"


def library_roots(paths: Sequence[str]) -> tuple[Path, ...]:
    """The library layers to load: the bundled library unless paths are given."""
    if not paths:
        return (bundled_library(),)
    return tuple(bundled_library() if p == BUNDLED else Path(p) for p in paths)


@dataclass(frozen=True, slots=True)
class OutputPaths:
    annex: Path
    memo: Path
    answers: Path | None


def output_paths(
    output: Path, fmt: str, save_answers: Path | None, write_answers: bool
) -> OutputPaths:
    suffix = ".md" if fmt == "md" else ".docx"
    # --- response workbook (issue 13): the annex is xlsx or csv, the memo stays Word ---
    annex_suffix = f".{fmt}" if fmt in ("xlsx", "csv") else suffix
    # --- end response workbook ---
    annex = output if output.suffix else output.with_suffix(annex_suffix)
    memo = annex.with_name(f"{annex.stem}-pm{suffix}")
    answers = save_answers or (
        annex.with_name(f"{annex.stem}-svar.yaml") if write_answers else None
    )
    return OutputPaths(annex, memo, answers)


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What changed for this procurement since the answers file was written."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[str, ...]
    new_questions: tuple[str, ...]
    old_library: str
    new_library: str

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.new_questions)


def library_changed(library: Library, recorded: AnswersFile) -> bool:
    """Whether an answers file was written against another library version or content."""
    if recorded.library_digest is not None:
        return recorded.library_digest != library.digest
    version = recorded.library_version
    return version is not None and version != library.manifest.version


def change_report(
    library: Library, recorded: AnswersFile, selection: Selection, resolution: Resolution
) -> ChangeReport:
    """Compare the selection recorded in an answers file with today's."""
    now = {d.clause.id: d.clause.version for d in selection.selected}
    before = recorded.selected
    given = set(recorded.answers)
    new_questions = tuple(
        q.id for q in library.questions if q.id in resolution.answers.values and q.id not in given
    ) + tuple(q.id for q in resolution.missing)
    return ChangeReport(
        added=tuple(cid for cid in now if cid not in before),
        removed=tuple(cid for cid in before if cid not in now),
        reworded=tuple(cid for cid, v in now.items() if cid in before and before[cid] != v),
        new_questions=tuple(dict.fromkeys(new_questions)),
        old_library=f"{recorded.library_name or '?'}@{recorded.library_version or '?'}",
        new_library=f"{library.manifest.name}@{library.manifest.version}",
    )


def missing_message(resolution: Resolution) -> AnswersError:
    ids = ", ".join(q.id for q in resolution.missing)
    return AnswersError(
        f"answers missing for: {ids}",
        hint="give them in an answers file (--answers FILE) or with --set ID=VALUE, "
        "or run 'kravgen new' in a terminal to be asked",
    )


def merge_given(
    file_answers: Mapping[str, AnswerValue], set_answers: Mapping[str, AnswerValue]
) -> dict[str, AnswerValue]:
    """--set wins over the answers file."""
    return {**file_answers, **set_answers}


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
    from kravgen.render import render_annex
    from kravgen.selection import select_clauses

    selection = select_clauses(library, resolution.answers)
    annex = render_annex(
        library, resolution.answers, selection, lang, templates, resolution.defaulted
    )
    if fmt == "md":
        from kravgen.markdown_writer import build_annex_markdown, build_memo_markdown

        files = [
            (paths.annex, build_annex_markdown(annex).encode("utf-8")),
            (paths.memo, build_memo_markdown(annex).encode("utf-8")),
        ]
    # --- response workbook (issue 13) ---
    elif fmt in ("xlsx", "csv"):
        from kravgen.annex.csv_writer import build_annex_csv
        from kravgen.annex.workbook import build_annex_xlsx
        from kravgen.docx_writer import build_memo_docx

        build = build_annex_xlsx if fmt == "xlsx" else build_annex_csv
        files = [(paths.annex, build(annex)), (paths.memo, build_memo_docx(annex, templates))]
    # --- end response workbook ---
    else:
        from kravgen.docx_writer import build_annex_docx, build_memo_docx

        files = [
            (paths.annex, build_annex_docx(annex, templates)),
            (paths.memo, build_memo_docx(annex, templates)),
        ]
    if paths.answers is not None:
        text = dump_answers_file(library, resolution.answers, selection, lang, __version__)
        files.append((paths.answers, text.encode("utf-8")))
    return files
