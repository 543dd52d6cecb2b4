"""The annex as PDF/A: metadata, a contents page with true page numbers, tags, embedded fonts,
reproducible bytes, and clear errors when LibreOffice is missing or fails."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kravgen.annex.pdf import docx_modified, docx_to_pdfa
from kravgen.annex.pdf_fixup import normalise_pdf
from kravgen.cli import app
from kravgen.errors import ExitCode, OutputError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "socialtjanst-kommun.yaml"
# A contents line as pdftotext -layout prints it: the heading, a dot leader, the page number.
CONTENTS_LINE = re.compile(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$")

needs_libreoffice = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent"),
    pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler (pdfinfo) is absent"),
]


def poppler(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def build_annex(folder: Path) -> bytes:
    target = folder / "bilaga.docx"
    result = CliRunner().invoke(
        app, ["new", "--answers", str(EXAMPLE), "--output", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return target.read_bytes()


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    if shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice or poppler is absent")
    folder = tmp_path_factory.mktemp("pdf")
    docx = build_annex(folder)
    pdf = folder / "bilaga.pdf"
    pdf.write_bytes(docx_to_pdfa(docx))
    return docx, pdf


@pytest.mark.usefixtures("converted")
class TestAnnexPdf:
    pytestmark = needs_libreoffice

    def test_is_pdfa_2b(self, converted: tuple[bytes, Path]) -> None:
        xmp = poppler("pdfinfo", "-meta", converted[1])
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp

    def test_is_tagged(self, converted: tuple[bytes, Path]) -> None:
        assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", converted[1]), re.MULTILINE)

    def test_every_font_is_embedded(self, converted: tuple[bytes, Path]) -> None:
        rows = poppler("pdffonts", converted[1]).splitlines()[2:]
        assert rows
        for row in rows:
            # name type encoding emb sub uni object id: emb is the fourth field from the end
            assert row.split()[-5] == "yes", row
        assert any("Carlito" in row for row in rows), "Calibri should come out as Carlito"

    def test_contents_lists_the_page_each_heading_is_on(
        self, converted: tuple[bytes, Path]
    ) -> None:
        pdf = converted[1]
        first_pages = poppler("pdftotext", "-layout", "-f", "1", "-l", "3", pdf, "-")
        contents = first_pages[first_pages.index("Innehåll") :]
        entries = [m.groups() for m in map(CONTENTS_LINE.match, contents.splitlines()) if m]
        titles = [title for title, _ in entries]
        assert "Inledning" in titles
        assert any(title.startswith("1.1 KG-1A-01 ") for title in titles)
        assert len(entries) > 20
        for title, page in entries[::7]:  # every seventh, to keep the test quick
            text = poppler("pdftotext", "-f", page, "-l", page, pdf, "-")
            assert title in " ".join(text.split()), f"{title!r} is not on page {page}"

    def test_dates_come_from_the_docx(self, converted: tuple[bytes, Path]) -> None:
        docx, pdf = converted
        stamp = docx_modified(docx).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert f"<xmp:CreateDate>{stamp}</xmp:CreateDate>" in poppler("pdfinfo", "-meta", pdf)
        raw = pdf.read_bytes()
        assert f"/CreationDate(D:{stamp.replace('-', '').replace('T', '').replace(':', '')})" in (
            raw.decode("latin-1")
        )

    def test_rebuilt_xref_points_at_every_object(self, converted: tuple[bytes, Path]) -> None:
        # viewers repair a broken xref silently, so check it directly
        raw = converted[1].read_bytes()
        xref_at = int(re.findall(rb"startxref\s+(\d+)", raw)[-1])
        header = re.compile(rb"xref\n0 (\d+)\n").match(raw, xref_at)
        assert header is not None
        table = header.end()
        for number in range(int(header[1])):
            entry = raw[table + 20 * number : table + 20 * number + 20]
            if entry[17:18] == b"n":
                assert raw.startswith(b"%d 0 obj" % number, int(entry[:10])), number

    def test_same_docx_gives_the_same_bytes(self, converted: tuple[bytes, Path]) -> None:
        docx, pdf = converted
        assert docx_to_pdfa(docx) == pdf.read_bytes()


def test_without_libreoffice_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(OutputError) as caught:
        docx_to_pdfa(b"PK", lang="en")
    assert caught.value.exit_code == ExitCode.INPUT == 3
    assert "LibreOffice" in caught.value.message
    assert "nothing was written" in caught.value.message
    with pytest.raises(OutputError, match=r"PDF kräver LibreOffice.*inget har skrivits"):
        docx_to_pdfa(b"PK")
    assert "libreoffice-writer-nogui" in (caught.value.hint or "")
    assert "fonts-crosextra-carlito" in (caught.value.hint or "")
    assert not any(scratch.iterdir())


def fake_soffice(folder: Path, script: str) -> str:
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_libreoffice_that_writes_nothing_is_reported(tmp_path: Path) -> None:
    soffice = fake_soffice(tmp_path, "echo 'cannot open display' >&2\nexit 0\n")
    with pytest.raises(OutputError, match=r"wrote no PDF.*cannot open display"):
        docx_to_pdfa(b"PK", soffice=soffice, lang="en")


def test_a_libreoffice_that_hangs_is_stopped(tmp_path: Path) -> None:
    soffice = fake_soffice(tmp_path, "sleep 60\n")
    with pytest.raises(OutputError, match="blev inte klart"):
        docx_to_pdfa(b"PK", soffice=soffice, timeout=0.5)


def test_docx_dates_fall_back_to_the_zip_epoch(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert docx_modified(target.read_bytes()).isoformat() == "1980-01-01T00:00:00+00:00"


def test_a_pdf_of_another_shape_is_left_as_it_is() -> None:
    odd = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
    assert normalise_pdf(odd, docx_modified(b"")) == odd


def test_libreoffice_is_found_where_its_installer_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows and macOS installers do not put soffice on PATH."""
    from kravgen.annex import pdf

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    installed = Path(fake_soffice(tmp_path, "exit 0\n"))
    monkeypatch.setattr(pdf, "INSTALLED_PLACES", (tmp_path / "missing" / "soffice", installed))
    assert pdf.find_soffice("sv") == str(installed)
    monkeypatch.setattr(pdf, "INSTALLED_PLACES", (tmp_path / "missing" / "soffice",))
    with pytest.raises(OutputError, match="varken finns i PATH"):
        pdf.find_soffice("sv")


def test_libreoffice_is_found_by_either_name_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kravgen.annex import pdf

    folder = tmp_path / "bin"
    folder.mkdir()
    wrapper = folder / "libreoffice"
    wrapper.write_text("#!/bin/sh\nexit 0\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(pdf, "INSTALLED_PLACES", ())
    assert pdf.find_soffice("en") == str(wrapper)
