"""The annex of the whole bundled library, as a user waits for it, against pandoc.

    .venv/bin/python bench/bench_bundled.py [--runs 5]

kravgen's side is a fresh interpreter that loads the bundled library, selects every clause,
renders and writes the .docx: Python start-up and imports included, as a user pays them.
pandoc's side converts the same annex, as Markdown (build_annex_markdown), with the same
reference.docx. Target (issue 6): at most 1.5 times pandoc. Needs pypandoc-binary (the
'bench' extra).
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
TARGET = 1.5

# Every clause of the library: answers for every question (defaults, or a sample value) and a
# selection that takes them all, whatever the procurement kind.
BUILD = """
import sys
from pathlib import Path
from kravgen.annex.docx_writer import build_annex_docx
from kravgen.library import load_library
from kravgen.model import Answers, Decision, QuestionType, Selection
from kravgen.annex.render import render_annex
from kravgen.resources import bundled_library, bundled_templates

library = load_library([bundled_library()])
values = {}
for q in library.questions:
    if q.default is not None:
        values[q.id] = q.default
    elif q.options:
        values[q.id] = q.options[0].value
    elif q.type is QuestionType.YESNO:
        values[q.id] = True
    elif q.type is QuestionType.DATE:
        values[q.id] = "2026-12-01"
    else:
        values[q.id] = "Exempelkommunen"
answers = Answers(values)
selection = Selection(tuple(Decision(c, True, ()) for c in library.clauses))
annex = render_annex(library, answers, selection, "sv", bundled_templates())
out = Path(sys.argv[1])
if out.suffix == ".md":
    from kravgen.annex.markdown_writer import build_annex_markdown
    out.write_text(build_annex_markdown(annex), "utf-8")
else:
    out.write_bytes(build_annex_docx(annex, bundled_templates()))
print(len(annex.clauses))
"""


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pair(ours_cmd: list[str], theirs_cmd: list[str], *, flip: bool) -> tuple[float, float]:
    """One run of each, back to back, so that both meet the same load on a shared machine;
    every other pair starts with pandoc, so that neither always runs second."""
    if flip:
        theirs = run(theirs_cmd)
        return run(ours_cmd), theirs
    ours = run(ours_cmd)
    return ours, run(theirs_cmd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    try:
        import pypandoc  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        print("pandoc not measured: pip install -e '.[bench]' (pypandoc-binary)")
        return 1
    pandoc = str(pypandoc.get_pandoc_path())
    with tempfile.TemporaryDirectory() as tmp:
        markdown, docx_out, pandoc_out = (Path(tmp) / n for n in ("a.md", "a.docx", "p.docx"))
        clauses = subprocess.run(
            [sys.executable, "-c", BUILD, str(markdown)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        ours_cmd = [sys.executable, "-c", BUILD, str(docx_out)]
        theirs_cmd = [
            pandoc,
            "-f",
            "gfm",
            "-t",
            "docx",
            "--reference-doc",
            str(ROOT / "templates" / "reference.docx"),
            "-o",
            str(pandoc_out),
            str(markdown),
        ]
        run(ours_cmd), run(theirs_cmd)  # warm the file cache
        pairs = [_pair(ours_cmd, theirs_cmd, flip=i % 2 == 1) for i in range(runs)]
        python_floor = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(runs))
    ours = statistics.median(o for o, _ in pairs)
    theirs = statistics.median(t for _, t in pairs)
    ratio = statistics.median(o / t for o, t in pairs)
    print(f"bundled library, {clauses} clauses, median of {runs} runs, each pair run back to back")
    print(f"  kravgen (new process, load + render + docx): {ours:.3f} s")
    print(f"  pandoc (Markdown -> docx, same content):      {theirs:.3f} s")
    print(f"  python -c pass (interpreter start):           {python_floor:.3f} s")
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(f"  ratio (median of the pairs' ratios): {ratio:.2f}x (target <= {TARGET}x) {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
