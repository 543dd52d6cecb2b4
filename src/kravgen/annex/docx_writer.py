"""Stage 5: the supplier's annex and the buyer's memo as .docx bytes.

The look comes from the template's reference.docx (styles, numbering, page setup, header and
footer layout), as with pandoc's --reference-doc; the structure comes from here. The body is
built as XML text (kravgen.annex.wordml) and moved into the template in one go, which is what
keeps a 1,000-clause annex well under a second. Equal input gives byte-identical output.

The CLI imports this module lazily: importing it imports python-docx.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kravgen.annex.controls import (
    checkbox_xml,
    ensure_placeholder_style,
    ensure_w14,
    text_control_xml,
)
from kravgen.annex.docx_memo import MEMO_PARTS
from kravgen.annex.docx_template import open_template
from kravgen.annex.outline import (
    Part,
    Section,
    annex_outline,
    cover_facts,
    memo_outline,
    reference_text,
    split_legal,
)
from kravgen.annex.package import (
    CoreFacts,
    app_properties_xml,
    core_properties_xml,
    custom_properties_xml,
    finish_package,
    midnight_utc,
    set_language,
    update_fields_on_open,
)
from kravgen.annex.wordml import (
    BODY_MARKER,
    R_NS,
    W_NS,
    Body,
    complex_field,
    fragment,
    hyperlink,
    inline,
    para,
    rpr,
    run,
)
from kravgen.errors import OutputError
from kravgen.model import CONFIRM_LABEL_KEYS, RenderedAnnex, RenderedClause, RenderedReference

if TYPE_CHECKING:
    from docx.document import Document

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


# --- public ---------------------------------------------------------------------------------------


def build_annex_docx(annex: RenderedAnnex, template_dir: Path) -> bytes:
    """The supplier's annex: cover, contents, instructions, requirements with response tables,
    price lines, description templates and the trace appendix. No buyer-only text.

    Raises:
        TemplateError: the template is unusable.
        OutputError: a text still holds template markup.
    """
    doc, body = open_template(template_dir)
    labels = annex.labels
    _cover(body, annex, annex.title, memo=False)
    body.toc(labels["contents"], labels["toc_placeholder"])
    body.new_page()
    _write_sections(body, annex, annex_outline(annex))
    return _finish(doc, body, annex, annex.title, toc=True)


def build_memo_docx(annex: RenderedAnnex, template_dir: Path) -> bytes:
    """The buyer's memo: why each clause was chosen, motive and guidance, what was left out,
    the defaults kept and the coverage of the recommendations.

    Raises:
        TemplateError: the template is unusable.
        OutputError: a text still holds template markup.
    """
    doc, body = open_template(template_dir)
    labels = annex.labels
    _cover(body, annex, labels["memo_title"], memo=True)
    _write_sections(body, annex, memo_outline(annex))
    return _finish(doc, body, annex, labels["memo_title"], toc=False)


# --- the annex ------------------------------------------------------------------------------------


def _cover(body: Body, annex: RenderedAnnex, title: str, *, memo: bool) -> None:
    labels = annex.labels
    body.paragraph(title, "Title")
    if annex.procurement_title:
        body.paragraph(annex.procurement_title, "Subtitle")
    facts = cover_facts(annex, memo=memo)
    rows = [[body.cell_para(run(k)), body.cell_para(inline(v))] for k, v in facts]
    if rows:
        caption = labels["facts_caption"]
        body.table("Kravgen Facts", (0.35, 0.65), rows, header=False, first_col=True,
                   caption=caption)  # fmt: skip


def _write_sections(body: Body, annex: RenderedAnnex, outline: tuple[Section, ...]) -> None:
    """Walk the outline: a page break where it asks for one, the heading, then the part."""
    for section in outline:
        if section.new_page:
            body.new_page()
        body.heading(section.level, section.heading)
        for text in section.paragraphs:
            body.text(text)
        _PARTS[section.part](body, section, annex)


def _area(body: Body, section: Section, annex: RenderedAnnex) -> None:
    assert section.area is not None
    if section.area.intro:
        body.text(section.area.intro)
    for clause in section.area.clauses:
        _clause(body, clause, annex)


def _definitions(body: Body, section: Section, annex: RenderedAnnex) -> None:
    for term in annex.definitions:
        body.paragraph(term.term, "Kravgen Term")
        body.text(term.text, "Kravgen Definition")


def _clause(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> None:
    """Heading, type, text, evaluation, verification and the response table: every paragraph
    keeps with the next, so a clause never parts from its table (Word lets a clause longer
    than a page run over)."""
    labels = annex.labels
    body.keep = True
    body.heading(2, clause.title, clause_id=clause.id, number=clause.number)
    body.label(labels["type"], clause.type_label)
    body.text(clause.text)
    for key, value in (("evaluation", clause.evaluation), ("verification", clause.verification)):
        if value:
            body.paragraph(labels[key], "Kravgen Label")
            body.text(value)
    body.keep = False
    caption = labels["response_caption"].format(id=clause.id)
    body.table("Kravgen Table", (0.32, 0.68), _response_rows(body, clause, annex), first_col=True,
               caption=caption, description=labels["response_description"])  # fmt: skip


def _yes_no(clause: RenderedClause, annex: RenderedAnnex) -> str:
    """A checkbox content control before each of Ja and Nej, tagged "KG-1A-01:svar:ja" and
    "KG-1A-01:svar:nej" in every language, so that a filled copy reads back by tag."""
    labels = annex.labels
    out = []
    for key, answer in (("yes", "ja"), ("no", "nej")):
        word = labels[key]
        tag = f"{clause.id}:svar:{answer}"
        box = checkbox_xml(tag, alias=f"{clause.id} {word}")
        out.append(box + run(f" {word}" + ("   " if key == "yes" else "")))
    return "".join(out)


def _response_rows(body: Body, clause: RenderedClause, annex: RenderedAnnex) -> list[list[str]]:
    """The supplier's answer: the header row names the clause, so it reads on a new page too.
    Ja/Nej are checkboxes and a description is a text field, both content controls the supplier
    fills in Word. Every row but the last keeps with the next, so the table stays whole."""
    labels = annex.labels
    hint = "Kravgen Hint"
    spec: list[tuple[str, list[tuple[str, str]]]] = [
        (labels["response"], [(run(f"{clause.number} {clause.id}".strip()), "right")])
    ]
    if clause.confirm:
        question = labels[CONFIRM_LABEL_KEYS[clause.type]]
        spec.append((question, [(_yes_no(clause, annex), "")]))
    if clause.describe is not None:
        field = text_control_xml(
            f"{clause.id}:beskrivning",
            labels["description_placeholder"],
            alias=f"{clause.id} {labels['description']}",
        )
        spec.append(
            (labels["description"], [(run(labels["description_hint"]), hint),
                                     (field, "")])
        )  # fmt: skip
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


def _numbered(clause: RenderedClause) -> str:
    return f"{clause.number} {clause.id}".strip()


def _price_lines(body: Body, section: Section, annex: RenderedAnnex) -> None:
    """One row per price line: the clause, its title, and what the supplier prices."""
    labels, cell = annex.labels, body.cell_para
    rows = [[cell(run(labels[key])) for key in ("clause", "requirement", "price_what")]]
    rows += [
        [cell(run(_numbered(c))), cell(run(c.title)), cell(inline(c.price or ""))]
        for c in section.clauses
    ]
    body.table("Kravgen Table", (0.2, 0.35, 0.45), rows, first_col=True,
               caption=labels["price_caption"])  # fmt: skip


def _describe_templates(body: Body, section: Section, annex: RenderedAnnex) -> None:
    labels, cell = annex.labels, body.cell_para
    rows = [[cell(run(labels["clause"])), cell(run(labels["description"]))]]
    for c in section.clauses:
        title = cell(run(c.title, rpr(bold=True)))
        rows.append([cell(run(_numbered(c))), title + body.cell_text(c.describe or "")])
    body.table("Kravgen Table", (0.25, 0.75), rows, first_col=True,
               caption=labels["describe_caption"])  # fmt: skip


def _trace(body: Body, section: Section, annex: RenderedAnnex) -> None:
    """Where each requirement comes from: the recommendation or the buyer's own practice, then
    laws and regulations apart from standards and specifications."""
    labels, cell = annex.labels, body.cell_para
    rows = [[cell(run(labels[key])) for key in ("clause", "sources", "laws", "standards")]]
    for c in section.clauses:
        laws, standards = split_legal(c.legal_refs)
        rows.append(
            [cell(run(_numbered(c))), _refs(body, c.sources, annex), _refs(body, laws, annex),
             _refs(body, standards, annex)]
        )  # fmt: skip
    body.table("Kravgen Table", (0.15, 0.27, 0.29, 0.29), rows, first_col=True,
               caption=labels["trace_caption"])  # fmt: skip


def _refs(body: Body, refs: Sequence[RenderedReference], annex: RenderedAnnex) -> str:
    """One paragraph per reference; its title links to its URL when it has one. The library's
    own judgement reads as the buyer's own requirement."""
    if not refs:
        return body.cell_para("")
    link_style = body.sid("Hyperlink")
    out = []
    for title, url in dict.fromkeys(reference_text(r, annex.labels) for r in refs):
        runs = hyperlink(body.link(url), title, link_style) if url else run(title)
        out.append(body.cell_para(runs))
    return "".join(out)


