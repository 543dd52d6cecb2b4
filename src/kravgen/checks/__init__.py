"""The semantic checks of `kravgen validate`: one module per family of codes.

The entry point is `check_library`; `answerspace` beneath the checks answers pure questions
about the space of answers (can a question hold a value, can it lack an answer).
"""

from __future__ import annotations

from kravgen.checks.rules import check_library

__all__ = ["check_library"]
