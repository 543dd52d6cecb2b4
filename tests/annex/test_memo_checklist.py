"""The memo's to-do list and its principles (issue 11 §4, §5), in both writers: the checklist
comes first, each principle carries where its wording comes from, and the supplier's annex
holds neither."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest

from annex_fixtures import TEMPLATES, annex
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx
from kravgen.annex.markdown_writer import build_annex_markdown, build_memo_markdown
from kravgen.model import PrincipleRow, RenderedAnnex, RenderedChecklistItem

TODO = RenderedChecklistItem(
    "Bifoga informationssäkerhetsklassningen.", ("KG-1A-01",), "Vi klassar i vårt eget verktyg."
)
DRAFT = PrincipleRow(
    "Öppna standardlicenser",
    "Rubrik i Diggs remissutkast 2020, inte beslutad lydelse",
    ("KG-1B-01",),
)


def _with_lists() -> RenderedAnnex:
    return replace(annex("sv"), checklist=(TODO,), principles=(DRAFT,))


def test_the_markdown_memo_opens_with_the_checklist() -> None:
    memo = build_memo_markdown(_with_lists())
    # after the summary, the to-do chapter opens with the checklist (issue 12 item 8)
    chapters = [line for line in memo.splitlines() if line.startswith("## ")]
    assert chapters[:2] == ["## Sammanfattning", "## Att göra före annonsering"]
    todo = memo[memo.index("## Att göra före annonsering") :]
    assert next(line for line in todo.splitlines() if line.startswith("### ")) == "### Checklista"
    assert "- [ ] Bifoga informationssäkerhetsklassningen." in memo
    assert "*Krav som bygger på detta: KG-1A-01*" in memo
    assert "*Ändrad av organisationen: Vi klassar i vårt eget verktyg.*" in memo
    assert "| Öppna standardlicenser | Rubrik i Diggs remissutkast 2020" in memo


def test_the_word_memo_opens_with_the_checklist_and_labels_the_principles() -> None:
    document = docx.Document(io.BytesIO(build_memo_docx(_with_lists(), TEMPLATES)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Sammanfattning", "Att göra före annonsering"]
    assert headings[-1] == "Nationella principer som de valda kraven stödjer"
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Checklista") + 1] == "Bifoga informationssäkerhetsklassningen."
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Rubrik i Diggs remissutkast 2020, inte beslutad lydelse" in cells


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_the_supplier_annex_holds_neither(fmt: str) -> None:
    built = _with_lists()
    if fmt == "md":
        text = build_annex_markdown(built)
    else:
        document = docx.Document(io.BytesIO(build_annex_docx(built, TEMPLATES)))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "informationssäkerhetsklassningen" not in text
    assert "remissutkast" not in text


def test_without_items_the_memo_has_no_empty_checklist_heading() -> None:
    assert "### Checklista" not in build_memo_markdown(annex("sv"))


def test_answers_read_as_a_list_inside_the_sentence() -> None:
    from kravgen.annex.memo import in_sentence

    assert in_sentence("It-system") == "it-system"
    assert in_sentence("Nej") == "nej"
    assert in_sentence("EU/EES") == "EU/EES"
    assert in_sentence("IT system") == "IT system"
    assert in_sentence("1") == "1"
