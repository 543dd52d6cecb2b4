"""Content controls for the suppliers' answers (issue 12, item 3), and reading them back.

A checkbox is a Word 2010 content control (`w14:checkbox` in `w:sdtPr`); its content is the
☐ glyph itself, so a reader that ignores content controls still shows a box to tick by hand.
A description is a plain-text control that shows placeholder text until the supplier types.
Each control carries a tag, such as "KG-1A-01:beskrivning", by which a filled copy is read.

Element order follows CT_SdtPr in ECMA-376 Part 1 (rPr, alias, tag, id, lock, placeholder,
temporary, showingPlcHdr, dataBinding, label, tabIndex, then the type); `w14:checkbox` is
Word 2010's extension ([MS-DOCX] 2.6, CT_SdtCheckbox: checked, checkedState, uncheckedState)
and comes last, as Word writes it. Every element is built through lxml, so text and attribute
values are escaped by construction.
"""

from __future__ import annotations

import importlib
import zipfile
import zlib
from collections.abc import Iterator
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from kravgen.annex.xmltext import attr, esc
from kravgen.errors import KravgenError, SourceLocation

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
W = f"{{{W_NS}}}"
W14 = f"{{{W14_NS}}}"
_NSMAP = {"w": W_NS, "w14": W14_NS}

CHECKED = "\u2612"  # ☒, Word's default checked state
UNCHECKED = "\u2610"  # ☐, Word's default unchecked state
CHECKBOX_FONT = "MS Gothic"  # Word's default font for both states ([MS-DOCX] 2.5.35)
PLACEHOLDER_STYLE = "PlaceholderText"  # Word's own style id for placeholder text
# Word's Placeholder Text is grey 808080, a 3.9:1 contrast on white; 595959 reaches 7:1 (WCAG AA).
PLACEHOLDER_COLOR = "595959"
_MAX_DOCUMENT_XML = 64 * 1024 * 1024  # a supplier's file is untrusted: refuse a zip bomb
_ON = frozenset(("1", "true", "on"))

# lxml ships no type information and lxml-stubs is not a dependency; importing it this way
# keeps mypy --strict quiet whether or not pyproject.toml grows an override for lxml.
etree: Any = importlib.import_module("lxml.etree")
Element = Any  # an lxml element


def _w(tag: str, parent: Element | None = None, **attrs: str) -> Element:
    """A w: element with w: attributes, appended to `parent` when given."""
    attrib = {f"{W}{name}": value for name, value in attrs.items()}
    if parent is None:
        return etree.Element(f"{W}{tag}", attrib, nsmap=_NSMAP)
    return etree.SubElement(parent, f"{W}{tag}", attrib)


def _text_run(parent: Element, text: str) -> Element:
    run = _w("r", parent)
    t = _w("t", run)
    t.text = text
    t.set(f"{{{XML_NS}}}space", "preserve")
    return run


def stable_id(tag: str) -> int:
    """A w:id for a control, derived from its tag so that rebuilds are byte-identical."""
    return zlib.crc32(tag.encode("utf-8")) & 0x7FFFFFFF


def _sdt_properties(sdt: Element, tag: str, alias: str | None, sdt_id: int | None) -> Element:
    properties = _w("sdtPr", sdt)
    if alias is not None:
        _w("alias", properties, val=alias)
    _w("tag", properties, val=tag)
    _w("id", properties, val=str(stable_id(tag) if sdt_id is None else sdt_id))
    return properties


def checkbox(
    tag: str,
    *,
    alias: str | None = None,
    checked: bool = False,
    font: str = CHECKBOX_FONT,
    sdt_id: int | None = None,
) -> Element:
    """A run-level checkbox content control (`w:sdt`) to place inside a `w:p`."""
    sdt = _w("sdt")
    properties = _sdt_properties(sdt, tag, alias, sdt_id)
    box = etree.SubElement(properties, f"{W14}checkbox")
    etree.SubElement(box, f"{W14}checked", {f"{W14}val": "1" if checked else "0"})
    for state, glyph in (("checkedState", CHECKED), ("uncheckedState", UNCHECKED)):
        etree.SubElement(
            box, f"{W14}{state}", {f"{W14}val": f"{ord(glyph):04X}", f"{W14}font": font}
        )
    content = _w("sdtContent", sdt)
    run = _w("r", content)
    fonts = _w("rPr", run)
    _w("rFonts", fonts, ascii=font, eastAsia=font, hAnsi=font, hint="eastAsia")
    _w("t", run).text = CHECKED if checked else UNCHECKED
    return sdt


