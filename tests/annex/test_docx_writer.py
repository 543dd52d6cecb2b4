"""The Word annex and memo, read back the way a consumer would: python-docx, lxml, the zip."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from annex_fixtures import GUIDANCE, MOTIVES, TEMPLATES, W, annex, rewrite_styles, synthetic_annex
from kravgen.annex.docx_template import check_template, read_provenance
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx
from kravgen.annex.package import check_parts, finish_package
from kravgen.annex.wordml import REQUIRED_STYLES
from kravgen.errors import KravgenError, OutputError, TemplateError
from kravgen.model import CONFIRM_LABEL_KEYS, RenderedAnnex

LANGS = ["sv", "en"]


@pytest.fixture(scope="module")
def built() -> dict[tuple[str, str], bytes]:
    """(kind, lang) -> bytes, built once for the module."""
    out = {}
    for lang in LANGS:
        out["annex", lang] = build_annex_docx(annex(lang), TEMPLATES)
        out["memo", lang] = build_memo_docx(annex(lang), TEMPLATES)
    return out


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def paragraphs_by_style(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name if p.style else "", p.text) for p in document.paragraphs]


def all_text(data: bytes) -> str:
    """Every paragraph's text in every XML part (body, tables, header, footer), one a line."""
    lines = []
    for name, blob in members(data).items():
        if name.endswith(".xml") and name.startswith("word/"):
            root = etree.fromstring(blob)
            for p in root.iter(f"{W}p"):
                lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(lines)


def response_tables(data: bytes, label: str) -> dict[str, list[list[str]]]:
    """Clause id -> rows of the response table (cells' text) below its header row."""
    document = docx.Document(io.BytesIO(data))
    out = {}
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows[0][0] == label:
            out[rows[0][1]] = rows[1:]
    return out


