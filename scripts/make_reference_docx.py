"""Regenerate templates/reference.docx, the style sheet of kravgen's Word output.

    .venv/bin/python scripts/make_reference_docx.py [OUTPUT]

Starts from python-docx's default template, drops what kravgen does not use (the thumbnail,
customXml, stylesWithEffects and ~140 table styles), writes kravgen's styles (Calibri, which
LibreOffice shows as the metric-compatible Carlito), A4 pages, a header and footer with
placeholders, and a sample body that shows every style. Same script, same bytes.

kravgen takes only the styles, numbering, page setup and header/footer layout from this file:
the body is replaced. An organisation restyles a copy in Word and passes its directory with
--template; `kravgen` checks it has every style listed in kravgen.annex.wordml.REQUIRED_STYLES.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.shared import Twips

from kravgen.annex.package import (
    CoreFacts,
    app_properties_xml,
    core_properties_xml,
    finish_package,
    style_table,
)
from kravgen.annex.wordml import W_NS, Body, complex_field, fragment, para, run

NAVY, ACCENT, GREY, TEXT = "1B3A5C", "2E6DA4", "595959", "262626"
RULE, FILL, FILL_LIGHT = "A6B4C6", "DCE6F0", "F2F5F9"
FONT = "Calibri"
PAGE_W, PAGE_H, MARGIN, HF_DIST = 11906, 16838, 1418, 709  # A4, 25 mm margins, in twips
TEXT_W = PAGE_W - 2 * MARGIN
KEEP_TABLE_STYLES = {"TableNormal", "TableGrid"}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A1B0001"/>
<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5A1B1001"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>
<w:lvlText w:val="•"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:nsid w:val="5A1B0002"/>
<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5A1B1002"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber"/>
<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def font(size: int, color: str = "", *, bold: bool = False, italic: bool = False) -> str:
    """rPr content; size in half-points."""
    return (
        ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    )


def spacing(before: int = 0, after: int = 0, line: int = 0) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def border(side: str, size: int, color: str, space: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based: str | None = "Normal",
    following: str | None = None,
    ppr: str = "",
    rpr_xml: str = "",
    tail: str = "",
    priority: int = 20,
) -> str:
    """A w:style; children in schema order (name, basedOn, next, uiPriority, qFormat, pPr, rPr)."""
    return (
        f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based}"/>' if based else "")
        + (f'<w:next w:val="{following}"/>' if following else "")
        + f'<w:uiPriority w:val="{priority}"/><w:qFormat/>'
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr_xml}</w:rPr>" if rpr_xml else "")
        + tail
        + "</w:style>"
    )


def paragraph_styles() -> list[str]:
    heading = "<w:keepNext/><w:keepLines/>"
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
    dots = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
    p = "paragraph"
    return [
        style(p, "Normal", "Normal", based=None, rpr_xml=f'<w:color w:val="{TEXT}"/>', priority=0),
        style(p, "Title", "Title", following="Subtitle", priority=10,
              ppr=f"<w:pBdr>{border('bottom', 18, ACCENT, 12)}</w:pBdr>" + spacing(1800, 240, 240),
              rpr_xml=font(60, NAVY, bold=True)),
        style(p, "Subtitle", "Subtitle", following="Normal", priority=11,
              ppr=spacing(0, 480, 240), rpr_xml=font(32, GREY)),
        style(p, "Heading1", "heading 1", following="Normal", priority=9,
              ppr=heading + f"<w:pBdr>{border('bottom', 6, RULE)}</w:pBdr>"
              + spacing(360, 180, 240) + '<w:outlineLvl w:val="0"/>',
              rpr_xml=font(32, NAVY, bold=True)),
        style(p, "Heading2", "heading 2", following="Normal", priority=9,
              ppr=heading + spacing(320, 80, 240) + '<w:outlineLvl w:val="1"/>',
              rpr_xml=font(25, NAVY, bold=True)),
        style(p, "Heading3", "heading 3", following="Normal", priority=9,
              ppr=heading + spacing(220, 60, 240) + '<w:outlineLvl w:val="2"/>',
              rpr_xml=font(22, ACCENT, bold=True)),
        style(p, "TOCHeading", "TOC Heading", based="Heading1", following="Normal", priority=39,
              ppr=spacing(480, 180, 240) + '<w:outlineLvl w:val="9"/>'),
        style(p, "TOC1", "toc 1", following="Normal", priority=39,
              ppr=dots + spacing(120, 40), rpr_xml="<w:b/><w:bCs/>"),
        style(p, "TOC2", "toc 2", following="Normal", priority=39,
              ppr=dots + spacing(0, 20) + '<w:ind w:left="220"/>'),
        style(p, "TOC3", "toc 3", following="Normal", priority=39,
              ppr=dots + spacing(0, 20) + '<w:ind w:left="440"/>'),
        style(p, "Header", "header", priority=99,
              ppr=f"<w:pBdr>{border('bottom', 4, RULE)}</w:pBdr>" + tabs + spacing(0, 0, 240),
              rpr_xml=font(17, GREY)),
        style(p, "Footer", "footer", priority=99,
              ppr=f"<w:pBdr>{border('top', 4, RULE)}</w:pBdr>" + tabs + spacing(0, 0, 240),
              rpr_xml=font(17, GREY)),
        style(p, "ListBullet", "List Bullet", priority=99,
              ppr='<w:numPr><w:numId w:val="1"/></w:numPr>' + spacing(0, 60)),
        style(p, "ListNumber", "List Number", priority=99,
              ppr='<w:numPr><w:numId w:val="2"/></w:numPr>' + spacing(0, 60)),
        style(p, "KravgenMeta", "Kravgen Meta", following="Normal",
              ppr="<w:keepNext/>" + spacing(0, 120), rpr_xml=font(18, GREY)),
        style(p, "KravgenLabel", "Kravgen Label", following="Normal",
              ppr="<w:keepNext/>" + spacing(160, 40), rpr_xml=font(20, NAVY, bold=True)),
        style(p, "KravgenTableText", "Kravgen Table Text",
              ppr=spacing(20, 40, 240), rpr_xml=font(20)),
        style(p, "KravgenHint", "Kravgen Hint", based="KravgenTableText",
              rpr_xml=font(18, GREY, italic=True)),
        style(p, "KravgenTerm", "Kravgen Term", following="KravgenDefinition",
              ppr="<w:keepNext/>" + spacing(160, 20), rpr_xml=font(21, NAVY, bold=True)),
        style(p, "KravgenDefinition", "Kravgen Definition",
              ppr=spacing(0, 120) + '<w:ind w:left="340"/>'),
    ]  # fmt: skip


def other_styles() -> list[str]:
    margins = (
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
    )
    grid = "".join(
        border(side, 4, RULE, 0)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    rules = (
        border("top", 8, NAVY, 0) + '<w:left w:val="nil"/>' + border("bottom", 8, NAVY, 0)
        + '<w:right w:val="nil"/>' + border("insideH", 4, RULE, 0) + '<w:insideV w:val="nil"/>'
    )  # fmt: skip

    def shade(fill: str) -> str:
        return f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'

    table_tail = (
        f'<w:tblStylePr w:type="firstRow"><w:rPr>{font(20, NAVY, bold=True)}</w:rPr>'
        f"{shade(FILL)}</w:tblStylePr>"
        f'<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f"{shade(FILL_LIGHT)}</w:tblStylePr>"
    )
    facts_tail = (
        f'<w:tblStylePr w:type="firstCol"><w:rPr>{font(21, NAVY, bold=True)}</w:rPr></w:tblStylePr>'
    )
    return [
        style("character", "Hyperlink", "Hyperlink", based=None, priority=99,
              rpr_xml=f'<w:color w:val="{ACCENT}"/><w:u w:val="single"/>'),
        style("character", "KravgenClauseId", "Kravgen Clause Id", based=None,
              rpr_xml=f'<w:color w:val="{ACCENT}"/>'),
        style("table", "KravgenTable", "Kravgen Table", based="TableNormal",
              ppr=spacing(0, 0, 240),
              tail=f"<w:tblPr><w:tblBorders>{grid}</w:tblBorders>{margins}</w:tblPr>" + table_tail),
        style("table", "KravgenFacts", "Kravgen Facts", based="TableNormal",
              ppr=spacing(0, 0, 240),
              tail=f"<w:tblPr><w:tblBorders>{rules}</w:tblBorders>{margins}</w:tblPr>"
              + facts_tail),
    ]  # fmt: skip


def restyle(doc: Document) -> None:  # type: ignore[valid-type]
    """Keep the default template's non-table styles without their theme fonts, drop its table
    styles, and put in kravgen's own."""
    root = doc.styles.element
    w = f"{{{W_NS}}}"
    defaults = root.find(f"{w}docDefaults")
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault><w:rPr>'
            f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="21"/><w:szCs w:val="21"/>'
            '<w:lang w:val="sv-SE" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            f"<w:pPrDefault><w:pPr>{spacing(0, 120, 264)}</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    new = [parse_xml(xml) for xml in paragraph_styles() + other_styles()]
    replaced = {el.get(f"{w}styleId") for el in new}
    for el in root.findall(f"{w}style"):
        sid, kind = el.get(f"{w}styleId"), el.get(f"{w}type")
        if sid in replaced or (kind == "table" and sid not in KEEP_TABLE_STYLES):
            root.remove(el)
            continue
        for theme in el.iter(f"{w}rFonts", f"{w}color", f"{w}rsid"):
            theme.getparent().remove(theme)
    for el in new:
        root.append(el)