def text_control(
    tag: str,
    placeholder: str,
    *,
    alias: str | None = None,
    multiline: bool = True,
    sdt_id: int | None = None,
) -> Element:
    """A run-level plain-text content control showing `placeholder` until it is filled."""
    sdt = _w("sdt")
    properties = _sdt_properties(sdt, tag, alias, sdt_id)
    _w("showingPlcHdr", properties)
    if multiline:
        _w("text", properties, multiLine="1")
    else:
        _w("text", properties)
    content = _w("sdtContent", sdt)
    run = _text_run(content, placeholder)
    style = _w("rPr")
    _w("rStyle", style, val=PLACEHOLDER_STYLE)
    run.insert(0, style)
    return sdt


def placeholder_style() -> Element:
    """The character style `w:style` for placeholder text, for a styles.xml that lacks it."""
    style = _w("style", type="character", styleId=PLACEHOLDER_STYLE)
    _w("name", style, val="Placeholder Text")
    _w("uiPriority", style, val="99")
    _w("semiHidden", style)
    _w("unhideWhenUsed", style)
    properties = _w("rPr", style)
    _w("color", properties, val=PLACEHOLDER_COLOR)
    return style


def ensure_placeholder_style(styles: Element) -> None:
    """Add the placeholder style to a styles.xml root (`w:styles`) unless it is there."""
    for style in styles.iterchildren(f"{W}style"):
        if style.get(f"{W}styleId") == PLACEHOLDER_STYLE:
            return
    styles.append(placeholder_style())


def ensure_w14(document: Element) -> None:
    """Declare w14 on a document.xml root and list it in mc:Ignorable, as checkboxes need.

    Readers that predate Word 2010 must ignore the w14 elements rather than report the file
    as damaged; mc:Ignorable tells them so. Existing declarations are all kept, since
    mc:Ignorable and mc:Choice name prefixes in attribute values that lxml cannot see.

    Raises:
        ValueError: the prefix w14 or mc is bound to another namespace.
    """
    for prefix, uri in (("w14", W14_NS), ("mc", MC_NS)):
        bound = document.nsmap.get(prefix)
        if bound is not None and bound != uri:
            raise ValueError(f"the prefix {prefix} is bound to {bound}, not {uri}")
    ignorable = (document.get(f"{{{MC_NS}}}Ignorable") or "").split()
    if document.nsmap.get("w14") == W14_NS and "w14" in ignorable:
        return  # the usual case, since kravgen's template declares it: skip the tree walk
    keep = {prefix for element in document.iter() for prefix in element.nsmap if prefix}
    etree.cleanup_namespaces(
        document,
        top_nsmap={"w14": W14_NS, "mc": MC_NS},
        keep_ns_prefixes=sorted(keep | {"w14", "mc"}),
    )
    if "w14" not in ignorable:
        document.set(f"{{{MC_NS}}}Ignorable", " ".join([*ignorable, "w14"]))


def read_fields(docx: bytes | Path) -> list[tuple[str, bool | str | None]]:
    """Every tagged control of a .docx in document order, repeated tags kept: (tag, checked)
    for a checkbox, (tag, text) for a text control, None where it still shows its placeholder.

    Raises:
        KravgenError: the file is not a .docx, or its document part is not XML.
    """
    where = SourceLocation(docx) if isinstance(docx, Path) else None
    root = _document_root(docx, where)
    fields: list[tuple[str, bool | str | None]] = []
    for sdt in root.iter(f"{W}sdt"):
        properties = sdt.find(f"{W}sdtPr")
        if properties is None:
            continue
        tag = properties.find(f"{W}tag")
        if tag is None or not tag.get(f"{W}val"):
            continue
        box = properties.find(f"{W14}checkbox")
        if box is not None:
            value: bool | str | None = _is_checked(box)
        elif properties.find(f"{W}text") is not None:
            value = None if _on(properties.find(f"{W}showingPlcHdr")) else _text_of(sdt)
        else:
            continue
        fields.append((tag.get(f"{W}val"), value))
    return fields


