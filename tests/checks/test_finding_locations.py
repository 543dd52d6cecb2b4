"""`kravgen validate` points a finding about a question, an area, a reference, a definition, a
principle or a checklist item at the field at fault, as it does for clauses: a maintainer with
a long record should not have to hunt from its `- id:` line.

Each case breaks one field of the principles-and-checklist library and names the text the
finding must point at; the test reads that text's line and column from the broken file and
checks both report formats against them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from conftest import TESTS

Run = Callable[..., Result]
BASE = TESTS / "libraries" / "valid" / "principles-checklist"
LAYER_HEAD = """\
library:
  name: umea-layer
  version: 1.0.0
  languages: [sv, en]
  description: {sv: Umeås lager., en: Umeå's layer.}
  license: CC0-1.0
"""


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    """The base library with `old` replaced by `new` in library.yaml (once, exactly)."""
    root = tmp_path / "lib"
    shutil.copytree(BASE, root)
    path = root / "library.yaml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    return root


def _spot(file: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in the file."""
    text = file.read_text("utf-8")
    offset = text.index(needle)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _assert_points_at(
    run_cli: Run, roots: list[Path], code: str, message: str, file: Path, spot: tuple[int, int]
) -> None:
    """The text report and the JSON report both give `file:line:column` for the finding.
    Libraries are named relative to the working directory, as a maintainer would."""
    args = [root.relative_to(Path.cwd()) for root in roots]
    shown = file.relative_to(Path.cwd())
    line, column = spot
    text = run_cli("validate", *args)
    assert text.exit_code == 1, text.stdout
    assert f"{shown}:{line}:{column}: error {code}: {message}" in text.stdout.splitlines()
    report = json.loads(run_cli("validate", *args, "--format", "json").stdout)
    found = [(f["file"], f["line"], f["column"]) for f in report if f["message"] == message]
    assert found == [(str(shown), line, column)]


def test_a_questions_condition_error_points_at_its_when(run_cli: Run, tmp_path: Path) -> None:
    root = _broken(
        tmp_path,
        "    max: 365\n    when: {procurement_kind: it-system}",
        "    max: 365\n    when: {procurement_knid: it-system}",
    )
    file = root / "library.yaml"
    message = "question export_days: condition names unknown question 'procurement_knid'"
    _assert_points_at(run_cli, [root], "KG202", message, file, _spot(file, "{procurement_knid"))


def test_an_option_label_lacking_a_language_points_at_the_label(
    run_cli: Run, tmp_path: Path
) -> None:
    root = _broken(
        tmp_path,
        "label: {sv: Förstudie, en: Feasibility study}",
        "label: {sv: Förstudie}",
    )
    file = root / "library.yaml"
    message = "question procurement_kind: option feasibility-study lacks en"
    _assert_points_at(run_cli, [root], "KG401", message, file, _spot(file, "{sv: Förstudie}"))


def test_a_reference_title_lacking_a_language_points_at_the_title(
    run_cli: Run, tmp_path: Path
) -> None:
    root = _broken(
        tmp_path,
        "title: {sv: Lag (2022:818), en: Act (2022:818)}",
        "title: {sv: Lag (2022:818)}",
    )
    file = root / "library.yaml"
    message = "reference law-1: title lacks en"
    _assert_points_at(run_cli, [root], "KG401", message, file, _spot(file, "{sv: Lag"))


def test_an_unknown_source_of_an_area_points_at_its_list_item(run_cli: Run, tmp_path: Path) -> None:
    structured = "    title: {sv: Strukturerade data, en: Structured data}\n"
    root = _broken(
        tmp_path, structured, structured + "    sources:\n      - rec-1\n      - rec-9\n"
    )
    file = root / "library.yaml"
    message = "area 2: unknown reference 'rec-9' in sources"
    _assert_points_at(run_cli, [root], "KG204", message, file, _spot(file, "rec-9"))


def test_an_unknown_source_of_a_principle_points_at_its_source(
    run_cli: Run, tmp_path: Path
) -> None:
    root = _broken(
        tmp_path,
        "    status: draft-2020\n    source: guide-1",
        "    status: draft-2020\n    source: guide-9",
    )
    file = root / "library.yaml"
    message = "principle machine-readable: unknown reference 'guide-9' in source"
    _assert_points_at(run_cli, [root], "KG204", message, file, _spot(file, "guide-9"))


def test_a_checklist_items_unknown_clause_points_at_its_list_item(
    run_cli: Run, tmp_path: Path
) -> None:
    root = _broken(tmp_path, "clauses: [T-1-01]", "clauses: [T-1-01, T-9-99]")
    file = root / "library.yaml"
    message = "checklist item information-owner: names unknown clause 'T-9-99'"
    _assert_points_at(run_cli, [root], "KG206", message, file, _spot(file, "T-9-99"))


def test_a_checklist_items_condition_error_points_at_its_when(run_cli: Run, tmp_path: Path) -> None:
    root = _broken(
        tmp_path,
        "    when: {procurement_kind: it-system}\n    clauses: [T-2-01]",
        "    when: {procurement_kind: it-sytem}\n    clauses: [T-2-01]",
    )
    file = root / "library.yaml"
    message = "checklist item export-plan: procurement_kind can never be 'it-sytem'"
    _assert_points_at(
        run_cli, [root], "KG203", message, file, _spot(file, "{procurement_kind: it-sytem")
    )


def test_markup_in_a_definition_points_at_each_language_of_each_field(
    run_cli: Run, tmp_path: Path
) -> None:
    # The term's Swedish and the text's English both hold markup: each finding points at its own.
    root = _broken(
        tmp_path,
        "    term: {sv: Öppet format, en: Open format}\n"
        "    text: {sv: Ett format vars specifikation är fritt tillgänglig.,"
        " en: A format whose specification is freely available.}\n",
        '    term: {sv: "Öppet {{ x }}", en: Open format}\n'
        "    text:\n"
        "      sv: Ett format med fri specifikation.\n"
        "      en: A {{ y }} format with a free specification.\n",
    )
    file = root / "library.yaml"
    for field, needle in (("term.sv", "{{ x"), ("text.en", "{{ y")):
        message = f"definition open-format: {field} holds '{{{{', which no document may keep"
        _assert_points_at(run_cli, [root], "KG303", message, file, _spot(file, needle))


def test_an_overridden_checklist_item_points_into_the_file_that_wrote_each_field(
    run_cli: Run, tmp_path: Path
) -> None:
    # The base writes the item's (broken) condition; the layer's override sets its text.
    base = _broken(
        tmp_path,
        "    when: {procurement_kind: it-system}\n    clauses: [T-2-01]",
        "    when: {procurement_kind: it-sytem}\n    clauses: [T-2-01]",
    )
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "library.yaml").write_text(
        LAYER_HEAD + "checklist_overrides:\n"
        "  - id: export-plan\n"
        "    justification: Exporten planeras i förvaltningsplanen.\n"
        "    set:\n"
        "      needs_clauses: false\n"
        "      text: {sv: Stäm av exporten mot förvaltningsplanen.}\n",
        "utf-8",
    )
    base_file, layer_file = base / "library.yaml", layer / "library.yaml"
    args = [base, layer]
    condition = "checklist item export-plan: procurement_kind can never be 'it-sytem'"
    at_when = _spot(base_file, "{procurement_kind: it-sytem")
    _assert_points_at(run_cli, args, "KG203", condition, base_file, at_when)
    text = "checklist item export-plan: text lacks en"
    _assert_points_at(run_cli, args, "KG401", text, layer_file, _spot(layer_file, "{sv: Stäm"))