def strip_package(doc: Document) -> None:  # type: ignore[valid-type]
    """Drop parts kravgen never uses, so they do not travel into every annex."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, STYLES_WITH_EFFECTS, RT.WEB_SETTINGS):
            doc.part.drop_rel(rel_id)
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)


def page_setup(doc: Document) -> None:  # type: ignore[valid-type]
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(HF_DIST)
    header = para(run("[Upphandlingens namn]\tDiarienummer [dnr]"), "Header")
    footer = para(
        run("[Bilagans titel]\tSida ")
        + complex_field("PAGE", "1")
        + run(" av ")
        + complex_field("NUMPAGES", "1"),
        "Footer",
    )
    for part, xml in ((section.header.part, header), (section.footer.part, footer)):
        element = part.element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(fragment(xml))[0])
    settings = doc.settings.element
    for el in settings.iter(f"{{{W_NS}}}themeFontLang"):
        el.set(f"{{{W_NS}}}val", "sv-SE")


def sample_body(doc: Document) -> None:  # type: ignore[valid-type]
    """One paragraph per style, so whoever restyles this file in Word sees them all."""
    styles = {name: sid for name, (_, sid) in style_table(doc.styles.element.xml.encode()).items()}
    body = Body(styles, TEXT_W, lambda url: "", lambda: None)
    body.paragraph("kravgen – referensdokument", "Title")
    body.paragraph("Formatmallar för bilagan och PM:et (Subtitle)", "Subtitle")
    body.toc("Innehåll (TOC Heading)", "Här visas innehållsförteckningen.")
    body.heading(1, "Rubrik 1 (Heading 1)")
    body.text(
        "Det här dokumentet bestämmer utseendet på kravgens Word-filer. Ändra formatmallarna "
        "(typsnitt, färger, avstånd), sidhuvud, sidfot och marginaler, men behåll mallarnas namn. "
        "Innehållet ersätts när kravgen skapar en bilaga.\n\n"
        "- Punktlista (List Bullet)\n- Ett andra listelement\n\n"
        "1. Numrerad lista (List Number)\n2. Ett andra listelement"
    )
    body.heading(2, "Rubrik 2 (Heading 2) med krav-id", clause_id="KG-1A-01")
    body.label("Typ", "Ska-krav (Kravgen Meta)")
    body.text("Kravtext i Normal.")
    body.paragraph("Etikett (Kravgen Label)", "Kravgen Label", keep_next=True)
    body.text("Text under etiketten.")
    header = [body.cell_para(run("Tabellrubrik (Kravgen Table)")), body.cell_para(run("KG-1A-01"))]
    row = [
        body.cell_para(run("Första kolumnen")),
        body.cell_text("Tabelltext (Kravgen Table Text)"),
    ]
    hint = [body.cell_para(run("Ledtext")), body.cell_para(run("Kravgen Hint"), "Kravgen Hint")]
    body.table("Kravgen Table", (0.3, 0.7), [header, row, hint], first_col=True)
    body.heading(3, "Rubrik 3 (Heading 3)")
    body.paragraph("Term (Kravgen Term)", "Kravgen Term", keep_next=True)
    body.paragraph("Definitionen (Kravgen Definition).", "Kravgen Definition")
    facts = [[body.cell_para(run("Diarienummer")), body.cell_para(run("Kravgen Facts"))]]
    body.table("Kravgen Facts", (0.35, 0.65), facts, header=False, first_col=True)
    target = doc.element.body
    sect = target.sectPr
    for child in list(target):
        if child is not sect:
            target.remove(child)
    for child in list(parse_xml(fragment(body.xml()))):
        sect.addprevious(child)


def build() -> bytes:
    doc = Document()
    strip_package(doc)
    restyle(doc)
    page_setup(doc)
    sample_body(doc)
    doc.core_properties.title = "kravgen reference document"
    raw = BytesIO()
    doc.save(raw)
    facts = CoreFacts(
        "kravgen – referensdokument", "", "kravgen", "", "sv-SE", "2026-01-01T00:00:00Z"
    )
    return finish_package(raw.getvalue(), core_properties_xml(facts), app_properties_xml(""), None)


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    target = Path(argv[1]) if len(argv) > 1 else root / "templates" / "reference.docx"
    target.write_bytes(build())
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