def _nothing(body: Body, section: Section, annex: RenderedAnnex) -> None:
    """A heading and its paragraphs alone (text, the memo's chapters)."""


_PARTS: dict[Part, Callable[[Body, Section, RenderedAnnex], None]] = {
    **MEMO_PARTS,
    Part.TEXT: _nothing,
    Part.SUMMARY: _nothing,
    Part.TODO: _nothing,
    Part.DEFINITIONS: _definitions,
    Part.AREA: _area,
    Part.PRICE_LINES: _price_lines,
    Part.DESCRIBE: _describe_templates,
    Part.TRACE: _trace,
    Part.REQUIREMENTS: _nothing,
}


# --- finishing ------------------------------------------------------------------------------------


def _finish(doc: Document, body: Body, annex: RenderedAnnex, title: str, *, toc: bool) -> bytes:
    """Put the body, header and footer into the template, set language, fields and
    properties, and return deterministic bytes."""
    header, footer = _header_footer(body, annex, title)
    xml = body.xml()
    if "{{" in xml or "{{" in header:
        raise OutputError("a text for the document still holds '{{'; nothing was written")
    root: Any = doc.element
    if "<w:sdt>" in xml:  # content controls: w14 declared and ignorable, placeholder style
        ensure_w14(root)
        ensure_placeholder_style(doc.styles.element)
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
    # late: python-docx loads only when a Word file is built
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
    # late: python-docx loads only when a Word file is built
    from docx.oxml.parser import parse_xml

    for child in list(part_root):
        if child.tag == f"{{{W_NS}}}p" and not child.xpath(".//w:drawing | .//w:pict"):
            part_root.remove(child)
    part_root.append(parse_xml(fragment(xml))[0])
