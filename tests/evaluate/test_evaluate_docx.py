"""`kravgen evaluate` on suppliers who answered in the Word annex: the checkboxes and text
fields are read back by their tags, and a Word copy is judged like a workbook."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.document import Document
from lxml import etree

from evaluate.evaluate_helpers import (
    AWARD_TOTAL,
    BOTH_TICKED,
    EXAMPLES,
    NOT_TICKED,
    W,
    clause_rows,
    evaluate_json,
    fill_docx,
    first,
    rewrite,
)


def edit_document(path: Path, change: Callable[[etree._Element], None]) -> Path:
    """The same Word copy with word/document.xml changed in place by `change`."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    change(root)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rewrite(path, {"word/document.xml": xml})


def controls(root: etree._Element, prefix: str) -> list[etree._Element]:
    return [
        sdt
        for sdt in root.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val").startswith(prefix)
    ]


def unwrap(sdt: etree._Element) -> None:
    """Word's "Remove Content Control": the content stays, the field is gone."""
    for child in sdt.find(f"{W}sdtContent"):
        sdt.addprevious(child)
    sdt.getparent().remove(sdt)


def test_word_copies_qualified_failed_and_missing(run_cli, annex_xlsx, fill_word):
    rows = clause_rows(annex_xlsx)
    ska = first(rows, "Ska-krav", confirm=True)
    described = next(
        str(r["id"]) for r in rows if r["describe"] and r["confirm"] and r["id"] != ska
    )
    award = first(rows, "Tilldelningskriterium", confirm=True)
    good = fill_word("alfa.docx")
    refused = fill_word("beta.docx", {ska: {"answer": "Nej"}, award: {"answer": "Nej"}})
    unsure = fill_word("gamma.docx", {ska: {"answer": BOTH_TICKED}, described: {"description": ""}})
    blank = fill_word("delta.docx", {ska: {"answer": NOT_TICKED}})

    report = evaluate_json(run_cli, annex_xlsx, good, refused, unsure, blank)

    alfa, beta, gamma, delta = report["suppliers"]
    assert alfa == {
        "name": "alfa", "file": str(good), "qualified": True, "failed": [], "missing": [],
        "tampered": [], "added_value": AWARD_TOTAL,
    }  # fmt: skip
    assert (beta["qualified"], beta["failed"], beta["missing"]) == (False, [ska], [])
    assert 0 < beta["added_value"] < AWARD_TOTAL
    assert (gamma["qualified"], gamma["failed"], gamma["tampered"]) == (False, [], [])
    assert sorted(gamma["missing"]) == sorted([ska, described])
    assert (delta["qualified"], delta["missing"]) == (False, [ska])


def test_a_filled_copy_is_still_a_word_document(annex_docx, fill_word):
    blank = docx.Document(str(annex_docx))
    filled = docx.Document(str(fill_word("alfa.docx")))

    def outline(document: Document) -> tuple[int, list[str]]:
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
        return len(document.tables), headings

    # python-docx leaves content controls out of .text: their runs are read as XML.
    typed = filled.element.body.xpath(".//w:sdt/w:sdtContent//w:t/text()")
    assert outline(filled) == outline(blank)
    assert "\u2612" in typed  # a ticked box
    assert any(text.startswith("Så här uppfyller vi KG-") for text in typed)


def test_workbooks_and_word_copies_in_one_run(run_cli, annex_xlsx, fill, fill_word, tmp_path):
    ska = first(clause_rows(annex_xlsx), "Ska-krav", confirm=True)
    book = fill("a.xlsx", supplier="Alfa AB")
    word = fill_word("b.docx", {ska: {"answer": "Nej"}})
    before = word.read_bytes()
    matrix_file = tmp_path / "utv.xlsx"

    from_workbook = evaluate_json(run_cli, annex_xlsx, book, word, "--output", matrix_file)
    from_answers = evaluate_json(run_cli, tmp_path / "bilaga-svar.yaml", book, word)

    assert from_answers == from_workbook
    alfa, beta = from_workbook["suppliers"]
    assert (alfa["name"], alfa["qualified"]) == ("Alfa AB", True)
    assert (beta["name"], beta["failed"]) == ("b", [ska])
    assert word.read_bytes() == before
    sheet = openpyxl.load_workbook(matrix_file)["Matris"]
    matrix = {row[1].split("@")[0]: row for row in sheet.iter_rows(values_only=True)}
    assert matrix[ska][3:] == ("Ja", "Nej")


def test_the_content_decides_not_the_name(run_cli, annex_xlsx, fill_word):
    renamed = fill_word("anbud.zip")

    (supplier,) = evaluate_json(run_cli, annex_xlsx, renamed)["suppliers"]

    assert (supplier["name"], supplier["qualified"]) == ("anbud", True)


