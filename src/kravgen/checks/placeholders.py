"""Static checks of the Jinja2 placeholders in clause texts (parsing only, no rendering).

Clause texts come from untrusted libraries, so besides names this allows only the constructs a
text needs to fill in values: `{{ name }}`, `label.NAME`, a short list of filters and
`{% if %}`. Calls, `*`, `**` and `%` are refused because the sandbox does not bound what they
cost (`{{ 'x' * 10**9 }}`), and template inheritance or includes would reach other files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment, TemplateSyntaxError, nodes

from kravgen.checks.answerspace import LibraryIndex, can_lack_answer
from kravgen.checks.references import shown_texts
from kravgen.errors import Finding, SourceLocation
from kravgen.model import Clause, Library, Localized

DOCUMENT_FIELDS = frozenset({"lang", "library_name", "library_version", "label"})
RENDERED_FIELDS = ("text", "evaluation", "verification", "response.describe", "response.price")
ALLOWED_FILTERS = frozenset(
    {
        "default",
        "d",
        "upper",
        "lower",
        "capitalize",
        "title",
        "trim",
        "join",
        "first",
        "last",
        "length",
        "count",
        "sort",
        "unique",
        "list",
        "int",
        "round",
        "abs",
        "string",
        "min",
        "max",
        "sum",
        "reverse",
    }
)
# Statements a clause text may hold; every other statement is KG303.
_ALLOWED_STATEMENTS = (nodes.Output, nodes.If)
_UNBOUNDED: dict[type[nodes.Node], tuple[str, str | None]] = {
    nodes.Call: ("a call", None),
    nodes.Mul: ("'*'", "*"),
    nodes.Pow: ("'**'", "**"),
    nodes.Mod: ("'%'", "%"),
}
# The word that starts a statement whose node class has another name.
_KEYWORDS: dict[type[nodes.Node], str] = {
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.ExprStmt: "do",
    nodes.FromImport: "from",
}
_GUARDS = frozenset({"default", "d"})
_GUARD_TESTS = frozenset({"defined", "undefined", "none"})
_N = TypeVar("_N", bound=nodes.Node)


@lru_cache(maxsize=1)
def _parser() -> Environment:
    """Jinja's parser with the syntax the annex renders with (annex/sandbox.py): default
    delimiters. Parsing runs no template code, so it needs no sandbox."""
    return Environment()


@dataclass(frozen=True, slots=True)
class Use:
    """A name the context must supply: a question id, a document field or `label.QUESTION`."""

    name: str
    lineno: int
    guarded: bool  # under `default` or `is defined`: an unanswered question is fine
    label: bool = False  # label.NAME rather than NAME


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    lineno: int
    hint: str | None = None
    needle: str | None = None  # text to look for on the line, for the column


@dataclass(frozen=True, slots=True)
class ParsedText:
    uses: tuple[Use, ...] = ()
    problems: tuple[Problem, ...] = ()


_NOTHING = ParsedText()


def rendered_texts(clause: Clause) -> Iterator[tuple[str, str, str]]:
    """(field, lang, template) for every field kravgen renders."""
    for name in RENDERED_FIELDS:
        value: Localized | None
        if name.startswith("response."):
            value = getattr(clause.response, name.split(".")[1])
        else:
            value = getattr(clause, name)
        for lang, text in (value or {}).items():
            yield name, lang, text


def parse_text(text: str) -> ParsedText:
    """The names one template uses and what is wrong with it; texts without '{' are plain."""
    if "{" not in text:
        return _NOTHING
    return _parse_cached(text)


@lru_cache(maxsize=65_536)
def _parse_cached(text: str) -> ParsedText:
    try:
        tree = _parser().parse(text)
    except TemplateSyntaxError as exc:
        problem = Problem(
            "KG301",
            f"placeholder syntax: {exc.message}",
            exc.lineno,
            "placeholders look like {{ name }}",
        )
        return ParsedText((), (problem,))
    # One walk of the tree; each question below filters its nodes, in the same order.
    found = list(tree.find_all(nodes.Node))
    return ParsedText(tuple(_uses(found)), tuple(_problems(found)))


def _of(found: list[nodes.Node], kind: type[_N] | tuple[type[_N], ...]) -> list[_N]:
    """The nodes of one kind (or kinds), in the order of the tree: what `find_all` gives."""
    return [node for node in found if isinstance(node, kind)]


def _uses(found: list[nodes.Node]) -> Iterator[Use]:
    # Every loaded name must come from the context: the statements that declare names (set,
    # for, macro, with) are refused (KG303). jinja2.meta.find_undeclared_variables is not used
    # because it compiles the template, and compiling folds constants: `'x' * 10**9` would
    # build a gigabyte string inside `validate`.
    names = _of(found, nodes.Name)
    undeclared = {n.name for n in names if n.ctx == "load"}
    guarded = {
        node.node.name
        for node in _of(found, (nodes.Filter, nodes.Test))
        if isinstance(node.node, nodes.Name)
        and (node.name in _GUARDS if isinstance(node, nodes.Filter) else node.name in _GUARD_TESTS)
    }
    seen: set[str] = set()
    for name_node in names:
        name = name_node.name
        if name in undeclared and name != "label" and name not in seen:
            seen.add(name)
            yield Use(name, name_node.lineno, name in guarded)
    if "label" not in undeclared:
        return  # no label.NAME in this text
    for target, attr, lineno in _lookups(found):
        is_label = isinstance(target, nodes.Name) and target.name == "label"
        if is_label and attr is not None and f"label.{attr}" not in seen:
            seen.add(f"label.{attr}")
            yield Use(attr, lineno, False, label=True)


def _lookups(found: list[nodes.Node]) -> Iterator[tuple[nodes.Expr, str | None, int]]:
    """(the looked-up object, the attribute or key if constant, line) of `a.b` and `a['b']`."""
    for getattr_node in _of(found, nodes.Getattr):
        yield getattr_node.node, getattr_node.attr, getattr_node.lineno
    for item in _of(found, nodes.Getitem):
        key = item.arg.value if isinstance(item.arg, nodes.Const) else None
        yield item.node, key if isinstance(key, str) else None, item.lineno


def _problems(found: list[nodes.Node]) -> Iterator[Problem]:
    hint = "clause texts may use {{ name }}, label.NAME, simple filters and {% if %}"
    for stmt in _of(found, nodes.Stmt):
        if not isinstance(stmt, _ALLOWED_STATEMENTS):
            word = _KEYWORDS.get(type(stmt), type(stmt).__name__.lower())
            yield Problem("KG303", f"{{% {word} %}} is not allowed", stmt.lineno, hint, word)
    for kind, (what, needle) in _UNBOUNDED.items():
        for node in _of(found, kind):
            yield Problem("KG303", f"{what} is not allowed", node.lineno, hint, needle)
    yield from _surviving_markup(found)
    for _, attr, lineno in _lookups(found):
        if attr is not None and attr.startswith("_"):
            message = f"attribute {attr!r} is not allowed"
            yield Problem("KG303", message, lineno, "names starting with _ are private", attr)
    yield from _filter_problems(found)


def _surviving_markup(found: list[nodes.Node]) -> Iterator[Problem]:
    """'{{' or '{%' that filling in leaves in the text ({% raw %}, a quoted '{{'), which
    `kravgen new` then refuses (issue 15, point 8)."""
    hint = "a clause text may not print '{{' or '{%'"
    for node in _of(found, (nodes.TemplateData, nodes.Const)):
        # Both node classes keep their text in an attribute jinja2 declares only at run time.
        is_data = isinstance(node, nodes.TemplateData)
        value = getattr(node, "data" if is_data else "value", None)
        if isinstance(value, str) and ("{{" in value or "{%" in value):
            needle = "raw" if is_data else None
            yield Problem(
                "KG303",
                "the filled-in text would still hold '{{' or '{%'",
                node.lineno,
                hint,
                needle,
            )


def _filter_problems(found: list[nodes.Node]) -> Iterator[Problem]:
    env = _parser()
    for node in _of(found, nodes.Filter):
        hint = "allowed filters: " + ", ".join(sorted(ALLOWED_FILTERS))
        if node.name not in env.filters:
            yield Problem("KG301", f"no filter named {node.name!r}", node.lineno, hint, node.name)
        elif node.name not in ALLOWED_FILTERS:
            yield Problem(
                "KG303", f"filter {node.name!r} is not allowed", node.lineno, hint, node.name
            )
    for test in _of(found, nodes.Test):
        if test.name not in env.tests:
            yield Problem("KG301", f"no test named {test.name!r}", test.lineno, None, test.name)


def clause_placeholders(clause: Clause) -> set[str]:
    """Every question id or document field the clause's texts use (label.X counts as X)."""
    return {use.name for _, _, text in rendered_texts(clause) for use in parse_text(text).uses}


