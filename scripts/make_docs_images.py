"""Write PNGs of an annex's pages into docs/images/, for the README and the docs: the cover, the
instructions, the first requirements and the price lines, from the PDF kravgen writes.

    .venv/bin/python scripts/make_docs_images.py [ANNEX.docx] [--pages 4] [--dpi 100]

Without a path it builds the annex of examples/socialtjanst-kommun.yaml with kravgen.
Needs LibreOffice (`soffice`) and poppler (`pdftoppm`). Each image is kept under 200 KB by
lowering the resolution if needed. Output: docs/images/annex-page-1.png, annex-page-2.png, ...
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
MAX_BYTES = 200_000


def sample_annex(target: Path) -> Path:
    example = ROOT / "examples" / "socialtjanst-kommun.yaml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kravgen",
            "new",
            "--answers",
            str(example),
            "--output",
            str(target),
            "--force",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def to_pdf(docx: Path, workdir: Path) -> Path:
    """The PDF `kravgen new --format pdf` writes: contents with page numbers, as in Word."""
    from kravgen.annex.pdf import docx_to_pdfa

    target = workdir / (docx.stem + ".pdf")
    target.write_bytes(docx_to_pdfa(docx.read_bytes()))
    return target


def render_page(pdf: Path, page: int, dpi: int, target: Path) -> None:
    """pdftoppm one page at the highest resolution (from `dpi` down) that stays under 200 KB."""
    for resolution in range(dpi, 29, -10):
        prefix = target.with_suffix("")
        command = ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page)]
        subprocess.run([*command, "-singlefile", str(pdf), str(prefix)], check=True)
        if target.stat().st_size < MAX_BYTES:
            return
    raise SystemExit(f"{target.name} stays over {MAX_BYTES} bytes even at 30 dpi")


# Pages worth a look, after the cover: found by the heading they start or hold. The contents
# of a large annex take several pages, so the first pages alone would show little else.
LANDMARKS = ("Instruktioner till leverantören", "1.1 KG-", "Rader i prisbilagan")


def pages_to_show(pdf: Path, count: int) -> list[int]:
    """The cover, then the first page after the contents holding each landmark, then the
    pages after the last one, up to `count` pages."""
    total = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, total + 1)
    ]
    body = [
        n for n, text in enumerate(texts, start=1) if "Innehåll" not in text and "...." not in text
    ]
    pages = [1]
    for landmark in LANDMARKS:
        found = next((n for n in body if landmark in texts[n - 1]), None)
        if found is not None and found not in pages:
            pages.append(found)
    while len(pages) < count and pages[-1] < total:
        pages.append(pages[-1] + 1)
    return pages[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", nargs="?", type=Path, help="an annex .docx (default: a sample)")
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (libreoffice-writer-nogui, poppler-utils)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        docx = args.docx.resolve() if args.docx else sample_annex(workdir / "bilaga.docx")
        pdf = to_pdf(docx, workdir)
        for number, page in enumerate(pages_to_show(pdf, args.pages), start=1):
            target = OUT / f"annex-page-{number}.png"
            render_page(pdf, page, args.dpi, target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1000} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
