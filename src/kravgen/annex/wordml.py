"""WordprocessingML built as text, for docx_writer.

python-docx's object API costs about a millisecond per table cell, so a 1,000-clause annex
built through it takes seconds. Here every paragraph and table is written as an XML string,
the body is parsed once and moved into the template's document. Only stdlib and lxml are
used; python-docx stays in docx_writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from kravgen.annex.outline import blocks
from kravgen.annex.xmltext import attr, esc

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BODY_MARKER = "<w:p><w:r><w:t>kravgen-body-0f9b2c</w:t></w:r></w:p>"

# Every style kravgen writes, with its type; check_template demands them all.
PARAGRAPH_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading",
    "List Bullet", "List Number", "Header", "Footer", "Kravgen Meta", "Kravgen Label",
    "Kravgen Table Text", "Kravgen Hint", "Kravgen Term", "Kravgen Definition",
)  # fmt: skip
REQUIRED_STYLES: tuple[tuple[str, str], ...] = (
    *((name, "paragraph") for name in PARAGRAPH_STYLES),
    ("Hyperlink", "character"),
    ("Kravgen Clause Id", "character"),
    ("Kravgen Table", "table"),
    ("Kravgen Facts", "table"),
)
W = f"{{{W_NS}}}"

_BOLD = re.compile(r"\*\*(.+?)\*\*")


# --- runs and paragraphs ------------------------------------------------------------------------


def rpr(style: str | None = None, *, bold: bool = False, italic: bool = False) -> str:
    """A run's properties, in the order the schema demands."""
    inner = (
        (f"<w:rStyle w:val={attr(style)}/>" if style else "")
        + ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
    )
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(text: str, props: str = "") -> str:
    """One run; a newline becomes a line break and a tab a tab."""
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    parts: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>"


def inline(text: str, style: str | None = None, *, italic: bool = False) -> str:
    """Runs for text in which **double asterisks** mark bold."""
    if "**" not in text:
        return run(text, rpr(style, italic=italic))
    out: list[str] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            out.append(run(text[pos : match.start()], rpr(style, italic=italic)))
        out.append(run(match.group(1), rpr(style, bold=True, italic=italic)))
        pos = match.end()
    if pos < len(text):
        out.append(run(text[pos:], rpr(style, italic=italic)))
    return "".join(out)


