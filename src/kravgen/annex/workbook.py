"""The response workbook (--format xlsx): requirements to answer, instructions, price lines.

The buyer's columns are locked by sheet protection without a password: it keeps a supplier from
editing a requirement by mistake, not from fraud, which `kravgen evaluate` catches by comparing
each row with the annex. A very hidden sheet records the provenance and, per requirement, what
evaluation needs. openpyxl is imported inside the functions, so that only the commands that
build or read a workbook load it.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from kravgen.annex.rows import SheetRow, sheet_rows, text_digest
from kravgen.model import RenderedAnnex
from kravgen.wording import WORKBOOK, in_language

REQUIREMENT_COLUMNS = (
    "number", "id", "area", "type", "heading", "text", "verification", "to_answer",
    "answer", "description", "attachment",
)  # fmt: skip
WIDTHS = (6, 16, 22, 18, 28, 60, 40, 36, 10, 50, 20)
ANSWER_COLUMNS = frozenset({"answer", "description", "attachment"})
PROVENANCE_SHEET = "kravgen"
# The hidden sheet's clause table, after the provenance rows and one empty row.
CLAUSE_TABLE = ("id", "version", "type", "number", "text_digest", "describe", "confirm", "value")
SUPPLIER_CELL = "B3"  # on the instructions sheet
TEXT_STYLE, OPEN_STYLE, HEADER_STYLE = "kravgen text", "kravgen answer", "kravgen header"


def word(lang: str, key: str) -> str:
    """A word of the workbook in the annex language (see wording.WORKBOOK)."""
    return in_language(WORKBOOK, lang)[key]


def build_annex_xlsx(annex: RenderedAnnex) -> bytes:
    """The response workbook, byte-identical for the same annex."""
    # late: openpyxl loads only when a workbook is built
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    _add_styles(book)
    rows = sheet_rows(annex)
    _requirements_sheet(book.active, annex, rows)
    _instructions_sheet(book.create_sheet(word(annex.lang, "sheet_instructions")), annex)
    _prices_sheet(book.create_sheet(word(annex.lang, "sheet_prices")), annex, rows)
    _provenance_sheet(book.create_sheet(PROVENANCE_SHEET), annex, rows)
    for key, value in sorted(annex.provenance.items()):
        book.custom_doc_props.append(StringProperty(name=f"kravgen.{key}", value=value))
    when = document_time(annex.date)
    book.properties.creator = "kravgen"
    book.properties.title = annex.title
    book.properties.created = when
    book.properties.modified = when
    stream = io.BytesIO()
    book.save(stream)
    return fix_timestamps(stream.getvalue(), when)


def document_time(iso: str) -> datetime:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        day = date(1980, 1, 1)
    return datetime(max(day.year, 1980), day.month, day.day)


_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def fix_timestamps(data: bytes, when: datetime) -> bytes:
    """Rewrite the zip with fixed entry dates and core-property times.

    openpyxl stamps each zip entry with the current time and sets the modified time at save,
    so two builds would differ; this makes them byte-identical.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def _header(sheet: Any, titles: list[str], widths: tuple[int, ...]) -> None:
    # late: openpyxl loads only when a workbook is built
    from openpyxl.utils import get_column_letter

    for index, title in enumerate(titles, start=1):
        sheet.cell(1, index, title).style = HEADER_STYLE
        sheet.column_dimensions[get_column_letter(index)].width = widths[index - 1]
    sheet.freeze_panes = "A2"


def _protect(sheet: Any) -> None:
    # No password: the lock prevents mistakes; filters and sorting stay usable.
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def requirement_values(row: SheetRow, lang: str) -> list[str]:
    c = row.clause
    values = {
        "number": row.number,
        "id": row.key,
        "area": row.area_title,
        "type": c.type_label,
        "heading": c.title,
        "text": c.text,
        "verification": c.verification or "",
        "to_answer": row.to_answer,
        "answer": "" if c.confirm else word(lang, "not_asked"),
        "description": "" if row.needs_description else word(lang, "not_asked"),
        "attachment": "",
    }
    return [values[key] for key in REQUIREMENT_COLUMNS]


