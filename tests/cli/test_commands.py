"""The wiring under the CLI, tested directly: output paths, building every output's bytes
before anything is written, and the change report of a replayed answers file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL, changed_library
from kravgen.commands import OutputPaths, build_outputs, output_paths
from kravgen.library import load_library
from kravgen.questions import (
    AnswersFile,
    change_report,
    library_changed,
    merge_given,
    resolve_answers,
)
from kravgen.resources import bundled_templates
from kravgen.selection import select_clauses

GIVEN = {"procurement_kind": "it-system", "buyer_name": "Umeå kommun", "export_days": 30}


def test_output_paths_add_the_suffix_and_name_memo_and_answers_after_the_annex() -> None:
    paths = output_paths(Path("out/bilaga"), "docx", None, True)
    assert paths == OutputPaths(
        Path("out/bilaga.docx"), Path("out/bilaga-pm.docx"), Path("out/bilaga-svar.yaml")
    )
    md = output_paths(Path("bilaga.txt"), "md", Path("mina-svar.yaml"), False)
    assert md == OutputPaths(Path("bilaga.txt"), Path("bilaga-pm.md"), Path("mina-svar.yaml"))
    assert output_paths(Path("b"), "md", None, False).answers is None


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_build_outputs_returns_every_file_and_writes_none(tmp_path: Path, fmt: str) -> None:
    library = load_library([MINIMAL])
    resolution = resolve_answers(library, GIVEN)
    paths = output_paths(tmp_path / "bilaga", fmt, None, True)
    files = build_outputs(library, resolution, "sv", bundled_templates(), fmt, paths)
    assert [path for path, _ in files] == [paths.annex, paths.memo, paths.answers]
    assert list(tmp_path.iterdir()) == []
    annex, _memo, answers = (data for _, data in files)
    assert annex.startswith(b"PK") == (fmt == "docx")
    assert yaml.safe_load(answers)["answers"]["buyer_name"] == "Umeå kommun"


def test_merge_given_lets_set_win_over_the_file() -> None:
    assert merge_given({"a": 1, "b": 2}, {"b": 3}) == {"a": 1, "b": 3}


def test_change_report_names_reworded_clauses_and_new_questions(tmp_path: Path) -> None:
    old = load_library([MINIMAL])
    selected = select_clauses(old, resolve_answers(old, GIVEN).answers)
    recorded = AnswersFile(
        dict(GIVEN),
        library_name=old.manifest.name,
        library_version=old.manifest.version,
        library_digest=old.digest,
        selected={d.clause.id: d.clause.version for d in selected.selected},
    )
    assert not library_changed(old, recorded)
    new = load_library([changed_library(tmp_path)])
    assert library_changed(new, recorded)
    resolution = resolve_answers(new, GIVEN)
    report = change_report(new, recorded, select_clauses(new, resolution.answers), resolution)
    assert report.reworded == ("T-1-01",)
    assert report.new_questions == ("contact_person",)
    assert (report.added, report.removed) == ((), ())
    assert report.old_library == "test-minimal@1.0.0"
    assert report.new_library == "test-minimal@1.1.0"
    assert not report.empty
    assert library_changed(new, replace(recorded, library_digest=None))
