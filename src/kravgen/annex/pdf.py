"""The annex as PDF/A-2b, converted by a headless LibreOffice (issue 12, item 7).

LibreOffice does not update a table of contents when it opens a .docx: the contents page would
list the headings without page numbers. So the conversion does not use `--convert-to`; it runs a
small Basic macro that opens the document, updates every index, and exports with the PDF/A and
tagging options. The macro lives in a private profile made for each conversion, so conversions
can run in parallel and a LibreOffice the user has open is never touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

from kravgen.annex.pdf_fixup import normalise_pdf
from kravgen.annex.xmltext import esc
from kravgen.errors import OutputError
from kravgen.wording import message

DEFAULT_TIMEOUT = 180.0  # seconds; the 33-page socialtjänst annex took 11-16 s on 2 busy CPUs
FALLBACK_DATE = datetime(1980, 1, 1, tzinfo=UTC)  # the zip epoch, as the docx parts use

_MODULE = "KravgenExport"
_MACRO = f"macro:///Standard.{_MODULE}.ExportPdf"
_DIR_VARIABLE = "KRAVGEN_PDF_DIR"

# Export options of LibreOffice's writer_pdf_Export filter: SelectPdfVersion 2 is PDF/A-2b,
# which implies embedded fonts and an XMP packet with pdfaid:part 2, conformance B.
_BASIC = """\
Sub ExportPdf
  Dim folder As String
  folder = Environ("KRAVGEN_PDF_DIR")
  On Error GoTo Failed
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "Hidden"
  loadArgs(0).Value = True
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(folder & "/in.docx"), "_blank", 0, loadArgs())
  Dim indexes As Object
  indexes = doc.getDocumentIndexes()
  Dim i As Integer
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim options(2) As New com.sun.star.beans.PropertyValue
  options(0).Name = "SelectPdfVersion"
  options(0).Value = 2
  options(1).Name = "UseTaggedPDF"
  options(1).Value = True
  options(2).Name = "ExportBookmarks"
  options(2).Value = True
  Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
  storeArgs(0).Name = "FilterName"
  storeArgs(0).Value = "writer_pdf_Export"
  storeArgs(1).Name = "FilterData"
  storeArgs(1).Value = options()
  doc.storeToURL(ConvertToURL(folder & "/out.pdf"), storeArgs())
  doc.close(True)
  Exit Sub
Failed:
  Dim channel As Integer
  channel = FreeFile
  Open folder & "/error.txt" For Output As #channel
  Print #channel, "LibreOffice error " & Err & " in line " & Erl & ": " & Error$
  Close #channel
