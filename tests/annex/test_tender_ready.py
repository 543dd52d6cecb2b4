"""Issue 12: the annex goes to suppliers as it is, and the memo tells the buyer what to do.
Built from the socialtjänst example through the CLI, as a buyer would."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from kravgen.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "socialtjanst-kommun.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(folder: Path, *args: str) -> tuple[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "bilaga.md"
    result = CliRunner().invoke(
        app,
        ["new", "--answers", str(EXAMPLE), "--format", "md", "-o", str(target), *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    memo = "bilaga-memo.md" if "en" in args else "bilaga-pm.md"  # file names follow the language
    return target.read_text(encoding="utf-8"), (folder / memo).read_text("utf-8")


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return build(tmp_path_factory.mktemp("sv"))


def chapters(markdown: str) -> list[str]:
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


def test_areas_run_one_to_n_under_headings_for_suppliers(swedish: tuple[str, str]) -> None:
    annex = swedish[0]
    areas = [h for h in chapters(annex) if h[:1].isdigit()]
    assert [h.split(" ")[0] for h in areas] == [str(n) for n in range(1, len(areas) + 1)]
    assert areas[:2] == ["1 Rätt till data", "2 Strukturerade data"]
    # Digg's advice to buyers stays out of the supplier's headings
    to_buyer = re.compile(r"(?:^|\s)(?:er|era|ni|Säkra|Ställ)\s")
    assert not any(to_buyer.search(h + " ") for h in chapters(annex))


def test_each_clause_carries_a_running_number_beside_its_id(swedish: tuple[str, str]) -> None:
    clause_headings = [line for line in swedish[0].splitlines() if line.startswith("### ")]
    assert clause_headings[0].startswith("### 1.1 KG-1A-01 ")
    assert clause_headings[1].startswith("### 1.2 KG-1A-02 ")


def test_instructions_explain_every_type_present_and_what_no_means(
    swedish: tuple[str, str],
) -> None:
    annex = swedish[0]
    instructions = annex[annex.index("## Instruktioner") : annex.index("## Definitioner")]
    for kind in ("Kvalificeringskrav", "Ska-krav", "Kontraktsvillkor", "Tilldelningskriterier"):
        assert kind in instructions
    assert "förkastas anbudet" in instructions
    assert "reservation" in instructions
    assert "inget mervärde" in instructions


def test_the_annex_does_not_mention_the_tool(swedish: tuple[str, str]) -> None:
    assert "kravgen" not in swedish[0].lower()
    assert "Beställarens eget krav" in swedish[0]
    assert "kravgens egen bedömning" in swedish[1]


def test_numbers_are_grouped_as_the_language_writes_them(tmp_path: Path) -> None:
    swedish_annex, _ = build(tmp_path / "sv")
    assert "vite med 10\u00a0000 kronor" in swedish_annex
    english_annex, _ = build(tmp_path / "en", "--lang", "en")
    assert "SEK 10,000" in english_annex


def test_the_memo_opens_with_the_summary_and_the_to_do_list(swedish: tuple[str, str]) -> None:
    memo = swedish[1]
    assert chapters(memo)[:2] == ["Sammanfattning", "Att göra före annonsering"]
    todo = memo[memo.index("## Att göra") : memo.index("## Krav")]
    assert "(`penalty_sek`)" not in todo  # answered explicitly, so nothing to check
    assert "(`backup_rpo_hours`): **24 timmar**" in todo  # a default kept, with its unit
    assert "| KG-6-10 | Krypteringsnycklar under beställarens kontroll | 3 procent |" in todo
    assert "Summa: **17 procent**" in todo
    assert "Informationssäkerhetsklassning" in todo
    assert "(krav KG-1A-01)" in todo


def test_an_absent_area_says_which_answers_ruled_it_out(swedish: tuple[str, str]) -> None:
    memo = swedish[1]
    line = next(line for line in memo.splitlines() if line.startswith("- **AI-modeller"))
    assert "Inget krav valdes eftersom ni svarade nej på ”Kommer lösningen att använda AI" in line


def test_several_answers_read_as_one_list(swedish: tuple[str, str]) -> None:
    """'a på ”…”, b på ”…” och c på ”…”', not 'a på ”…” och b på ”…” och c på ”…”'."""
    memo = swedish[1]
    reasons = [
        line.split("eftersom ni svarade ", 1)[1]
        for line in memo.splitlines()
        if "eftersom ni svarade " in line
    ]
    several = [r for r in reasons if r.count(" på ”") >= 3]
    assert several, reasons
    for reason in several:
        assert reason.count("” och ") == 1, reason  # 'och' before the last answer only
        assert reason.count("”, ") == reason.count(" på ”") - 2, reason


def test_reasons_for_a_clause_left_out_name_the_answer_in_words(
    swedish: tuple[str, str],
) -> None:
    memo = swedish[1]
    left_out = memo[memo.index("## Krav som inte valdes") : memo.index("## Täckning")]
    assert "Inte valt eftersom ni svarade" in left_out
    assert " = " not in left_out
    assert "procurement_kind" not in left_out


def test_coverage_tells_not_applicable_from_a_gap(swedish: tuple[str, str]) -> None:
    coverage = swedish[1][swedish[1].index("## Täckning") :]
    # statistical confidentiality: the buyer answered that no statistics are produced
    assert re.search(r"\| digg-1D<br>.*\|  \| ej tillämplig \|", coverage)
    assert "kunde inte läsas" not in swedish[1]
    assert "digg-2D" not in swedish[1]


def test_the_word_annex_is_accessible(tmp_path: Path) -> None:
    """Title and language set, every table captioned, header rows marked, no empty
    paragraphs used as spacing: what a screen reader and the accessibility checker need."""
    target = tmp_path / "bilaga.docx"
    result = CliRunner().invoke(app, ["new", "--answers", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        core = archive.read("docProps/core.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        root = etree.fromstring(archive.read("word/document.xml"))
    assert "<dc:title>Bilaga: Krav på data</dc:title>" in core
    assert 'w:lang w:val="sv-SE"' in styles
    body = root.find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert all(t.find(f"{W}tblPr/{W}tblCaption") is not None for t in tables)
    # every table but the cover's facts (a key-value list) repeats a marked header row
    assert sum(t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None for t in tables) == len(tables) - 1
    empty = [
        p
        for p in body.findall(f"{W}p")
        if not "".join(p.itertext()).strip() and p.find(f".//{W}fldChar") is None
    ]
    assert empty == []
