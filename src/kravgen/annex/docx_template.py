"""The organisation's Word template (reference.docx): checking it has every style kravgen
writes, opening it with an empty body bound to its style ids, and reading back the provenance
of a finished document."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from kravgen.annex.package import (
    missing_styles,
    package_problem,
    parse_custom_properties,
    read_part,
    read_styles,
    style_table,
)
from kravgen.annex.wordml import RT_CUSTOM, W_NS, Body
from kravgen.errors import KravgenError, SourceLocation, TemplateError

if TYPE_CHECKING:
    from docx.document import Document

TEMPLATE_FILE = "reference.docx"
DEFAULT_TEXT_WIDTH = 9070  # twips: A4 with 25 mm margins


def check_template(template_dir: Path) -> None:
    """Check that the template's reference.docx exists and has every style kravgen writes.

    Raises:
        TemplateError: reference.docx is missing, unreadable, or lacks a style (named).
    """
    _template_styles(template_dir / TEMPLATE_FILE)


def read_provenance(path: Path) -> dict[str, str]:
    """The custom document properties of a .docx kravgen made.

    Raises:
        KravgenError: the file cannot be read, is not a .docx, or has no custom properties.
    """
    where = SourceLocation(path)
    try:
        xml = read_part(path, RT_CUSTOM)
        if xml is None:
            raise KravgenError(
                f"{path.name} has no custom document properties, so it was not made by kravgen",
                where,
            )
        return parse_custom_properties(xml)
    except OSError as exc:
        raise KravgenError(f"cannot read {path}: {exc.strerror or exc}", where) from exc
    except (zipfile.BadZipFile, KeyError, ParseError) as exc:
        raise KravgenError(
            f"{path.name} is not a Word document (.docx)", where, hint="give a .docx file"
        ) from exc


# --- template -------------------------------------------------------------------------------------


def _template_styles(path: Path) -> dict[str, str]:
    """Style name (lower case) -> style id, after checking that every needed style is there."""
    where = SourceLocation(path)
    hint = f"start from kravgen's templates/{TEMPLATE_FILE} and restyle it, keeping style names"
    if not path.is_file():
        raise TemplateError(f"the template has no {TEMPLATE_FILE}", where, hint=hint)
    try:
        problem = package_problem(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path.name} is not a readable Word document: {exc}", where) from exc
    if problem is not None:
        raise TemplateError(problem, where, hint="save the template again from Word")
    try:
        table = style_table(read_styles(path))
    except (OSError, zipfile.BadZipFile, KeyError, ParseError) as exc:
        raise TemplateError(f"{path.name} is not a readable Word document: {exc}", where) from exc
    missing = missing_styles(table)
    if missing:
        raise TemplateError(f"{path.name} lacks {', '.join(missing)}", where, hint=hint)
    return {name: style_id for name, (_, style_id) in table.items()}


def open_template(template_dir: Path) -> tuple[Document, Body]:
    """The template with an empty body, and a Body builder bound to its styles."""
    # late: python-docx loads only when a Word file is built
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import OpcError

    path = template_dir / TEMPLATE_FILE
    styles = _template_styles(path)
    try:
        doc = docx.Document(str(path))
    except (OpcError, KeyError, ValueError, SyntaxError) as exc:  # lxml's errors are SyntaxErrors
        raise TemplateError(f"cannot open {path.name}: {exc}", SourceLocation(path)) from exc

    links: dict[str, str] = {}

    def link(url: str) -> str:
        if url not in links:
            links[url] = str(doc.part.relate_to(url, RT.HYPERLINK, is_external=True))
        return links[url]

    body = Body(styles, _text_width(doc), link, _list_starter(doc, styles["list number"]))
    return doc, body


def _text_width(doc: Document) -> int:
    section = doc.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        return DEFAULT_TEXT_WIDTH
    return int((width - left - right) / 635)  # EMU -> twips


def _list_starter(doc: Document, style_id: str) -> Callable[[], int | None]:
    """Numbered lists share one numbering and would go on 4, 5, 6: give each list its own,
    restarting at 1 (python-openxml/python-docx#25). Ids are counted here, because
    python-docx's add_num scans every w:num for each new one."""
    # late: python-docx loads only when a Word file is built
    from docx.oxml.parser import parse_xml

    root: Any = doc.styles.element
    # Compared in Python, not spliced into an XPath: a style id may hold any character.
    w = f"{{{W_NS}}}"
    found = [
        num.get(f"{w}val")
        for style in root.iterchildren(f"{w}style")
        if style.get(f"{w}styleId") == style_id
        for num in style.iterfind(f"{w}pPr/{w}numPr/{w}numId")
    ]
    if not found:
        return lambda: None
    try:
        numbering: Any = doc.part.numbering_part.element
        abstract = int(numbering.num_having_numId(int(found[0])).abstractNumId.val)
    except (KeyError, NotImplementedError, ValueError):
        return lambda: None
    nums = numbering.xpath("w:num")
    state = {"anchor": nums[-1], "next": 1 + max(int(n.get(f"{{{W_NS}}}numId")) for n in nums)}

    def start() -> int:
        num_id = state["next"]
        num = parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        state["anchor"].addnext(num)
        state["anchor"], state["next"] = num, num_id + 1
        return int(num_id)

    return start
