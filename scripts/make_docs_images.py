"""Write PNGs of an annex's first pages into docs/images/, for the README and the docs.

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
    profile = (workdir / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(workdir), str(docx)], check=True, timeout=300)
    return workdir / (docx.stem + ".pdf")


def render_page(pdf: Path, page: int, dpi: int, target: Path) -> None:
    """pdftoppm one page at the highest resolution (from `dpi` down) that stays under 200 KB."""
    for resolution in range(dpi, 29, -10):
        prefix = target.with_suffix("")
        command = ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page)]
        subprocess.run([*command, "-singlefile", str(pdf), str(prefix)], check=True)
        if target.stat().st_size < MAX_BYTES:
            return
    raise SystemExit(f"{target.name} stays over {MAX_BYTES} bytes even at 30 dpi")


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
        for page in range(1, args.pages + 1):
            target = OUT / f"annex-page-{page}.png"
            render_page(pdf, page, args.dpi, target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1000} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