# --- content -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_annex_has_cover_headings_and_clause_ids(built: dict, lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    paras = paragraphs_by_style(built["annex", lang])
    by_style: dict[str, list[str]] = {}
    for style, text in paras:
        by_style.setdefault(style, []).append(text)
    assert by_style["Title"] == [labels["annex_title"]]
    assert by_style["Subtitle"] == [fixture.procurement_title]
    assert by_style["TOC Heading"] == [labels["contents"]]
    assert by_style["Heading 1"] == [
        labels["introduction"],
        labels["instructions"],
        labels["definitions"],
        f"1 {fixture.areas[0].heading}",
        f"2 {fixture.areas[1].heading}",
        labels["price_lines"],
        labels["describe_templates"],
        labels["trace"],
    ]
    assert by_style["Heading 2"] == [f"{c.number} {c.id} {c.title}" for c in fixture.clauses]
    assert by_style["Kravgen Term"] == [t.term for t in fixture.definitions]
    text = all_text(built["annex", lang])
    for fact in ("KS 2026/0142", "Exempelby kommun", "2026-03-02"):
        assert fact in text
    # the supplier's annex does not name the tool; the buyer's memo names the library
    assert "kravgen" not in text.lower()
    assert "kravgen-standard 1.0.0" in all_text(built["memo", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_clauses_show_type_text_evaluation_and_verification(built: dict, lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    text = all_text(built["annex", lang])
    for clause in fixture.clauses:
        assert f"{labels['type']}: {clause.type_label}" in text
        assert clause.text.split("\n")[0].replace("**", "") in text
        assert clause.verification
        assert clause.verification in text
    award = next(c for c in fixture.clauses if c.evaluation)
    assert award.evaluation
    assert award.evaluation in text
    assert labels["evaluation"] in text
    # Markdown-style bullets became list paragraphs, not literal dashes.
    paras = paragraphs_by_style(built["annex", lang])
    assert ("List Bullet", "CSV (RFC 4180) eller likvärdigt") in paras or lang == "en"
    assert not any(t.startswith("- ") for _, t in paras)


@pytest.mark.parametrize("lang", LANGS)
def test_response_tables_hold_the_fields_each_clause_asks_for(built: dict, lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    tables = response_tables(built["annex", lang], labels["response"])
    assert set(tables) == {f"{c.number} {c.id}" for c in fixture.clauses}
    for clause in fixture.clauses:
        rows = tables[f"{clause.number} {clause.id}"]
        expected = [
            labels[key]
            for key, wanted in (
                (CONFIRM_LABEL_KEYS[clause.type], clause.confirm),
                ("description", clause.describe is not None),
                ("price", clause.price is not None),
            )
            if wanted
        ]
        assert [row[0] for row in rows] == expected
        if clause.confirm:
            # python-docx reads the words; the boxes are content controls (test_controls.py)
            assert rows[0][1].split() == [labels["yes"], labels["no"]]
        if clause.price:
            assert clause.price in rows[-1][1]
            assert labels["price_hint"] in rows[-1][1]
        if clause.describe:
            assert labels["description_hint"] in dict(rows)[labels["description"]]


def test_price_lines_and_description_templates_are_listed(built: dict) -> None:
    fixture = annex("sv")
    document = docx.Document(io.BytesIO(built["annex", "sv"]))
    tables = {t.rows[0].cells[-1].text: t for t in document.tables}
    price = tables[fixture.labels["price_what"]]
    assert [[c.text for c in r.cells] for r in price.rows[1:]] == [
        [f"{c.number} {c.id}", c.title, c.price] for c in fixture.clauses if c.price
    ]
    templates = tables[fixture.labels["description"]]
    ids = [r.cells[0].text for r in templates.rows[1:]]
    assert ids == [f"{c.number} {c.id}" for c in fixture.clauses if c.describe]
    assert "hur exporten beställs och levereras" in templates.rows[1].cells[1].text


def test_trace_appendix_links_sources_and_legal_references(built: dict) -> None:
    fixture = annex("sv")
    document = docx.Document(io.BytesIO(built["annex", "sv"]))
    trace = next(
        t for t in document.tables if t.rows[0].cells[-1].text == "Standarder och specifikationer"
    )
    assert [c.text for c in trace.rows[0].cells][2] == "Lagar och förordningar"
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in trace.rows[1:]}
    assert set(rows) == {f"{c.number} {c.id}" for c in fixture.clauses}
    assert "Offentlighets- och sekretesslag (2009:400)" in rows["1.1 KG-1A-01"][1]
    rels = members(built["annex", "sv"])["word/_rels/document.xml.rels"].decode()
    assert 'Target="https://eur-lex.europa.eu/eli/reg/2016/679/oj"' in rels
    assert 'TargetMode="External"' in rels


def test_annex_never_carries_buyer_only_text(built: dict) -> None:
    for lang in LANGS:
        text = all_text(built["annex", lang])
        fixture = annex(lang)
        buyer_only = [*MOTIVES, *GUIDANCE, *(r for c in fixture.clauses for r in c.reasons)]
        buyer_only += [fixture.labels[k] for k in ("motive", "guidance", "selected_why")]
        buyer_only += ["KG-3A-01", "export_days", fixture.coverage[2].title]
        leaked = [s for s in buyer_only if s in text]
        assert leaked == []


@pytest.mark.parametrize("lang", LANGS)
def test_memo_explains_the_selection(built: dict, lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    text = all_text(built["memo", lang])
    paras = paragraphs_by_style(built["memo", lang])
    assert paras[0] == ("Title", labels["memo_title"])
    assert [t for s, t in paras if s == "Heading 3"] == [
        f"{c.id} {c.title}" for c in fixture.clauses
    ]
    for clause in fixture.clauses:
        assert clause.motive in text
        assert clause.guidance in text
        for reason in clause.reasons:
            assert reason in text
    assert labels["always"] in text  # KG-1B-01 has no reasons
    assert "KG-3A-01" in text
    assert fixture.rejected[0].reasons[0] in text
    assert "export_days" in text
    assert fixture.kept_defaults[0].text in text
    for status in ("covered", "gap", "not-applicable"):
        assert labels[status] in text
    assert labels["response"] not in text  # no response tables in the memo


# --- package ------------------------------------------------------------------------------------


def test_every_xml_part_parses_and_no_markup_remains(built: dict) -> None:
    for data in built.values():
        for name, blob in members(data).items():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(blob)  # raises on malformed XML
            assert b"{{" not in blob, name
            assert b"{%" not in blob, name
            assert b"python-docx" not in blob, name


def test_same_input_gives_identical_bytes() -> None:
    for lang in LANGS:
        assert build_annex_docx(annex(lang), TEMPLATES) == build_annex_docx(annex(lang), TEMPLATES)
        assert build_memo_docx(annex(lang), TEMPLATES) == build_memo_docx(annex(lang), TEMPLATES)


def test_zip_members_have_fixed_metadata(built: dict) -> None:
    with zipfile.ZipFile(io.BytesIO(built["annex", "sv"])) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_provenance_round_trips(built: dict, tmp_path: Path) -> None:
    path = tmp_path / "bilaga.docx"
    path.write_bytes(built["annex", "sv"])
    assert read_provenance(path) == annex("sv").provenance
    parts = members(built["annex", "sv"])
    assert b"custom-properties+xml" in parts["[Content_Types].xml"]
    assert b"relationships/custom-properties" in parts["_rels/.rels"]
    memo = tmp_path / "pm.docx"
    memo.write_bytes(built["memo", "sv"])
    assert read_provenance(memo)["clauses"].startswith("KG-1A-01@1")


def test_read_provenance_rejects_other_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(KravgenError, match="not a Word document"):
        read_provenance(text)
    with pytest.raises(KravgenError, match="no document properties from kravgen"):
        read_provenance(TEMPLATES / "reference.docx")
    with pytest.raises(KravgenError, match="does not exist"):
        read_provenance(tmp_path / "missing.docx")


@pytest.mark.parametrize(("lang", "tag"), [("sv", "sv-SE"), ("en", "en-GB")])
def test_core_properties_are_set_from_the_annex(built: dict, lang: str, tag: str) -> None:
    document = docx.Document(io.BytesIO(built["annex", lang]))
    props = document.core_properties
    assert props.title == annex(lang).title
    assert props.subject == annex(lang).procurement_title
    assert props.author == props.last_modified_by == "Exempelby kommun"
    assert props.language == tag
    assert props.revision == 1
    assert props.created == props.modified
    assert props.created is not None
    assert props.created.isoformat().startswith("2026-03-02T00:00")
    styles = members(built["annex", lang])["word/styles.xml"].decode()
    assert f'<w:lang w:val="{tag}"' in styles


def test_fields_toc_header_footer_and_page_setup(built: dict) -> None:
    parts = members(built["annex", "sv"])
    body = parts["word/document.xml"].decode()
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    # Until Word rebuilds the TOC, it shows the chapter headings (LibreOffice never rebuilds it).
    toc = body[body.index("TOC \\o") : body.index('w:fldCharType="end"', body.index("TOC \\o"))]
    fixture = annex("sv")
    assert fixture.labels["introduction"] in toc
    assert fixture.labels["trace"] in toc
    assert fixture.areas[0].title in toc
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body  # A4
    assert b'<w:updateFields w:val="true"/>' in parts["word/settings.xml"]
    settings = etree.fromstring(parts["word/settings.xml"])
    names = [etree.QName(c).localname for c in settings]
    assert names.index("updateFields") < names.index("compat")  # schema order
    footer = all_text_of(parts, "footer")
    assert re.search(r"Sida 1 av 1", footer)
    assert b"NUMPAGES" in b"".join(v for k, v in parts.items() if "footer" in k)
    assert "KS 2026/0142" in all_text_of(parts, "header")
    memo_settings = members(built["memo", "sv"])["word/settings.xml"]
    assert b"updateFields" not in memo_settings  # no TOC, no "update fields?" prompt


def all_text_of(parts: dict[str, bytes], kind: str) -> str:
    return "\n".join(
        "".join(t.text or "" for t in etree.fromstring(blob).iter(f"{W}t"))
        for name, blob in parts.items()
        if name.startswith(f"word/{kind}")
    )


def test_response_tables_repeat_their_header_and_rows_do_not_split(built: dict) -> None:
    root = etree.fromstring(members(built["annex", "sv"])["word/document.xml"])
    tables = root.iter(f"{W}tbl")
    response = [t for t in tables if "Leverantörens svar" in "".join(t.itertext())]
    assert len(response) == 5
    for table in response:
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])


def test_each_numbered_list_restarts_at_one() -> None:
    data = build_annex_docx(synthetic_annex(15), TEMPLATES)
    parts = members(data)
    body = etree.fromstring(parts["word/document.xml"])
    num_ids = [n.get(f"{W}val") for n in body.iter(f"{W}numId")]
    assert len(num_ids) == 3 * 3  # three KG-2A-01 copies, three items each
    assert len(set(num_ids)) == 3
    numbering = etree.fromstring(parts["word/numbering.xml"])
    for num_id in set(num_ids):
        num = numbering.find(f'{W}num[@{W}numId="{num_id}"]')
        assert num is not None
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"


def test_template_markup_never_reaches_the_document() -> None:
    fixture = annex("sv")
    clause = replace(fixture.areas[0].clauses[0], text="Leverantören {{ kund }}")
    broken = replace(fixture, areas=(replace(fixture.areas[0], clauses=(clause,)),))
    with pytest.raises(OutputError, match=r"\{\{"):
        build_annex_docx(broken, TEMPLATES)


def with_text(fixture: RenderedAnnex, text: str) -> RenderedAnnex:
    clause = replace(fixture.areas[0].clauses[0], text=text, title=text[:40])
    return replace(fixture, areas=(replace(fixture.areas[0], clauses=(clause,)),))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=200).filter(lambda t: "{{" not in t))
