"""Shared fixtures: an in-process CLI runner, test libraries and file trees."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

# Messages outside a session and the help follow the locale. The tests choose the language
# they read (--lang, or LANG in a subprocess's environment), so the developer's own locale must
# not choose it for them: every run starts from an English locale. typer's help is static,
# written when kravgen.cli is first imported, so this comes before that import.
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

from kravgen.cli import app  # noqa: E402

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MINIMAL = TESTS / "libraries" / "valid" / "minimal"
BUNDLED = REPO / "requirements-library"
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its own directory, with no CI or debug switches leaking in."""
    monkeypatch.chdir(tmp_path)
    for name in ("CI", "KRAVGEN_DEBUG", "SOURCE_DATE_EPOCH", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the CLI in process; stdout and stderr are kept apart."""

    def run(*args: str | Path, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {relative path: dedented text} under tmp_path and return tmp_path."""

    def write(files: dict[str, str], root: Path | None = None) -> Path:
        base = root or tmp_path
        for name, text in files.items():
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return base

    return write


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[..., Path]:
    """Write an answers file for the minimal library."""

    def write(name: str = "answers.yaml", **answers: object) -> Path:
        import yaml

        values = {"procurement_kind": "it-system", "buyer_name": "Umeå kommun", **answers}
        path = tmp_path / name
        path.write_text(yaml.safe_dump({"answers": values}, allow_unicode=True), encoding="utf-8")
        return path

    return write


def changed_library(tmp_path: Path) -> Path:
    """The minimal library after an update: T-1-01 reworded and a new required question."""
    import shutil

    lib = tmp_path / "lib-v2"
    shutil.copytree(MINIMAL, lib)
    manifest = lib / "library.yaml"
    text = manifest.read_text("utf-8").replace("version: 1.0.0", "version: 1.1.0")
    text += (
        "  - id: contact_person\n"
        "    section: procurement\n"
        "    type: text\n"
        "    text: {sv: Vem är kontaktperson?, en: Who is the contact person?}\n"
    )
    manifest.write_text(text, "utf-8")
    clauses = lib / "clauses.yaml"
    text = clauses.read_text("utf-8").replace("    version: 1\n", "    version: 2\n", 1)
    text = text.replace("full rätt att använda", "obegränsad rätt att använda")
    clauses.write_text(text, "utf-8")
    return lib
