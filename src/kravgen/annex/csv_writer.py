"""The requirements as CSV (--format csv) for pasting or importing into e-procurement systems.

UTF-8 with a byte-order mark and ';' between fields: what Swedish Excel opens without asking.
The rows and columns are those of the response workbook's requirements sheet.
"""

from __future__ import annotations

import csv
import io

from kravgen.annex.rows import sheet_rows
from kravgen.annex.workbook import REQUIREMENT_COLUMNS, requirement_values, word
from kravgen.model import RenderedAnnex


def build_annex_csv(annex: RenderedAnnex) -> bytes:
    """The requirements sheet as CSV bytes: BOM, ';', CRLF line ends, every field quoted."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([word(annex.lang, key) for key in REQUIREMENT_COLUMNS])
    for row in sheet_rows(annex):
        writer.writerow(requirement_values(row, annex.lang))
    return "\ufeff".encode() + stream.getvalue().encode("utf-8")
