"""Helpers for the issue 11 tests: build annexes and explanations through the CLI only."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]


def annex(run_cli: Run, answers: Path, *sets: str, name: str = "annex") -> str:
    """The Markdown annex for an answers file and `--set` pairs, never prompting."""
    args: list[str | Path] = ["new", "--answers", answers, "--no-input", "--force"]
    for pair in sets:
        args += ["--set", pair]
    result = run_cli(*args, "--format", "md", "--output", f"{name}.md")
    assert result.exit_code == 0, result.stderr
    return Path(f"{name}.md").read_text(encoding="utf-8")


def selected(run_cli: Run, answers: Path, *sets: str) -> set[str]:
    """The ids of the clauses `kravgen explain` reports as selected."""
    args: list[str | Path] = ["explain", "--answers", answers, "--format", "json"]
    for pair in sets:
        args += ["--set", pair]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return {row["id"] for row in json.loads(result.stdout) if row["selected"]}


def sections(markdown: str) -> dict[str, str]:
    """Each clause's section of a Markdown annex, by clause id (from its heading to the next)."""
    # the heading is "### 3.4 KG-3-04 Title": the running number, then the id
    parts = re.split(r"^### (?:[0-9]+\.[0-9]+ )?(KG-[0-9A-Z-]+) ", markdown, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts) - 1, 2)}
