"""`kravgen new --format pdf` (or an output ending in .pdf): the annex as PDF/A, the memo as
.docx; without LibreOffice a clear error, exit 3, and no file at all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kravgen.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "socialtjanst-kommun.yaml"


def new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["new", "--answers", str(EXAMPLE), *args])
    return result.exit_code, result.output


def test_without_libreoffice_pdf_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-dir"))
    target = tmp_path / "out" / "bilaga.pdf"
    target.parent.mkdir()
    code, output = new("--output", str(target), "--save-answers", str(tmp_path / "out" / "s.yaml"))
    assert code == 3
    assert "PDF kräver LibreOffice" in output  # the session's language, Swedish by default
    assert "libreoffice-writer-nogui" in output
    assert list(target.parent.iterdir()) == []


def test_format_pdf_without_libreoffice_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-dir"))
    code, output = new("--format", "pdf", "--output", str(tmp_path / "bilaga"))
    assert code == 3
    assert "soffice" in output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler (pdfinfo) is absent")
def test_pdf_annex_is_pdfa_with_page_numbers_and_the_memo_stays_docx(tmp_path: Path) -> None:
    code, output = new("--output", str(tmp_path / "bilaga.pdf"))
    assert code == 0, output
    pdf = tmp_path / "bilaga.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "bilaga-pm.docx").read_bytes().startswith(b"PK")
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
    ).stdout
    contents = text[text.index("Innehåll") :]
    # a contents line ends in the page number its heading is on
    assert any(line.rstrip()[-1:].isdigit() and "...." in line for line in contents.splitlines())
