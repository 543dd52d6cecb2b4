"""What the annex expects and what a supplier's copy holds, read from the files.

Rows are matched by requirement id, never by position, so a supplier who sorted, filtered or
moved rows is still read correctly. Every loop over a sheet is bounded by MAX_ROWS and
MAX_COLUMNS, whatever size the sheet claims.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kravgen.annex.docx_template import read_provenance
from kravgen.annex.rows import sheet_rows, text_digest
from kravgen.annex.workbook import (
    CLAUSE_TABLE,
    PROVENANCE_SHEET,
    REQUIREMENT_COLUMNS,
    SUPPLIER_CELL,
    recorded_provenance,
)
from kravgen.errors import SourceLocation
from kravgen.evaluate.safety import (
    DOCX,
    XLSX,
    WorkbookError,
    load_workbook,
    message,
    open_package,
    open_workbook,
    worded,
)
from kravgen.model import ClauseType, RenderedAnnex
from kravgen.wording import WORKBOOK, in_language

MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_CELL = 32_767  # Excel's own limit for the text of a cell
# What must match between the annex and a supplier's copy, and how a message names it.
IDENTITY = ("library_digest", "answers_digest", "clauses")
# The answer fields the Word annex gives a requirement: the endings of their tags after the id.
YES_BOX, NO_BOX, DESCRIPTION_FIELD = "ja", "nej", "beskrivning"


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    """One requirement of the annex, as evaluation needs it."""

    id: str
    version: int
    type: ClauseType
    number: str
    text_digest: str
    describe: bool
    confirm: bool
    value: Decimal | None  # an award criterion's added value

    @property
    def fields(self) -> tuple[str, ...]:
        """The answer fields the Word annex gives this requirement, sorted."""
        boxes = (YES_BOX, NO_BOX) if self.confirm else ()
        return tuple(sorted(boxes + ((DESCRIPTION_FIELD,) if self.describe else ())))


@dataclass(frozen=True, slots=True)
class Expected:
    provenance: Mapping[str, str]
    rows: tuple[ExpectedRow, ...]

    @property
    def date(self) -> str:
        return self.provenance.get("date", "1980-01-01")

    @property
    def lang(self) -> str:
        """The annex's language: the default language of the evaluation's report."""
        return self.provenance.get("language", "sv")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text; `formula` when the cell held a formula (never evaluated)."""

    text: str
    formula: bool = False


@dataclass(frozen=True, slots=True)
class CopyRow:
    id: str
    version: str
    number: str
    text: str
    answer: Cell
    description: Cell
    # A Word copy's answer fields for this requirement ("ja", "nej", "beskrivning"), one entry
    # per control found, so a copied field shows twice; None for a workbook's row.
    controls: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class SupplierCopy:
    name: str
    file: Path
    provenance: Mapping[str, str]
    rows: tuple[CopyRow, ...]
    kind: str = XLSX  # or DOCX: the copy is the Word annex, read by its content controls


def _text(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return Cell("")
    formula = getattr(cell, "data_type", None) == "f" or not isinstance(value, str | int | float)
    return Cell(str(value)[:MAX_CELL].strip(), formula)


def _rows(sheet: Any, columns: int, lang: str) -> Iterator[tuple[Any, ...]]:
    for index, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=columns), start=1
    ):
        if index > MAX_ROWS:
            # openpyxl pads up to max_row when a sheet skips rows: only content counts.
            if any(getattr(cell, "value", None) is not None for cell in row):
                raise WorkbookError(
                    message(lang, "too_many_rows", sheet=sheet.title, limit=MAX_ROWS)
                )
            return
        yield row


def _value(raw: str) -> Decimal | None:
    try:
        return Decimal(raw) if raw else None
    except InvalidOperation:
        return None


def read_hidden(book: Any, path: Path, lang: str, *, table: bool = True) -> Expected:
    """The provenance and (unless not `table`) the clause table kravgen hid in a workbook.

    Raises:
        WorkbookError: the hidden sheet is missing or not in kravgen's layout.
    """
    where = SourceLocation(path)
    if PROVENANCE_SHEET not in book.sheetnames:
        raise WorkbookError(message(lang, "no_provenance"), where)
    provenance: dict[str, str] = {}
    rows: list[ExpectedRow] = []
    in_table = False
    for raw in _rows(book[PROVENANCE_SHEET], len(CLAUSE_TABLE), lang):
        cells = [_text(c).text for c in raw] + [""] * len(CLAUSE_TABLE)
        if tuple(cells[: len(CLAUSE_TABLE)]) == CLAUSE_TABLE:
            in_table = True
            if not table:
                break  # a supplier's copy: the annex's own table is what counts
        elif in_table and cells[0]:
            try:
                rows.append(
                    ExpectedRow(
                        cells[0], int(cells[1]), ClauseType(cells[2]), cells[3], cells[4],
                        cells[5] == "1", cells[6] == "1", _value(cells[7]),
                    )
                )  # fmt: skip
            except ValueError as exc:
                raise WorkbookError(message(lang, "no_provenance"), where) from exc
        elif not in_table and cells[0]:
            provenance[cells[0]] = cells[1]
    if not in_table or not provenance:
        raise WorkbookError(message(lang, "no_provenance"), where)
    return Expected(provenance, tuple(rows))


def read_expected_workbook(path: Path, lang: str) -> Expected:
    """The annex as the buyer's workbook records it. The Word annex will not do: it records
    neither the requirements' types nor the award criteria's values.

    Raises:
        WorkbookError: see read_hidden and safety.open_package; or the file is a Word document.
    """
    data, kind = open_package(path, lang)
    if kind == DOCX:
        raise WorkbookError(
            message(lang, "annex_is_docx"),
            SourceLocation(path),
            hint=message(lang, "annex_is_docx_hint"),
        )
    book = load_workbook(data, path, lang)
    try:
        return read_hidden(book, path, lang)
    finally:
        book.close()