def placeholder_names(library: Library) -> set[str]:
    names: set[str] = set()
    for clause in library.clauses:
        names |= clause_placeholders(clause)
    return names


class SourceLines:
    """Source lines, read again to put a column on a placeholder finding: the model keeps
    where a text starts, not where each placeholder in it is."""

    def __init__(self) -> None:
        self._files: dict[Path, list[str]] = {}

    def find(self, start: SourceLocation, needle: str, search: int) -> SourceLocation:
        """The first `needle` at or after `start` within `search` lines; else `start`."""
        if start.path is None or start.line is None:
            return start
        for probe in range(start.line, start.line + search):
            source = self.get(start.path, probe)
            if source is None:
                break
            column = source.find(needle, (start.column or 1) - 1 if probe == start.line else 0)
            if column >= 0:
                return SourceLocation(start.path, probe, column + 1)
        return start

    def get(self, path: Path, line: int) -> str | None:
        if path not in self._files:
            try:
                self._files[path] = path.read_text("utf-8", "replace").splitlines()
            except OSError:
                self._files[path] = []
        lines = self._files[path]
        return lines[line - 1] if 0 < line <= len(lines) else None


# How far to look for a placeholder in a text whose lines YAML joined (plain, quoted, folded).
_SEARCH_LINES = 40


