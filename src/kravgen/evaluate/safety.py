"""Opening a workbook or Word document from outside with bounded work, never changing the file.

The file is read once into memory (so the supplier's copy is never opened for writing) and its
zip directory is checked before openpyxl or lxml sees it: declared sizes bound what
decompression can produce, so a zip bomb is refused without inflating it. XML parts with a
DOCTYPE are refused, which rules out entity expansion. Formulas are read as text and never
evaluated; links to other workbooks are dropped (keep_links=False).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from kravgen.errors import KravgenError, SourceLocation
from kravgen.wording import EVALUATION, in_language

MAX_FILE = 20 * 1024 * 1024  # bytes on disk
MAX_PART = 40 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL = 80 * 1024 * 1024  # all parts, uncompressed
MAX_ENTRIES = 500
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML is an OLE compound file
XLSX, DOCX = "xlsx", "docx"  # the two kinds of package a supplier may send back
_MAIN_PART = {XLSX: "xl/workbook.xml", DOCX: "word/document.xml"}
_NOT_A = {XLSX: "not_workbook", DOCX: "not_docx"}


class WorkbookError(KravgenError):
    """A workbook or Word document kravgen will not read: damaged, protected, hostile or of
    another annex."""


def message(lang: str, key: str, **values: object) -> str:
    """A message of `kravgen evaluate` in the given language (see wording.EVALUATION)."""
    return in_language(EVALUATION, lang)[key].format(**values)


def read_bytes(path: Path, lang: str) -> bytes:
    """The file's bytes, read once, or a WorkbookError when it is too large or unreadable.

    Raises:
        WorkbookError: missing, unreadable or larger than MAX_FILE.
    """
    where = SourceLocation(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE + 1)
    except OSError as exc:
        raise WorkbookError(message(lang, "unreadable", reason=exc.strerror), where) from exc
    if len(data) > MAX_FILE:
        raise WorkbookError(message(lang, "too_big", limit=MAX_FILE // 2**20), where)
    return data


def worded(key: str, kind: str) -> str:
    """The catalogue key of a refusal: a Word document has its own wording ("docx_...")."""
    return f"docx_{key}" if kind == DOCX else key


def check_zip(data: bytes, path: Path, lang: str) -> str:
    """What kind of package the file is, XLSX or DOCX, decided by its parts (the main part
    xl/workbook.xml or word/document.xml); refused when it is neither, is encrypted, or
    would unpack beyond the limits. The suffix only picks the wording before the parts are
    known (an encrypted file, a file that is no zip at all).

    Raises:
        WorkbookError: with a message saying which.
    """
    where = SourceLocation(path)
    kind = DOCX if path.suffix.lower() == ".docx" else XLSX
    if data.startswith(OLE_MAGIC):
        raise WorkbookError(
            message(lang, worded("encrypted", kind)), where, hint=message(lang, "encrypted_hint")
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(message(lang, _NOT_A[kind]), where)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = {info.filename for info in infos}
        found = next((k for k, part in _MAIN_PART.items() if part in names), None)
        kind = found or kind
        if len(infos) > MAX_ENTRIES:
            raise WorkbookError(message(lang, worded("entries", kind), limit=MAX_ENTRIES), where)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL or any(info.file_size > MAX_PART for info in infos):
            raise WorkbookError(
                message(lang, worded("bomb", kind), limit=MAX_TOTAL // 2**20), where
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise WorkbookError(message(lang, worded("encrypted", kind)), where)
        if "[Content_Types].xml" not in names or found is None:
            raise WorkbookError(message(lang, _NOT_A[kind]), where)
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(info):
                raise WorkbookError(message(lang, worded("doctype", kind)), where)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise WorkbookError(message(lang, worded("corrupt", kind), reason=str(exc)), where) from exc
    return kind


def open_package(path: Path, lang: str) -> tuple[bytes, str]:
    """The file's bytes, read once, and its kind (XLSX or DOCX), after check_zip.

    Raises:
        WorkbookError: see read_bytes and check_zip.
    """
    data = read_bytes(path, lang)
    return data, check_zip(data, path, lang)


def load_workbook(data: bytes, path: Path, lang: str) -> Any:
    """A read-only openpyxl workbook over bytes that check_zip found to be a workbook.

    Raises:
        WorkbookError: openpyxl cannot parse it.
    """
    # late: openpyxl loads only when a workbook is read
    from openpyxl import load_workbook as load

    try:
        return load(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, TypeError... on bad parts
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise WorkbookError(message(lang, "corrupt", reason=reason), SourceLocation(path)) from exc


def open_workbook(path: Path, lang: str) -> Any:
    """A read-only openpyxl workbook over an in-memory copy of the file.

    Raises:
        WorkbookError: the file is refused by check_zip, is a Word document, or openpyxl
            cannot parse it.
    """
    data, kind = open_package(path, lang)
    if kind != XLSX:
        raise WorkbookError(message(lang, "not_workbook"), SourceLocation(path))
    return load_workbook(data, path, lang)
