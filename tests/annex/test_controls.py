"""Answer fields as Word content controls: built to the schema, opened by python-docx and
LibreOffice, filled by editing the XML and read back by tag."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree
from typer.testing import CliRunner

from kravgen.annex.controls import (
    MC_NS,
    PLACEHOLDER_STYLE,
    W14_NS,
    W_NS,
    checkbox,
    checkbox_xml,
    control_xml,
    ensure_placeholder_style,
    ensure_w14,
    read_controls,
    text_control,
    text_control_xml,
)
from kravgen.cli import app
from kravgen.errors import KravgenError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "socialtjanst-kommun.yaml"
W = f"{{{W_NS}}}"
W14 = f"{{{W14_NS}}}"
NS = {"w": W_NS, "w14": W14_NS}
PLACEHOLDER = "Klicka här och skriv beskrivningen."
TAGS = ("KG-1A-01:svar:ja", "KG-1A-01:svar:nej", "KG-1A-01:beskrivning")


def local_names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_checkbox_follows_the_schema_order_and_shows_an_empty_box() -> None:
    sdt = checkbox("KG-1A-01:svar:ja", alias="Ja")
    properties = sdt.find(f"{W}sdtPr")
    assert local_names(properties) == ["alias", "tag", "id", "checkbox"]
    box = properties.find(f"{W14}checkbox")
    assert local_names(box) == ["checked", "checkedState", "uncheckedState"]
    assert box.find(f"{W14}checked").get(f"{W14}val") == "0"
    assert box.find(f"{W14}checkedState").get(f"{W14}val") == "2612"
    assert box.find(f"{W14}uncheckedState").get(f"{W14}val") == "2610"
    # the glyph is the content, so a reader without content controls still shows a box
    assert "".join(sdt.find(f"{W}sdtContent").itertext()) == "☐"
    ticked = checkbox("KG-1A-01:svar:ja", checked=True)
    assert "".join(ticked.find(f"{W}sdtContent").itertext()) == "☒"


def test_text_control_follows_the_schema_order_and_shows_its_placeholder() -> None:
    sdt = text_control("KG-1A-01:beskrivning", PLACEHOLDER, alias="Beskrivning")
    properties = sdt.find(f"{W}sdtPr")
    assert local_names(properties) == ["alias", "tag", "id", "showingPlcHdr", "text"]
    run = sdt.find(f"{W}sdtContent/{W}r")
    assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == PLACEHOLDER_STYLE
    assert run.findtext(f"{W}t") == PLACEHOLDER


def test_markup_in_tags_and_placeholders_stays_text() -> None:
    hostile = 'KG-9"<x/>&amp;'
    sdt = text_control(hostile, "</w:t><w:t>injected", alias="a & b")
    parsed = etree.fromstring(etree.tostring(sdt))
    assert parsed.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == hostile
    assert len(parsed.findall(f".//{W}t")) == 1
    assert parsed.findtext(f".//{W}t") == "</w:t><w:t>injected"


def test_ids_are_stable_and_distinct() -> None:
    first = [checkbox(tag).find(f"{W}sdtPr/{W}id").get(f"{W}val") for tag in TAGS]
    again = [checkbox(tag).find(f"{W}sdtPr/{W}id").get(f"{W}val") for tag in TAGS]
    assert first == again
    assert len(set(first)) == len(TAGS)


def test_ensure_w14_declares_and_marks_the_namespace_ignorable() -> None:
    root = etree.fromstring(
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" '
        'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
        'mc:Ignorable="wp14"><w:body/></w:document>'
    )
    ensure_w14(root)
    ensure_w14(root)  # a second call changes nothing
    assert root.nsmap["w14"] == W14_NS
    assert root.nsmap["wp14"]  # unused here, but named in mc:Ignorable: must stay declared
    assert root.get(f"{{{MC_NS}}}Ignorable") == "wp14 w14"
    bare = etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
    ensure_w14(bare)
    assert bare.nsmap["mc"] == MC_NS
    assert bare.get(f"{{{MC_NS}}}Ignorable") == "w14"


def test_ensure_w14_refuses_a_prefix_bound_elsewhere() -> None:
    root = etree.fromstring(f'<w:document xmlns:w="{W_NS}" xmlns:w14="urn:other"/>')
    with pytest.raises(ValueError, match="w14"):
        ensure_w14(root)


def test_ensure_placeholder_style_adds_it_once() -> None:
    styles = etree.fromstring(f'<w:styles xmlns:w="{W_NS}"/>')
    ensure_placeholder_style(styles)
    ensure_placeholder_style(styles)
    found = styles.findall(f"{W}style[@{W}styleId='{PLACEHOLDER_STYLE}']")
    assert len(found) == 1
    assert found[0].get(f"{W}type") == "character"
    assert local_names(found[0]) == ["name", "uiPriority", "semiHidden", "unhideWhenUsed", "rPr"]


# --- a real annex with controls in one response table -----------------------------------------


def build_annex(folder: Path) -> Path:
    target = folder / "bilaga.docx"
    result = CliRunner().invoke(
        app, ["new", "--answers", str(EXAMPLE), "--output", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return target


def response_table(body: etree._Element, clause_id: str) -> etree._Element:
    for table in body.iter(f"{W}tbl"):
        first_row = table.find(f"{W}tr")
        if clause_id in "".join(first_row.itertext()):
            return table
    raise AssertionError(f"no response table for {clause_id}")


def run(text: str) -> etree._Element:
    element = etree.Element(f"{W}r")
    t = etree.SubElement(element, f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def rewrite(docx_bytes: bytes, edit: dict[str, object]) -> bytes:
    """The .docx with some parts passed through edit[part](root)."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(docx_bytes)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename in edit:
                root = etree.fromstring(data)
                edit[info.filename](root)  # type: ignore[operator]
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def with_controls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The annex exactly as `kravgen new` writes it."""
    return build_annex(tmp_path_factory.mktemp("controls"))


def kg_1a_01(path: Path) -> dict[str, bool | str | None]:
    return {tag: value for tag, value in read_controls(path).items() if tag in TAGS}


def test_every_part_still_parses_and_the_root_declares_w14(with_controls: Path) -> None:
    with zipfile.ZipFile(with_controls) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
        root = etree.fromstring(archive.read("word/document.xml"))
    assert root.nsmap["w14"] == W14_NS
    assert "w14" in root.get(f"{{{MC_NS}}}Ignorable").split()
    # a pair of checkboxes per Ja/Nej question, and the table's text stays plain text
    table = response_table(root, "KG-1A-01")
    assert len(table.findall(f".//{W}sdtPr/{W14}checkbox")) == 2
    assert len(table.findall(f".//{W}sdtPr/{W}text")) == 1
    questions = [t for t in root.iter(f"{W}tbl") if "Uppfylls kravet?" in "".join(t.itertext())]
    assert len(root.findall(f".//{W}sdtPr/{W14}checkbox")) >= 2 * len(questions) > 0
    clause_text = [
        p for p in root.iter(f"{W}p") if "klassningsnivå i bilagan" in "".join(p.itertext())
    ]
    assert clause_text
    assert not clause_text[0].findall(f".//{W}sdt")


def test_python_docx_opens_the_annex_with_controls(with_controls: Path) -> None:
    document = docx.Document(str(with_controls))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert any(text.startswith("1.1 KG-1A-01 ") for text in headings)
    table_text = ["".join(t.text for t in table._tbl.iter(f"{W}t")) for table in document.tables]
    assert any(PLACEHOLDER in text and "KG-1A-01" in text for text in table_text)


def test_fresh_annex_reads_as_unanswered(with_controls: Path) -> None:
    assert kg_1a_01(with_controls) == {TAGS[0]: False, TAGS[1]: False, TAGS[2]: None}


def fill(root: etree._Element) -> None:
    """What Word does when a supplier ticks Ja and types a two-paragraph description."""
    for sdt in root.iter(f"{W}sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val")
        if tag == TAGS[0]:
            sdt.find(f".//{W14}checked").set(f"{W14}val", "1")
            sdt.find(f"{W}sdtContent//{W}t").text = "☒"
        elif tag == TAGS[2]:
            properties = sdt.find(f"{W}sdtPr")
            properties.remove(properties.find(f"{W}showingPlcHdr"))
            content = sdt.find(f"{W}sdtContent")
            for old in list(content):
                content.remove(old)
            content.append(run("Data lagras i Sverige"))
            content.append(etree.Element(f"{W}br"))
            content.append(run("hos två & tre leverantörer <a>."))


def test_a_filled_copy_reads_back(with_controls: Path, tmp_path: Path) -> None:
    filled = tmp_path / "ifylld.docx"
    filled.write_bytes(rewrite(with_controls.read_bytes(), {"word/document.xml": fill}))
    assert kg_1a_01(filled) == {
        TAGS[0]: True,
        TAGS[1]: False,
        TAGS[2]: "Data lagras i Sverige\nhos två & tre leverantörer <a>.",
    }
    assert read_controls(filled.read_bytes()) == read_controls(filled)


def test_two_controls_with_one_tag_are_refused(with_controls: Path, tmp_path: Path) -> None:
    def duplicate(root: etree._Element) -> None:
        for sdt in root.iter(f"{W}sdt"):
            tag = sdt.find(f"{W}sdtPr/{W}tag")
            if tag.get(f"{W}val") == TAGS[1]:
                tag.set(f"{W}val", TAGS[0])

    copied = tmp_path / "kopierad.docx"
    copied.write_bytes(rewrite(with_controls.read_bytes(), {"word/document.xml": duplicate}))
    with pytest.raises(KravgenError, match="KG-1A-01:svar:ja"):
        read_controls(copied)


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "svar.docx"
    other.write_bytes(b"not a zip")
    with pytest.raises(KravgenError, match=r"not a \.docx"):
        read_controls(other)


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is absent")
def test_libreoffice_renders_the_controls(with_controls: Path, tmp_path: Path) -> None:
    from kravgen.annex.pdf import docx_to_pdfa

    pdf = tmp_path / "bilaga.pdf"
    pdf.write_bytes(docx_to_pdfa(with_controls.read_bytes()))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    section = text[text.index("Leverantörens svar") :]
    assert PLACEHOLDER in section
    assert "☐ Ja" in section
    assert "☐ Nej" in section


@pytest.mark.parametrize(
    ("tag", "alias", "placeholder"),
    [("KG-1A-01:svar:ja", "KG-1A-01 Ja", "Skriv här."), ('A&B"<x>', "R&D 'x'", "<b>&amp;</b>")],
)
def test_the_writer_s_fast_controls_equal_the_built_ones(
    tag: str, alias: str, placeholder: str
) -> None:
    """The Word writer fills cached skeletons; the result must be the controls built here."""

    def parsed(xml: str) -> bytes:
        wrapped = f'<w:p xmlns:w="{W_NS}" xmlns:w14="{W14_NS}">{xml}</w:p>'
        return etree.tostring(etree.fromstring(wrapped)[0], method="c14n")

    def built(control: etree._Element) -> bytes:
        return parsed(control_xml(control))

    assert parsed(checkbox_xml(tag, alias)) == built(checkbox(tag, alias=alias))
    fast = parsed(text_control_xml(tag, placeholder, alias))
    assert fast == built(text_control(tag, placeholder, alias=alias))
