"""Stage 5: the supplier's annex and the buyer's memo as .docx bytes.

The look comes from the template's reference.docx (styles, numbering, page setup, header and
footer layout), as with pandoc's --reference-doc; the structure comes from here. The body is
built as XML text (kravgen.docx_parts) and moved into the template in one go, which is what
keeps a 1,000-clause annex well under a second. Equal input gives byte-identical output.

The CLI imports this module lazily: importing it imports python-docx.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from kravgen.docx_parts import (
    BODY_MARKER,
    R_NS,
    RT_CUSTOM,
    W_NS,
    Body,
    CoreFacts,
    app_properties_xml,
    complex_field,
    core_properties_xml,
    custom_properties_xml,
    finish_package,
    fragment,
    hyperlink,
    inline,
    midnight_utc,
    missing_styles,
    para,
    parse_custom_properties,
    read_part,
    read_styles,
    rpr,
    run,
    set_language,
    style_table,
    update_fields_on_open,
)
from kravgen.errors import KravgenError, OutputError, SourceLocation, TemplateError
from kravgen.markdown_writer import area_heading
from kravgen.model import CONFIRM_LABEL_KEYS, RenderedAnnex, RenderedClause, RenderedReference

if TYPE_CHECKING:
    from docx.document import Document

TEMPLATE_FILE = "reference.docx"
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
DEFAULT_TEXT_WIDTH = 9070  # twips: A4 with 25 mm margins


# --- public ---------------------------------------------------------------------------------------


def check_template(template_dir: Path) -> None:
    """Check that the template's reference.docx exists and has every style kravgen writes.

    Raises:
        TemplateError: reference.docx is missing, unreadable, or lacks a style (named).
    """
    _template_styles(template_dir / TEMPLATE_FILE)


def build_annex_docx(annex: RenderedAnnex, template_dir: Path) -> bytes:
    """The supplier's annex: cover, contents, instructions, requirements with response tables,
    price lines, description templates and the trace appendix. No buyer-only text.

    Raises:
        TemplateError: the template is unusable.
        OutputError: a text still holds template markup.
    """
    doc, body = _open(template_dir)
    labels = annex.labels
    _cover(body, annex, annex.title)
    body.toc(labels["contents"], labels["toc_placeholder"])
    body.new_page()
    _front_matter(body, annex)
    for area in annex.areas:
        body.new_page()
        body.heading(1, area_heading(area))
        if area.intro:
            body.text(area.intro)
        for clause in area.clauses:
            _clause(body, clause, annex)
    _price_lines(body, annex)
    _describe_templates(body, annex)
    _trace(body, annex)
    return _finish(doc, body, annex, annex.title, toc=True)


def build_memo_docx(annex: RenderedAnnex, template_dir: Path) -> bytes:
    """The buyer's memo: why each clause was chosen, motive and guidance, what was left out,
    the defaults kept and the coverage of the recommendations.

    Raises:
        TemplateError: the template is unusable.
        OutputError: a text still holds template markup.
    """
    doc, body = _open(template_dir)
    labels = annex.labels
    _cover(body, annex, labels["memo_title"])
    if annex.areas:
        body.heading(1, labels["requirements"])
    for area in annex.areas:
        body.heading(2, area_heading(area))
        for clause in area.clauses:
            _memo_clause(body, clause, annex)
    _memo_rejected(body, annex)
    _memo_defaults(body, annex)
    _memo_coverage(body, annex)
    return _finish(doc, body, annex, labels["memo_title"], toc=False)


def read_provenance(path: Path, lang: str = "en") -> dict[str, str]:
    """The custom document properties of a .docx kravgen made.

    The messages name the file once, in front, as every error does ("path: message").

    Raises:
        KravgenError: the file cannot be read, is not a .docx, or has no custom properties.
    """
    from kravgen.messages import message

    where = SourceLocation(path)
    if not path.exists():
        raise KravgenError(message("no_file", lang), where)
    try:
        xml = read_part(path, RT_CUSTOM)
        if xml is None:
            raise KravgenError(message("no_provenance", lang), where)
        return parse_custom_properties(xml)
    except OSError as exc:
        raise KravgenError(message("cannot_read", lang, reason=exc.strerror or exc), where) from exc
    except (zipfile.BadZipFile, KeyError, ParseError) as exc:
        raise KravgenError(
            message("not_docx", lang), where, hint=message("not_docx_hint", lang)
        ) from exc


# --- template -------------------------------------------------------------------------------------


def _template_styles(path: Path) -> dict[str, str]:
    """Style name (lower case) -> style id, after checking that every needed style is there."""
    where = SourceLocation(path)
    hint = f"start from kravgen's templates/{TEMPLATE_FILE} and restyle it, keeping style names"
    if not path.is_file():
        raise TemplateError(f"the template has no {TEMPLATE_FILE}", where, hint=hint)
    try:
        table = style_table(read_styles(path))
    except (OSError, zipfile.BadZipFile, KeyError, ParseError) as exc:
        raise TemplateError(f"{path.name} is not a readable Word document: {exc}", where) from exc
    missing = missing_styles(table)
    if missing:
        raise TemplateError(f"{path.name} lacks {', '.join(missing)}", where, hint=hint)
    return {name: style_id for name, (_, style_id) in table.items()}


def _open(template_dir: Path) -> tuple[Document, Body]:
    """The template with an empty body, and a Body builder bound to its styles."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import OpcError

    path = template_dir / TEMPLATE_FILE
    styles = _template_styles(path)
    try:
        doc = docx.Document(str(path))
    except (OpcError, KeyError, ValueError) as exc:
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
    from docx.oxml.parser import parse_xml

    root: Any = doc.styles.element
    found = root.xpath(f'w:style[@w:styleId="{style_id}"]/w:pPr/w:numPr/w:numId/@w:val')
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


