"""A supplier's copy of the Word annex, read by its content controls; and the choice between
a Word copy and a workbook, made by what the file holds, not by its name.

The Word writer tags each requirement's answer fields "<id>:svar:ja", "<id>:svar:nej" (two
checkboxes) and "<id>:beskrivning" (a text control). A copy becomes a SupplierCopy with one
row per requirement the document's properties list, plus one per unknown id a tag names; each
row records which fields were found, so that judging can tell a removed or copied field from
an answer. The requirement text itself is not read back from Word.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree.ElementTree import ParseError

from kravgen.annex.controls import read_fields
from kravgen.annex.package import parse_custom_properties, read_part
from kravgen.annex.wordml import RT_CUSTOM
from kravgen.errors import KravgenError, SourceLocation
from kravgen.evaluate.reading import (
    DESCRIPTION_FIELD,
    IDENTITY,
    MAX_CELL,
    NO_BOX,
    YES_BOX,
    Cell,
    CopyRow,
    SupplierCopy,
    read_workbook_copy,
    shown,
)
from kravgen.evaluate.safety import DOCX, WorkbookError, message, open_package

# The ending of a tag kravgen writes -> the field it names (docx_writer writes the tags).
FIELDS = {
    f":svar:{YES_BOX}": YES_BOX,
    f":svar:{NO_BOX}": NO_BOX,
    f":{DESCRIPTION_FIELD}": DESCRIPTION_FIELD,
}
CHECKBOXES = frozenset({YES_BOX, NO_BOX})


def read_copy(path: Path, lang: str) -> SupplierCopy:
    """A supplier's filled copy: the Word annex or the workbook, whatever the file's name.

    Raises:
        WorkbookError: the file is refused (see safety.open_package) or cannot be read.
    """
    data, kind = open_package(path, lang)
    if kind == DOCX:
        return read_word_copy(data, path, lang)
    return read_workbook_copy(data, path, lang)


def read_word_copy(data: bytes, path: Path, lang: str) -> SupplierCopy:
    """A filled Word annex (bytes safety.check_zip passed): its provenance from the custom
    document properties and one row per requirement. Word has no cell for the tenderer's
    name, so the file name without its extension stands in for it.

    Raises:
        WorkbookError: the properties or the document part cannot be read.
    """
    provenance = _provenance(data, path, lang)
    try:
        fields = read_fields(data)
    except KravgenError as exc:
        reason = exc.message[:200]
        raise WorkbookError(
            message(lang, "docx_corrupt", reason=reason), SourceLocation(path)
        ) from exc
    versions = dict(
        key.partition("@")[::2] for key in provenance["clauses"].split(", ") if key.strip()
    )
    return SupplierCopy(path.stem, path, provenance, _rows(fields, versions), DOCX)


def _provenance(data: bytes, path: Path, lang: str) -> dict[str, str]:
    where = SourceLocation(path)
    try:
        xml = read_part(data, RT_CUSTOM)
        # check_zip looks for a DOCTYPE in parts named .xml; the relationship may name another.
        if xml is not None and b"<!DOCTYPE" in xml:
            raise WorkbookError(message(lang, "docx_doctype"), where)
        found = parse_custom_properties(xml) if xml is not None else {}
    except (zipfile.BadZipFile, KeyError, ParseError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise WorkbookError(message(lang, "docx_corrupt", reason=reason), where) from exc
    if any(key not in found for key in IDENTITY):
        raise WorkbookError(message(lang, "docx_no_provenance"), where)
    return found


def _field(tag: str) -> tuple[str, str] | None:
    """(requirement id, field) for a tag kravgen writes; None for any other tag."""
    for ending, field in FIELDS.items():
        if tag.endswith(ending):
            return tag[: -len(ending)], field
    return None


def _rows(
    fields: Iterable[tuple[str, bool | str | None]], versions: dict[str, str]
) -> tuple[CopyRow, ...]:
    """Rows in the annex's order, then unknown ids in the document's; the answer is Ja or
    Nej only when exactly that box is ticked, and a description still showing its placeholder
    is empty."""
    found: dict[str, list[str]] = {key: [] for key in versions}
    ticked: dict[str, set[str]] = {}
    described: dict[str, str] = {}
    for tag, value in fields:
        named = _field(tag)
        if named is None:
            continue
        key, field = shown(named[0], 60), named[1]
        # A field of the wrong kind (a text control tagged as a box) is no field kravgen wrote.
        fits = isinstance(value, bool) == (field in CHECKBOXES)
        found.setdefault(key, []).append(field if fits else f"{field}?")
        if value is True and fits:
            ticked.setdefault(key, set()).add(field)
        elif isinstance(value, str) and fits:
            described[key] = value[:MAX_CELL].strip()
    answers = {frozenset({YES_BOX}): "Ja", frozenset({NO_BOX}): "Nej"}
    return tuple(
        CopyRow(
            key, versions.get(key, ""), "", "",
            Cell(answers.get(frozenset(ticked.get(key, ())), "")),
            Cell(described.get(key, "")), tuple(kinds),
        )
        for key, kinds in found.items()
    )  # fmt: skip
