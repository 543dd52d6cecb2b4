"""How long kravgen takes to write a Word annex, against pandoc writing the same content.

    .venv/bin/python bench/bench_annex.py [--runs 5] [--sizes 100,1000]

For each size it builds a synthetic RenderedAnnex (tests/annex_fixtures.py) and times:

- in-process: build_annex_docx() with python-docx already imported (median of --runs);
- cold: a fresh interpreter imports kravgen.annex.docx_writer and python-docx, then builds: the
  time a `kravgen build` pays after it has the RenderedAnnex (median of --runs);
- pandoc: `pandoc -f gfm -t docx --reference-doc templates/reference.docx` on the
  equivalent Markdown (build_annex_markdown), as a whole process, if pypandoc-binary is
  installed (`pip install -e '.[bench]'`).

Targets (exit status 1 if one is missed): the 1,000-clause annex, cold, in at most 0.3x
pandoc's time; 1,000 clauses at most 12x the time of 100 (in-process), i.e. linear growth.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from annex_fixtures import synthetic_annex  # noqa: E402
from kravgen.annex.docx_writer import build_annex_docx  # noqa: E402
from kravgen.annex.markdown_writer import build_annex_markdown  # noqa: E402

CHILD = """
import sys, time
from pathlib import Path
sys.path[:0] = [{tests!r}, {src!r}]
from annex_fixtures import synthetic_annex
annex = synthetic_annex({size})
assert "docx" not in sys.modules and "lxml" not in sys.modules
start = time.perf_counter()
from kravgen.annex.docx_writer import build_annex_docx
build_annex_docx(annex, Path({templates!r}))
print(time.perf_counter() - start)
"""


def in_process(size: int, runs: int) -> float:
    annex = synthetic_annex(size)
    build_annex_docx(annex, TEMPLATES)  # warm up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_annex_docx(annex, TEMPLATES)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(size: int, runs: int) -> tuple[float, float]:
    """(import + build inside the child, the child's whole wall time), medians."""
    code = CHILD.format(
        tests=str(ROOT / "tests"), src=str(ROOT / "src"), size=size, templates=str(TEMPLATES)
    )
    inner, wall = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        wall.append(time.perf_counter() - start)
        inner.append(float(result.stdout.strip()))
    return statistics.median(inner), statistics.median(wall)


def pandoc_path() -> str | None:
    try:
        import pypandoc  # type: ignore[import-not-found]
    except ImportError:
        return None
    return str(pypandoc.get_pandoc_path())


def pandoc(size: int, runs: int, executable: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "annex.md"
        source.write_text(build_annex_markdown(synthetic_annex(size)), encoding="utf-8")
        command = [executable, "-f", "gfm", "-t", "docx", "--reference-doc"]
        command += [str(TEMPLATES / "reference.docx"), "-o", str(Path(tmp) / "annex.docx")]
        command.append(str(source))
        subprocess.run(command, check=True)  # warm the page cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    executable = pandoc_path()
    print(f"python {sys.version.split()[0]}, median of {args.runs} runs")
    header = f"{'clauses':>7}  {'in-process':>10}  {'cold':>8}  {'process':>8}  {'pandoc':>8}"
    print(header + f"  {'cold/pandoc':>11}")
    results: dict[int, tuple[float, float, float | None]] = {}
    for size in sizes:
        warm = in_process(size, args.runs)
        inner, wall = cold(size, args.runs)
        theirs = pandoc(size, args.runs, executable) if executable else None
        results[size] = (warm, inner, theirs)
        ratio = f"{inner / theirs:>10.2f}x" if theirs else f"{'-':>11}"
        shown = f"{theirs:>7.3f}s" if theirs else f"{'n/a':>8}"
        print(f"{size:>7}  {warm:>9.3f}s  {inner:>7.3f}s  {wall:>7.3f}s  {shown}  {ratio}")
    return report(results, executable is not None)


def report(results: dict[int, tuple[float, float, float | None]], have_pandoc: bool) -> int:
    failed = False
    if 100 in results and 1000 in results:
        growth = results[1000][0] / results[100][0]
        ok = growth <= 12
        failed |= not ok
        print(f"growth 1,000 vs 100 clauses (in-process): {growth:.1f}x (target <= 12x) "
              f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    if 1000 in results and results[1000][2]:
        ratio = results[1000][1] / results[1000][2]
        ok = ratio <= 0.3
        failed |= not ok
        print(f"1,000 clauses, cold vs pandoc: {ratio:.2f}x (target <= 0.3x) "
              f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    elif not have_pandoc:
        print("pandoc not measured: pip install pypandoc-binary (the 'bench' extra)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
