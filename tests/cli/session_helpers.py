"""Shared by the tests under tests/cli: a real terminal session and a subprocess run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

TIMEOUT = 30


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no CI, no debug switch, no colour codes."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "KRAVGEN_DEBUG")}
    env.update({"COLUMNS": "120", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb", **extra})
    return env


def spawn(cwd: Path, *args: str, rows: int = 40, **env: str) -> Any:
    """`python -m kravgen ARGS` in a pseudo-terminal of `rows` lines."""
    import pexpect

    return pexpect.spawn(
        sys.executable,
        ["-m", "kravgen", *args],
        cwd=str(cwd),
        env=clean_env(LINES=str(rows), **env),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(rows, 120),
    )


def finish(child: Any) -> int:
    """Wait for the end of the session and return its exit status."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m kravgen ARGS` as a script would run it, stdin closed."""
    return subprocess.run(
        [sys.executable, "-m", "kravgen", *args],
        cwd=cwd,
        env=clean_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
