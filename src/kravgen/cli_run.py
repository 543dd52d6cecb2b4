"""The one place where errors become messages and exit codes, for every command.

Kept apart from `cli.py` so that the command definitions stay short. Like `cli.py`, it imports
only typer and the standard library at module level, so `kravgen --help` stays fast.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from kravgen.errors import KravgenError

T = TypeVar("T")

# Set by the CLI's callback (--debug) and by the interrupt handlers (one message per run).
STATE = {"debug": False, "interrupt_reported": False}


def stderr_console() -> Console:
    # late: `kravgen --help` loads no more than it needs
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(error: KravgenError, lang: str) -> NoReturn:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.errors import Interrupted

    console = stderr_console()
    lang = error.lang or lang
    if isinstance(error, Interrupted):
        console.print("\n" + error.message, markup=False)
        STATE["interrupt_reported"] = True
        raise typer.Exit(int(error.exit_code))
    where = f"{error.where}: " if error.where is not None else ""
    label, hint = ("fel", "tips") if lang == "sv" else ("error", "hint")
    console.print(f"[bold red]{label}:[/] {where}{error.message}", markup=True, highlight=False)
    findings = getattr(error, "findings", ())
    if len(findings) > 1:
        # late: `kravgen --help` loads no more than it needs
        from kravgen.report import format_text

        console.print(format_text(findings[:10]).rstrip(), markup=False)
    if error.hint:
        console.print(f"  {hint}: {error.hint}", markup=False)
    raise typer.Exit(int(error.exit_code))


def reader_left() -> NoReturn:
    """The reader of stdout stopped early (`kravgen questions | head`): stop quietly.

    Python would report the broken pipe again when it flushes stdout at exit, so stdout is
    pointed at /dev/null first (the recipe in the Python docs on SIGPIPE). The exit status
    is the shell's for a command ended by SIGPIPE.
    """
    # late: `kravgen --help` loads no more than it needs
    from kravgen.errors import ExitCode

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(int(ExitCode.CLOSED_PIPE))


# Writing stdout can fail for reasons of the user's system, not kravgen's (issue 14).
_FULL_OR_FORBIDDEN = (
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EFBIG,
)


def run_reported(action: Callable[[], T], lang: str | None = None) -> T:
    """The one place where errors become messages and exit codes.

    `lang` is the language of the messages: the session's, or --lang; else the locale's.
    """
    # late: `kravgen --help` loads no more than it needs
    from kravgen.errors import ExitCode, KravgenError
    from kravgen.outputs import forget_written  # late: as above
    from kravgen.wording import message, message_language

    forget_written()
    said = message_language(lang)
    try:
        result = action()
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return result
    except KravgenError as error:
        _fail(error, said)
    except BrokenPipeError:
        reader_left()
    except OSError as error:
        if error.errno not in _FULL_OR_FORBIDDEN:
            raise
        # stdout into a full disk or a file that cannot be written: the user's situation.
        stderr_console().print(message("cannot_write", said, reason=error.strerror), markup=False)
        raise typer.Exit(int(ExitCode.INPUT)) from None
    except (KeyboardInterrupt, EOFError):
        # End of input (Ctrl-D) means the user left, exactly as Ctrl-C does.
        say_interrupted(lang)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as error:
        if STATE["debug"]:
            raise
        detail = f"{type(error).__name__}: {error}"
        stderr_console().print(message("internal", said, error=detail), markup=False)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def say_interrupted(lang: str | None = None) -> None:
    """The one message for Ctrl-C, Ctrl-D and SIGTERM; it says whether the files were written.

    In the language of --lang when it was given; before a language is known, in both.
    """
    # late: keeps `kravgen --help` light
    from kravgen.wording import INTERRUPTED, INTERRUPTED_AFTER_WRITING, LANGUAGES, message

    # Written straight to stderr: a Ctrl-C inside rich's console left it half-way (issue 15).
    outputs = sys.modules.get("kravgen.outputs")
    written = outputs is not None and bool(outputs.written_files())
    if lang in LANGUAGES:
        text = "\n" + message("interrupted_written" if written else "interrupted", str(lang))
    else:
        text = INTERRUPTED_AFTER_WRITING if written else INTERRUPTED
    sys.stderr.write(text + "\n")
    sys.stderr.flush()
    STATE["interrupt_reported"] = True
