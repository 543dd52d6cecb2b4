"""Hostile inputs of issue 15: every case ends in under 20 s and 1 GB, and never with exit 4.

Run: .venv/bin/python bench/bench_limits.py [--only NAME]

Each case runs `python -m kravgen` in a child process; its wall time and peak resident memory
(from os.wait4) are printed. Exit status 1 if a case misses a goal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "libraries" / "valid" / "minimal"
GOAL_SECONDS = 20.0
GOAL_MB = 1024.0

Case = Callable[[Path], list[str]]


def _library(root: Path, extra: dict[str, str]) -> Path:
    library = root / "lib"
    shutil.copytree(MINIMAL, library)
    for name, text in extra.items():
        (library / name).write_text(text, encoding="utf-8")
    return library


def _answers(root: Path, **values: str) -> Path:
    lines = ["answers:", "  procurement_kind: it-system", "  export_days: 10"]
    lines += [f"  {key}: {value}" for key, value in values.items()]
    path = root / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _templates(root: Path, introduction: bytes | None = None) -> Path:
    folder = root / "templates"
    shutil.copytree(REPO / "templates", folder)
    if introduction is not None:
        (folder / "sv" / "introduction.md.j2").write_bytes(introduction)
    return folder


def _new(root: Path, *extra: str | Path, answers: Path | None = None) -> list[str]:
    given = answers or _answers(root, buyer_name="Kommunen")
    out = root / "out" / "a.docx"
    out.parent.mkdir(exist_ok=True)
    return ["new", "-l", str(MINIMAL), "-a", str(given), "-o", str(out), *map(str, extra)]


def _lines_file(root: Path, files: int, under_clauses: bool) -> list[str]:
    head = "clauses:\n" if under_clauses else ""
    extra = {f"big{n}.yaml": head + "- a\n" * 2_600_000 for n in range(files)}
    return ["validate", str(_library(root, extra))]


def _join_of_joins(root: Path, length: int) -> list[str]:
    library = root / "lib"
    shutil.copytree(MINIMAL, library)
    clauses = library / "clauses.yaml"
    text = clauses.read_text(encoding="utf-8").replace(
        "{{ buyer_name }} full rätt",
        "{{ buyer_name|list|join(buyer_name|list|join(buyer_name)) }} full rätt",
    )
    clauses.write_text(text, encoding="utf-8")
    answers = _answers(root, buyer_name="k" * length)
    return ["new", "-l", str(library), "-a", str(answers), "-o", str(root / "a.docx")]


def _packed_whitespace(root: Path) -> list[str]:
    folder = _templates(root)
    reference = folder / "reference.docx"
    with zipfile.ZipFile(reference) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            if name == "word/document.xml":
                with target.open(name, "w", force_zip64=True) as stream:
                    stream.write(data)
                    block = b" " * (1 << 24)
                    for _ in range(64):  # 1 GiB
                        stream.write(block)
            else:
                target.writestr(name, data)
    return _new(root, "--template", folder)


def _garbage_part(root: Path) -> list[str]:
    folder = _templates(root)
    reference = folder / "reference.docx"
    with zipfile.ZipFile(reference) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = b"<w:document>garbage"
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return _new(root, "--template", folder)


CASES: dict[str, Case] = {
    "validate: 9.9 MB of '- a' lines": lambda r: _lines_file(r, 1, False),
    "validate: 9.9 MB of '- a' under clauses:": lambda r: _lines_file(r, 1, True),
    "validate --format json: the same": lambda r: [*_lines_file(r, 1, True), "--format", "json"],
    "validate: ten such files": lambda r: _lines_file(r, 10, True),
    "new: join of joins, 800 characters": lambda r: _join_of_joins(r, 800),
    "new: join of joins, 2,000 characters": lambda r: _join_of_joins(r, 2_000),
    "new: 'x' * 300000000": lambda r: _new(
        r, "--template", _templates(r, b"{{ 'x' * 300000000 }}")
    ),
    "new: nested range(100000) loops": lambda r: _new(
        r,
        "--template",
        _templates(
            r, b"{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
        ),
    ),
    "new: 10 ** 5000": lambda r: _new(r, "--template", _templates(r, b"{{ 10 ** 5000 }}")),
    "new: include": lambda r: _new(r, "--template", _templates(r, b"{% include 'x' %}")),
    "new: latin-1 template text": lambda r: _new(r, "--template", _templates(r, b"V\xe4lkommen")),
    "new: 1 GiB of whitespace in document.xml": _packed_whitespace,
    "new: garbage document.xml": _garbage_part,
    "new: /dev/zero as answers": lambda r: _new(r, answers=Path("/dev/zero")),
}


def run_case(args: list[str]) -> tuple[int, float, float]:
    """Exit code, seconds and peak memory (MB) of `python -m kravgen ARGS` in a child."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "kravgen", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, time.perf_counter() - began, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run only cases whose name holds this")
    options = parser.parse_args(argv)
    missed = 0
    print(f"{'case':<45} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    for name, case in CASES.items():
        if options.only not in name:
            continue
        with tempfile.TemporaryDirectory() as temp:
            code, seconds, peak = run_case(case(Path(temp)))
        ok = code != 4 and seconds < GOAL_SECONDS and peak < GOAL_MB
        missed += not ok
        print(f"{name:<45} {code:>4} {seconds:>8.2f} {peak:>8.0f}{'' if ok else '  MISSED'}")
    print(f"goals: no exit 4, under {GOAL_SECONDS:g} s and {GOAL_MB:g} MB per case")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
