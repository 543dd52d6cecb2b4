"""Issue 15, points 1-3 and 6: the annex, the memo and the answers file are written as one set,
never over a file without --force, and only to paths that can be regular files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL

docx = pytest.importorskip("docx")
Run = Callable[..., Result]


def _immutable(path: Path) -> bool:
    """Set the immutable flag; False when this machine or filesystem cannot."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def immutable_files() -> Iterator[list[Path]]:
    """Files made immutable by a test, released again afterwards so tmp_path can be removed."""
    made: list[Path] = []
    yield made
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def _build(run_cli: Run, answers: Path, output: str, *extra: str) -> Result:
    return run_cli("new", "-l", MINIMAL, "-a", answers, "-o", output, *extra)


def test_a_refused_memo_restores_the_annex_already_replaced(
    run_cli: Run,
    answers_file: Callable[..., Path],
    tmp_path: Path,
    immutable_files: list[Path],
) -> None:
    first = answers_file(export_days=10)
    (tmp_path / "d").mkdir()
    assert _build(run_cli, first, "d/a.docx").exit_code == 0
    annex, memo = tmp_path / "d" / "a.docx", tmp_path / "d" / "a-pm.docx"
    old_annex = annex.read_bytes()
    if not _immutable(memo):
        pytest.skip("chattr +i is not available here (needs root and ext4 or similar)")
    immutable_files.append(memo)
    second = answers_file("second.yaml", export_days=99)
    result = _build(run_cli, second, "d/a.docx", "--force")
    assert result.exit_code == 3
    assert "a-pm.docx" in result.stderr
    assert annex.read_bytes() == old_annex, "the annex changed although the memo could not"
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["a-pm.docx", "a.docx"]


def test_a_refused_answers_file_restores_annex_and_memo(
    run_cli: Run,
    answers_file: Callable[..., Path],
    tmp_path: Path,
    immutable_files: list[Path],
) -> None:
    first = answers_file(export_days=10)
    assert _build(run_cli, first, "a.docx", "--save-answers", "s.yaml").exit_code == 0
    before = {p: p.read_bytes() for p in (tmp_path / "a.docx", tmp_path / "a-pm.docx")}
    if not _immutable(tmp_path / "s.yaml"):
        pytest.skip("chattr +i is not available here (needs root and ext4 or similar)")
    immutable_files.append(tmp_path / "s.yaml")
    second = answers_file("second.yaml", export_days=99)
    result = _build(run_cli, second, "a.docx", "--save-answers", "s.yaml", "--force")
    assert result.exit_code == 3
    assert "s.yaml" in result.stderr
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("clash", ["a.docx", "a-pm.docx"])
@pytest.mark.parametrize(("lang", "said"), [("sv", "är samma fil"), ("en", "are the same file")])
def test_save_answers_onto_the_annex_or_memo_is_refused(
    run_cli: Run,
    answers_file: Callable[..., Path],
    tmp_path: Path,
    clash: str,
    lang: str,
    said: str,
) -> None:
    answers = answers_file(export_days=10)
    memo = "a-pm.docx" if lang == "sv" else "a-memo.docx"
    clash = clash.replace("a-pm.docx", memo)
    for force in ((), ("--force",)):
        result = _build(run_cli, answers, "a.docx", "--save-answers", clash, "--lang", lang, *force)
        assert result.exit_code == 3, result.stderr
        assert said in result.stderr
        assert not (tmp_path / "a.docx").exists()


