"""Property tests of the loader: any text either loads or gives located errors, nothing else."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kravgen.errors import Finding, LibraryError
from kravgen.library import read_library
from kravgen.library.yamlsource import YamlDocument, parse_yaml, read_yaml_file

MINIMAL = Path(__file__).resolve().parents[1] / "libraries" / "valid" / "minimal"
SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML syntax, so generated text often gets deep into the parser.
TOKENS = [
    "\n", "\n  ", "\n    ", "\n- ", "  - ", "- ", ": ", ":", "? ", ", ", "[", "]", "{", "}",
    "'", '"', "|", "|-", ">", "#", "&a ", "*a", "!!str ", "!!python/object ", "!x ", "---\n",
    "...\n", "%YAML 1.2\n", "\\", "\\x07", "\t", "id", "text", "sv", "en", "clauses",
    "questions", "library", "when", "KG-1-01", "1.10", "NO", "12:30", "~", "true", "0x1F",
    "{{ x }}", "{% if a %}", "é", "\u2028", "\x00", "\ufeff", "\r\n",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
any_text = st.text(max_size=200)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
KEYS = ["id", "version", "type", "area", "title", "text", "sv", "en", "when", "options", "x"]
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)
library_files = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        ("clauses", "questions", "areas", "references", "definitions", "overrides"), documents
    ),
)


def _outcome(text: str) -> YamlDocument | LibraryError:
    try:
        return parse_yaml(text, Path("any.yaml"))
    except LibraryError as error:
        return error


def _parses_or_is_located(text: str) -> None:
    outcome = _outcome(text)
    if isinstance(outcome, YamlDocument):
        return
    assert outcome.code in ("KG001", "KG002", "KG003", "KG004", "KG005")
    where = outcome.where
    assert where is not None
    assert where.path == Path("any.yaml")
    assert where.line is not None
    assert where.line >= 1
    assert where.column is not None
    assert where.column >= 1


def _library_findings(name: str, content: str) -> list[Finding]:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "lib"
        shutil.copytree(MINIMAL, root)
        (root / name).write_text(content, encoding="utf-8", errors="surrogatepass")
        library, findings = read_library([root])
        if not any(f.is_error for f in findings):
            assert library is not None
        for finding in findings:
            assert finding.where.path is not None
            assert finding.code.startswith("KG")
            if finding.where.path.name == name:
                assert finding.where.line is not None
        return findings


@SETTINGS
@given(any_text)
def test_any_text_parses_or_gives_a_located_error(text: str) -> None:
    _parses_or_is_located(text)


@SETTINGS
@given(yamlish)
def test_yaml_like_text_parses_or_gives_a_located_error(text: str) -> None:
    _parses_or_is_located(text)


@settings(deadline=None, max_examples=60)
@given(st.one_of(yamlish, any_text))
def test_any_file_in_a_library_gives_located_findings(text: str) -> None:
    _library_findings("extra.yaml", text)


@settings(deadline=None, max_examples=60)
@given(library_files)
def test_library_shaped_data_gives_located_findings(data: dict[str, Any]) -> None:
    _library_findings("extra.yaml", yaml.safe_dump(data, allow_unicode=True))


@settings(deadline=None, max_examples=60)
@given(st.dictionaries(st.text(max_size=10), scalars, max_size=6))
def test_loaded_values_are_what_was_written(data: dict[str, Any]) -> None:
    # Text that PyYAML dumps and kravgen reads back is the same text: no YAML 1.1 surprises.
    text = yaml.safe_dump(data, allow_unicode=True)
    outcome = _outcome(text)
    if isinstance(outcome, LibraryError):
        assert outcome.code == "KG001"  # a control character PyYAML wrote as an escape
        return
    loaded = outcome.value
    for key, value in data.items():
        if isinstance(value, str):
            assert loaded[key] == value


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested data where a value sits."""
    found = [prefix] if prefix else []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        found += _paths(item, (*prefix, key))
    return found


MINIMAL_DATA = {p.name: read_yaml_file(p).value for p in sorted(MINIMAL.glob("*.yaml"))}
PLACES = [(name, path) for name, data in MINIMAL_DATA.items() for path in _paths(data)]


@settings(deadline=None, max_examples=150)
@given(st.sampled_from(PLACES), documents)
def test_one_changed_value_in_a_valid_library_gives_located_findings(
    place: tuple[str, tuple[Any, ...]], value: Any
) -> None:
    # Past the schema, the semantic checks see odd but well-typed libraries too.
    name, path = place
    data = yaml.safe_load(yaml.safe_dump(MINIMAL_DATA[name]))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    _library_findings(name, yaml.safe_dump(data, allow_unicode=True))
