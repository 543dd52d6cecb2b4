"""Library files are untrusted: hostile input gets a clear, located error and nothing else.

No timing asserts: each input is refused by design before it can cost much (the alias at the
alias, the large file by its size before reading, the deep nesting at level 51).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kravgen.cli import app
from kravgen.errors import Finding, LibraryError
from kravgen.library import read_library
from kravgen.library.yamlsource import MAX_FILE_BYTES, parse_yaml, read_yaml_file

MINIMAL = Path(__file__).resolve().parents[1] / "libraries" / "valid" / "minimal"


def _library_with(tmp_path: Path, name: str, content: bytes) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(MINIMAL, root)
    (root / name).write_bytes(content)
    return root


def _findings(tmp_path: Path, name: str, content: bytes) -> list[Finding]:
    root = _library_with(tmp_path, name, content)
    _, findings = read_library([root])
    return [f for f in findings if f.where.path is not None and f.where.path.name == name]


def _one(tmp_path: Path, name: str, content: bytes) -> Finding:
    findings = _findings(tmp_path, name, content)
    assert len(findings) == 1, findings
    return findings[0]


def _parse_error(text: str) -> LibraryError:
    with pytest.raises(LibraryError) as caught:
        parse_yaml(text, Path("x.yaml"))
    return caught.value


# --- YAML features that build or run things ----------------------------------------------------

BOMB = "".join(
    [
        "definitions:\n",
        "  - id: a\n",
        "    term: &a [x, x, x, x, x, x, x, x, x]\n",
        "    text: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
        "  - id: c\n",
        "    term: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        "    text: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "  - id: e\n",
        "    term: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        "    text: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
    ]
)


def test_alias_bomb_is_refused_at_its_first_alias(tmp_path: Path) -> None:
    finding = _one(tmp_path, "bomb.yaml", BOMB.encode())
    assert (finding.code, finding.where.line, finding.where.column) == ("KG003", 4, 15)
    assert finding.message == (
        "YAML aliases (*a) are not allowed in a library; its anchor is at line 3"
    )


def test_merge_key_is_an_alias_too() -> None:
    error = _parse_error("a: &base {x: 1}\nb:\n  <<: *base\n")
    assert (error.code, error.where and error.where.line) == ("KG003", 3)


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary",
        "!!timestamp",
    ],
)
def test_tags_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    text = f"definitions:\n  - id: x\n    term: {tag} ['touch {marker}']\n"
    finding = _one(tmp_path, "evil.yaml", text.encode())
    assert (finding.code, finding.where.line, finding.where.column) == ("KG003", 3, 11)
    assert tag in finding.message
    assert not marker.exists()


def test_tag_directive_cannot_smuggle_a_python_tag() -> None:
    error = _parse_error("%TAG !p! tag:yaml.org,2002:python/\n---\na: !p!object:os.system x\n")
    assert error.code == "KG003"
    assert "!!python/object:os.system" in error.message


def test_several_documents_are_refused_at_the_second() -> None:
    error = _parse_error("a: 1\n---\nb: 2\n")
    assert (error.code, error.where and error.where.line) == ("KG003", 2)


def test_a_mapping_as_key_is_refused() -> None:
    error = _parse_error("? [a, b]\n: x\n")
    assert error.code == "KG002"
    assert error.message == "a mapping key must be plain text"


# --- bytes that are not YAML text --------------------------------------------------------------


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    finding = _one(tmp_path, "image.yaml", png)
    assert (finding.code, finding.message) == ("KG001", "the file is binary, not YAML text")


def test_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    finding = _one(tmp_path, "utf16.yaml", "definitions: []\n".encode("utf-16"))
    assert finding.message == "the file is UTF-16 or UTF-32 text, not UTF-8"
    assert finding.hint == "save the file as UTF-8"


def test_latin1_file_is_refused_at_the_byte(tmp_path: Path) -> None:
    text = "definitions:\n  - id: x\n    term: {sv: Datamängd}\n"
    finding = _one(tmp_path, "latin1.yaml", text.encode("latin-1"))
    assert (finding.code, finding.where.line, finding.where.column) == ("KG001", 3, 21)
    assert finding.message == "the file is not UTF-8 text (byte 0xe4)"


def test_large_file_is_refused_by_its_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk

    def no_reading(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(LibraryError) as caught:
        read_yaml_file(big)
    assert caught.value.code == "KG001"
    assert caught.value.message == "the file is 50.0 MB; library files may be at most 10 MB"
    assert caught.value.where is not None
    assert caught.value.where.path == big


def test_large_file_in_a_library_is_one_finding(tmp_path: Path) -> None:
    root = _library_with(tmp_path, "clauses.yaml", b"")
    with (root / "big.yaml").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    _, findings = read_library([root])
    assert [(f.code, f.where.path and f.where.path.name, f.where.line) for f in findings][:1] == [
        ("KG001", "big.yaml", None)
    ]


def test_file_just_under_the_cap_still_loads(tmp_path: Path) -> None:
    padding = "#" + "x" * 1000 + "\n"
    text = "definitions: []\n" + padding * ((2 * 1024 * 1024) // len(padding))
    assert read_yaml_file(_write(tmp_path, "padded.yaml", text)).value == {"definitions": []}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- characters Word's XML cannot hold ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: b\nc: d\x1be\n", 2, 5, "a control character (U+001B)"),
        ('a: "b\\x07"\n', 1, 4, "a control character (U+0007)"),
        ('a: "\\0"\n', 1, 4, "a control character (U+0000)"),
        ('a: "\\uFFFE"\n', 1, 4, "a control character (U+FFFE)"),
        ("a: b\x85c\n", 1, 5, "a line separator (U+0085)"),
        ("a: b\u2028c\n", 1, 5, "a line separator (U+2028)"),
        ("a: b\n\ufeffc: d\n", 2, 1, "a byte order mark (U+FEFF)"),
        ("a: \ud800\n", 1, 4, "a control character (U+D800)"),
    ],
)
def test_characters_xml_cannot_hold(text: str, line: int, column: int, message: str) -> None:
    error = _parse_error(text)
    assert error.code == "KG001"
    assert (error.where and error.where.line, error.where and error.where.column) == (line, column)
    assert error.message == f"{message} cannot appear in a library file"


def test_nul_after_the_binary_sniff_is_located(tmp_path: Path) -> None:
    text = "definitions: []\n" + "# padding\n" * 1000 + "x: \x00\n"
    finding = _one(tmp_path, "late-nul.yaml", text.encode())
    assert (finding.code, finding.where.line, finding.where.column) == ("KG001", 1002, 4)


def test_crlf_line_ends_keep_line_numbers() -> None:
    error = _parse_error("a: 1\r\nb: 2\r\na: 3\r\n")
    assert (error.code, error.where and error.where.line) == ("KG004", 3)


# --- nesting -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 100_000 + "]" * 100_000, "a: " + "{b: " * 5_000 + "c" + "}" * 5_000],
    ids=["lists", "flow-mappings"],
)
def test_deep_nesting_is_refused_at_level_51(text: str) -> None:
    error = _parse_error(text)
    assert error.code == "KG005"
    assert error.message == "nesting deeper than 50 levels"


def test_deep_block_nesting_is_refused_with_its_line() -> None:
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(60)) + "  " * 60 + "v\n"
    error = _parse_error(text)
    assert (error.code, error.where and error.where.line) == ("KG005", 51)


# --- YAML 1.1 surprises never change a value silently ------------------------------------------


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("12:30", "12:30"),
        ("2024-01-31", "2024-01-31"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        (".inf", ".inf"),
        ("true", True),
        ("false", False),
        ("~", None),
        ("42", 42),
        ("0x1F", 31),
    ],
)
def test_plain_scalars_resolve_the_yaml_12_way(plain: str, expected: object) -> None:
    value = parse_yaml(f"a: {plain}\n", Path("x.yaml")).value["a"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1.10", "1.10"), ("0755", "0755"), ("1e3", "1e3"), ("true", "true")],
)
def test_number_where_text_is_needed_says_what_to_quote(
    tmp_path: Path, written: str, shown: str
) -> None:
    term = f"    term: {{sv: {written}, en: Term}}\n"
    text = "definitions:\n  - id: x\n" + term + "    text: {sv: T, en: T}\n"
    finding = _one(tmp_path, "numbers.yaml", text.encode())
    assert (finding.code, finding.where.line, finding.where.column) == ("KG105", 3, 16)
    assert finding.message.startswith(f"{shown} is read as ")
    assert finding.hint == f'write it in quotes: "{shown}"'


# --- clause texts are templates: the sandbox is never even reached -----------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ buyer_name.__class__.__mro__ }}", "attribute '__mro__' is not allowed"),
        ("{{ 'x' * 999999999 }}", "'*' is not allowed"),
        ("{{ 9 ** 9 ** 9 }}", "'**' is not allowed"),
        ("{{ buyer_name.center(999999999) }}", "a call is not allowed"),
        ("{% include '/etc/passwd' %}", "{% include %} is not allowed"),
        ("{% extends 'x' %}", "{% extends %} is not allowed"),
        ("{% macro m() %}{% endmacro %}", "{% macro %} is not allowed"),
        ("{% set x = 1 %}", "{% set %} is not allowed"),
        ("{{ buyer_name | center(999999999) }}", "filter 'center' is not allowed"),
    ],
)
def test_template_escapes_are_refused(tmp_path: Path, template: str, message: str) -> None:
    clauses = (MINIMAL / "clauses.yaml").read_text("utf-8")
    marked = clauses.replace("full rätt att använda", f"full rätt {template} att använda", 1)
    findings = _findings(tmp_path, "clauses.yaml", marked.encode())
    assert [(f.code, f.where.line) for f in findings if f.code == "KG303"][:1] == [("KG303", 8)]
    assert any(message in f.message for f in findings)


# --- through the command line: exit 1 and a located line, never a traceback --------------------


def test_cli_reports_hostile_files_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _library_with(tmp_path, "bomb.yaml", BOMB.encode())
    (root / "image.yaml").write_bytes(b"\x00\x01\x02")
    (root / "evil.yaml").write_text("a: !!python/object/apply:os.system ['true']\n")
    monkeypatch.chdir(root)

    result = CliRunner().invoke(app, ["validate", "."], catch_exceptions=False)

    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    assert lines == [
        "bomb.yaml:4:15: error KG003: YAML aliases (*a) are not allowed in a library; "
        "its anchor is at line 3",
        "evil.yaml:1:4: error KG003: YAML tag !!python/object/apply:os.system is not allowed "
        "in a library",
        "image.yaml:1:1: error KG001: the file is binary, not YAML text",
    ]
    assert "Traceback" not in result.output
