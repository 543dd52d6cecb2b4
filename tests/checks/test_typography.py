"""KG508 and KG509 (issue 16 §3): Swedish typography and one word for the supplier."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kravgen.checks.wording import long_numbers
from kravgen.library import read_library

MINIMAL = Path(__file__).resolve().parents[1] / "libraries" / "valid" / "minimal"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Vitet är 10000 kronor per vecka.", ["10000"]),
        ("högst 250000, därefter", ["250000"]),
        ("Vitet är 10 000 kronor per vecka.", []),
        ("Högst 9999 anrop.", []),
        ("säkerhetsskyddslagen (2018:585)", []),
        ("förordning (EU) 2016/679", []),
        ("lag (2018:1937) om tillgänglighet", []),
        ("enligt ISO/IEC 27001 eller likvärdigt", []),
        ("enligt SS 12000 eller likvärdigt", []),
        ("CEN/TS 16614 (NeTEx)", []),
        ("kriteriet 10900:1", []),
        ("https://example.org/data/123456", []),
        ("andelen 0,12345", []),
        ("krav KG-10000-01", []),
        ("{{ penalty_sek | default(25000) }} kronor", []),
    ],
)
def test_long_numbers_are_found_only_where_a_space_belongs(text: str, found: list[str]) -> None:
    assert long_numbers(text) == found


def _codes(tmp_path: Path, old: str, new: str) -> list[tuple[str, str]]:
    root = tmp_path / "lib"
    shutil.copytree(MINIMAL, root)
    clauses = root / "clauses.yaml"
    text = clauses.read_text("utf-8")
    assert old in text
    clauses.write_text(text.replace(old, new), "utf-8")
    _, findings = read_library([root])
    return [(f.code, f.message) for f in findings]


def test_a_number_in_the_memo_texts_is_checked_too(tmp_path: Path) -> None:
    codes = _codes(tmp_path, "Behåll kravet.", "Behåll kravet om avtalet är värt 500000 kronor.")
    assert codes == [
        ("KG508", "T-1-01: 500000 in guidance is written without a space between thousands")
    ]


def test_a_library_that_always_says_anbudsgivaren_is_consistent(tmp_path: Path) -> None:
    assert _codes(tmp_path, "Leverantören", "Anbudsgivaren") == []


def test_anbudsgivaren_beside_leverantoren_warns_once_per_clause(tmp_path: Path) -> None:
    codes = _codes(
        tmp_path,
        "full rätt att använda all data som levereras.",
        "full rätt att använda all data som anbudsgivaren levererar, och anbudsgivarens underlag.",
    )
    assert [code for code, _ in codes] == ["KG509"]