def para(
    runs: str,
    style: str | None = None,
    *,
    keep_next: bool = False,
    page_break: bool = False,
    num: int | None = None,
    align: str | None = None,
) -> str:
    """A paragraph, its properties in schema order: pStyle keepNext pageBreakBefore numPr jc."""
    ppr = (
        (f"<w:pStyle w:val={attr(style)}/>" if style else "")
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val={attr(num)}/></w:numPr>' if num else "")
        + (f"<w:jc w:val={attr(align)}/>" if align else "")
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


def complex_field(instr: str, cached: str, props: str = "", *, dirty: bool = False) -> str:
    """A complex field (PAGE, NUMPAGES, TOC); Word and LibreOffice compute it, `cached` shows
    until they do."""
    mark = ' w:dirty="true"' if dirty else ""
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"{mark}/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(cached, props)}"
        f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def hyperlink(rel_id: str, text: str, style: str) -> str:
    return f'<w:hyperlink r:id={attr(rel_id)} w:history="1">{run(text, rpr(style))}</w:hyperlink>'


# --- the body -------------------------------------------------------------------------------------


@dataclass
class Body:
    """Collects the body XML. `styles` maps style names to the template's style ids."""

    styles: Mapping[str, str]
    text_width: int  # twips between the margins
    link: Callable[[str], str]  # an external URL -> its relationship id
    new_list: Callable[[], int | None]  # a numbering id for a list that restarts at 1
    chunks: list[str] = field(default_factory=list)
    pending_break: bool = False
    keep: bool = False  # keep every paragraph with the next (a clause with its table)
    headings: list[str] = field(default_factory=list)  # level-1 headings, for the TOC
    toc_at: int | None = None  # index in chunks where the TOC goes
    toc_instr: str = 'TOC \\o "1-3" \\h \\z \\u'

    def sid(self, name: str) -> str:
        return self.styles[name.lower()]

    def add(self, xml: str) -> None:
        self.chunks.append(xml)

    def new_page(self) -> None:
        """Start the next paragraph on a new page (pageBreakBefore, no empty paragraph)."""
        self.pending_break = True

    def _para(self, runs: str, style: str, *, keep_next: bool = False) -> None:
        keep = keep_next or self.keep
        self.add(para(runs, self.sid(style), keep_next=keep, page_break=self.pending_break))
        self.pending_break = False

    def paragraph(self, text: str, style: str = "Normal", *, keep_next: bool = False) -> None:
        self._para(inline(text), style, keep_next=keep_next)

    def runs(self, runs: str, style: str = "Normal") -> None:
        self._para(runs, style)

    def heading(self, level: int, text: str, *, clause_id: str = "", number: str = "") -> None:
        runs = inline(text)
        if clause_id:
            runs = run(clause_id, rpr(self.sid("Kravgen Clause Id"))) + run(" ") + runs
        if number:
            runs = run(f"{number} ") + runs
        if level == 1:
            self.headings.append(text)
        self._para(runs, f"Heading {level}")

    def label(self, name: str, value: str, style: str = "Kravgen Meta") -> None:
        """A "Name: value" line, the name in bold."""
        self._para(run(f"{name}: ", rpr(bold=True)) + inline(value), style)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._para(inline(item), "List Bullet")

    def text(self, text: str, style: str = "Normal") -> None:
        self.add(self.blocks_xml(text, style))

    def blocks_xml(self, text: str, style: str = "Normal", *, italic: bool = False) -> str:
        out: list[str] = []
        keep = self.keep
        for kind, lines in blocks(text):
            num = self.new_list() if kind == "ol" else None
            sid = self.sid({"p": style, "ul": "List Bullet", "ol": "List Number"}[kind])
            out.extend(para(inline(t, italic=italic), sid, keep_next=keep, num=num) for t in lines)
        return "".join(out)

    def cell_text(self, text: str, *, italic: bool = False) -> str:
        """Paragraphs for a table cell (Kravgen Table Text), never empty."""
        xml = self.blocks_xml(text, "Kravgen Table Text", italic=italic)
        return xml or para("", self.sid("Kravgen Table Text"))

    def cell_para(
        self, runs: str, style: str = "Kravgen Table Text", align: str = "", *, keep: bool = False
    ) -> str:
        return para(runs, self.sid(style), keep_next=keep, align=align or None)

    def table(
        self,
        style: str,
        fractions: Sequence[float],
        rows: Sequence[Sequence[str]],
        *,
        header: bool = True,
        first_col: bool = False,
        caption: str = "",
        description: str = "",
    ) -> None:
        """A table of cells given as paragraph XML. The header row repeats on every page and
        no row splits across pages; `caption` and `description` are what a screen reader
        announces (tblCaption, tblDescription)."""
        widths = [int(self.text_width * f) for f in fractions]
        look = (0x0020 if header else 0) | (0x0080 if first_col else 0) | 0x0600
        grid = "".join(f"<w:gridCol w:w={attr(w)}/>" for w in widths)
        out = [
            f"<w:tbl><w:tblPr><w:tblStyle w:val={attr(self.sid(style))}/>"
            f'<w:tblW w:w={attr(sum(widths))} w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val={attr(f"{look:04X}")} w:firstRow={attr(int(header))} w:lastRow="0" '
            f'w:firstColumn={attr(int(first_col))} w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            + (f"<w:tblCaption w:val={attr(caption)}/>" if caption else "")
            + (f"<w:tblDescription w:val={attr(description)}/>" if description else "")
            + f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        for index, cells in enumerate(rows):
            repeat = "<w:tblHeader/>" if header and index == 0 else ""
            out.append(f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>")
            for width, cell in zip(widths, cells, strict=True):
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w={attr(width)} w:type="dxa"/></w:tcPr>{cell}</w:tc>'
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.add("".join(out))

    def toc(self, heading: str, placeholder: str) -> None:
        """A TOC field. Word rebuilds it on opening; until then (and in LibreOffice, which
        does not update fields on conversion) it shows the chapter headings, or the
        placeholder when there are none."""
        self._para(run(heading), "TOC Heading")
        self.toc_at = len(self.chunks)
        self.add(para(complex_field(self.toc_instr, placeholder, dirty=True), self.sid("Normal")))

    def _toc_with_headings(self) -> str:
        normal = self.sid("Normal")
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {esc(self.toc_instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        last = len(self.headings) - 1
        return "".join(
            para((begin if i == 0 else "") + inline(text) + (end if i == last else ""), normal)
            for i, text in enumerate(self.headings)
        )

    def xml(self) -> str:
        chunks = list(self.chunks)
        if self.toc_at is not None and self.headings:
            chunks[self.toc_at] = self._toc_with_headings()
        return "".join(chunks)


def fragment(xml: str) -> str:
    """Body XML wrapped in an element that declares the namespaces it uses."""
    return f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:w14="{W14_NS}">{xml}</w:body>'