def test_a_word_copy_of_another_annex_is_refused(run_cli, annex_xlsx, fill_word, tmp_path):
    other = tmp_path / "annan" / "annan.docx"
    other.parent.mkdir()
    built = run_cli(
        "new", "--answers", EXAMPLES / "e-tjanst-region.yaml", "--output", other, "--no-input"
    )
    assert built.exit_code == 0, built.stderr
    copy_of_other = fill_docx(other, tmp_path / "anbud-annan.docx")

    result = run_cli("evaluate", annex_xlsx, fill_word("a.docx"), copy_of_other)

    assert result.exit_code == 3
    assert f"{copy_of_other}: Word-dokumentet hör till en annan bilaga" in result.stderr
    assert result.stdout == ""


def test_removed_copied_and_added_fields_are_tampering(run_cli, annex_xlsx, fill_word):
    rows = clause_rows(annex_xlsx)
    asked = [str(r["id"]) for r in rows if r["confirm"] and r["describe"]]
    removed, copied, half = asked[:3]

    def tamper(root: etree._Element) -> None:
        for sdt in controls(root, f"{removed}:"):
            unwrap(sdt)  # the whole response: both boxes and the text field
        (box,) = controls(root, f"{copied}:svar:ja")
        box.addnext(copy.deepcopy(box))  # a box copied and pasted in Word
        unwrap(controls(root, f"{half}:beskrivning")[0])  # only the text field removed
        added = copy.deepcopy(box)
        added.find(f"{W}sdtPr/{W}tag").set(f"{W}val", "KG-ZZ-99:svar:ja")
        box.addnext(added)

    copy_path = edit_document(fill_word("a.docx"), tamper)

    (supplier,) = evaluate_json(run_cli, annex_xlsx, copy_path)["suppliers"]

    assert supplier["tampered"] == [removed, copied, half, "KG-ZZ-99"]
    assert (supplier["qualified"], supplier["missing"]) == (False, [])


def test_a_copy_whose_fields_lost_their_tags_is_refused(run_cli, annex_xlsx, fill_word):
    def drop_tags(root: etree._Element) -> None:  # as LibreOffice 7.4 saves a .docx
        for tag in list(root.iter(f"{W}tag")):
            tag.getparent().remove(tag)

    untagged = edit_document(fill_word("a.docx"), drop_tags)

    result = run_cli("evaluate", annex_xlsx, fill_word("b.docx"), untagged)

    assert result.exit_code == 3
    assert f"{untagged}: Word-dokumentet har inget av kravgens svarsfält kvar" in result.stderr
    assert "LibreOffice 7.4 tar bort fältens taggar" in result.stderr
    assert result.stdout == ""


def test_the_word_annex_is_not_the_key(run_cli, annex_docx, fill_word, tmp_path):
    matrix_file = tmp_path / "utv.xlsx"

    result = run_cli("evaluate", annex_docx, fill_word("a.docx"), "--output", matrix_file)

    assert result.exit_code == 3
    # Labelled in the words' language, whatever the locale.
    assert f"fel: {annex_docx}: Word-bilagan räcker inte att utvärdera mot" in result.stderr
    assert "ange arbetsboken (kravgen new --format xlsx) eller svarsfilen" in result.stderr
    assert result.stdout == ""
    assert not matrix_file.exists()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)


def _bomb(path: Path) -> None:
    # 41 MB of zeros packs into about 40 kB; the declared size gives it away unread.
    rewrite(path, {"word/media/image1.png": bytes(41 * 2**20)})


def _not_docx(path: Path) -> None:
    path.write_text("Leverantör;Svar\nAlfa;Ja\n", encoding="utf-8")


def _encrypted(path: Path) -> None:
    # Word saves a document with a password as an OLE compound file holding the encrypted zip.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _damaged(path: Path) -> None:
    rewrite(path, {"word/document.xml": b"<w:document><w:body>"})


def _doctype(path: Path) -> None:
    rewrite(path, {"word/document.xml": LAUGHS})


def _not_kravgens(path: Path) -> None:
    docx.Document().save(str(path))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_bomb, "Word-dokumentet packas upp till mer än 80 MB; det läses inte"),
        (_not_docx, "filen är inget Word-dokument (.docx)"),
        (_encrypted, "Word-dokumentet är lösenordsskyddat eller krypterat"),
        (_truncated, "filen är inget Word-dokument (.docx)"),
        (_damaged, "Word-dokumentet är skadat: word/document.xml is not well-formed XML"),
        (_doctype, "Word-dokumentet innehåller en DOCTYPE-deklaration; det läses inte"),
        (_not_kravgens, "Word-dokumentet saknar kravgens dokumentegenskaper"),
    ],
)
def test_a_hostile_or_broken_word_copy_is_refused(
    run_cli, annex_xlsx, fill_word, tmp_path, spoil, message
):
    good = fill_word("alfa.docx")
    bad = fill_word("anbud.docx")
    spoil(bad)
    matrix_file = tmp_path / "utv.xlsx"

    result = run_cli("evaluate", annex_xlsx, good, bad, "--output", matrix_file)

    assert result.exit_code == 3, result.output
    assert f"{bad}: {message}" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not matrix_file.exists()
