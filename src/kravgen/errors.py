"""The error family, locations, exit codes and finding codes (a finding's severity follows
from its code)."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

CODES: dict[str, str] = {
    "KG001": "The file cannot be read as text (size, encoding, binary data, control characters)",
    "KG002": "YAML syntax error",
    "KG003": "YAML feature not allowed in a library (anchors, aliases, tags, several documents)",
    "KG004": "Duplicate key in a mapping",
    "KG005": "Nesting too deep",
    "KG101": "Wrong type of value",
    "KG102": "Required field missing",
    "KG103": "Unknown key",
    "KG104": "Invalid value (form, allowed values, range, condition syntax)",
    "KG105": "A number or true/false where text is needed: quote it",
    "KG106": "Manifest missing, repeated, or library directory empty",
    "KG201": "Duplicate id",
    "KG202": "Condition names an unknown question",
    "KG203": "Condition tests a value the question can never have",
    "KG204": "Unknown source or legal reference",
    "KG205": "Unknown area, section or definition",
    "KG206": "`replaces`, an override or a checklist item names an unknown clause or item",
    "KG207": "Question options, default or limits do not fit its type",
    "KG208": "Question condition depends on a question not asked before it",
    "KG209": "Reference of the wrong kind (sources take recommendations, legal_refs take laws)",
    "KG210": "A clause lists an unknown principle",
    "KG301": "Placeholder syntax error",
    "KG302": "Placeholder is neither a question nor a document field",
    "KG303": "Template construct not allowed in clause text",
    "KG304": "Placeholder has no value when its clause is selected and its question is unanswered",
    "KG401": "Text missing in a declared language",
    "KG501": "Mandatory or qualification requirement not worded with 'ska'",
    "KG502": "Clause without verification",
    "KG503": "Award criterion without evaluation",
    "KG504": "Award criterion worded as a 'ska' requirement",
    "KG505": "Evaluation given for a clause that is not an award criterion",
    "KG506": "Vague wording (warning)",
    "KG507": "A specification is referred to without accepting an equivalent (warning)",
    "KG508": "A number over 9 999 written without a space between thousands (warning)",
    "KG509": "The supplier is called both 'leverantör' and 'anbudsgivare' (warning)",
    "KG601": "Clause or question that no combination of answers reaches (warning)",
    "KG602": "Question whose answer changes nothing (warning)",
    "KG603": "Clause past its review date (warning)",
}

# Codes reported as warnings: they fail `validate` only with --strict. Every other code is an
# error. The severity is part of the code's contract, like its meaning.
WARNINGS = frozenset({"KG506", "KG507", "KG508", "KG509", "KG601", "KG602", "KG603"})


def severity(code: str) -> str:
    """ "error" or "warning", as `validate` reports the code."""
    return "warning" if code in WARNINGS else "error"


class ExitCode(IntEnum):
    """Exit codes, documented in the README and pinned by tests."""

    OK = 0
    FINDINGS = 1  # validation found problems
    USAGE = 2  # bad command line (typer's own code)
    INPUT = 3  # bad answers, unusable library or template, output refused or not writable
    INTERNAL = 4  # a bug in kravgen
    INTERRUPTED = 130  # Ctrl-C, or end of input (Ctrl-D) at a prompt
    CLOSED_PIPE = 141  # the reader of stdout left early; the shell's code for SIGPIPE


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where something came from; line and column are 1-based and may be unknown."""

    path: Path | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [str(self.path) if self.path is not None else "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class KravgenError(Exception):
    """Base of every error a user can cause. Carries where, a hint and an exit code."""

    exit_code: ExitCode = ExitCode.INPUT
    # The language the message is written in, when a session chose it (the CLI's labels
    # such as "error:" follow it); None leaves the choice to the CLI.
    lang: str | None = None

    def __init__(
        self, message: str, where: SourceLocation | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where is not None else ""
        return f"{prefix}{self.message}"


class LibraryError(KravgenError):
    """A library that cannot be used. `findings` holds every problem found, when known."""

    def __init__(
        self,
        message: str,
        where: SourceLocation | None = None,
        hint: str | None = None,
        code: str = "KG002",
        findings: tuple[object, ...] = (),
    ) -> None:
        super().__init__(message, where, hint)
        self.code = code
        self.findings = findings


class AnswersError(KravgenError):
    """An answers file, --set value or typed answer that does not fit the questionnaire."""


class RenderError(KravgenError):
    """A placeholder that cannot be filled, or a template that breaks the sandbox."""


class TemplateError(KravgenError):
    """An organisation's template that lacks something kravgen needs."""


class OutputError(KravgenError):
    """An output file that must not or cannot be written."""


class UsageError(KravgenError):
    """Options that contradict each other, found after typer parsed them."""

    exit_code = ExitCode.USAGE


class Interrupted(KravgenError):
    """The user left a session: Ctrl-C, or end of input at a prompt. Nothing is written."""

    exit_code = ExitCode.INTERRUPTED


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem `kravgen validate` reports; collected as a value, never raised."""

    code: str
    message: str
    where: SourceLocation
    hint: str | None = None
    data_path: str = ""

    @property
    def severity(self) -> str:
        """ "error" or "warning": the code decides (WARNINGS), never the call site."""
        return severity(self.code)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (
            str(self.where.path or ""),
            self.where.line or 0,
            self.where.column or 0,
            self.code,
        )


def finding_from_error(error: LibraryError) -> Finding:
    """A fatal per-file error as a finding, so `validate` can go on with the other files."""
    return Finding(error.code, error.message, error.where or SourceLocation(), error.hint)


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """A hint naming the closest known name, if one is close."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else None


@contextlib.contextmanager
def in_language(lang: str) -> Iterator[None]:
    """A KravgenError raised inside without a language is marked as written in `lang`, so the
    CLI labels it ("fel", "tips") in the language of its words, not the locale's."""
    try:
        yield
    except KravgenError as error:
        error.lang = error.lang or lang
        raise