def _locate(
    clause: Clause, key: str, lineno: int, needle: str | None, lines: SourceLines
) -> SourceLocation:
    """Where in the file line `lineno` of a clause text (and `needle` on it) was written."""
    start = clause.at(key)
    if start.path is None or start.line is None:
        return start
    # library.py sets the offset to the indicator's line for block scalars (| and >), whose
    # text starts on the next line, and to the line before for texts that start on their own.
    block = clause.text_line_offsets.get(key) == start.line
    first = start.line + lineno if block else start.line
    # Without a needle (a syntax error), point at the first tag on the line, else its text.
    patterns = (
        [re.compile(r"\{[{%][^}]*?(?<![\w*])(?P<at>" + re.escape(needle) + r")(?![\w*])")]
        if needle
        else [re.compile(r"(?P<at>\{[{%#])"), re.compile(r"(?P<at>\S)")]
    )
    for pattern in patterns:
        for probe in range(first, first + _SEARCH_LINES):
            source = lines.get(start.path, probe)
            if source is None:
                break
            begin = (start.column or 1) - 1 if probe == start.line else 0
            found = pattern.search(source, begin)
            if found is not None:
                return SourceLocation(start.path, probe, found.start("at") + 1)
    return SourceLocation(start.path, first, start.column if first == start.line else None)


def check_placeholders(library: Library, index: LibraryIndex) -> list[Finding]:
    """KG301-KG304: every placeholder parses, is allowed, is supplied, and has a value."""
    questions = {q.id: q for q in library.questions}
    known = set(questions) | DOCUMENT_FIELDS
    lines = SourceLines()
    findings = []
    for clause in library.clauses:
        missing: dict[str, tuple[str, int]] = {}
        for name, lang, text in rendered_texts(clause):
            key = f"{name}.{lang}"
            parsed = parse_text(text)
            for problem in parsed.problems:
                where = _locate(clause, key, problem.lineno, problem.needle, lines)
                message = f"{clause.id}: {problem.message} in {key}"
                findings.append(Finding(problem.code, message, where, problem.hint))
            for use in parsed.uses:
                if use.name not in known:
                    where = _locate(clause, key, use.lineno, use.name, lines)
                    findings.append(_unknown(clause, key, use, known, where))
                elif use.name in questions and not use.guarded:
                    missing.setdefault(use.name, (key, use.lineno))
        findings += _unanswered(index, clause, missing, lines)
    return findings


def _unknown(clause: Clause, key: str, use: Use, known: set[str], where: SourceLocation) -> Finding:

    shown = f"label.{use.name}" if use.label else use.name
    close = difflib.get_close_matches(use.name, sorted(known), n=1)
    return Finding(
        "KG302",
        f"{clause.id}: placeholder {shown!r} in {key} is not a question or document field",
        where,
        f"did you mean {close[0]!r}?" if close else "add a question with this id",
    )


def _unanswered(
    index: LibraryIndex, clause: Clause, uses: dict[str, tuple[str, int]], lines: SourceLines
) -> list[Finding]:
    """KG304: a placeholder whose question can be unanswered when the clause is selected
    makes `kravgen new` fail, since undefined names are errors."""
    findings = []
    for name, (key, lineno) in uses.items():
        question = index.questions.get(name)
        if question is None or not can_lack_answer(index, clause.when, question):
            continue
        guard = f"or write {{{{ {name} | default('...') }}}}"
        if question.when is not None:
            hint = f"select the clause only when {name} is asked, {guard}"
        else:
            hint = f"give {name} a default or make it required, {guard}"
        message = (
            f"{clause.id}: {{{{ {name} }}}} in {key} has no value when the clause is selected "
            f"and {name} is not answered"
        )
        where = _locate(clause, key, lineno, name, lines)
        findings.append(Finding("KG304", message, where, hint))
    return findings


# Clause fields that are filled in by Jinja2; check_placeholders checks those.
_FILLED_IN = frozenset(RENDERED_FIELDS)
# How far below where a text starts to look for the '{{' a finding points at.
_MARKUP_SEARCH_LINES = 200


def check_shown_markup(library: Library) -> list[Finding]:
    """KG303: '{{' in a text that is shown as written (a title, a motive, an option label).

    `kravgen new` refuses any document that still holds '{{'; only the clause texts it fills
    in may hold placeholders, so in every other text the markup is reported here, where it
    was written (issue 15, point 8).
    """
    lines = SourceLines()
    findings = []
    for text, record, name, what in shown_texts(library):
        if isinstance(record, Clause) and name in _FILLED_IN:
            continue
        for lang, value in text.items():
            if "{{" not in value:
                continue
            findings.append(
                Finding(
                    "KG303",
                    f"{what}.{lang} holds '{{{{', which no document may keep",
                    lines.find(record.at(f"{name}.{lang}"), "{{", _MARKUP_SEARCH_LINES),
                    "placeholders are filled in only in a clause's text, evaluation, "
                    "verification and response texts; write the text without '{{'",
                )
            )
    return findings
