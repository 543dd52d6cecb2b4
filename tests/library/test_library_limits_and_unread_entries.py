"""Issue 15, points 9 and 12: limits over the whole library with a clear error, findings capped
per code, and nothing under a library folder passed over without a word."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL

Run = Callable[..., Result]


def _copy_minimal(root: Path) -> Path:
    root.mkdir()
    for source in MINIMAL.iterdir():
        (root / source.name).write_bytes(source.read_bytes())
    return root


def _findings(result: Result) -> list[dict[str, object]]:
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_file_of_millions_of_values_stops_at_the_cap(run_cli: Run, tmp_path: Path) -> None:
    library = _copy_minimal(tmp_path / "lib")
    (library / "big.yaml").write_text("clauses:\n" + "- a\n" * 450_000, encoding="utf-8")
    result = run_cli("validate", library, "--format", "json")
    assert result.exit_code == 1
    findings = _findings(result)
    big = [f for f in findings if str(f["file"]).endswith("big.yaml")]
    assert len(big) == 1, big[:3]
    assert big[0]["code"] == "KG001"
    assert "more than 100,000 YAML values" in str(big[0]["message"])


def test_findings_are_capped_per_code_with_a_count_of_the_rest(
    run_cli: Run, tmp_path: Path
) -> None:
    library = _copy_minimal(tmp_path / "lib")
    (library / "many.yaml").write_text("clauses:\n" + "- a\n" * 1_200, encoding="utf-8")
    result = run_cli("validate", library)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    codes = {line.split(": ")[1].split()[-1] for line in lines if ": error KG" in line}
    assert len(codes) == 1
    (code,) = codes
    shown = [line for line in lines if f"error {code}:" in line]
    assert len(shown) == 501
    assert f"700 more {code} findings" in shown[-1]
    assert "1200 error(s)" in result.stderr


def test_a_library_larger_than_the_cap_in_all_is_refused_once(run_cli: Run, tmp_path: Path) -> None:
    library = _copy_minimal(tmp_path / "lib")
    filler = ("# " + "x" * 97 + "\n") * 99_000  # 9.9 MB of comments: no values at all
    for number in range(6):
        (library / f"z{number}.yaml").write_text(filler, encoding="utf-8")
    result = run_cli("validate", library, "--format", "json")
    assert result.exit_code == 1
    limits = [f for f in _findings(result) if "in all" in str(f["message"])]
    assert len(limits) == 1, limits
    assert "more than 50 MB in all" in str(limits[0]["message"])


def test_a_library_of_too_many_records_is_refused(run_cli: Run, tmp_path: Path) -> None:
    library = _copy_minimal(tmp_path / "lib")
    for part in range(2):  # two files, each within the limit of values per file
        lines = "".join(f"- {{id: r{part}-{n}}}\n" for n in range(25_001))
        (library / f"refs{part}.yaml").write_text("references:\n" + lines, encoding="utf-8")
    result = run_cli("validate", library, "--format", "json")
    assert result.exit_code == 1
    limits = [f for f in _findings(result) if "in all" in str(f["message"])]
    assert len(limits) == 1, limits
    assert "more than 50,000 records in all" in str(limits[0]["message"])


@pytest.mark.parametrize("kind", ["loop", "dangling", "fifo", "linked folder"])
def test_an_entry_that_is_not_read_is_reported(run_cli: Run, tmp_path: Path, kind: str) -> None:
    library = _copy_minimal(tmp_path / "lib")
    if kind == "loop":
        os.symlink("loop.yaml", library / "loop.yaml")
        name = "loop.yaml"
    elif kind == "dangling":
        os.symlink("gone.yaml", library / "link.yaml")
        name = "link.yaml"
    elif kind == "fifo":
        os.mkfifo(library / "pipe.yaml")
        name = "pipe.yaml"
    else:
        other = tmp_path / "shared"
        other.mkdir()
        (other / "more.yaml").write_text("clauses: []\n", encoding="utf-8")
        os.symlink(other, library / "shared")
        name = "shared"
    result = run_cli("validate", library, "--format", "json")
    assert result.exit_code == 1, result.stdout
    named = [f for f in _findings(result) if str(f["file"]).endswith(name)]
    assert len(named) == 1, result.stdout
    assert named[0]["code"] == "KG001"
