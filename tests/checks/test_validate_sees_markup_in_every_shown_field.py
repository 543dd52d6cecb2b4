"""Issue 15, point 8: whatever `kravgen new` refuses for template markup, `kravgen validate`
reports first, at the file, line and column where it was written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL

Run = Callable[..., Result]

# (file, text in the minimal library, replacement): each puts markup into one field.
CASES = {
    "clause title": ("clauses.yaml", "title: {sv: Rätt till data,", 'title: {sv: "Rätt {{ x }}",'),
    "clause motive": (
        "clauses.yaml",
        "motive: {sv: Utan rätten kan data inte återanvändas.,",
        'motive: {sv: "Utan {{ buyer_name }} rätten",',
    ),
    "definition term": ("library.yaml", "term: {sv: Öppet format,", 'term: {sv: "Öppet {{ x }}",'),
    "area title": (
        "library.yaml",
        "title: {sv: Rätten till data,",
        'title: {sv: "Rätten {{ x }}",',
    ),
    "option label": ("library.yaml", "label: {sv: Förstudie,", 'label: {sv: "Förstudie {{ x }}",'),
    "raw block": (
        "clauses.yaml",
        "sv: Leverantören ska ge {{ buyer_name }} full rätt",
        "sv: Leverantören ska ge {% raw %}{{ x }}{% endraw %} full rätt",
    ),
    "quoted braces": (
        "clauses.yaml",
        "sv: Leverantören ska ge {{ buyer_name }} full rätt",
        "sv: Leverantören ska ge {{ '{{' }} full rätt",
    ),
}


def _library_with(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    library = tmp_path / "lib"
    library.mkdir()
    for source in MINIMAL.iterdir():
        (library / source.name).write_bytes(source.read_bytes())
    target = library / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return library, line


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_reports_markup_where_it_was_written(
    run_cli: Run, tmp_path: Path, case: str
) -> None:
    file, old, new = CASES[case]
    library, line = _library_with(tmp_path, file, old, new)
    result = run_cli("validate", library, "--format", "json")
    assert result.exit_code == 1, result.stdout
    findings = [f for f in json.loads(result.stdout) if f["code"] == "KG303"]
    assert findings, result.stdout
    assert Path(findings[0]["file"]).name == file
    assert findings[0]["line"] == line
    source = (library / file).read_text(encoding="utf-8").splitlines()[line - 1]
    assert source[findings[0]["column"] - 1 :].startswith(("{{", "raw", "{%", "'{{'"))


@pytest.mark.parametrize("case", ["clause title", "option label", "raw block"])
def test_new_stops_at_the_same_place_before_writing(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path, case: str
) -> None:
    file, old, new = CASES[case]
    library, line = _library_with(tmp_path, file, old, new)
    answers = answers_file(procurement_kind="feasibility-study")
    result = run_cli("new", "-l", library, "-a", answers, "-o", "a.docx")
    assert result.exit_code == 3
    assert f"{file}:{line}:" in result.stderr
    assert not Path("a.docx").exists()
