"""WordprocessingML built as text, for docx_writer.

python-docx's object API costs about a millisecond per table cell, so a 1,000-clause annex
built through it takes seconds. Here every paragraph and table is written as an XML string,
the body is parsed once and moved into the template's document. Only stdlib and lxml are
used; python-docx stays in docx_writer.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kravgen.markdown_writer import blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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
# Children of w:settings that come after w:updateFields (ECMA-376 CT_Settings order).
_AFTER_UPDATE_FIELDS = frozenset((
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
))  # fmt: skip
W = f"{{{W_NS}}}"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def esc(text: str) -> str:
    """Text as XML character data, without the characters XML 1.0 cannot hold."""
    return escape(_INVALID_XML.sub("", text))


def attr(text: str) -> str:
    return quoteattr(_INVALID_XML.sub("", text))


# --- runs and paragraphs ------------------------------------------------------------------------


def rpr(style: str | None = None, *, bold: bool = False, italic: bool = False) -> str:
    """A run's properties, in the order the schema demands."""
    inner = (
        (f'<w:rStyle w:val="{style}"/>' if style else "")
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
        (f'<w:pStyle w:val="{style}"/>' if style else "")
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>' if num else "")
        + (f'<w:jc w:val="{align}"/>' if align else "")
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
    return f'<w:hyperlink r:id="{rel_id}" w:history="1">{run(text, rpr(style))}</w:hyperlink>'


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

    def heading(self, level: int, text: str, *, clause_id: str = "") -> None:
        runs = inline(text)
        if clause_id:
            runs = run(clause_id, rpr(self.sid("Kravgen Clause Id"))) + run(" ") + runs
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
    ) -> None:
        """A table of cells given as paragraph XML. The header row repeats on every page and
        no row splits across pages."""
        widths = [int(self.text_width * f) for f in fractions]
        look = (0x0020 if header else 0) | (0x0080 if first_col else 0) | 0x0600
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.sid(style)}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="{look:04X}" w:firstRow="{int(header)}" w:lastRow="0" '
            f'w:firstColumn="{int(first_col)}" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        for index, cells in enumerate(rows):
            repeat = "<w:tblHeader/>" if header and index == 0 else ""
            out.append(f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>")
            for width, cell in zip(widths, cells, strict=True):
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
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
    return f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:body>'


# --- package parts --------------------------------------------------------------------------------


def custom_properties_xml(props: Mapping[str, str]) -> bytes:
    """docProps/custom.xml: the provenance as text properties (python-docx has no API)."""
    items = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name={attr(name)}>'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


@dataclass(frozen=True, slots=True)
class CoreFacts:
    title: str
    subject: str
    author: str
    keywords: str
    language: str
    timestamp: str  # W3CDTF, e.g. 2026-03-01T00:00:00Z


def core_properties_xml(facts: CoreFacts) -> bytes:
    """docProps/core.xml written whole, so nothing of the template's (or python-docx's) stays."""
    stamp = f'xsi:type="dcterms:W3CDTF">{esc(facts.timestamp)}'
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(facts.title)}</dc:title><dc:subject>{esc(facts.subject)}</dc:subject>"
        f"<dc:creator>{esc(facts.author)}</dc:creator>"
        f"<cp:keywords>{esc(facts.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{esc(facts.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dc:language>{esc(facts.language)}</dc:language>"
        f"<dcterms:created {stamp}</dcterms:created><dcterms:modified {stamp}</dcterms:modified>"
        "</cp:coreProperties>"
    ).encode()