End Sub
"""

_LIBRARY_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE library:{root} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
    '"{dtd}">\n'
)
_LIBRARY_NS = 'xmlns:library="http://openoffice.org/2000/library"'


def docx_to_pdfa(
    docx: bytes,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
    when: datetime | None = None,
    lang: str = "sv",
) -> bytes:
    """Convert a .docx to a tagged PDF/A-2b whose contents page shows page numbers.

    The PDF's dates are `when`, by default the docx's own dcterms:modified, so that the same
    docx gives the same PDF. Nothing is written outside a private temporary folder.

    Raises:
        OutputError: LibreOffice is not installed, fails, or takes longer than `timeout`.
    """
    executable = soffice or find_soffice(lang)
    with tempfile.TemporaryDirectory(prefix="kravgen-pdf-") as name:
        work = Path(name)
        profile = work / "profile"
        _write_profile(profile)
        (work / "in.docx").write_bytes(docx)
        stderr = _run_soffice(executable, profile, work, timeout, lang)
        produced = work / "out.pdf"
        if not produced.is_file():
            report = work / "error.txt"
            detail = report.read_text(errors="replace").strip() if report.is_file() else stderr
            raise OutputError(
                message("no_pdf", lang, detail=detail or message("no_message", lang)),
                hint=message("no_pdf_hint", lang),
            )
        pdf = produced.read_bytes()
    return normalise_pdf(pdf, when or docx_modified(docx))


# Where LibreOffice's installers put soffice. The Windows and macOS installers do not add it to
# PATH, so a buyer who has installed LibreOffice would otherwise be told to install it.
INSTALLED_PLACES = (
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)"))
    / "LibreOffice/program/soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


def find_soffice(lang: str) -> str:
    """The LibreOffice executable: 'soffice' or 'libreoffice' on PATH, else where the Windows
    and macOS installers put it. `kravgen new` asks before any question is put.

    Raises:
        OutputError: LibreOffice is found in none of these places.
    """
    for name in ("soffice", "libreoffice"):
        executable = shutil.which(name)
        if executable is not None:
            return executable
    for place in INSTALLED_PLACES:
        if place.is_file() and os.access(place, os.X_OK):
            return str(place)
    raise OutputError(message("no_soffice", lang), hint=message("no_soffice_hint", lang))


def _run_soffice(executable: str, profile: Path, work: Path, timeout: float, lang: str) -> str:
    """Run the export macro; return LibreOffice's stderr for error messages."""
    command = [
        executable,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        _MACRO,
    ]
    environment = {**os.environ, _DIR_VARIABLE: str(work)}
    # A session of its own, so that a timeout can stop soffice.bin too, not only its launcher.
    with subprocess.Popen(
        command,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            _stop(process)
            process.communicate()
            raise OutputError(
                message("pdf_timeout", lang, seconds=f"{timeout:g}"),
                hint=message("pdf_timeout_hint", lang),
            ) from error
    return stderr.decode(errors="replace").strip()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop soffice and what it started: its session on POSIX; on Windows, which has no
    process groups to signal, the launcher itself."""
    if hasattr(os, "killpg"):
        os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows
        process.kill()


def _write_profile(profile: Path) -> None:
    """A LibreOffice user profile that counts as set up and holds the export macro.

    Without ooSetupInstCompleted, LibreOffice treats the profile as new on start and copies
    its presets over the Basic libraries, which removes the macro.
    """
    user = profile / "user"
    basic = user / "basic"
    standard = basic / "Standard"
    standard.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
        '<item oor:path="/org.openoffice.Setup/Office">'
        '<prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Misc">'
        '<prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>\n'
        "</oor:items>\n",
        encoding="utf-8",
    )
    for kind in ("script", "dialog"):
        (basic / f"{kind}.xlc").write_text(
            _LIBRARY_DOCTYPE.format(root="libraries", dtd="libraries.dtd")
            + f'<library:libraries {_LIBRARY_NS} xmlns:xlink="http://www.w3.org/1999/xlink">\n'
            ' <library:library library:name="Standard" library:link="false"/>\n'
            "</library:libraries>\n",
            encoding="utf-8",
        )
    elements = f' <library:element library:name="{_MODULE}"/>\n'
    for kind, inner in (("script", elements), ("dialog", "")):
        (standard / f"{kind}.xlb").write_text(
            _LIBRARY_DOCTYPE.format(root="library", dtd="library.dtd")
            + f'<library:library {_LIBRARY_NS} library:name="Standard" '
            'library:readonly="false" library:passwordprotected="false">\n'
            f"{inner}</library:library>\n",
            encoding="utf-8",
        )
    (standard / f"{_MODULE}.xba").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
        '"module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="{_MODULE}" script:language="StarBasic">{esc(_BASIC)}</script:module>\n',
        encoding="utf-8",
    )


def docx_modified(docx: bytes) -> datetime:
    """The docx's dcterms:modified (or created), or 1980-01-01 when it has neither."""
    try:
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            core = ET.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ET.ParseError):
        return FALLBACK_DATE
    for name in ("modified", "created"):
        element = core.find(f"{{http://purl.org/dc/terms/}}{name}")
        if element is not None and element.text:
            try:
                stamp = datetime.fromisoformat(element.text.strip())
            except ValueError:
                continue
            return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return FALLBACK_DATE
