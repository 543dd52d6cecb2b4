"""The Jinja2 sandbox every clause text and document template is rendered in.

Clause texts come from libraries kravgen does not control: the sandbox refuses unsafe
attribute access, and StrictUndefined makes a missing answer an error instead of an empty
string. `checks/placeholders.py` parses with Jinja's default syntax, the same as here.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment (built once; building it costs more than rendering)."""
    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