def _sheet(book: Any, key: str, path: Path, lang: str) -> Any:
    names = {words[key] for words in WORKBOOK.values()}
    for name in book.sheetnames:
        if name in names:
            return book[name]
    raise WorkbookError(
        message(lang, "no_sheet", name=in_language(WORKBOOK, lang)[key]), SourceLocation(path)
    )


def _header_map(header: tuple[Any, ...], sheet: str, path: Path, lang: str) -> dict[str, int]:
    titles = {
        words[key].casefold(): key for words in WORKBOOK.values() for key in REQUIREMENT_COLUMNS
    }
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = titles.get(_text(cell).text.casefold())
        if key is not None and key not in found:
            found[key] = index
    for key in ("id", "text", "answer", "description"):
        if key not in found:
            name = in_language(WORKBOOK, lang)[key]
            raise WorkbookError(
                message(lang, "no_column", name=name, sheet=sheet), SourceLocation(path)
            )
    return found


def shown(text: str, limit: int) -> str:
    """Text from a supplier that kravgen prints or writes: no control characters (terminal
    escapes, characters a workbook cannot hold), one line, at most `limit` characters."""
    kept = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(kept.split())[:limit]


def _copy_row(cells: tuple[Any, ...], columns: Mapping[str, int]) -> CopyRow | None:
    def get(key: str) -> Cell:
        index = columns.get(key)
        return _text(cells[index]) if index is not None and index < len(cells) else Cell("")

    key = get("id").text
    if not key:
        return None  # an empty row, or the lower part of merged cells
    clause_id, _, version = shown(key, 60).partition("@")
    return CopyRow(
        clause_id.strip(), version.strip(), get("number").text, get("text").text,
        get("answer"), get("description"),
    )  # fmt: skip


def read_workbook_copy(data: bytes, path: Path, lang: str) -> SupplierCopy:
    """A supplier's filled workbook (bytes safety.check_zip passed): provenance, name and
    every row that carries an id.

    Raises:
        WorkbookError: openpyxl cannot read it, or a sheet or column is missing.
    """
    book = load_workbook(data, path, lang)
    try:
        expected = read_hidden(book, path, lang, table=False)
        sheet = _sheet(book, "sheet_requirements", path, lang)
        rows = _rows(sheet, MAX_COLUMNS, lang)
        header = next(rows, ())
        columns = _header_map(header, sheet.title, path, lang)
        copied = tuple(r for r in (_copy_row(row, columns) for row in rows) if r is not None)
        name = ""
        try:
            info = _sheet(book, "sheet_instructions", path, lang)
            name = shown(_text(info[SUPPLIER_CELL]).text, 200)
        except WorkbookError:
            pass  # the name is a courtesy: the file name stands in for it
        return SupplierCopy(name or path.stem, path, expected.provenance, copied)
    except WorkbookError as exc:
        if exc.where is None:
            exc.where = SourceLocation(path)
        raise
    except Exception as exc:  # openpyxl parses lazily: a damaged sheet fails while read
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise WorkbookError(message(lang, "corrupt", reason=reason), SourceLocation(path)) from exc
    finally:
        book.close()


def check_same_annex(expected: Expected, copy: SupplierCopy, lang: str) -> None:
    """Refuse a copy of another annex: another library, other answers or another clause set;
    and a Word copy left with none of the answer fields the annex has.

    Raises:
        WorkbookError: naming what differs.
    """
    for key in IDENTITY:
        if expected.provenance.get(key) != copy.provenance.get(key):
            raise WorkbookError(
                message(lang, worded("other_annex", copy.kind), what=key.replace("_", " ")),
                SourceLocation(copy.file),
                hint=message(lang, "other_annex_hint"),
            )
    # Not one field left is no supplier's edit but a program's: LibreOffice 7.4 drops every
    # tag when it saves a .docx. Reporting each requirement as tampered would mislead.
    asked = any(row.fields for row in expected.rows)
    if copy.kind == DOCX and asked and not any(row.controls for row in copy.rows):
        raise WorkbookError(
            message(lang, "docx_no_fields"),
            SourceLocation(copy.file),
            hint=message(lang, "docx_no_fields_hint"),
        )


def read_document_provenance(path: Path, lang: str = "en") -> dict[str, str]:
    """The provenance of an annex kravgen wrote, Word or workbook (`kravgen inspect`).

    Raises:
        KravgenError: the file is not an annex kravgen wrote, or cannot be read.
    """
    if path.suffix.lower() == ".xlsx":
        return read_workbook_provenance(path, lang)
    return read_provenance(path, lang)


def read_workbook_provenance(path: Path, lang: str) -> dict[str, str]:
    """The provenance a workbook kravgen wrote carries in its hidden sheet (`kravgen inspect`).

    Raises:
        WorkbookError: see read_hidden and safety.open_workbook.
    """
    book = open_workbook(path, lang)
    try:
        return dict(read_hidden(book, path, lang, table=False).provenance)
    finally:
        book.close()


def expected_from_annex(annex: RenderedAnnex) -> Expected:
    """What a workbook of this annex would record: `kravgen evaluate` given the answers file."""
    rows = tuple(
        ExpectedRow(
            r.clause.id, r.clause.version, r.clause.type, r.number, text_digest(r.clause.text),
            r.needs_description, r.clause.confirm, _value(r.award_value),
        )
        for r in sheet_rows(annex)
    )  # fmt: skip
    return Expected(recorded_provenance(annex), rows)
