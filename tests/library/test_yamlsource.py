"""The located YAML reader: values, where each came from, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kravgen.errors import LibraryError, SourceLocation
from kravgen.library import yamlsource
from kravgen.library.yamlsource import YamlDocument, decode_text, parse_yaml, read_yaml_file

DOC = """\
clauses:
  - id: KG-1-01
    title: {sv: Åtkomst, en: Access}
    text:
      sv: |
        Rad ett
        rad två {{ x }}
    version: 2
    tags: [a, "1.10", 1.10]
"""


def _parse(text: str) -> YamlDocument:
    return parse_yaml(text, Path("f.yaml"))


def _error(text: str) -> LibraryError:
    with pytest.raises(LibraryError) as caught:
        _parse(text)
    return caught.value


def test_values_keep_yaml_12_types() -> None:
    assert _parse(DOC).value == {
        "clauses": [
            {
                "id": "KG-1-01",
                "title": {"sv": "Åtkomst", "en": "Access"},
                "text": {"sv": "Rad ett\nrad två {{ x }}\n"},
                "version": 2,
                "tags": ["a", "1.10", 1.1],
            }
        ]
    }


def test_every_value_and_key_is_located() -> None:
    doc = _parse(DOC)
    assert doc.marks[("clauses", 0)] == (2, 5)
    assert doc.marks[("clauses", 0, "title", "en")] == (3, 30)  # columns count characters
    assert doc.key_marks[("clauses", 0, "version")] == (8, 5)
    assert doc.marks[("clauses", 0, "tags", 2)] == (9, 23)
    assert doc.where(("clauses", 0, "text", "sv")) == SourceLocation(Path("f.yaml"), 5, 11)
    assert doc.where(("clauses", 0, "version"), key=True) == SourceLocation(Path("f.yaml"), 8, 5)


def test_where_falls_back_to_the_closest_parent() -> None:
    doc = _parse(DOC)
    assert doc.where(("clauses", 0, "missing", "deeper")) == SourceLocation(Path("f.yaml"), 2, 5)
    assert doc.where(("nothing",)) == SourceLocation(Path("f.yaml"), 1, 1)


def test_block_scalars_and_plain_numbers_are_remembered() -> None:
    doc = _parse(DOC)
    assert doc.block_scalars == {("clauses", 0, "text", "sv")}
    assert doc.plain_text == {("clauses", 0, "version"): "2", ("clauses", 0, "tags", 2): "1.10"}


def test_explicit_str_tag_keeps_text() -> None:
    assert _parse("a: !!str 1.10\nb: ! 5\n").value == {"a": "1.10", "b": "5"}


def test_str_tag_on_a_mapping_is_refused() -> None:
    error = _error("a: !!str {b: c}\n")
    assert (error.code, error.message) == ("KG003", "YAML tag !!str is not allowed in a library")


def test_unused_anchor_is_refused_at_the_anchor() -> None:
    error = _error("a: 1\nb: &x 2\n")
    assert (error.code, error.where) == ("KG003", SourceLocation(Path("f.yaml"), 2, 4))
    assert error.message == "YAML anchors (&x) are not allowed in a library"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first at line 1)"),
        ("x: {a: 1, a: 2}\n", "duplicate key 'a' (first at column 5)"),
        ("x:\n  1: a\n  '1': b\n", "duplicate key '1' (first at line 2)"),
    ],
)
def test_duplicate_keys(text: str, message: str) -> None:
    error = _error(text)
    assert (error.code, error.message) == ("KG004", message)


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        (
            "a:\n  b: 1\n  c 2\n  d: 3\n",
            (3, 3),
            "a key needs ': ' after it, as in 'type: ska-krav'",
        ),
        ("a:\n\tb: 1\n", (2, 1), "indent with spaces; YAML does not allow tabs here"),
        ("a: b: c\n", (1, 5), "put text that holds ': ' in quotes"),
        ("a: @x\n", (1, 4), "put text that starts with '@' in quotes"),
        (
            "a: [1, 2\nb: 3\n",
            (2, 2),
            "close the list with ']' or the mapping with '}', or quote text holding ',' or ':'",
        ),
    ],
)
def test_syntax_errors_are_located_with_a_hint(
    text: str, where: tuple[int, int], hint: str
) -> None:
    error = _error(text)
    assert error.code == "KG002"
    assert error.message.startswith("YAML syntax error: ")
    assert (error.where and error.where.line, error.where and error.where.column) == where
    assert error.hint == hint


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n...\n"])
def test_empty_document_is_none(text: str) -> None:
    assert _parse(text).value is None


def test_leading_byte_order_mark_is_fine() -> None:
    assert decode_text("\ufeffa: 1\n".encode(), Path("f.yaml")) == "\ufeffa: 1\n"
    assert _parse("\ufeffa: 1\n").value == {"a": 1}


def test_unreadable_path_is_kg001(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as caught:
        read_yaml_file(tmp_path / "missing.yaml")
    assert caught.value.code == "KG001"
    assert caught.value.message.startswith("cannot read the file: ")


def test_pure_python_parser_gives_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml is optional in PyYAML; without it the pure-Python parser must agree exactly.
    fast = _parse(DOC)
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    slow = _parse(DOC)
    assert (slow.value, slow.marks, slow.key_marks) == (fast.value, fast.marks, fast.key_marks)
    assert (slow.plain_text, slow.block_scalars) == (fast.plain_text, fast.block_scalars)
