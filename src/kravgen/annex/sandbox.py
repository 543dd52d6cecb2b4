"""The Jinja2 sandbox every clause text and document template is rendered in.

Clause texts come from libraries kravgen does not control: the sandbox refuses unsafe
attribute access, and StrictUndefined makes a missing answer an error instead of an empty
string. `checks/placeholders.py` parses with Jinja's default syntax, the same as here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from kravgen.wording import group_digits


@lru_cache(maxsize=4)
def environment(lang: str = "sv") -> SandboxedEnvironment:
    """The sandboxed environment of a language (built once each; building costs more than
    rendering). A whole number prints with its thousands grouped as the language writes them,
    so `{{ penalty_sek }}` reads "10 000" in Swedish; comparisons still see the number."""

    def finalize(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return group_digits(value, lang)
        return value

    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, finalize=finalize
    )
