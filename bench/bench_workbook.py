"""The response workbook and `kravgen evaluate` at 1,000 clauses, against the Word annex.

    .venv/bin/python bench/bench_workbook.py [--runs 5] [--size 1000] [--suppliers 10]

On a synthetic annex (tests/annex_fixtures.synthetic_annex) it times, as medians of --runs:

- docx: build_annex_docx(), the Word annex of the same size, for comparison;
- xlsx: build_annex_xlsx(), the response workbook with its fixed timestamps;
- csv: build_annex_csv();
- evaluate: reading the annex workbook and --suppliers filled copies, checking and judging
  each (what `kravgen evaluate` does after start-up);
- evaluate, process: `python -m kravgen evaluate` on the same files, as a user waits for it.

No targets: the figures are for the README and for spotting regressions by eye.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

import openpyxl  # noqa: E402

from annex_fixtures import synthetic_annex  # noqa: E402
from kravgen.annex.csv_writer import build_annex_csv  # noqa: E402
from kravgen.annex.docx_writer import build_annex_docx  # noqa: E402
from kravgen.annex.workbook import build_annex_xlsx  # noqa: E402
from kravgen.evaluate import evaluate_copies, read_expected_workbook  # noqa: E402


def median(action: Callable[[], object], runs: int) -> float:
    action()  # warm up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def filled_copies(annex_path: Path, folder: Path, count: int) -> list[Path]:
    """Copies answered "Ja" everywhere; supplier i answers "Nej" on its i-th asked row."""
    copies = []
    for index in range(count):
        book = openpyxl.load_workbook(annex_path)
        sheet = book.worksheets[0]
        asked = 0
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 9).value != "–":
                sheet.cell(row, 9).value = "Nej" if asked == index else "Ja"
                asked += 1
            if sheet.cell(row, 10).value != "–":
                sheet.cell(row, 10).value = "Beskrivning av hur kravet uppfylls."
        book.worksheets[1]["B3"] = f"Leverantör {index + 1}"
        path = folder / f"anbud-{index + 1}.xlsx"
        book.save(path)
        copies.append(path)
    return copies


def evaluate_all(annex_path: Path, copies: list[Path]) -> int:
    expected = read_expected_workbook(annex_path, "sv")
    return sum(result.qualified for result in evaluate_copies(expected, copies, "sv"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--suppliers", type=int, default=10)
    args = parser.parse_args()
    annex = synthetic_annex(args.size)
    print(f"python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, "
          f"{args.size} clauses, median of {args.runs} runs")  # fmt: skip
    docx = median(lambda: build_annex_docx(annex, TEMPLATES), args.runs)
    xlsx = median(lambda: build_annex_xlsx(annex), args.runs)
    csv = median(lambda: build_annex_csv(annex), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        annex_path = folder / "bilaga.xlsx"
        annex_path.write_bytes(build_annex_xlsx(annex))
        copies = filled_copies(annex_path, folder, args.suppliers)
        inner = median(lambda: evaluate_all(annex_path, copies), args.runs)
        command = [sys.executable, "-m", "kravgen", "evaluate", str(annex_path), *map(str, copies)]
        process = median(
            lambda: subprocess.run(command, check=True, capture_output=True), args.runs
        )
        size = annex_path.stat().st_size
    print(f"{'docx annex (build_annex_docx)':<44} {docx:>7.3f}s")
    print(f"{'xlsx workbook (build_annex_xlsx)':<44} {xlsx:>7.3f}s  {xlsx / docx:>5.1f}x docx"
          f"  ({size // 1024} kB)")  # fmt: skip
    print(f"{'csv (build_annex_csv)':<44} {csv:>7.3f}s  {csv / docx:>5.1f}x docx")
    label = f"evaluate {args.suppliers} suppliers, in process"
    print(f"{label:<44} {inner:>7.3f}s  {inner / args.suppliers:.3f}s per supplier")
    print(f"{'evaluate, whole process':<44} {process:>7.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