def test_any_text_gives_a_readable_document(text: str) -> None:
    data = build_annex_docx(with_text(annex("sv"), text), TEMPLATES)
    document = docx.Document(io.BytesIO(data))  # python-docx reads it back
    assert document.paragraphs


def test_control_characters_are_dropped_not_fatal() -> None:
    data = build_annex_docx(with_text(annex("sv"), "Före\x01efter\x0b & <ok>"), TEMPLATES)
    assert "Föreefter & <ok>" in all_text(data)


# --- the template ---------------------------------------------------------------------------------


def test_bundled_template_has_every_required_style() -> None:
    check_template(TEMPLATES)
    names = {s.name for s in docx.Document(str(TEMPLATES / "reference.docx")).styles}
    assert {name for name, _ in REQUIRED_STYLES} <= names


def test_check_template_names_a_missing_style(tmp_path: Path) -> None:
    def drop_heading_2(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for style in root.findall(f"{W}style"):
            if style.get(f"{W}styleId") == "Heading2":
                root.remove(style)
        return etree.tostring(root)

    org = tmp_path / "org"
    rewrite_styles(TEMPLATES / "reference.docx", org / "reference.docx", drop_heading_2)
    with pytest.raises(TemplateError, match="Heading 2") as caught:
        check_template(org)
    assert caught.value.where is not None
    assert caught.value.where.path == org / "reference.docx"
    with pytest.raises(TemplateError, match="Heading 2"):
        build_annex_docx(annex("sv"), org)


@pytest.mark.parametrize("style_id", ["Heading2&Co", "Meta\"<quoted>'", "Clause&amp;Id"])
def test_style_ids_with_markup_characters_give_a_well_formed_document(
    tmp_path: Path, style_id: str
) -> None:
    """Issue 9: a template whose style id holds '&' (or quotes, '<') must not produce a
    document Word refuses. Every part parses and the odd id is used as it is."""
    renamed = {"Heading2": style_id, "KravgenMeta": style_id + "M", "KravgenClauseId": style_id}

    def rename(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for style in root.findall(f"{W}style"):
            old = style.get(f"{W}styleId")
            if old in renamed:
                style.set(f"{W}styleId", renamed[old])
        return etree.tostring(root)

    org = tmp_path / "org"
    rewrite_styles(TEMPLATES / "reference.docx", org / "reference.docx", rename)
    for build in (build_annex_docx, build_memo_docx):
        parts = members(build(annex("sv"), org))
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(data)  # raises if the part is malformed
        body = etree.fromstring(parts["word/document.xml"])
        used = {el.get(f"{W}val") for el in body.iter(f"{W}pStyle", f"{W}rStyle")}
        assert style_id in used or style_id + "M" in used
    docx.Document(io.BytesIO(build_annex_docx(annex("sv"), org)))  # python-docx opens it too


def test_a_malformed_part_is_refused_before_anything_is_written() -> None:
    """The last line of defence: every XML part is parsed before the package is returned."""
    good = build_annex_docx(annex("sv"), TEMPLATES)
    with pytest.raises(OutputError, match=r"malformed part docProps/core\.xml.*nothing was"):
        finish_package(good, b"<cp:coreProperties/>", b"<Properties/>", None)
    parts = members(good)
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"&</w:body>")
    with pytest.raises(OutputError, match=r"malformed part word/document\.xml"):
        check_parts(parts)


def test_check_template_refuses_missing_or_broken_files(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"reference\.docx"):
        check_template(tmp_path)
    (tmp_path / "reference.docx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(TemplateError, match="not a readable Word document"):
        check_template(tmp_path)


def test_organisation_template_changes_styles_not_content(tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    document = docx.Document(str(TEMPLATES / "reference.docx"))
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    document.save(str(org / "reference.docx"))
    shutil.copytree(TEMPLATES / "sv", org / "sv")
    ours = members(build_annex_docx(annex("sv"), TEMPLATES))
    theirs = members(build_annex_docx(annex("sv"), org))
    assert ours["word/document.xml"] == theirs["word/document.xml"]
    assert ours["word/styles.xml"] != theirs["word/styles.xml"]
    assert b"Liberation Serif" in theirs["word/styles.xml"]
    assert b'w:val="800020"' in theirs["word/styles.xml"]


def test_reference_docx_is_what_the_script_makes() -> None:
    """templates/reference.docx is generated: regenerate it rather than editing it by hand."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_reference_docx.py"
    if not script.is_file():
        pytest.skip("scripts/ is not in this source tree (an sdist)")
    spec = importlib.util.spec_from_file_location("make_reference_docx", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (TEMPLATES / "reference.docx").read_bytes()


def test_an_annex_without_clauses_still_builds() -> None:
    empty = replace(annex("sv"), areas=(), definitions=(), rejected=(), kept_defaults=())
    data = build_annex_docx(empty, TEMPLATES)
    styles = [s for s, _ in paragraphs_by_style(data)]
    assert "Heading 2" not in styles
    assert build_memo_docx(replace(empty, coverage=()), TEMPLATES)


def test_template_without_header_and_footer_gets_them(tmp_path: Path) -> None:
    document = docx.Document(str(TEMPLATES / "reference.docx"))
    sect = document.sections[0]._sectPr
    for ref in sect.xpath("w:headerReference | w:footerReference"):
        sect.remove(ref)
    document.save(str(tmp_path / "reference.docx"))
    parts = members(build_annex_docx(annex("sv"), tmp_path))
    assert "KS 2026/0142" in all_text_of(parts, "header")
    assert "Sida 1 av 1" in all_text_of(parts, "footer")


def test_slow_path_gives_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the marker cannot be spliced, the body is parsed into the tree instead."""
    import kravgen.annex.docx_writer as writer

    fast = build_annex_docx(annex("sv"), TEMPLATES)
    monkeypatch.setattr(writer, "BODY_MARKER", "<w:p><w:r><w:t>other</w:t></w:r></w:p>")
    slow = build_annex_docx(annex("sv"), TEMPLATES)
    assert paragraphs_by_style(slow) == paragraphs_by_style(fast)
    assert b"other" not in members(slow)["word/document.xml"]
    assert all_text(slow) == all_text(fast)
