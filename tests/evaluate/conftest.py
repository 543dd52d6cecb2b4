"""Fixtures for `kravgen evaluate`: the socialtjänst annex as a workbook and as a Word document,
and filled copies of each."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from evaluate.evaluate_helpers import COLUMNS, EXAMPLES, fill_docx
from kravgen.cli import app


@pytest.fixture(scope="session")
def _built_annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: `kravgen new` on the whole bundled library takes a second or two. The Word
    annex of the same answers is in the folder word/."""
    folder = tmp_path_factory.mktemp("annex")
    result = CliRunner().invoke(
        app,
        [
            "new", "--answers", str(EXAMPLES / "socialtjanst-kommun.yaml"), "--format", "xlsx",
            "--output", str(folder / "bilaga.xlsx"),
            "--save-answers", str(folder / "bilaga-svar.yaml"), "--no-input",
        ],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (folder / "word").mkdir()
    word = CliRunner().invoke(
        app,
        [
            "new", "--answers", str(EXAMPLES / "socialtjanst-kommun.yaml"),
            "--output", str(folder / "word" / "bilaga.docx"), "--no-input",
        ],
        catch_exceptions=False,
    )  # fmt: skip
    assert word.exit_code == 0, word.stderr
    return folder


@pytest.fixture
def annex_xlsx(_built_annex: Path, tmp_path: Path) -> Path:
    """The response workbook (and bilaga-svar.yaml) for examples/socialtjanst-kommun.yaml."""
    for name in ("bilaga.xlsx", "bilaga-svar.yaml"):
        shutil.copyfile(_built_annex / name, tmp_path / name)
    return tmp_path / "bilaga.xlsx"


Edit = Mapping[str, Mapping[str, object]]


@pytest.fixture
def fill(annex_xlsx: Path, tmp_path: Path) -> Callable[..., Path]:
    """A supplier's copy: every asked cell answered "Ja" / described, then `edits` applied.

    edits maps a clause id to {column: value}; column is id, text, answer or description.
    """

    def make(name: str, edits: Edit | None = None, supplier: str | None = None) -> Path:
        book = openpyxl.load_workbook(annex_xlsx)
        sheet = book.worksheets[0]
        for row in range(2, sheet.max_row + 1):
            clause_id = str(sheet.cell(row, COLUMNS["id"]).value).split("@")[0]
            if sheet.cell(row, COLUMNS["answer"]).value != "–":
                sheet.cell(row, COLUMNS["answer"]).value = "Ja"
            if sheet.cell(row, COLUMNS["description"]).value != "–":
                sheet.cell(row, COLUMNS["description"]).value = f"Så här uppfyller vi {clause_id}."
            for column, value in (edits or {}).get(clause_id, {}).items():
                sheet.cell(row, COLUMNS[column]).value = value
        if supplier is not None:
            book.worksheets[1]["B3"] = supplier
        path = tmp_path / name
        book.save(path)
        return path

    return make


@pytest.fixture
def annex_docx(_built_annex: Path, tmp_path: Path) -> Path:
    """The Word annex kravgen new wrote for the same answers as `annex_xlsx`."""
    target = tmp_path / "word" / "bilaga.docx"
    target.parent.mkdir()
    shutil.copyfile(_built_annex / "word" / "bilaga.docx", target)
    return target


@pytest.fixture
def fill_word(annex_docx: Path, tmp_path: Path) -> Callable[..., Path]:
    """A supplier's Word copy: every Ja ticked, every description written, then `edits`
    (see evaluate_helpers.fill_docx)."""

    def make(name: str, edits: Mapping[str, Mapping[str, str]] | None = None) -> Path:
        return fill_docx(annex_docx, tmp_path / name, edits)

    return make
