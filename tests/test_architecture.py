"""The layout keeps its shape (issue 9): no import cycle, stages import only what lies beneath
them, no function over 50 lines and no module over 450.

The import graph is read with ast from the source files, imports inside functions included,
so a cycle cannot hide behind a late import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "kravgen"
MAX_FUNCTION_LINES = 50
MAX_MODULE_LINES = 450

# Layers from the bottom up; a module may import its own layer's package (siblings) and any
# layer beneath it, never one above. Keys are module names or package prefixes ("pkg.").
LAYERS: tuple[tuple[str, ...], ...] = (
    ("kravgen", "kravgen.errors", "kravgen.wording", "kravgen.model"),
    ("kravgen.conditions", "kravgen.values"),
    ("kravgen.resources",),
    ("kravgen.checks.answerspace",),
    ("kravgen.checks.",),
    ("kravgen.library.",),
    ("kravgen.questions",),
    ("kravgen.selection",),
    ("kravgen.prompt",),
    ("kravgen.annex.",),
    ("kravgen.report", "kravgen.outputs", "kravgen.explanation", "kravgen.session_report"),
    ("kravgen.evaluate.",),
    ("kravgen.commands",),
    ("kravgen.cli",),
    ("kravgen.__main__",),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every kravgen module the file imports, at any depth of the code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from kravgen.checks import answerspace` imports a module, not only a name.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, known) - {name} for name, path in modules.items()}


def _layer(module: str) -> int:
    best, best_len = -1, -1
    for rank, keys in enumerate(LAYERS):
        for key in keys:
            hit = module.startswith(key) or module == key.rstrip(".")
            if hit and len(key) > best_len:
                best, best_len = rank, len(key)
    assert best >= 0, f"{module} has no layer in tests/test_architecture.py: add it"
    return best


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a list of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_stages_import_only_what_lies_beneath_them() -> None:
    violations = []
    for module, targets in _graph().items():
        for target in targets:
            if target == "kravgen":  # __version__
                continue
            same_package = _layer(target) == _layer(module) and (
                target.rsplit(".", 1)[0] == module.rsplit(".", 1)[0]
                or target.startswith(module + ".")
            )
            if _layer(target) > _layer(module) or (
                _layer(target) == _layer(module) and not same_package
            ):
                violations.append(f"{module} imports {target}")
    assert violations == []


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("kravgen.checks.", ("kravgen.library", "kravgen.annex", "kravgen.questions")),
        ("kravgen.library.", ("kravgen.annex", "kravgen.questions", "kravgen.selection")),
        ("kravgen.annex.", ("kravgen.commands", "kravgen.cli", "kravgen.prompt")),
        ("kravgen.annex.", ("kravgen.evaluate",)),
        ("kravgen.evaluate.", ("kravgen.commands", "kravgen.cli", "kravgen.prompt")),
    ],
)
def test_named_boundaries_hold(module: str, forbidden: tuple[str, ...]) -> None:
    """The boundaries a reader relies on, spelt out (the layer table implies them)."""
    bad = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        if name.startswith(module) or name == module.rstrip(".")
        for target in targets
        if target.startswith(forbidden)
    ]
    assert bad == []


def test_every_import_inside_a_function_says_why() -> None:
    """Late imports exist only for start-up speed, and say so with a `# late:` comment on the
    line or just above it (for a group of imports, above the first)."""
    unmarked = []
    for name, path in _modules().items():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Import | ast.ImportFrom):
                    continue
                above = [lines[i].strip() for i in range(inner.lineno - 2, inner.lineno - 5, -1)]
                group = [line for line in above if line]  # the lines of its import group
                marked = "# late:" in lines[inner.lineno - 1] or any(
                    line.startswith("# late:") for line in group[:3]
                )
                if not marked:
                    unmarked.append(f"{name}:{inner.lineno}")
    assert unmarked == []


def test_no_module_over_450_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_over_50_lines() -> None:
    long = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []
