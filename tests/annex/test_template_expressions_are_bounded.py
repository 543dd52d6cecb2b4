"""Issue 15, point 10: every expression in a clause text or a --template text ends quickly with
a clear error (exit 3), never an internal error, a hang or gigabytes of memory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MINIMAL, REPO

pytest.importorskip("docx")
Run = Callable[..., Result]

HOSTILE_TEMPLATE_TEXTS = {
    "string times a large number": "{{ 'x' * 300000000 }}",
    "nested range loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "ten to the 5000th": "{{ 10 ** 5000 }}",
    "float overflow": "{{ 10.0 ** 400 }}",
    "include": "{% include 'x' %}",
    "doubling through a namespace": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
    ),
    "padding method": "{{ 'x'.center(300000000) }}",
    "endless macro recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "string formatting width": "{{ '%300000000d' % 1 }}",
    "join of joins": "{{ (buyer_name * 40)|list|join((buyer_name * 40)|list|join('-')) }}",
}


def _templates_with(tmp_path: Path, text: bytes) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)
    (folder / "sv" / "introduction.md.j2").write_bytes(text)
    return folder


def _no_outputs(tmp_path: Path) -> None:
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".docx" or p.name.startswith(".")]


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATE_TEXTS))
def test_a_hostile_template_text_ends_with_a_clear_error(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path, case: str
) -> None:
    templates = _templates_with(tmp_path, HOSTILE_TEMPLATE_TEXTS[case].encode())
    answers = answers_file(export_days=10)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "--template", templates, "-o", "a.docx")
    assert result.exit_code == 3, result.stderr
    assert "introduction.md.j2" in result.stderr
    assert "internal error" not in result.stderr
    _no_outputs(tmp_path)


def test_a_template_text_in_latin_1_is_named_not_an_internal_error(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    templates = _templates_with(tmp_path, "Välkommen {{ buyer_name }}\n".encode("latin-1"))
    answers = answers_file(export_days=10)
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "--template", templates, "-o", "a.docx")
    assert result.exit_code == 3
    assert "introduction.md.j2 is not UTF-8" in result.stderr


def test_an_ordinary_template_text_still_renders(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    text = (
        "{% for word in ['a', 'b'] %}{{ word|upper }}{{ loop.index }} {% endfor %}"
        "{{ buyer_name ~ '!' }} {{ 6 * 7 }} {{ 2 ** 10 }} {{ [1, 2]|join(', ') }}\n"
    )
    templates = _templates_with(tmp_path, text.encode())
    answers = answers_file(export_days=10)
    result = run_cli(
        "new",
        "-l",
        MINIMAL,
        "-a",
        answers,
        "--template",
        templates,
        "-o",
        "a.md",
        "--format",
        "md",
    )
    assert result.exit_code == 0, result.stderr
    assert "A1 B2 Umeå kommun! 42 1024 1, 2" in Path("a.md").read_text(encoding="utf-8")


def test_a_clause_text_that_joins_an_answer_into_itself_is_stopped(
    run_cli: Run, answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    shutil.copytree(MINIMAL, library)
    clauses = library / "clauses.yaml"
    text = clauses.read_text(encoding="utf-8")
    old = "sv: Leverantören ska ge {{ buyer_name }} full rätt"
    new = "sv: Leverantören ska ge {{ buyer_name|list|join(buyer_name|list|join(buyer_name)) }} x"
    clauses.write_text(text.replace(old, new), encoding="utf-8")
    assert run_cli("validate", library).exit_code == 0
    answers = answers_file(export_days=10, buyer_name="k" * 2_000)
    result = run_cli("new", "-l", library, "-a", answers, "-o", "a.docx")
    assert result.exit_code == 3, result.stderr
    assert "clause T-1-01" in result.stderr
    assert "characters" in result.stderr
    _no_outputs(tmp_path)
