"""The one outline of the documents: its order, and both writers following it."""

from __future__ import annotations

import io

import docx

from annex_fixtures import TEMPLATES, annex
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx
from kravgen.annex.markdown_writer import build_annex_markdown, build_memo_markdown
from kravgen.annex.outline import Part, annex_outline, memo_outline


def test_the_annex_outline_puts_front_matter_areas_and_appendices_in_order() -> None:
    outline = annex_outline(annex("sv"))
    parts = [s.part for s in outline]
    areas = [s for s in outline if s.part is Part.AREA]
    assert parts[:2] == [Part.TEXT, Part.TEXT]
    assert parts[-3:] == [Part.PRICE_LINES, Part.DESCRIBE, Part.TRACE]
    assert len(areas) == len(annex("sv").areas)
    assert all(s.new_page for s in areas)
    assert outline[-1].new_page


def test_the_memo_outline_nests_areas_under_the_requirements_chapter() -> None:
    outline = memo_outline(annex("en"))
    assert outline[0].part is Part.REQUIREMENTS
    assert {s.level for s in outline if s.part is Part.MEMO_AREA} == {2}
    assert [s.part for s in outline if s.level == 1][1:] == [
        Part.REJECTED,
        Part.KEPT_DEFAULTS,
        Part.COVERAGE,
    ]


def _docx_headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2")
    ]


def _markdown_headings(text: str) -> list[str]:
    return [
        line.lstrip("#").strip() for line in text.splitlines() if line.startswith(("## ", "### "))
    ]


def test_both_writers_walk_the_same_outline() -> None:
    for lang in ("sv", "en"):
        rendered = annex(lang)
        expected = [s.heading for s in annex_outline(rendered)]
        clause_headings = {f"{c.id} {c.title}" for c in rendered.clauses}
        word = _docx_headings(build_annex_docx(rendered, TEMPLATES))
        assert [h for h in word if h not in clause_headings] == expected
        markdown = build_annex_markdown(rendered)
        assert [h for h in _markdown_headings(markdown) if h not in clause_headings] == expected
        memo = [s.heading for s in memo_outline(rendered)]
        assert _docx_headings(build_memo_docx(rendered, TEMPLATES)) == memo
        assert _markdown_headings(build_memo_markdown(rendered)) == memo