def app_properties_xml(company: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>kravgen</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{esc(company)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _rel_targets(rels_xml: bytes) -> dict[str, str]:
    from xml.etree import ElementTree as ET

    root = ET.fromstring(rels_xml)
    return {
        rel.get("Type", ""): rel.get("Target", "")
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship")
        if rel.get("TargetMode") != "External"
    }


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _add_custom_part(members: dict[str, bytes]) -> str:
    """Relate a new docProps/custom.xml to the package and give it its content type."""
    rels = members["_rels/.rels"].decode()
    used = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels)}
    rel_id = f"rId{max(used, default=0) + 1}"
    rel = f'<Relationship Id="{rel_id}" Type="{RT_CUSTOM}" Target="docProps/custom.xml"/>'
    members["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    types = members["[Content_Types].xml"].decode()
    override = f'<Override PartName="/docProps/custom.xml" ContentType="{CT_CUSTOM}"/>'
    members["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return "docProps/custom.xml"


def finish_package(
    data: bytes, core: bytes, app: bytes, custom: bytes | None, body: str | None = None
) -> bytes:
    """Put in the property parts and the body, then rewrite the zip so equal input gives equal
    bytes: fixed member dates (python-docx stamps "now"), stable order, fixed permissions.

    `body` replaces the BODY_MARKER paragraph of the main document: splicing text is ten times
    faster than parsing the body and moving 100,000 elements into the template's tree.
    Raises ValueError when the marker is not there exactly once.
    """
    with zipfile.ZipFile(BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    targets = {k: _resolve("", v) for k, v in _rel_targets(members["_rels/.rels"]).items()}
    if body is not None:
        main = targets[RT_DOCUMENT]
        parts = members[main].split(BODY_MARKER.encode())
        if len(parts) != 2:
            raise ValueError("the body marker is not in the main document exactly once")
        members[main] = parts[0] + body.encode() + parts[1]
    members[targets.get(RT_CORE, "docProps/core.xml")] = core
    if RT_APP in targets:
        members[targets[RT_APP]] = app
    if custom is not None:
        members[targets.get(RT_CUSTOM) or _add_custom_part(members)] = custom
    return deterministic_zip(members)


def deterministic_zip(members: Mapping[str, bytes]) -> bytes:
    """A zip of `members` in their order, [Content_Types].xml first, with fixed metadata."""
    names = sorted(members, key=lambda n: n != "[Content_Types].xml")
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


# --- template parts, edited in place (any ElementTree-like element) ---------------------------


def set_language(styles: Any, settings: Any, tag: str) -> None:
    """The document language (spelling, hyphenation): style defaults and theme font language."""
    for lang in styles.iterfind(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"):
        lang.set(f"{W}val", tag)
    for lang in settings.iterfind(f"{W}themeFontLang"):
        lang.set(f"{W}val", tag)


def update_fields_on_open(settings: Any) -> None:
    """w:updateFields makes Word offer to fill the table of contents when the file opens."""
    for old in settings.findall(f"{W}updateFields"):
        settings.remove(old)
    element = settings.makeelement(f"{W}updateFields", {f"{W}val": "true"})
    for index, child in enumerate(settings):
        tag = str(child.tag)
        if not tag.startswith(W) or tag[len(W) :] in _AFTER_UPDATE_FIELDS:
            settings.insert(index, element)
            return
    settings.append(element)


def midnight_utc(iso_date: str) -> str:
    """Midnight UTC of the annex date as W3CDTF: the only time the document carries."""
    try:
        return date.fromisoformat(iso_date).isoformat() + "T00:00:00Z"
    except ValueError:
        return "1980-01-01T00:00:00Z"


# --- reading packages -----------------------------------------------------------------------------


def style_table(styles_xml: bytes) -> dict[str, tuple[str, str]]:
    """Lower-cased style name -> (type, style id). Word stores built-in names lower-case
    ("heading 1") and localises only the id ("Rubrik1"), so names are the key."""
    from xml.etree import ElementTree as ET

    table: dict[str, tuple[str, str]] = {}
    for style in ET.fromstring(styles_xml).iter(f"{{{W_NS}}}style"):
        name = style.find(f"{{{W_NS}}}name")
        style_id = style.get(f"{{{W_NS}}}styleId")
        if name is not None and style_id:
            key = name.get(f"{{{W_NS}}}val", "").lower()
            table.setdefault(key, (style.get(f"{{{W_NS}}}type", "paragraph"), style_id))
    return table


def missing_styles(table: Mapping[str, tuple[str, str]]) -> list[str]:
    """The required styles the table lacks, or has with another type, as readable names."""
    missing = []
    for name, kind in REQUIRED_STYLES:
        found = table.get(name.lower())
        if found is None or found[0] != kind:
            missing.append(f"the {kind} style '{name}'")
    return missing


# What kravgen reads from a template's reference.docx (issue 15, point 11). A real one is under
# 1 MB; a zip member can unpack to a thousand times its packed size.
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_PACKAGE_BYTES = 64 * 1024 * 1024


def package_problem(path: Path) -> str | None:
    """What makes the package at `path` unusable as a template, or None: a part that unpacks
    to more than MAX_PART_BYTES (or all to more than MAX_PACKAGE_BYTES), or an XML part that
    does not parse. Raises OSError and zipfile.BadZipFile."""
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        total = 0
        for info in members:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_PACKAGE_BYTES:
                limit = MAX_PART_BYTES if info.file_size > MAX_PART_BYTES else MAX_PACKAGE_BYTES
                return (
                    f"{info.filename} unpacks to {info.file_size / 1_048_576:.0f} MB; kravgen "
                    f"reads at most {limit // 1_048_576} MB from a template"
                )
        for info in members:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                ET.fromstring(package.read(info))
            except ET.ParseError as exc:
                return f"{info.filename} is not well-formed XML ({exc})"
    return None


def read_part(data: bytes | Path, rel_type: str) -> bytes | None:
    """The package part related to the package by `rel_type`, or None. `data` is the
    package's bytes or a path to it. Raises zipfile.BadZipFile and KeyError."""
    source = BytesIO(data) if isinstance(data, bytes) else data
    with zipfile.ZipFile(source) as package:
        target = _rel_targets(package.read("_rels/.rels")).get(rel_type)
        return package.read(_resolve("", target)) if target else None


def read_styles(path: Path) -> bytes:
    """styles.xml of the package at `path`, found through its relationships.
    Raises OSError, zipfile.BadZipFile and KeyError."""
    with zipfile.ZipFile(path) as package:
        main = _resolve("", _rel_targets(package.read("_rels/.rels"))[RT_DOCUMENT])
        folder, name = posixpath.split(main)
        rels = package.read(posixpath.join(folder, "_rels", name + ".rels"))
        return package.read(_resolve(folder, _rel_targets(rels)[RT_STYLES]))


def parse_custom_properties(xml: bytes) -> dict[str, str]:
    from xml.etree import ElementTree as ET

    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    out: dict[str, str] = {}
    for prop in ET.fromstring(xml).iter(f"{ns}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = "" if value is None else (value.text or "")
    return out