def test_save_answers_never_overwrites_without_force(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    answers = answers_file(export_days=10)
    (tmp_path / "keep.yaml").write_text("mine\n", encoding="utf-8")
    result = _build(run_cli, answers, "a.docx", "--save-answers", "keep.yaml")
    assert result.exit_code == 3
    assert (tmp_path / "keep.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "a.docx").exists()


def _answers_digest(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        custom = package.read("docProps/custom.xml").decode("utf-8")
    found = re.search(r'name="answers_digest"[^>]*>\s*<vt:lpwstr>([^<]+)<', custom)
    assert found is not None, custom
    return found.group(1)


def _forked_build(args: list[str], start: int) -> int:
    """A child process that waits for the start signal, then runs `kravgen` with args."""
    pid = os.fork()
    if pid:
        return pid
    code = 99
    try:
        os.read(start, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        from kravgen.cli import main

        try:
            main(args)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    finally:
        os._exit(code)


def test_two_builds_racing_for_one_name_never_replace_each_other(
    answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    """Without --force, of two runs started together exactly one succeeds, every round, and the
    annex and memo in place come from the same run. The runs are forked from this process, so
    that both have everything imported and really start together."""
    from kravgen.cli import main

    answers = [answers_file(f"a{n}.yaml", export_days=10 + n) for n in range(2)]
    # One build first, so the forked runs find every lazy import done and start together.
    with pytest.raises(SystemExit):
        main(["new", "-l", str(MINIMAL), "-a", str(answers[0]), "-o", "warm.docx"])
    for round_ in range(10):
        folder = tmp_path / f"r{round_}"
        folder.mkdir()
        read_end, write_end = os.pipe()
        children = [
            _forked_build(
                ["new", "-l", str(MINIMAL), "-a", str(given), "-o", str(folder / "x.docx")],
                read_end,
            )
            for given in answers
        ]
        os.write(write_end, b"go")
        codes = sorted(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children)
        os.close(read_end)
        os.close(write_end)
        assert codes == [0, 3], f"round {round_}: exit codes {codes}"
        names = sorted(p.name for p in folder.iterdir())
        assert names == ["x-pm.docx", "x.docx"], f"round {round_}: {names}"
        annex, memo = folder / "x.docx", folder / "x-pm.docx"
        assert _answers_digest(annex) == _answers_digest(memo), f"round {round_}: mixed set"


@pytest.mark.parametrize("output", ["", " ", "d/"])
def test_an_output_that_names_no_file_is_a_usage_error(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path, output: str
) -> None:
    (tmp_path / "d").mkdir()
    result = _build(run_cli, answers_file(export_days=10), output)
    assert result.exit_code == 3, result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "d"]
    assert list((tmp_path / "d").iterdir()) == []


def test_an_existing_folder_as_output_is_refused_not_turned_into_a_sibling(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "existing").mkdir()
    result = _build(run_cli, answers_file(export_days=10), "existing")
    assert result.exit_code == 3
    assert "sökvägen är en mapp" in result.stderr
    assert not (tmp_path / "existing.docx").exists()


def test_a_device_is_no_output_file_even_with_force(
    run_cli: Run, answers_file: Callable[..., Path]
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    before = Path("/dev/full.docx").exists()
    result = _build(run_cli, answers_file(export_days=10), "/dev/full", "--force")
    assert result.exit_code == 3
    assert "ingen vanlig fil" in result.stderr
    assert Path("/dev/full.docx").exists() == before


@pytest.mark.parametrize("length", [245, 300])
def test_long_names_build_or_are_refused_cleanly(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path, length: int
) -> None:
    """245 characters fit in a name (the limit is 255); 300 do not. Neither is an internal error,
    and no temporary file is left behind."""
    name = "a" * (length - len(".docx")) + ".docx"
    result = _build(run_cli, answers_file(export_days=10), name)
    if length == 245:
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).is_file()
    else:
        assert result.exit_code == 3, result.stderr
        assert "filnamnet är för långt" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_debug_is_accepted_after_the_command_name(answers_file: Callable[..., Path]) -> None:
    from kravgen.cli import main

    args = ["new", "-l", str(MINIMAL), "-a", str(answers_file(export_days=10)), "-o", "a.docx"]
    with pytest.raises(SystemExit) as done:
        main([*args, "--debug"])
    assert done.value.code == 0
    assert Path("a.docx").is_file()
