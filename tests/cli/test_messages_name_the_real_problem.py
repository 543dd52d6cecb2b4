"""Issue 15, points 5 and 7: messages name the file and the real cause, and an unanswered date
leaves the annex undated, so the same answers give the same bytes on any day."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL

pytest.importorskip("docx")
Run = Callable[..., Result]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KiB tmpfs: too small for an annex. Needs root and a mountable tmpfs."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_full_disk_names_the_file_that_did_not_fit(
    run_cli: Run, answers_file: Callable[..., Path], tiny_disk: Path
) -> None:
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", tiny_disk / "a.docx")
    assert result.exit_code == 3
    assert f"{tiny_disk / 'a.docx'}:" in result.stderr or f"{tiny_disk / 'a-pm.docx'}:" in (
        result.stderr
    )
    assert "No space left" in result.stderr
    assert list(tiny_disk.iterdir()) == []


def test_an_answers_file_that_is_too_large_is_called_an_answers_file(
    run_cli: Run, tmp_path: Path
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"answers:\n" + b"# filler\n" * 1_300_000)
    result = run_cli("new", "-l", MINIMAL, "-a", big, "-o", "a.docx")
    assert result.exit_code == 3
    assert "library file" not in result.stderr
    assert "answers file" in result.stderr


def test_an_endless_answers_file_is_said_to_be_larger_than_the_cap(run_cli: Run) -> None:
    result = run_cli("new", "-l", MINIMAL, "-a", "/dev/zero", "-o", "a.docx")
    assert result.exit_code == 3
    assert "10.0 MB" not in result.stderr
    assert "more than 10 MB" in result.stderr


def test_a_long_rejected_value_is_shortened_in_the_message(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(export_days=10, buyer_name="x" * 5_000)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "a.docx")
    assert result.exit_code == 3
    assert "buyer_name" in result.stderr
    assert "x" * 200 not in result.stderr
    assert len(result.stderr) < 1_500


def test_template_markup_in_an_answer_is_reported_at_the_answers_file(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    answers = answers_file(export_days=10, buyer_name="Kommun {{ x }}")
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "a.docx")
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert "answers.yaml:" in first
    assert "buyer_name" in result.stderr
    assert "clauses.yaml" not in result.stderr


def test_a_changed_library_that_changes_no_clause_says_so(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    for source in MINIMAL.iterdir():
        (library / source.name).write_bytes(source.read_bytes())
    answers = answers_file(export_days=10)
    saved = tmp_path / "saved.yaml"
    first = run_cli("new", "-l", library, "-a", answers, "-o", "a.docx", "--save-answers", saved)
    assert first.exit_code == 0, first.stderr
    manifest = library / "library.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("Ett litet testbibliotek.", "Ett annat."),
        encoding="utf-8",
    )
    result = run_cli("new", "-l", library, "-a", saved, "-o", "b.docx")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    warning = next(i for i, line in enumerate(lines) if "For this procurement" in line)
    assert "no clause" in lines[warning] or "no clause" in lines[warning + 1]


def _package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith("xml")
        )


def test_an_unanswered_date_leaves_the_annex_undated(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(export_days=10), "-o", "a.docx")
    assert result.exit_code == 0, result.stderr
    for name in ("a.docx", "a-pm.docx"):
        text = _package_text(Path(name))
        assert date.today().isoformat() not in text
        assert "Datum" not in text


def test_source_date_epoch_dates_the_annex(
    run_cli: Run, answers_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(export_days=10), "-o", "a.docx")
    assert result.exit_code == 0, result.stderr
    assert "2023-11-14" in _package_text(Path("a.docx"))


def test_the_same_answers_give_the_same_bytes_in_any_time_zone(
    run_cli: Run,
    answers_file: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    answers = answers_file(export_days=10)
    built = []
    try:
        # 26 hours apart: at any moment of the day the two zones are on different dates.
        for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            out = tmp_path / f"{zone.replace('/', '_')}.docx"
            result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", out)
            assert result.exit_code == 0, result.stderr
            built.append(out.read_bytes())
    finally:
        monkeypatch.undo()
        time.tzset()
    assert built[0] == built[1]
