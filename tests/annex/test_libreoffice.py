"""The annex as LibreOffice renders it: text on the pages, page numbers, a page that is not blank.

Needs `soffice` (libreoffice-writer-nogui) and poppler (`pdftotext`, `pdftoppm`). Each test gets
its own LibreOffice profile, because conversions that share one silently drop files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annex_fixtures import annex
from kravgen.annex.docx_writer import build_annex_docx, build_memo_docx

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent"),
]


def to_pdf(docx: Path, workdir: Path) -> Path:
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workdir / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def dark_share(pgm: bytes) -> float:
    """Share of pixels darker than near-white in a binary PGM (P5) image."""
    assert pgm[:2] == b"P5"
    fields: list[bytes] = []
    pos = 2
    while len(fields) < 3:  # width, height, maxval, separated by whitespace and comments
        while pgm[pos : pos + 1].isspace():
            pos += 1
        if pgm[pos : pos + 1] == b"#":
            pos = pgm.index(b"\n", pos)
            continue
        end = pos
        while not pgm[end : end + 1].isspace():
            end += 1
        fields.append(pgm[pos:end])
        pos = end
    width, height = int(fields[0]), int(fields[1])
    pixels = pgm[pos + 1 : pos + 1 + width * height]
    assert len(pixels) == width * height
    return sum(1 for value in pixels if value < 200) / len(pixels)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler (pdftotext, pdftoppm) is absent")
    workdir = tmp_path_factory.mktemp("render")
    docx = workdir / "bilaga.docx"
    docx.write_bytes(build_annex_docx(annex("sv"), TEMPLATES))
    pdf = to_pdf(docx, workdir)
    return pdf, pdf_text(pdf)


def test_pdf_shows_every_clause_and_page_numbers(rendered: tuple[Path, str]) -> None:
    _, text = rendered
    for clause in annex("sv").clauses:
        assert clause.id in text
    assert "Sida 1 av" in text
    assert "Diarienummer KS 2026/0142" in text  # the header
    assert "Leverantörens svar" in text
    assert "{{" not in text


def test_first_page_is_not_blank(rendered: tuple[Path, str]) -> None:
    pdf, _ = rendered
    prefix = pdf.with_name("page")
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    image = next(pdf.parent.glob("page*.pgm"))
    share = dark_share(image.read_bytes())
    assert 0.005 < share < 0.5, f"{share:.3%} of page 1 is ink"


def test_english_memo_renders(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) is absent")
    docx = tmp_path / "memo.docx"
    docx.write_bytes(build_memo_docx(annex("en"), TEMPLATES))
    text = pdf_text(to_pdf(docx, tmp_path))
    assert "Page 1 of" in text
    assert "Why it was selected" in text
    assert "KG-2C-01" in text
