"""Time full validation (`read_library`) of synthetic libraries of 1,000 and 10,000 clauses.

Run: .venv/bin/python bench/bench_validate.py [--runs N] [--sizes 1000,10000] [--profile]

Targets: 10,000 clauses validate in under 5 s, and growth is about linear (10,000 clauses
take at most 12 times as long as 1,000). The libraries are written to a temporary directory:
questions with conditions, areas, references and definitions like the bundled library's, and
clauses with placeholders, conditions of several shapes and block-scalar texts, 250 per file.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kravgen.library import read_library

CLAUSES_PER_FILE = 250
TARGET_SECONDS = 5.0
MAX_RATIO = 12.0

MANIFEST = """\
library:
  name: bench
  version: 1.0.0
  languages: [sv, en]
  description: {sv: Syntetiskt bibliotek., en: Synthetic library.}
  license: CC0-1.0
sections:
  - id: procurement
    title: {sv: Upphandlingen, en: The procurement}
definitions:
  - id: open-format
    term: {sv: Öppet format, en: Open format}
    text: {sv: Ett format med fri specifikation., en: A format with a free specification.}
references:
  - id: rec-1
    kind: recommendation
    title: {sv: Rekommendation, en: Recommendation}
    applies_to: [it-system, e-service]
  - id: law-1
    kind: law
    title: {sv: Lag, en: Act}
questions:
  - id: buyer_name
    section: procurement
    type: text
    text: {sv: Organisationens namn?, en: The organisation's name?}
  - id: procurement_kind
    section: procurement
    type: choice
    text: {sv: Vad upphandlas?, en: What is procured?}
    options:
      - {value: it-system, label: {sv: It-system, en: IT system}}
      - {value: e-service, label: {sv: E-tjänst, en: E-service}}
      - {value: feasibility-study, label: {sv: Förstudie, en: Feasibility study}}
    default: it-system
  - id: personal_data
    section: procurement
    type: choice
    text: {sv: Personuppgifter?, en: Personal data?}
    options:
      - {value: none, label: {sv: Inga, en: None}}
      - {value: ordinary, label: {sv: Vanliga, en: Ordinary}}
      - {value: sensitive, label: {sv: Känsliga, en: Sensitive}}
  - id: open_data
    section: procurement
    type: yesno
    text: {sv: Öppna data?, en: Open data?}
    default: false
  - id: hvd_themes
    section: procurement
    type: multi
    text: {sv: Teman?, en: Themes?}
    options:
      - {value: mobility, label: {sv: Mobilitet, en: Mobility}}
      - {value: geo, label: {sv: Geodata, en: Geospatial}}
      - {value: stats, label: {sv: Statistik, en: Statistics}}
    default: []
    required: false
    when: {open_data: true}
  - id: contract_years
    section: procurement
    type: number
    text: {sv: Avtalstid i år?, en: Contract years?}
    default: 4
    min: 1
    max: 10
  - id: export_days
    section: procurement
    type: number
    text: {sv: Dagar för export?, en: Days for an export?}
    default: 30
    min: 1
    max: 365
    when: {procurement_kind: [it-system, e-service]}
"""

CONDITIONS = [
    None,
    "{procurement_kind: [it-system, e-service]}",
    "{personal_data: {not_in: [none]}}",
    "{open_data: true, hvd_themes: mobility}",
    "{contract_years: {min: %d}}",
    "{any: [{procurement_kind: feasibility-study}, {personal_data: sensitive}]}",
    "{procurement_kind: it-system, export_days: {max: %d}}",
]


def _clause(area: int, number: int) -> str:
    condition = CONDITIONS[number % len(CONDITIONS)]
    if condition is not None and "%d" in condition:
        condition = condition % (number % 9 + 1)
    when = f"    when: {condition}\n" if condition else ""
    days = "{{ export_days }}" if condition and "export_days" in condition else "30"
    return (
        f"  - id: B-{area}-{number:05d}\n"
        "    version: 1\n"
        "    type: ska-krav\n"
        f'    area: "{area}"\n'
        f"    title: {{sv: Krav {number}, en: Requirement {number}}}\n"
        "    text:\n"
        "      sv: |\n"
        f"        Leverantören ska ge {{{{ buyer_name }}}} en export av data nummer {number}\n"
        f"        i ett öppet format inom {days} dagar.\n"
        "      en: |\n"
        f"        The supplier shall give {{{{ buyer_name }}}} an export of data number {number}\n"
        f"        in an open format within {days} days.\n"
        "    verification: {sv: Beskrivning i anbudet., en: A description in the tender.}\n"
        "    response:\n"
        "      confirm: true\n"
        "      describe: {sv: Beskriv exporten., en: Describe the export.}\n"
        "    motive: {sv: Data ska kunna återanvändas., en: Data must be reusable.}\n"
        "    guidance: {sv: Behåll kravet., en: Keep the requirement.}\n"
        f"{when}"
        "    sources: [rec-1]\n"
        "    legal_refs: [law-1]\n"
        "    terms: [open-format]\n"
    )


def write_library(root: Path, clauses: int) -> Path:
    """A valid synthetic library of `clauses` clauses under `root`."""
    root.mkdir(parents=True)
    (root / "library.yaml").write_text(MANIFEST, encoding="utf-8")
    areas = ["areas:"]
    for start in range(0, clauses, CLAUSES_PER_FILE):
        area = start // CLAUSES_PER_FILE + 1
        areas.append(f'  - id: "{area}"\n    title: {{sv: Område {area}, en: Area {area}}}')
        body = "".join(_clause(area, n) for n in range(start, min(clauses, start + 250)))
        (root / f"clauses-{area:03d}.yaml").write_text("clauses:\n" + body, encoding="utf-8")
    (root / "areas.yaml").write_text("\n".join(areas) + "\n", encoding="utf-8")
    return root


def time_validation(root: Path, runs: int) -> tuple[float, int]:
    """Median seconds of `runs` full validations, and the number of findings."""
    times = []
    findings: list[object] = []
    for _ in range(runs):
        start = time.perf_counter()
        _, findings = read_library([root])
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median is shown)")
    parser.add_argument("--sizes", default="1000,10000", help="clause counts, comma-separated")
    parser.add_argument("--profile", action="store_true", help="profile the largest size")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    medians: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as temp:
        print(f"{'clauses':>8} {'files':>6} {'MB':>6} {'median s':>9} {'findings':>9}")
        for size in sizes:
            root = write_library(Path(temp) / f"lib-{size}", size)
            megabytes = sum(p.stat().st_size for p in root.iterdir()) / 1_048_576
            medians[size], count = time_validation(root, args.runs)
            files = len(list(root.iterdir()))
            print(f"{size:>8} {files:>6} {megabytes:>6.1f} {medians[size]:>9.3f} {count:>9}")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(read_library, [Path(temp) / f"lib-{sizes[-1]}"])
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return _verdict(medians)


def _verdict(medians: dict[int, float]) -> int:
    ok = True
    if 10_000 in medians:
        fast = medians[10_000] < TARGET_SECONDS
        ok &= fast
        print(
            f"10,000 clauses: {medians[10_000]:.2f} s (target < {TARGET_SECONDS:.0f} s): "
            + ("ok" if fast else "TOO SLOW")
        )
    if 1_000 in medians and 10_000 in medians:
        ratio = medians[10_000] / medians[1_000]
        linear = ratio <= MAX_RATIO
        ok &= linear
        print(
            f"ratio 10,000 / 1,000: {ratio:.1f} (target <= {MAX_RATIO:.0f}): "
            + ("ok" if linear else "NOT LINEAR")
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
