"""Start-up benchmark: kravgen --version and --help against the cost of importing typer.

Run: python bench/bench_startup.py [--runs N]
The floor is `python -c "import typer"`; the targets (issue 2) are median ratios of at most
1.2 for --version and 2.5 for --help.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The console script a user runs, installed beside this interpreter.
KRAVGEN = str(Path(sys.executable).with_name("kravgen"))
COMMANDS = {
    "import typer (floor)": [sys.executable, "-c", "import typer"],
    "kravgen --version": [KRAVGEN, "--version"],
    "kravgen --help": [KRAVGEN, "--help"],
}
TARGETS = {"kravgen --version": 1.2, "kravgen --help": 2.5}


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    for command in COMMANDS.values():  # warm the file cache
        time_once(command)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):  # interleave so machine noise hits every command alike
        for name, command in COMMANDS.items():
            samples[name].append(time_once(command))
    floor = statistics.median(samples["import typer (floor)"])
    print(f"{'command':<24}{'median ms':>10}{'ratio':>8}{'target':>8}")
    failed = False
    for name, times in samples.items():
        median = statistics.median(times)
        ratio = median / floor
        target = TARGETS.get(name)
        failed |= target is not None and ratio > target
        shown = f"{target:.1f}" if target else "-"
        print(f"{name:<24}{median * 1000:>10.0f}{ratio:>8.2f}{shown:>8}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