# --- the annex ------------------------------------------------------------------------------------


def _cover(body: Body, annex: RenderedAnnex, title: str) -> None:
    labels = annex.labels
    body.paragraph(title, "Title")
    if annex.procurement_title:
        body.paragraph(annex.procurement_title, "Subtitle")
    library = f"{annex.library_name} {annex.library_version}".strip()
    facts = (
        (labels["reference_number"], annex.reference_number),
        (labels["buyer"], annex.buyer_name),
        (labels["contact"], annex.contact_person),
        (labels["date"], annex.date),
        (labels["library"], library),
    )
    rows = [[body.cell_para(run(k)), body.cell_para(inline(v))] for k, v in facts if v]
    if rows:
        body.table("Kravgen Facts", (0.35, 0.65), rows, header=False, first_col=True)


def _front_matter(body: Body, annex: RenderedAnnex) -> None:
    labels = annex.labels
    for key, paragraphs in (
        ("introduction", annex.introduction),
        ("instructions", annex.instructions),
    ):
        if paragraphs:
            body.heading(1, labels[key])
            for text in paragraphs:
                body.text(text)
    if annex.definitions:
        body.heading(1, labels["definitions"])
        for term in annex.definitions:
            body.paragraph(term.term, "Kravgen Term")
            body.text(term.text, "Kravgen Definition")


