"""The Jinja2 sandbox every clause text and document template is rendered in, and whose every
expression ends quickly, within bounded memory.

Clause texts come from libraries kravgen does not control: the sandbox refuses unsafe
attribute access, and StrictUndefined makes a missing answer an error instead of an empty
string. `checks/placeholders.py` parses with Jinja's default syntax, the same as here.

Jinja2's SandboxedEnvironment keeps templates away from Python internals but not from
unbounded work: `{{ 'x' * 300000000 }}`, `{{ 10 ** 5000 }}`, nested `range(100000)` loops and
`s|list|join(s|list|join(s))` each ran for seconds to minutes and gigabytes (issue 15, point
10). Here every way a text can grow or a loop can run is bounded:

- `+`, `*`, `**` are checked before they run; `%` formats no strings;
- joins (`~`, the `join` filter, the output of a template, a macro or a block) stop at
  MAX_TEXT characters;
- loop iterations over one render share a budget of MAX_LOOP_STEPS, and a render stops after
  MAX_SECONDS (a backstop; no ordinary text comes near it);
- only a short list of callables may be called: macros, `range`, `dict`, the loop helpers, and
  string and mapping methods that cannot grow a value;
- filters that pad or replace to any size (`center`, `indent`, `format`, `replace`) and the
  random ones are left out, and `{% include %}` and friends find no templates.

Clause texts are held to far less by `checks/placeholders.py` (no calls, no loops, no `*`);
this bounds the organisation's own template texts and whatever a clause text still can do.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import sync_do_join
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Cycler, Joiner, Namespace, pass_environment

from kravgen.wording import group_digits

MAX_TEXT = 200_000  # characters in any string a template builds
MAX_LOOP_STEPS = 100_000  # loop iterations in one render
MAX_INT_BITS = 4_096  # about 1,200 decimal digits
MAX_SECONDS = 5.0

_LEFT_OUT_FILTERS = ("center", "indent", "format", "replace", "random", "shuffle", "wordwrap")
_SAFE_METHODS = frozenset(
    {
        "upper",
        "lower",
        "strip",
        "lstrip",
        "rstrip",
        "title",
        "capitalize",
        "startswith",
        "endswith",
        "split",
        "splitlines",
        "count",
        "find",
        "isdigit",
        "isalpha",
        "items",
        "keys",
        "values",
        "get",
        "cycle",
        "changed",
        "next",
        "reset",
        "current",
    }
)


@dataclass(slots=True)
class _Budget:
    steps: int
    deadline: float


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "kravgen_sandbox_budget", default=None
)


@contextlib.contextmanager
def bounded_work() -> Iterator[None]:
    """One budget of loop steps and time for everything rendered inside the block (an annex);
    nested blocks share the outer one."""
    if _budget.get() is not None:
        yield
        return
    token = _budget.set(_Budget(MAX_LOOP_STEPS, time.monotonic() + MAX_SECONDS))
    try:
        yield
    finally:
        _budget.reset(token)


def _spend(steps: int = 1) -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget.steps -= steps
    if budget.steps < 0:
        raise SecurityError(f"the template loops more than {MAX_LOOP_STEPS:,} times in all")
    if budget.steps % 256 == 0 and time.monotonic() > budget.deadline:
        raise SecurityError(f"the template takes more than {MAX_SECONDS:g} seconds")


def _loop_steps(iterable: Iterable[Any]) -> Iterator[Any]:
    """What every `{% for %}` iterates over: the iterable, paid for step by step."""
    for item in iterable:
        _spend()
        yield item


def _too_long(size: int) -> SecurityError:
    return SecurityError(
        f"the template builds a text of {size:,} characters (at most {MAX_TEXT:,})"
    )


def bounded_concat(pieces: Iterable[Any]) -> str:
    """`"".join`, refusing to build more than MAX_TEXT characters."""
    kept = []
    size = 0
    for piece in pieces:
        text = piece if isinstance(piece, str) else str(piece)
        size += len(text)
        if size > MAX_TEXT:
            raise _too_long(size)
        kept.append(text)
    return "".join(kept)


def _bounded_join(
    environment: Any, value: Iterable[Any], d: str = "", attribute: Any = None
) -> str:
    items = [str(item) for item in value]
    size = sum(map(len, items)) + len(str(d)) * max(len(items) - 1, 0)
    if size > MAX_TEXT:
        raise _too_long(size)
    return str(sync_do_join(environment, items, d, attribute))


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _int_bits(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return abs(value).bit_length()


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "%" and isinstance(left, str):
        raise SecurityError("'%' may not format text in a template")
    if operator == "+":
        first, second = _size(left), _size(right)
        if first is not None and second is not None and first + second > MAX_TEXT:
            raise _too_long(first + second)
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            length = _size(seq)
            if length is not None and isinstance(times, int) and length * times > MAX_TEXT:
                raise _too_long(length * times)
        bits = (_int_bits(left), _int_bits(right))
        if bits[0] is not None and bits[1] is not None and bits[0] + bits[1] > MAX_INT_BITS:
            raise SecurityError(f"the template builds a number of more than {MAX_INT_BITS} bits")
    elif operator == "**":
        base, power = _int_bits(left), right
        grows = base is not None and base > 1 and isinstance(power, int | float)
        if grows and power * (base - 1) > MAX_INT_BITS:  # type: ignore[operator]
            raise SecurityError(f"the template builds a number of more than {MAX_INT_BITS} bits")


class _NoTemplates(BaseLoader):
    """Template texts stand alone: `{% include %}`, `{% import %}` and `{% extends %}` find
    nothing, with a message that says so instead of an internal error."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateNotFound(
            template, f"{template!r}: a template text cannot include or import other files"
        )