def read_controls(docx: bytes | Path) -> dict[str, bool | str | None]:
    """The tagged controls of a filled .docx: {tag: checked} for checkboxes and {tag: text}
    for text controls, None where a text control still shows its placeholder.

    Raises:
        KravgenError: the file is not a .docx, or two controls share a tag.
    """
    values: dict[str, bool | str | None] = {}
    for name, value in read_fields(docx):
        if name in values:
            raise KravgenError(
                f"two answer fields carry the tag {name!r}; the answers cannot be told apart",
                SourceLocation(docx) if isinstance(docx, Path) else None,
                hint="a field was probably copied in Word; ask the supplier for a clean copy",
            )
        values[name] = value
    return values


def _document_root(docx: bytes | Path, where: SourceLocation | None) -> Element:
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > _MAX_DOCUMENT_XML:
                raise KravgenError("word/document.xml is too large to read", where)
            xml = archive.read(info)
    except (KeyError, zipfile.BadZipFile) as error:
        raise KravgenError("not a .docx file (no word/document.xml)", where) from error
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise KravgenError(f"word/document.xml is not well-formed XML: {error}", where) from error


def _on(element: Element | None, attribute: str = f"{W}val") -> bool:
    """An ST_OnOff element: present without a value means on."""
    if element is None:
        return False
    value = element.get(attribute)
    return value is None or value.lower() in _ON


def _is_checked(box: Element) -> bool:
    return _on(box.find(f"{W14}checked"), f"{W14}val")


def _text_of(sdt: Element) -> str:
    """The text a supplier typed: runs in document order, paragraphs and breaks as newlines."""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return ""
    return "".join(_pieces(content)).strip("\n")


def _pieces(content: Element) -> Iterator[str]:
    for element in content.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}p"):
        if element.tag == f"{W}t":
            yield element.text or ""
        elif element.tag == f"{W}tab":
            yield "\t"
        elif element.tag == f"{W}p":
            yield "\n"  # before each paragraph; the outer strip drops the first
        else:
            yield "\n"


_DECLARATIONS = f' xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'


def control_xml(control: Element) -> str:
    """A control as XML text for a body whose root declares w and w14 (the Word writer splices
    body text into the template's document; `wordml.fragment` declares both)."""
    text: str = etree.tostring(control, encoding="unicode")
    return text.replace(_DECLARATIONS, "", 1)


# The Word writer puts two or three controls into each of up to thousands of response tables.
# Building each through lxml took a third of a 1,000-clause annex's time, so each kind is built
# once with marker values and serialised; the markers are then replaced by the escaped values.
_TAG, _ALIAS, _TEXT, _ID = "kravgen-tag-3f9c", "kravgen-alias-3f9c", "kravgen-text-3f9c", 7319


@lru_cache(maxsize=2)
def _skeleton(kind: str) -> str:
    if kind == "checkbox":
        control = checkbox(_TAG, alias=_ALIAS, sdt_id=_ID)
    else:
        control = text_control(_TAG, _TEXT, alias=_ALIAS, sdt_id=_ID)
    return control_xml(control)


def _fill(skeleton: str, tag: str, alias: str, text: str = "") -> str:
    return (
        skeleton.replace(f'"{_TAG}"', attr(tag), 1)
        .replace(f'"{_ALIAS}"', attr(alias), 1)
        .replace(f'"{_ID}"', f'"{stable_id(tag)}"', 1)
        .replace(f">{_TEXT}<", f">{esc(text)}<", 1)
    )


def checkbox_xml(tag: str, alias: str) -> str:
    """`control_xml(checkbox(tag, alias=alias))`, built from a cached skeleton."""
    return _fill(_skeleton("checkbox"), tag, alias)


def text_control_xml(tag: str, placeholder: str, alias: str) -> str:
    """`control_xml(text_control(tag, placeholder, alias=alias))`, from a cached skeleton."""
    return _fill(_skeleton("text"), tag, alias, placeholder)
