"""The one outline of the documents: its order, and both writers following it."""

from __future__ import annotations

import io
from dataclasses import replace

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
    # areas run 1..n under the supplier's heading, and none forces a page break
    assert [s.heading.split(" ")[0] for s in areas] == [str(n) for n in range(1, len(areas) + 1)]
    assert not any(s.new_page for s in areas)
    assert outline[-1].new_page


def test_the_memo_opens_with_the_summary_and_the_to_do_list() -> None:
    outline = memo_outline(annex("en"))
    assert [s.heading for s in outline[:2]] == ["Summary", "To do before the notice is published"]
    assert outline[1].part is Part.TODO
    assert {s.level for s in outline if s.part is Part.MEMO_AREA} == {2}
    assert [s.part for s in outline if s.level == 1] == [
        Part.SUMMARY,
        Part.TODO,
        Part.REQUIREMENTS,
        Part.REJECTED,
        Part.COVERAGE,
    ]
    assert [s.part for s in outline if s.level == 2][:1] == [Part.KEPT_DEFAULTS]


def test_without_anything_to_do_the_memo_has_no_to_do_chapter() -> None:
    quiet = replace(annex("sv"), kept_defaults=(), checklist=(), own_annexes=())
    quiet = replace(quiet, areas=tuple(
        replace(a, clauses=tuple(replace(c, award_values=()) for c in a.clauses))
        for a in quiet.areas
    ))  # fmt: skip
    assert Part.TODO not in [s.part for s in memo_outline(quiet)]


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
        clause_headings = {f"{c.number} {c.id} {c.title}" for c in rendered.clauses}
        word = _docx_headings(build_annex_docx(rendered, TEMPLATES))
        assert [h for h in word if h not in clause_headings] == expected
        markdown = build_annex_markdown(rendered)
        assert [h for h in _markdown_headings(markdown) if h not in clause_headings] == expected
        memo = [s.heading for s in memo_outline(rendered)]
        assert _docx_headings(build_memo_docx(rendered, TEMPLATES)) == memo
        assert _markdown_headings(build_memo_markdown(rendered)) == memo
