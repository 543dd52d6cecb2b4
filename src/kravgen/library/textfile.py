"""Reading a file's bytes as text: within a size cap, UTF-8 only, no binary data.

Library files and answers files are read the same way; `kind` names the file in messages
("library file", "answers file"), so an answers file is never called a library file.
"""

from __future__ import annotations

from pathlib import Path

from kravgen.errors import LibraryError, SourceLocation

MAX_FILE_BYTES = 10 * 1024 * 1024
LIBRARY_FILE = "library file"
ANSWERS_FILE = "answers file"
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def a_kind(kind: str) -> str:
    """'a library file', 'an answers file'."""
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column just after the text `before`."""
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def read_bytes(path: Path, kind: str = LIBRARY_FILE) -> bytes:
    """The bytes of a library file, refusing one larger than MAX_FILE_BYTES before reading it.

    Raises:
        LibraryError: the file cannot be read or is too large.
    """
    try:
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            with path.open("rb") as stream:
                # Read one byte past the cap: the file may have grown since stat().
                raw = stream.read(MAX_FILE_BYTES + 1)
            size = len(raw)
    except OSError as exc:
        raise LibraryError(
            f"cannot read the file: {exc.strerror or exc}", SourceLocation(path), code="KG001"
        ) from exc
    if size > MAX_FILE_BYTES:
        # Only the cap and one byte more were read from a file that grows as it is read
        # (/dev/zero, a pipe): all that is known is that it is too large.
        cap = MAX_FILE_BYTES // 1_048_576
        shown = "more than" if size == MAX_FILE_BYTES + 1 else f"{size / 1_048_576:.1f} MB;"
        raise LibraryError(
            f"the file is more than {cap} MB; {kind}s may be at most {cap} MB"
            if shown == "more than"
            else f"the file is {shown} {kind}s may be at most {cap} MB",
            SourceLocation(path),
            hint="split the content into several files" if kind == LIBRARY_FILE else None,
            code="KG001",
        )
    return raw


def decode_text(raw: bytes, path: Path, kind: str = LIBRARY_FILE) -> str:
    """Decode library bytes as UTF-8 text, rejecting binary data and other encodings.

    Raises:
        LibraryError: the bytes are not UTF-8 text.
    """
    if raw.startswith(_UTF16_32_BOMS):
        raise LibraryError(
            "the file is UTF-16 or UTF-32 text, not UTF-8",
            SourceLocation(path, 1, 1),
            hint="save the file as UTF-8",
            code="KG001",
        )
    if b"\x00" in raw[:8192]:
        raise LibraryError(
            "the file is binary, not YAML text",
            SourceLocation(path, 1, 1),
            hint=f"{a_kind(kind)} is a .yaml text file",
            code="KG001",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(raw[: exc.start].decode("utf-8", "replace"))
        raise LibraryError(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            SourceLocation(path, line, column),
            hint="save the file as UTF-8",
            code="KG001",
        ) from exc
    return text
