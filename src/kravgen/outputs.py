"""Writing output files: one set, all or nothing, never over a file without --force.

Every file is first written to a temporary file beside its target. Then, without --force, each
temporary file is hard-linked to its final name, which fails if a file of that name appeared
meanwhile (another run, another program), so nothing is ever silently replaced; with --force
the old files are kept under a temporary name until every new one is in place. If one step
fails, the names already changed get their old files back (issue 15, points 1-3).

Ctrl-C and SIGTERM are held while the set is put in place, so a run ends either with every
file written or with none (point 4). Temporary names carry the process id: a run killed with
SIGKILL leaves one behind, and the next run in that folder removes it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import signal
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kravgen.errors import OutputError, SourceLocation, UsageError
from kravgen.wording import message

# Short, fixed-length temporary names: a target name close to the 255-byte limit must not fail
# on its temporary file (point 6).
TEMP_PREFIX = ".kravgen-"
_TEMP_NAME = re.compile(r"^\.kravgen-([0-9]+)-[0-9a-f]+\.(?:tmp|old)$")
NAME_MAX = 255
_HELD = (signal.SIGINT, signal.SIGTERM)
# The files this process has put in place, so that a Ctrl-C that arrives after writing is not
# reported as "nothing was written".
_written: list[Path] = []


def written_files() -> tuple[Path, ...]:
    """The output files this process wrote (all of one set), or none."""
    return tuple(_written)


def forget_written() -> None:
    """Start afresh: for a new command run in the same process (tests, front ends)."""
    _written.clear()


def _temp_path(folder: Path, kind: str) -> Path:
    return folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.{kind}"


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_output_name(output: Path, lang: str) -> None:
    """Refuse an --output that cannot name a regular file: empty, a folder, a device.

    Raises:
        OutputError: naming the path and what it is.
    """
    text = str(output)
    if not output.name.strip() or output.name in (".", "..") or text.endswith(os.sep):
        raise OutputError(
            message("no_name", lang, path=repr(text)),
            SourceLocation(output),
            hint=message("no_name_hint", lang),
        )
    _check_length(output, lang)
    _check_kind(output, lang)


def _check_length(target: Path, lang: str) -> None:
    size = len(os.fsencode(target.name))
    if size > NAME_MAX:
        raise OutputError(
            message("too_long", lang, size=size, limit=NAME_MAX),
            SourceLocation(target),
            hint=message("too_long_hint", lang),
        )


def _check_kind(target: Path, lang: str) -> None:
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(
            message("cannot_use", lang, reason=exc.strerror or exc), SourceLocation(target)
        ) from exc
    if stat.S_ISDIR(mode):
        raise OutputError(
            message("is_dir", lang),
            SourceLocation(target),
            hint=message("is_dir_hint", lang),
        )
    if not stat.S_ISREG(mode):
        raise OutputError(
            message("not_regular", lang),
            SourceLocation(target),
            hint=message("not_regular_hint", lang),
        )


@dataclass(frozen=True, slots=True)
class OutputPaths:
    annex: Path
    memo: Path
    answers: Path | None


# The one table of output suffixes. A format is written only when a writer exists for it
# (WRITTEN_FORMATS); the others are known so that a name like bilaga.pdf is refused clearly.
FORMAT_BY_SUFFIX = {".docx": "docx", ".md": "md", ".pdf": "pdf", ".xlsx": "xlsx", ".csv": "csv"}
WRITTEN_FORMATS = ("docx", "md", "pdf", "xlsx", "csv")
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
    annex = output if output.suffix else output.with_suffix(f".{fmt}")
    # The memo is for the buyer to read: Word, or Markdown beside a Markdown annex.
    memo_suffix = ".md" if fmt == "md" else ".docx"
    memo = annex.with_name(f"{annex.stem}-{memo_tag}{memo_suffix}")
    answers = save_answers or (
        annex.with_name(f"{annex.stem}-{answers_tag}.yaml") if write_answers else None
    )
    return OutputPaths(annex, memo, answers)


def check_targets(targets: Sequence[Path], force: bool, lang: str) -> None:
    """Refuse before any work is done if a target clashes, exists (without --force) or cannot
    be made.

    Raises:
        OutputError: naming the first target that cannot be written.
    """
    seen: dict[str, Path] = {}
    for target in targets:
        key = os.path.normcase(os.path.abspath(_folder(target).resolve() / target.name))
        if key in seen:
            raise OutputError(
                message("same_file", lang, first=seen[key], second=target),
                SourceLocation(target),
                hint=message("same_file_hint", lang),
            )
        seen[key] = target
    for target in targets:
        _check_length(target, lang)
        _check_kind(target, lang)
        if target.exists() and not force:
            raise OutputError(
                message("exists", lang),
                SourceLocation(target),
                hint=message("exists_hint", lang),
            )
        parent = _folder(target)
        if not parent.is_dir():
            raise OutputError(
                message("no_folder", lang, folder=parent),
                SourceLocation(target),
                hint=message("no_folder_hint", lang),
            )


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends; one that arrived meanwhile is raised then."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows has no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def remove_stale_temporaries(folders: Sequence[Path]) -> list[Path]:
    """Remove temporary files that runs killed outright (SIGKILL, power loss) left behind.

    Only files whose process is gone are removed; the paths removed are returned.
    """
    removed = []
    for folder in dict.fromkeys(folders):
        try:
            names = [entry.name for entry in os.scandir(folder)]
        except OSError:
            continue
        for name in names:
            found = _TEMP_NAME.match(name)
            if found is None or _alive(int(found.group(1))):
                continue
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                removed.append(folder / name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        # On Windows os.kill(pid, 0) is no probe: 0 is CTRL_C_EVENT, sent to a process group.
        # Without a probe a leftover temporary file is left alone; it is hidden and harmless.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its files alone
    return True


def write_files(items: Sequence[tuple[Path, bytes]], force: bool, lang: str) -> None:
    """Write every file or none; call it inside `signals_held()`.

    Raises:
        OutputError: a target exists (without --force), appeared meanwhile, or cannot be
            written; every file is then as it was before.
    """
    check_targets([path for path, _ in items], force, lang)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in items:
            temp = _temp_path(_folder(target), "tmp")
            staged.append((temp, target))
            _write_temp(temp, target, data, lang)
        _commit(staged, force, lang)
        _written[:] = [target for target, _ in items]
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def _write_temp(temp: Path, target: Path, data: bytes, lang: str) -> None:
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        raise _cannot_write(target, exc, lang) from exc


def _cannot_write(target: Path, exc: OSError, lang: str) -> OutputError:
    return OutputError(
        message("cannot_write", lang, reason=exc.strerror or exc), SourceLocation(target)
    )


def _commit(staged: Sequence[tuple[Path, Path]], force: bool, lang: str) -> None:
    """Put every staged file in place; on any failure undo the names already changed."""
    placed: list[tuple[Path, Path | None]] = []  # (target, its old file kept aside, or None)
    try:
        for temp, target in staged:
            old = _keep_old(target, lang) if force else None
            try:
                if force:
                    os.replace(temp, target)
                else:
                    _link_new(temp, target, lang)
            except BaseException:
                if old is not None:
                    old.unlink()
                raise
            placed.append((target, old))
    except BaseException as exc:
        _roll_back(placed)
        if isinstance(exc, OSError):
            failed = staged[len(placed)][1]
            raise _cannot_write(failed, exc, lang) from exc
        raise
    for _, old in placed:
        if old is not None:
            with contextlib.suppress(OSError):
                old.unlink()


def _keep_old(target: Path, lang: str) -> Path | None:
    """A second name for the file now at `target`, to restore it from; None if there is none."""
    if not target.exists():
        return None
    old = _temp_path(_folder(target), "old")
    try:
        os.link(target, old)
    except OSError:
        # No hard links here (some network and FAT filesystems) or the file refuses them
        # (immutable): keep a copy instead.
        try:
            shutil.copy2(target, old)
        except OSError as exc:
            with contextlib.suppress(OSError):
                old.unlink()
            raise OutputError(
                message("cannot_keep_old", lang, reason=exc.strerror or exc),
                SourceLocation(target),
            ) from exc
    return old


def _link_new(temp: Path, target: Path, lang: str) -> None:
    try:
        os.link(temp, target)
    except FileExistsError as exc:
        raise OutputError(
            message("appeared", lang), SourceLocation(target), hint=message("appeared_hint", lang)
        ) from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        # No hard links on this filesystem: claim the name first, so that a file that
        # appears meanwhile is still never replaced, then move the content onto it.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError as clash:
            raise OutputError(
                message("appeared", lang),
                SourceLocation(target),
                hint=message("appeared_hint", lang),
            ) from clash
        os.replace(temp, target)


def _roll_back(placed: Sequence[tuple[Path, Path | None]]) -> None:
    for target, old in reversed(placed):
        with contextlib.suppress(OSError):
            if old is None:
                target.unlink()
            else:
                os.replace(old, target)
