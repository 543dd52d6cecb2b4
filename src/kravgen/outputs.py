"""Writing output files: all or nothing, never overwriting without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kravgen.errors import OutputError, SourceLocation, UsageError
from kravgen.wording import message


@dataclass(frozen=True, slots=True)
class OutputPaths:
    annex: Path
    memo: Path
    answers: Path | None


# The one table of output suffixes. A format is written only when a writer exists for it
# (WRITTEN_FORMATS); the others are known so that a name like bilaga.pdf is refused clearly.
FORMAT_BY_SUFFIX = {".docx": "docx", ".md": "md", ".pdf": "pdf", ".xlsx": "xlsx", ".csv": "csv"}
WRITTEN_FORMATS = ("docx", "md")
DEFAULT_FORMAT = "docx"

# The memo's and the answers file's names follow the session's language (README, "Languages
# and file names").
FILE_TAGS = {"sv": ("pm", "svar"), "en": ("memo", "answers")}


def choose_format(output: Path, fmt: str | None, lang: str) -> str:
    """The format to write: --format if given, else the output's suffix, else docx.

    Raises:
        UsageError: --format contradicts the suffix, or the suffix is not one kravgen writes.
    """
    suffix = output.suffix.lower()
    by_suffix = FORMAT_BY_SUFFIX.get(suffix)
    where = SourceLocation(output)
    if fmt is not None:
        if suffix and by_suffix != fmt:
            raise UsageError(
                message("format_suffix", lang, fmt=fmt, name=output.name),
                where,
                message("format_suffix_hint", lang, suffix=f".{fmt}"),
            )
        return fmt
    if not suffix:
        return DEFAULT_FORMAT
    written = ", ".join(f".{f}" for f in WRITTEN_FORMATS)
    if by_suffix is None or by_suffix not in WRITTEN_FORMATS:
        key = "unknown_suffix" if by_suffix is None else "unwritable_suffix"
        raise UsageError(
            message(key, lang, suffix=suffix),
            where,
            message("unknown_suffix_hint", lang, suffixes=written),
        )
    return by_suffix


def output_paths(
    output: Path, fmt: str, save_answers: Path | None, write_answers: bool, lang: str = "sv"
) -> OutputPaths:
    """The annex, the memo beside it and, for a session, the answers file."""
    memo_tag, answers_tag = FILE_TAGS.get(lang, FILE_TAGS["sv"])
    suffix = f".{fmt}"
    annex = output if output.suffix else output.with_suffix(suffix)
    memo = annex.with_name(f"{annex.stem}-{memo_tag}{suffix}")
    answers = save_answers or (
        annex.with_name(f"{annex.stem}-{answers_tag}.yaml") if write_answers else None
    )
    return OutputPaths(annex, memo, answers)


def check_targets(targets: Sequence[Path], force: bool, lang: str = "en") -> None:
    """Refuse before any work is done if a target exists (without --force) or cannot be made.

    Raises:
        OutputError: naming the first target that cannot be written.
    """
    for target in targets:
        if target.is_dir():
            raise OutputError(message("is_dir", lang), SourceLocation(target))
        if target.exists() and not force:
            raise OutputError(
                message("exists", lang),
                SourceLocation(target),
                hint=message("exists_hint", lang),
            )
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(
                message("no_folder", lang, folder=parent),
                SourceLocation(target),
                hint=message("no_folder_hint", lang),
            )


def write_files(items: Sequence[tuple[Path, bytes]], force: bool, lang: str = "en") -> None:
    """Write every file or none: each goes to a temporary file beside its target first.

    Raises:
        OutputError: a target exists (without --force) or cannot be written.
    """
    check_targets([path for path, _ in items], force, lang)
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in items:
            handle, temp = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
            )
            staged.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        raise OutputError(
            message("cannot_write", lang, reason=exc.strerror),
            SourceLocation(Path(exc.filename or "")),
        ) from exc
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