class _BoundedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # `a ~ b` joins through the environment's bounded concat instead of runtime.str_join.
        self.write("environment.concat(map(str, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox every kravgen text is rendered in."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(bounded_concat)

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            loader=_NoTemplates(),
        )
        for name in _LEFT_OUT_FILTERS:
            self.filters.pop(name, None)
        self.filters["join"] = pass_environment(_bounded_join)
        self.globals.pop("lipsum", None)
        self.globals["range"] = safe_range
        self.globals["_kravgen_loop_steps"] = _loop_steps

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not _may_call(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(f"a template may not call {name}")
        return super().call(__context, __obj, *args, **kwargs)

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        # Every loop iterates through _loop_steps, which pays for each step.
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.Name("_kravgen_loop_steps", "load"), [loop.iter], [], None, None
            )
        return super()._generate(source, *args, **kwargs)


def _may_call(obj: Any) -> bool:
    if isinstance(obj, Macro | Joiner) or any(
        obj is allowed for allowed in (safe_range, dict, _loop_steps, Cycler, Joiner, Namespace)
    ):
        return True
    owner = getattr(obj, "__self__", None)
    if owner is None or getattr(obj, "__name__", "") not in _SAFE_METHODS:
        return False
    return isinstance(owner, str | dict | LoopContext | Cycler | Joiner | Namespace)


_MARKUP = ("{{", "{%", "{#", "\r")


def holds_markup(text: str) -> bool:
    """Whether Jinja could render `text` as anything but itself: it opens an expression, a
    statement or a comment in the default syntax, or holds a carriage return Jinja would turn
    into a newline. Most clause texts hold none, and compiling one costs about a millisecond."""
    return any(marker in text for marker in _MARKUP)


@lru_cache(maxsize=4)
def environment(lang: str = "sv") -> BoundedSandbox:
    """The sandboxed environment of a language (built once each; building costs more than
    rendering). A whole number prints with its thousands grouped as the language writes them,
    so `{{ penalty_sek }}` reads "10 000" in Swedish; comparisons still see the number."""

    def finalize(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return group_digits(value, lang)
        return value

    sandbox = BoundedSandbox()
    sandbox.finalize = finalize  # read when a template is compiled, so set before any is
    return sandbox
