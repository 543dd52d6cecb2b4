"""The CLI end to end, in process (typer's CliRunner) and as a subprocess where it matters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import kravgen
from conftest import MINIMAL, changed_library

docx = pytest.importorskip("docx")


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_version(run_cli: Callable[..., object]) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    # The version a user sees is the package's own, from its one source.
    assert result.stdout.strip() == f"kravgen {kravgen.__version__}"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "command",
    [
        "new",
        "validate",
        "list",
        "questions",
        "explain",
        "coverage",
        "inspect",
        "evaluate",
        "schema",
    ],
)
def test_every_command_has_help(run_cli: Callable[..., object], command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "Usage" in result.stdout  # type: ignore[attr-defined]


def test_help_imports_neither_docx_nor_jinja2() -> None:
    code = (
        "import sys\n"
        "from kravgen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'jinja2', 'yaml', 'lxml', 'openpyxl') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "none"


def test_answers_file_to_docx_with_selected_clauses_and_filled_placeholder(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    answers = answers_file(export_days=14)
    result = run_cli("new", "-l", MINIMAL, "--answers", answers, "--output", "bilaga.docx")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    text = _docx_text(tmp_path / "bilaga.docx")
    assert "T-1-01" in text
    assert "T-2-01" in text
    assert "T-2-02" not in text
    assert "Leverantören ska ge Umeå kommun full rätt" in text
    assert "inom 14 dagar" in text
    assert "{{" not in text
    assert (tmp_path / "bilaga-pm.docx").is_file()
    assert not (tmp_path / "bilaga-svar.yaml").exists()  # only interactive runs write it
    assert result.stdout.strip() == "bilaga.docx"  # type: ignore[attr-defined]


def test_the_procurement_kind_changes_the_annex(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    it = answers_file("it.yaml")
    study = answers_file("study.yaml", procurement_kind="feasibility-study")
    run_cli("new", "-l", MINIMAL, "-a", it, "-o", "it.docx")
    run_cli("new", "-l", MINIMAL, "-a", study, "-o", "study.docx")
    it_text, study_text = _docx_text(tmp_path / "it.docx"), _docx_text(tmp_path / "study.docx")
    assert "T-2-01" in it_text
    assert "T-2-01" not in study_text
    assert "T-2-02" in study_text
    assert "T-2-02" not in it_text


def test_missing_answers_without_a_terminal_fail_fast_and_say_how(
    answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    env = {**os.environ, "CI": "true"}
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "kravgen", "new", "-l", str(MINIMAL)],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )
    elapsed = time.monotonic() - start
    assert out.returncode == 3
    assert "svar saknas för: buyer_name" in out.stderr
    assert "--answers FIL" in out.stderr
    assert "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []
    # Generous bound against a hang, not a benchmark: a prompt waiting on the pipe would block.
    assert elapsed < 15


def test_missing_answers_in_process(run_cli: Callable[..., object], tmp_path: Path) -> None:
    result = run_cli("new", "-l", MINIMAL, "--set", "procurement_kind=it-system")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "svar saknas för: buyer_name" in result.stderr  # type: ignore[attr-defined]


def test_existing_output_survives_without_force(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "bilaga.docx"
    target.write_bytes(b"the officer's own file")
    answers = answers_file()
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", target)
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "finns redan" in result.stderr  # type: ignore[attr-defined]
    assert "--force" in result.stderr  # type: ignore[attr-defined]
    assert target.read_bytes() == b"the officer's own file"
    assert not (tmp_path / "bilaga-pm.docx").exists()
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", target, "--force")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert target.read_bytes().startswith(b"PK")


def test_a_failing_render_leaves_no_partial_files(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    answers = answers_file(buyer_name="{{ 7*7 }}")
    result = run_cli("new", "-l", MINIMAL, "-a", answers, "-o", "bilaga.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    # Markup in an answer is refused where it was given, before any clause is filled in.
    assert "answers.yaml:2:" in result.stderr  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"procurement_kinds": "it-system"}, "unknown question 'procurement_kinds'"),
        ({"procurement_kind": "skola"}, "procurement_kind takes it-system, feasibility-study"),
        ({"export_days": "tio"}, "export_days takes a whole number from 1 to 365"),
        ({"export_days": True}, "export_days takes a whole number"),
    ],
)
def test_bad_answers_name_the_question_and_allowed_values(
    run_cli: Callable[..., object],
    answers_file: Callable[..., Path],
    tmp_path: Path,
    answers: dict[str, object],
    message: str,
) -> None:
    path = answers_file(**answers)
    result = run_cli("new", "-l", MINIMAL, "-a", path, "-o", "bilaga.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert message in result.stderr  # type: ignore[attr-defined]
    assert not (tmp_path / "bilaga.docx").exists()


def test_set_wins_over_the_answers_file(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    path = answers_file(export_days=14)
    result = run_cli("new", "-l", MINIMAL, "-a", path, "--set", "export_days=60", "-o", "b.docx")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "inom 60 dagar" in _docx_text(tmp_path / "b.docx")


def test_markdown_format(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "--format", "md", "-o", "b.md")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    text = (tmp_path / "b.md").read_text("utf-8")
    assert "T-1-01" in text
    assert "Umeå kommun" in text
    assert (tmp_path / "b-pm.md").is_file()


def test_list_json_has_the_documented_keys(run_cli: Callable[..., object]) -> None:
    result = run_cli("list", "-l", MINIMAL, "--format", "json")
    rows = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert [r["id"] for r in rows] == ["T-1-01", "T-2-01", "T-2-02"]
    assert {"id", "version", "type", "area", "sources"} <= set(rows[0])


def test_questions_json(run_cli: Callable[..., object]) -> None:
    rows = json.loads(run_cli("questions", "-l", MINIMAL, "--format", "json").stdout)  # type: ignore[attr-defined]
    kind = rows[0]
    assert kind["id"] == "procurement_kind"
    assert kind["type"] == "choice"
    assert kind["options"][1] == {"value": "feasibility-study", "label": "Förstudie"}
    assert kind["help"]
    days = next(r for r in rows if r["id"] == "export_days")
    assert days["condition"] == {
        "question": "procurement_kind",
        "op": "in",
        "values": ["it-system"],
    }


def test_explain_json(run_cli: Callable[..., object], answers_file: Callable[..., Path]) -> None:
    result = run_cli("explain", "-l", MINIMAL, "--answers", answers_file(), "--format", "json")
    rows = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert rows == [
        {"id": "T-1-01", "version": 1, "selected": True, "reasons": []},
        {
            "id": "T-2-01",
            "version": 1,
            "selected": True,
            "reasons": ["procurement_kind = it-system"],
        },
        {
            "id": "T-2-02",
            "version": 1,
            "selected": False,
            "reasons": ["procurement_kind = it-system"],
        },
    ]


def test_inspect_reads_the_provenance(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    run_cli("new", "-l", MINIMAL, "-a", answers_file(), "-o", "b.docx")
    result = run_cli("inspect", "b.docx", "--format", "json")
    props = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert props["library_name"] == "test-minimal"
    assert props["clauses"] == [{"id": "T-1-01", "version": 1}, {"id": "T-2-01", "version": 1}]
    assert props["answers_digest"].startswith("sha256:")


def test_a_broken_library_gives_a_located_error_not_a_traceback(
    run_cli: Callable[..., object],
    write_tree: Callable[..., Path],
    answers_file: Callable[..., Path],
) -> None:
    root = write_tree(
        {"lib/library.yaml": "library:\n  name: x\n  version: 1.0.0\n  languages: [sv]\n"}
    )
    result = run_cli("new", "-l", root / "lib", "-a", answers_file(), "-o", "b.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "library.yaml:2:3: " in result.stderr  # type: ignore[attr-defined]
    assert "kravgen validate" in result.stderr  # type: ignore[attr-defined]


def test_replay_against_a_changed_library_reports_what_changed(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    first = run_cli(
        "new", "-l", MINIMAL, "-a", answers_file(), "-o", "v1.docx", "--save-answers", "saved.yaml"
    )
    assert first.exit_code == 0  # type: ignore[attr-defined]
    saved = (tmp_path / "saved.yaml").read_text("utf-8")
    assert "name: test-minimal" in saved
    assert "T-1-01: 1" in saved
    lib = changed_library(tmp_path)
    result = run_cli("new", "-l", lib, "-a", "saved.yaml", "-o", "v2.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "skrevs för test-minimal@1.0.0; biblioteket är nu test-minimal@1.1.0" in err
    assert "krav med ny lydelse: T-1-01" in err
    assert "nya frågor: contact_person" in err
    assert "svar saknas för: contact_person" in err
    assert not (tmp_path / "v2.docx").exists()
    result = run_cli(
        "new", "-l", lib, "-a", "saved.yaml", "--set", "contact_person=Anna", "-o", "v2.docx"
    )
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "obegränsad rätt" in _docx_text(tmp_path / "v2.docx")


def test_a_date_that_is_no_date_is_refused_with_the_form(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    from conftest import EXAMPLES

    example = EXAMPLES / "e-tjanst-region.yaml"
    said = {
        "sv": (
            "'2026-02-30' är inget giltigt svar på date",
            "date besvaras med ett datum på formen",
        ),
        "en": (
            "'2026-02-30' is not a valid answer to date",
            "date takes a date written YYYY-MM-DD",
        ),
    }
    for lang, (error, hint) in said.items():
        result = run_cli(
            "new", "-a", example, "--set", "date=2026-02-30", "--lang", lang, "-o", "b.docx"
        )
        assert result.exit_code == 3  # type: ignore[attr-defined]
        assert error in result.stderr  # type: ignore[attr-defined]
        assert hint in result.stderr  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_the_no_terminal_failure_is_immediate(run_cli: Callable[..., object]) -> None:
    # The bound: a second. The work is loading a small library, about 0.05 s here.
    start = time.monotonic()
    result = run_cli("new", "-l", MINIMAL, "--no-input")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert time.monotonic() - start < 1.0


def test_rebuilding_an_example_gives_identical_bytes(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    from conftest import EXAMPLES

    example = EXAMPLES / "socialtjanst-kommun.yaml"
    run_cli("new", "-a", example, "-o", "first.docx")
    run_cli("new", "-a", example, "-o", "second.docx")
    assert (tmp_path / "first.docx").read_bytes() == (tmp_path / "second.docx").read_bytes()
    assert (tmp_path / "first-pm.docx").read_bytes() == (tmp_path / "second-pm.docx").read_bytes()


def test_a_template_missing_a_style_stops_before_any_question_or_file(
    run_cli: Callable[..., object], answers_file: Callable[..., Path], tmp_path: Path
) -> None:
    import shutil

    from lxml import etree

    from annex_fixtures import TEMPLATES, W, rewrite_styles

    def drop_heading_2(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for style in root.findall(f"{W}style"):
            if style.get(f"{W}styleId") == "Heading2":
                root.remove(style)
        return bytes(etree.tostring(root))

    org = tmp_path / "org"
    shutil.copytree(TEMPLATES, org)
    rewrite_styles(TEMPLATES / "reference.docx", org / "reference.docx", drop_heading_2)
    result = run_cli("new", "-l", MINIMAL, "-a", answers_file(), "--template", org, "-o", "b.docx")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    assert "Heading 2" in result.stderr  # type: ignore[attr-defined]
    assert not (tmp_path / "b.docx").exists()
