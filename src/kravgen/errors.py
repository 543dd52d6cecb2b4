"""The error family, locations and the exit codes the CLI documents."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


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
    severity: str  # "error" or "warning"
    message: str
    where: SourceLocation
    hint: str | None = None
    data_path: str = ""

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
    return Finding(error.code, "error", error.message, error.where or SourceLocation(), error.hint)
