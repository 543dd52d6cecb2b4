"""Which files of a library folder are read, within which limits over a whole run, and the
entries a folder holds but kravgen does not read (issue 15, points 9 and 12). Reading stops
with one clear finding where a limit is met, and nothing under a library folder is passed
over without a word.
"""

from __future__ import annotations

import errno
import stat
from dataclasses import dataclass
from pathlib import Path

from kravgen.errors import Finding, LibraryError, SourceLocation, finding_from_error
from kravgen.library.yamlsource import (
    MAX_FILE_VALUES,
    TooManyValues,
    YamlDocument,
    read_yaml_file,
)

LIBRARY_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 2_000
# Limits over all layers of one run (issue 15, point 9), each about five times the
# 10,000-clause library of bench/bench_validate.py (8 MB, 770,000 parser events), so that
# validate and new stay well under 1 GB and 20 s whatever the input.
MAX_LIBRARY_BYTES = 50 * 1024 * 1024
MAX_LIBRARY_VALUES = 2_000_000
MAX_RECORDS = 50_000


@dataclass(slots=True)
class Budget:
    """What is left of the limits over the whole library."""

    bytes: int = MAX_LIBRARY_BYTES
    values: int = MAX_LIBRARY_VALUES
    records: int = MAX_RECORDS
    spent: Finding | None = None  # the finding that stopped reading, once a limit is reached


def discover_files(root: Path) -> list[Path]:
    """Every library file under `root`, in a stable order.

    Raises:
        LibraryError: `root` is not a readable directory or holds too many files.
    """
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a directory"
        raise LibraryError(
            f"the library {what}",
            SourceLocation(root),
            code="KG001",
            hint="a library is a directory of .yaml files",
        )
    files = sorted(
        (p for p in root.rglob("*") if p.suffix in LIBRARY_SUFFIXES and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if len(files) > MAX_FILES:
        raise LibraryError(f"more than {MAX_FILES} files", SourceLocation(root), code="KG001")
    if not files:
        raise LibraryError(
            "the directory holds no .yaml files",
            SourceLocation(root),
            code="KG106",
            hint="a library needs at least a manifest file",
        )
    return files


def unread_entries(root: Path) -> list[Finding]:
    """Entries under `root` that discover_files passes over and a user may have meant as part
    of the library: a linked folder (never followed, since links can loop), or a .yaml name
    that is no regular file (a pipe, a device, a link that loops or leads nowhere)."""
    findings = []
    for path in sorted(root.rglob("*")):
        try:
            if path.is_symlink() and path.is_dir():
                findings.append(
                    Finding(
                        "KG001",
                        "a linked folder is not read",
                        SourceLocation(path),
                        "copy the folder into the library, or give it as a layer of its own "
                        "with --library",
                    )
                )
                continue
        except OSError:
            pass
        if path.suffix not in LIBRARY_SUFFIXES or path.is_file():
            continue
        findings.append(_not_a_file(path))
    return findings


def _not_a_file(path: Path) -> Finding:
    try:
        mode = path.stat().st_mode
        what = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a folder"
            if stat.S_ISDIR(mode)
            else "not a regular file"
        )
    except OSError as exc:
        what = (
            "a link that loops"
            if exc.errno == errno.ELOOP
            else "a link that leads nowhere"
            if path.is_symlink()
            else f"unreadable: {exc.strerror or exc}"
        )
    return Finding(
        "KG001",
        f"the library file is {what}, so it is not read",
        SourceLocation(path),
        "a library holds regular .yaml files; remove or rename this one",
    )


def read_within(path: Path, budget: Budget) -> YamlDocument:
    """Read one file within what is left of the library's limits.

    Raises:
        LibraryError: the file cannot be read, or a limit of the whole library is reached
            (then `budget.spent` is set too).
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_yaml_file reports it
    if size > budget.bytes:
        raise _spent(budget, SourceLocation(path), f"{MAX_LIBRARY_BYTES // 1_048_576} MB")
    budget.bytes -= size
    limit = min(MAX_FILE_VALUES, budget.values)
    try:
        doc = read_yaml_file(path, max_values=max(limit, 1))
    except TooManyValues as exc:
        budget.values -= limit  # read and refused, but paid for
        if limit < MAX_FILE_VALUES:
            raise _spent(budget, exc.where, f"{MAX_LIBRARY_VALUES:,} YAML values") from exc
        raise
    budget.values -= doc.events // 2
    return doc


def _spent(budget: Budget, where: SourceLocation | None, what: str) -> LibraryError:
    error = LibraryError(
        f"the library holds more than {what} in all; kravgen stops reading here",
        where,
        hint="a library this large is not meant to be read in one run; check for generated "
        "or copied files",
        code="KG001",
    )
    budget.spent = finding_from_error(error)
    return error


def spend_record(budget: Budget, findings: list[Finding], where: SourceLocation) -> bool:
    """Count one record; False (and a finding) once the library holds too many."""
    budget.records -= 1
    if budget.records >= 0:
        return True
    findings.append(finding_from_error(_spent(budget, where, f"{MAX_RECORDS:,} records")))
    return False
