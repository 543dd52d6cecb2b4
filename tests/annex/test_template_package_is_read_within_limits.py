"""Issue 15, point 11: a template's reference.docx is read within size limits, and a broken
part is named, before any question is asked or file written."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL, REPO

pytest.importorskip("docx")
Run = Callable[..., Result]


def _template_with(tmp_path: Path, member: str, data: bytes) -> Path:
    """The bundled templates, with one member of reference.docx replaced."""
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)
    original = folder / "reference.docx"
    with zipfile.ZipFile(original) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[member] = data
    with zipfile.ZipFile(original, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return folder


@pytest.mark.parametrize("member", ["word/document.xml", "word/header1.xml"])
def test_a_part_that_is_not_xml_is_named(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path, member: str
) -> None:
    templates = _template_with(tmp_path, member, b"<w:document>garbage & more")
    answers = answers_file(export_days=10)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "--template", templates, "-o", "a.docx")
    assert result.exit_code == 3, result.stderr
    assert f"{member} is not well-formed XML" in result.stderr
    assert not Path("a.docx").exists()


def test_a_part_that_unpacks_to_too_much_is_refused_unread(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    with zipfile.ZipFile(REPO / "templates" / "reference.docx") as source:
        document = source.read("word/document.xml")
    # 40 MB of whitespace after the root element: well-formed, packed into about 40 KB.
    templates = _template_with(tmp_path, "word/document.xml", document + b" " * 40 * 1_048_576)
    assert (templates / "reference.docx").stat().st_size < 1_000_000
    answers = answers_file(export_days=10)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "--template", templates, "-o", "a.docx")
    assert result.exit_code == 3, result.stderr
    assert "word/document.xml unpacks to 40 MB" in result.stderr
    assert not Path("a.docx").exists()
