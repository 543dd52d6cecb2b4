"""Point 9 of issue 14: the smaller things a new user met in the first hour."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from session_helpers import run

from conftest import MINIMAL


def test_explain_given_a_word_file_speaks_of_an_answers_file(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    (tmp_path / "bilaga.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    result = run_cli("explain", "-l", MINIMAL, "--answers", "bilaga.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    stderr = str(result.stderr)  # type: ignore[attr-defined]
    assert "library" not in stderr
    assert "svarsfil" in stderr or "answers file" in stderr


def test_inspect_json_lists_the_clauses_with_their_versions(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    made = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", "bilaga.docx")
    assert made.exit_code == 0, made.stderr  # type: ignore[attr-defined]
    result = run_cli("inspect", "bilaga.docx", "--format", "json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    props = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert props["clauses"] == [{"id": "T-1-01", "version": 1}, {"id": "T-2-01", "version": 1}]


def test_inspect_of_a_text_file_names_it_once(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text("# hej\n", "utf-8")
    result = run_cli("inspect", "README.md")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert str(result.stderr).count("README.md") == 1  # type: ignore[attr-defined]


def test_list_into_a_file_does_not_wrap_or_cut_titles(tmp_path: Path) -> None:
    from conftest import BUNDLED

    done = run(tmp_path, "list", "-l", str(BUNDLED), COLUMNS="80")
    assert done.returncode == 0, done.stderr
    titles = {
        row["id"]: row["title"]
        for row in json.loads(run(tmp_path, "list", "-l", str(BUNDLED), "--format", "json").stdout)
    }
    lines = done.stdout.splitlines()[1:]  # after the header: one line per clause
    assert len(lines) == len(titles)
    shown = {line.split("\t")[0]: line.split("\t")[4] for line in lines}
    assert shown == titles
    assert any(len(title) > 40 for title in shown.values())  # a table cell of 80 columns wraps


def test_validate_of_a_missing_folder_is_unusable_input(tmp_path: Path) -> None:
    done = run(tmp_path, "validate", "/no/such/dir")
    assert done.returncode == 3
    assert "/no/such/dir" in done.stderr


def test_validate_reports_what_it_can_check_beside_a_missing_key(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(MINIMAL, lib)
    clauses = lib / "clauses.yaml"
    text = clauses.read_text("utf-8").replace("    response: {confirm: true}\n", "", 1)
    text = text.replace('area: "1"', 'area: "9"', 1).replace(
        "{{ buyer_name }} full", "{{ buyer_nme }} full", 1
    )
    clauses.write_text(text, "utf-8")
    done = run(tmp_path, "validate", str(lib))
    assert done.returncode == 1
    assert "KG102" in done.stdout
    assert "KG205" in done.stdout  # the unknown area
    assert "KG302" in done.stdout  # the misspelt placeholder