def _add_styles(book: Any) -> None:
    """Named styles, registered once: styling cell by cell with new style objects made the
    1,000-clause workbook several times slower (bench/bench_workbook.py)."""
    # late: openpyxl loads only when a workbook is built
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection

    wrap = Alignment(wrap_text=True, vertical="top")
    styles = (
        NamedStyle(TEXT_STYLE, alignment=wrap),
        NamedStyle(
            OPEN_STYLE,
            alignment=wrap,
            fill=PatternFill("solid", fgColor="FFF2CC"),
            protection=Protection(locked=False),
        ),
        NamedStyle(
            HEADER_STYLE,
            alignment=wrap,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="D9E1F2"),
        ),
    )
    for style in styles:
        book.add_named_style(style)


def _requirements_sheet(sheet: Any, annex: RenderedAnnex, rows: tuple[SheetRow, ...]) -> None:
    # late: openpyxl loads only when a workbook is built
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = annex.lang
    sheet.title = word(lang, "sheet_requirements")
    _header(sheet, [word(lang, key) for key in REQUIREMENT_COLUMNS], WIDTHS)
    for index, row in enumerate(rows, start=2):
        values = requirement_values(row, lang)
        for column, (key, value) in enumerate(zip(REQUIREMENT_COLUMNS, values, strict=True), 1):
            cell = sheet.cell(index, column, value)
            asked = key == "attachment" or (
                (key == "answer" and row.clause.confirm)
                or (key == "description" and row.needs_description)
            )
            cell.style = OPEN_STYLE if asked else TEXT_STYLE
    last = max(len(rows) + 1, 2)
    answer = get_column_letter(REQUIREMENT_COLUMNS.index("answer") + 1)
    choices = f'"{word(lang, "yes")},{word(lang, "no")}"'
    validation = DataValidation(type="list", formula1=choices, allow_blank=True)
    validation.error = word(lang, "answer_error")
    validation.showErrorMessage = True
    validation.add(f"{answer}2:{answer}{last}")
    sheet.add_data_validation(validation)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(REQUIREMENT_COLUMNS))}{last}"
    _protect(sheet)
    _print_setup(sheet)


def _instructions_sheet(sheet: Any, annex: RenderedAnnex) -> None:
    # late: openpyxl loads only when a workbook is built
    from openpyxl.styles import Font

    lang, labels = annex.lang, annex.labels
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    sheet.append([annex.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([annex.procurement_title])
    sheet.append([word(lang, "supplier"), ""])
    sheet[SUPPLIER_CELL].style = OPEN_STYLE
    for key, value in (
        ("buyer", annex.buyer_name),
        ("reference_number", annex.reference_number),
        ("contact", annex.contact_person),
        ("date", annex.date),
        ("library", f"{annex.library_name} {annex.library_version}"),
    ):
        sheet.append([labels[key], value])
    sheet.append([])
    sheet.append([labels["instructions"]])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for paragraph in (word(lang, "how"), *annex.instructions):
        sheet.append(["", paragraph])
        sheet.cell(sheet.max_row, 2).style = TEXT_STYLE
    _protect(sheet)
    _print_setup(sheet)


def _prices_sheet(sheet: Any, annex: RenderedAnnex, rows: tuple[SheetRow, ...]) -> None:
    lang = annex.lang
    _header(
        sheet,
        [word(lang, k) for k in ("number", "id", "heading", "price_line", "price")],
        (6, 16, 28, 60, 20),
    )
    priced = [row for row in rows if row.clause.price]
    for index, row in enumerate(priced, start=2):
        values = (row.number, row.key, row.clause.title, row.clause.price, None)
        for column, value in enumerate(values, start=1):
            sheet.cell(index, column, value).style = OPEN_STYLE if column == 5 else TEXT_STYLE
    _protect(sheet)
    _print_setup(sheet)


def recorded_provenance(annex: RenderedAnnex) -> dict[str, str]:
    """What the hidden sheet records above its clause table: the provenance and the date."""
    return {**annex.provenance, "date": annex.date}


def _provenance_sheet(sheet: Any, annex: RenderedAnnex, rows: tuple[SheetRow, ...]) -> None:
    for key, value in sorted(recorded_provenance(annex).items()):
        sheet.append([key, value])
    sheet.append([])
    sheet.append(list(CLAUSE_TABLE))
    for row in rows:
        c = row.clause
        sheet.append(
            [
                c.id,
                str(c.version),
                c.type.value,
                row.number,
                text_digest(c.text),
                "1" if row.needs_description else "0",
                "1" if c.confirm else "0",
                row.award_value,
            ]
        )
    sheet.sheet_state = "veryHidden"
    _protect(sheet)