def _clause(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> None:
    """Heading, type, text, evaluation, verification and the response table, kept on one page
    where they fit."""
    labels = annex.labels
    body.heading(2, clause.title, clause_id=clause.id)
    body.label(labels["type"], clause.type_label)
    body.keep = True
    body.text(clause.text)
    for key, value in (("evaluation", clause.evaluation), ("verification", clause.verification)):
        if value:
            body.paragraph(labels[key], "Kravgen Label")
            body.text(value)
    body.keep = False
    body.table("Kravgen Table", (0.32, 0.68), _response_rows(body, clause, annex), first_col=True)


def _response_rows(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> list[list[str]]:
    """The supplier's answer: the header row names the clause, so it reads on a new page too.
    Every row but the last keeps with the next, so the table stays whole."""
    labels = annex.labels
    hint = "Kravgen Hint"
    spec: list[tuple[str, list[tuple[str, str]]]] = [
        (labels["response"], [(run(clause.id), "right")])
    ]
    if clause.confirm:
        question = labels[CONFIRM_LABEL_KEYS[clause.type]]
        spec.append((question, [(run(labels["yes_no"]), "")]))
    if clause.describe is not None:
        spec.append((labels["description"], [(run(labels["description_hint"]), hint), ("", "")]))
    if clause.price is not None:
        line = run(labels["price_hint"] + " ") + run(clause.price, rpr(bold=True))
        spec.append((labels["price"], [(line, hint)]))
    rows = []
    for index, (label, content) in enumerate(spec):
        keep = index < len(spec) - 1
        paragraphs = "".join(
            body.cell_para(runs, hint, keep=keep) if how == hint
            else body.cell_para(runs, align=how, keep=keep)
            for runs, how in content
        )  # fmt: skip
        rows.append([body.cell_para(run(label), keep=keep), paragraphs])
    return rows


def _price_lines(body: Body, annex: RenderedAnnex) -> None:
    priced = [c for c in annex.clauses if c.price]
    if not priced:
        return
    labels, cell = annex.labels, body.cell_para
    body.heading(1, labels["price_lines"])
    rows = [[cell(run(labels["clause"])), cell(run(labels["price"]))]]
    rows += [[cell(run(c.id)), cell(inline(c.price or ""))] for c in priced]
    body.table("Kravgen Table", (0.25, 0.75), rows, first_col=True)


def _describe_templates(body: Body, annex: RenderedAnnex) -> None:
    described = [c for c in annex.clauses if c.describe]
    if not described:
        return
    labels, cell = annex.labels, body.cell_para
    body.heading(1, labels["describe_templates"])
    rows = [[cell(run(labels["clause"])), cell(run(labels["description"]))]]
    for c in described:
        title = cell(run(c.title, rpr(bold=True)))
        rows.append([cell(run(c.id)), title + body.cell_text(c.describe or "")])
    body.table("Kravgen Table", (0.25, 0.75), rows, first_col=True)


def _trace(body: Body, annex: RenderedAnnex) -> None:
    if not annex.clauses:
        return
    labels, cell = annex.labels, body.cell_para
    body.new_page()
    body.heading(1, labels["trace"])
    rows = [[cell(run(labels[key])) for key in ("clause", "sources", "legal_refs")]]
    for c in annex.clauses:
        rows.append([cell(run(c.id)), _refs(body, c.sources), _refs(body, c.legal_refs)])
    body.table("Kravgen Table", (0.2, 0.45, 0.35), rows, first_col=True)


def _refs(body: Body, refs: Sequence[RenderedReference]) -> str:
    """One paragraph per reference; its title links to its URL when it has one."""
    if not refs:
        return body.cell_para("")
    link_style = body.sid("Hyperlink")
    return "".join(
        body.cell_para(hyperlink(body.link(r.url), r.title, link_style) if r.url else run(r.title))
        for r in refs
    )


# --- the memo -------------------------------------------------------------------------------------


def _memo_clause(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> None:
    labels = annex.labels
    body.heading(3, clause.title, clause_id=clause.id)
    body.label(labels["type"], clause.type_label)
    body.paragraph(labels["selected_why"], "Kravgen Label")
    body.bullets(clause.reasons or (labels["always"],))
    for key, value in (("motive", clause.motive), ("guidance", clause.guidance)):
        if value:
            body.paragraph(labels[key], "Kravgen Label")
            body.text(value)


def _memo_rejected(body: Body, annex: RenderedAnnex) -> None:
    if not annex.rejected:
        return
    labels, cell = annex.labels, body.cell_para
    body.heading(1, labels["not_selected"])
    rows = [[cell(run(labels[key])) for key in ("clause", "requirement", "type")]]
    for item in annex.rejected:
        reasons = "".join(cell(run(r), "Kravgen Hint") for r in item.reasons)
        rows.append(
            [cell(run(item.id)), cell(run(item.title)) + reasons, cell(run(item.type_label))]
        )
    body.table("Kravgen Table", (0.2, 0.55, 0.25), rows, first_col=True)


def _memo_defaults(body: Body, annex: RenderedAnnex) -> None:
    if not annex.kept_defaults:
        return
    body.heading(1, annex.labels["kept_defaults"])
    for kept in annex.kept_defaults:
        body.runs(run(f"{kept.text} ({kept.question}): ") + run(kept.value, rpr(bold=True)),
                  "List Bullet")  # fmt: skip


def _memo_coverage(body: Body, annex: RenderedAnnex) -> None:
    if not annex.coverage:
        return
    labels, cell = annex.labels, body.cell_para
    body.heading(1, labels["coverage"])
    status_header = labels.get("status", "Status")  # same word in Swedish and English
    rows = [[cell(run(labels["sources"])), cell(run(labels["clause"])), cell(run(status_header))]]
    for row in annex.coverage:
        source = cell(run(row.source)) + cell(run(row.title), "Kravgen Hint")
        status = run(labels.get(row.status, row.status), rpr(bold=row.status == "gap"))
        rows.append([source, cell(run(", ".join(row.clauses))), cell(status)])
    body.table("Kravgen Table", (0.5, 0.3, 0.2), rows, first_col=True)


# --- finishing ------------------------------------------------------------------------------------


def _finish(doc: Document, body: Body, annex: RenderedAnnex, title: str, *, toc: bool) -> bytes:
    """Put the body, header and footer into the template, set language, fields and
    properties, and return deterministic bytes."""
    header, footer = _header_footer(body, annex, title)
    xml = body.xml()
    if "{{" in xml or "{{" in header:
        raise OutputError("a text for the document still holds '{{'; nothing was written")
    root: Any = doc.element
    splice = root.nsmap.get("w") == W_NS and root.nsmap.get("r") == R_NS
    _set_body(root.body, BODY_MARKER if splice else xml)
    section = doc.sections[0]
    _replace_text(section.header.part.element, header)
    _replace_text(section.footer.part.element, footer)
    tag = LANGUAGE_TAGS.get(annex.lang, annex.lang)
    set_language(doc.styles.element, doc.settings.element, tag)
    if toc:
        update_fields_on_open(doc.settings.element)
    _ = doc.core_properties  # makes sure the package has a core properties part to replace
    facts = CoreFacts(
        title=title,
        subject=annex.procurement_title,
        author=annex.buyer_name,
        keywords=annex.reference_number,
        language=tag,
        timestamp=midnight_utc(annex.date),
    )
    parts = (
        core_properties_xml(facts),
        app_properties_xml(annex.buyer_name),
        custom_properties_xml(annex.provenance),
    )
    if splice:
        try:
            return finish_package(_save(doc), *parts, body=xml)
        except ValueError:  # the template serialised the marker otherwise: take the slow way
            _set_body(root.body, xml)
    return finish_package(_save(doc), *parts)


def _save(doc: Document) -> bytes:
    raw = BytesIO()
    doc.save(raw)
    return raw.getvalue()


def _set_body(target: Any, xml: str) -> None:
    """Replace the body's content, keeping the final section properties (page setup)."""
    from docx.oxml.parser import parse_xml

    sect = target.sectPr
    for child in list(target):
        if child is not sect:
            target.remove(child)
    for child in list(parse_xml(fragment(xml))):
        if sect is None:
            target.append(child)
        else:
            sect.addprevious(child)


def _header_footer(body: Body, annex: RenderedAnnex, title: str) -> tuple[str, str]:
    labels = annex.labels
    left = annex.procurement_title or title
    right = (
        f"{labels['reference_number']} {annex.reference_number}" if annex.reference_number else ""
    )
    header = para(run(left) + (run("\t" + right) if right else ""), body.sid("Header"))
    page = (
        run(f"{title}\t{labels['page']} ")
        + complex_field("PAGE", "1")
        + run(f" {labels['of']} ")
        + complex_field("NUMPAGES", "1")
    )
    return header, para(page, body.sid("Footer"))


def _replace_text(part_root: Any, xml: str) -> None:
    """Replace a header's or footer's text paragraphs; keep pictures (a logo) and tables."""
    from docx.oxml.parser import parse_xml

    for child in list(part_root):
        if child.tag == f"{{{W_NS}}}p" and not child.xpath(".//w:drawing | .//w:pict"):
            part_root.remove(child)
    part_root.append(parse_xml(fragment(xml))[0])
