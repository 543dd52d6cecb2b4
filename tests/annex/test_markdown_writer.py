"""The annex and memo as GitHub-flavoured Markdown."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from annex_fixtures import GUIDANCE, MOTIVES, annex, synthetic_annex
from kravgen.annex.markdown_writer import build_annex_markdown, build_memo_markdown
from kravgen.errors import OutputError
from kravgen.model import CONFIRM_LABEL_KEYS

LANGS = ["sv", "en"]


def headings(text: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", text, flags=re.M)


def tables(text: str) -> list[list[list[str]]]:
    """Every GFM table as rows of cells (the delimiter row left out)."""
    out: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                current.append(cells)
        elif current:
            out.append(current)
            current = []
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_annex_markdown_has_the_structure_of_the_docx(lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    text = build_annex_markdown(fixture)
    assert headings(text, 1) == [labels["annex_title"]]
    assert headings(text, 2) == [
        labels["introduction"],
        labels["instructions"],
        labels["definitions"],
        f"1 {fixture.areas[0].heading}",
        f"2 {fixture.areas[1].heading}",
        labels["price_lines"],
        labels["describe_templates"],
        labels["trace"],
    ]
    assert headings(text, 3) == [f"{c.number} {c.id} {c.title}" for c in fixture.clauses]
    assert f"- **{labels['reference_number']}:** KS 2026/0142" in text
    for term in fixture.definitions:
        assert f"- **{term.term}**: {term.text}" in text
    for clause in fixture.clauses:
        assert f"*{labels['type']}: {clause.type_label}*" in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_clause_has_a_response_table(lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    found = {t[0][1]: t[1:] for t in tables(build_annex_markdown(fixture))}
    for clause in fixture.clauses:
        rows = found[f"{clause.number} {clause.id}"]
        confirm = labels[CONFIRM_LABEL_KEYS[clause.type]]
        assert rows[0][0] in {confirm, labels["description"]}
        if clause.confirm:
            assert [confirm, labels["yes_no"]] in rows
        if clause.price:
            assert any(clause.price in cell for row in rows for cell in row)


def test_price_lines_templates_and_trace() -> None:
    fixture = annex("sv")
    text = build_annex_markdown(fixture)
    by_header = {tuple(t[0]): t[1:] for t in tables(text)}
    # a price line says what to price, beside the requirement it belongs to
    assert by_header["Krav-id", "Krav", "Det som ska prissättas"] == [
        [f"{c.number} {c.id}", c.title, c.price] for c in fixture.clauses if c.price
    ]
    trace = by_header[
        "Krav-id", "Källa", "Lagar och förordningar", "Standarder och specifikationer"
    ]
    assert [row[0] for row in trace] == [f"{c.number} {c.id}" for c in fixture.clauses]
    # the GDPR is a regulation: it stands with the laws, not with the standards
    assert "[Dataskyddsförordningen (EU) 2016/679](https://eur-lex.europa.eu/" in trace[0][2]
    assert "Dataskyddsförordningen" not in trace[0][3]
    assert "**2.1 KG-2A-01 Export av data i öppet format**\n\nBeskrivningen ska innehålla:" in text
    assert "\n\n1. vilka data som ingår i exporten\n2. hur exporten" in text


def test_lists_in_clause_text_are_set_off_by_a_blank_line() -> None:
    text = build_annex_markdown(annex("sv"))
    assert "ska stödjas:\n\n- CSV (RFC 4180) eller likvärdigt\n- JSON" in text


def test_annex_markdown_holds_no_buyer_only_text() -> None:
    for lang in LANGS:
        text = build_annex_markdown(annex(lang))
        reasons = [r for c in annex(lang).clauses for r in c.reasons]
        assert [s for s in [*MOTIVES, *GUIDANCE, *reasons, "KG-3A-01"] if s in text] == []


@pytest.mark.parametrize("lang", LANGS)
def test_memo_markdown_explains_the_selection(lang: str) -> None:
    fixture = annex(lang)
    labels = fixture.labels
    text = build_memo_markdown(fixture)
    assert headings(text, 1) == [labels["memo_title"]]
    assert headings(text, 4) == [f"{c.id} {c.title}" for c in fixture.clauses]
    for clause in fixture.clauses:
        assert clause.motive in text
        assert clause.guidance in text
        for reason in clause.reasons:
            assert f"- {reason}" in text
    assert f"- {labels['always']}" in text
    assert "| KG-3A-01 |" in text
    assert "(`export_days`): **30**" in text
    assert f"**{labels['gap']}**" in text


def test_output_is_deterministic_and_ends_with_one_newline() -> None:
    big = synthetic_annex(60)
    assert build_annex_markdown(big) == build_annex_markdown(big)
    assert build_memo_markdown(big) == build_memo_markdown(big)
    text = build_annex_markdown(big)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert "\n\n\n" not in text


def test_table_cells_escape_pipes_and_line_breaks() -> None:
    fixture = annex("sv")
    clause = replace(fixture.areas[1].clauses[2], price="Rad A | Rad B\nfortsättning")
    area = replace(fixture.areas[1], clauses=(clause,))
    text = build_annex_markdown(replace(fixture, areas=(area,)))
    assert (
        f"| {clause.number} KG-2C-01 | {clause.title} | Rad A \\| Rad B<br>fortsättning |" in text
    )
    for table in tables(text):
        assert len({len(row) for row in table}) == 1  # every row has the header's width


def test_template_markup_is_refused() -> None:
    fixture = annex("sv")
    clause = replace(fixture.areas[0].clauses[0], text="{{ kund }} ska")
    area = replace(fixture.areas[0], clauses=(clause,))
    with pytest.raises(OutputError):
        build_annex_markdown(replace(fixture, areas=(area,)))
