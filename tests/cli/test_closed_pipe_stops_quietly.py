"""Point 3 of issue 14: `kravgen ... | head -1` stops quietly, as Unix tools do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from session_helpers import clean_env

from conftest import EXAMPLES

COMMANDS = [
    ["questions"],
    ["coverage"],
    ["list", "--format", "json"],
    ["schema"],
    ["explain", "--answers", str(EXAMPLES / "e-tjanst-region.yaml")],
    ["--version"],
]


def _pipe(tmp_path: Path, args: list[str], reader: str) -> subprocess.CompletedProcess[str]:
    shell = f"{sys.executable} -m kravgen {' '.join(args)} | {reader}"
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    tmp_path: Path, args: list[str]
) -> None:
    done = _pipe(tmp_path, args, "head -1")
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert done.returncode in (0, 141)  # 141: ended by SIGPIPE, what `yes | head` reports


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_reader_that_reads_nothing_ends_the_command_quietly(
    tmp_path: Path, args: list[str]
) -> None:
    """`true` exits before kravgen has started, so every write meets a closed pipe."""
    done = _pipe(tmp_path, args, "true")
    assert done.stderr == ""
    assert done.returncode == 141


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["questions"], ["schema"], ["list", "--format", "json"]], ids=str)
def test_output_into_a_full_disk_is_the_user_s_situation_not_a_bug(
    tmp_path: Path, args: list[str]
) -> None:
    full = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m kravgen {' '.join(args)} > /dev/full"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "bug in kravgen" not in full.stderr
    assert "No space left on device" in full.stderr
    assert full.returncode == 3
