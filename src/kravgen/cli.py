"""The command line: parse options, call the core, report, exit. No logic of its own.

Only typer and the standard library are imported at module level, so `kravgen --help` stays
fast; each command imports the stages it needs.

Unlike the other modules this one does not use `from __future__ import annotations`: typer
reads the command signatures at every start, and evaluating string annotations made
`kravgen --help` about 3 ms slower (bench/bench_startup.py).
"""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from kravgen import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from kravgen.errors import KravgenError
    from kravgen.model import Library

T = TypeVar("T")

app = typer.Typer(
    name="kravgen",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
)
_state = {"debug": False, "interrupt_reported": False}


class Lang(StrEnum):
    sv = "sv"
    en = "en"


class OutputFormat(StrEnum):
    docx = "docx"
    md = "md"
    pdf = "pdf"


FORMAT_HELP = (
    "docx; pdf for a PDF/A annex (needs LibreOffice; the memo stays .docx); md for review. "
    "An output ending in .pdf chooses pdf."
)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class FindingFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


LibraryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--library",
        "-l",
        metavar="PATH",
        help="Library directory; repeat to add layers (the first is the base). "
        "Default: the bundled library. '@bundled' names it explicitly.",
        show_default=False,
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the annex and the prompts.")]


def _stderr() -> "Console":
    # late: `kravgen --help` loads no more than it needs
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(error: "KravgenError") -> NoReturn:
    console = _stderr()
    where = f"{error.where}: " if error.where is not None else ""
    console.print(f"[bold red]error:[/] {where}{error.message}", markup=True, highlight=False)
    findings = getattr(error, "findings", ())
    if len(findings) > 1:
        # late: `kravgen --help` loads no more than it needs
        from kravgen.report import format_text

        console.print(format_text(findings[:10]).rstrip(), markup=False)
    if error.hint:
        console.print(f"  hint: {error.hint}", markup=False)
    raise typer.Exit(int(error.exit_code))


def _run(action: Callable[[], T]) -> T:
    """The one place where errors become messages and exit codes."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.errors import ExitCode, KravgenError
    from kravgen.outputs import forget_written  # late: as above

    forget_written()
    try:
        return action()
    except KravgenError as error:
        _fail(error)
    except KeyboardInterrupt:
        say_interrupted()
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as error:
        if _state["debug"]:
            raise
        _stderr().print(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in kravgen. Run again with --debug and report the traceback.",
            markup=False,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def say_interrupted() -> None:
    """The one message for Ctrl-C and SIGTERM; it says whether the files were written."""
    # late: keeps `kravgen --help` light
    from kravgen.wording import INTERRUPTED, INTERRUPTED_AFTER_WRITING

    # Written straight to stderr: a Ctrl-C inside rich's console left it half-way (issue 15).
    outputs = sys.modules.get("kravgen.outputs")
    written = outputs is not None and bool(outputs.written_files())
    sys.stderr.write((INTERRUPTED_AFTER_WRITING if written else INTERRUPTED) + "\n")
    sys.stderr.flush()
    _state["interrupt_reported"] = True


def _version(value: bool) -> None:
    if value:
        print(f"kravgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """Turn a library of requirements on data into a Word annex for a Swedish tender.

    Start with 'kravgen new'. Exit codes: 0 ok, 1 validation findings, 2 usage,
    3 bad input or output refused, 4 internal error, 130 interrupted.
    """
    _state["debug"] = debug or bool(os.environ.get("KRAVGEN_DEBUG"))


def _load(libraries: list[str] | None) -> "Library":
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import load_libraries

    return load_libraries(libraries or [])


def is_interactive(no_input: bool) -> bool:
    """Prompt only for a person at a terminal: never in CI, never from a pipe."""
    ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
    stdin = sys.stdin
    return not no_input and not ci and stdin is not None and stdin.isatty()


@app.command()
def new(
    answers: Annotated[
        Path | None, typer.Option("--answers", "-a", help="Answers file (YAML) to replay.")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The annex file to write.")] = Path(
        "kravbilaga.docx"
    ),
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", metavar="ID=VALUE", help="Repeatable; wins over --answers."),
    ] = None,
    library: LibraryOption = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Template directory (reference.docx, texts).")
    ] = None,
    lang: LangOption = Lang.sv,
    fmt: Annotated[OutputFormat, typer.Option("--format", help=FORMAT_HELP)] = OutputFormat.docx,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
    upgrade: Annotated[
        bool, typer.Option("--upgrade", help="Ask only questions that are new or changed.")
    ] = False,
    save_answers: Annotated[
        Path | None, typer.Option("--save-answers", help="Also write the answers file here.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Answer the questions and write the annex, the buyer's memo and the answers file."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import NewRequest, run_new

    request = NewRequest(
        answers_file=answers,
        output=output,
        sets=tuple(set_ or ()),
        libraries=tuple(library or ()),
        template=template,
        lang=lang.value,
        fmt=fmt.value,
        interactive=is_interactive(no_input),
        upgrade=upgrade,
        save_answers=save_answers,
        force=force,
    )
    _run(lambda: run_new(request))


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Library directories, validated as layers. Default: the bundled one."),
    ] = None,
    fmt: Annotated[FindingFormat, typer.Option("--format", help="Output format.")] = (
        FindingFormat.text
    ),
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Check a library; exit 1 when there are errors (or warnings with --strict)."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_validate

    code = _run(lambda: run_validate(paths or [], fmt.value, strict, quiet))
    raise typer.Exit(code)


@app.command("list")
def list_clauses(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
    lang: LangOption = Lang.sv,
) -> None:
    """Show the clauses of the library."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_list

    _run(lambda: run_list(_load(library), fmt.value, lang.value))


@app.command()
def questions(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
    lang: LangOption = Lang.sv,
) -> None:
    """Show the questionnaire (JSON for other front ends)."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_questions

    _run(lambda: run_questions(_load(library), fmt.value, lang.value))


@app.command()
def explain(
    answers: Annotated[Path, typer.Option("--answers", "-a", help="Answers file (YAML).")],
    set_: Annotated[
        list[str] | None, typer.Option("--set", "-s", metavar="ID=VALUE", help="Repeatable.")
    ] = None,
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
) -> None:
    """Every clause, selected or not, with the answers that decided it."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_explain

    _run(lambda: run_explain(_load(library), answers, tuple(set_ or ()), fmt.value))


@app.command()
def coverage(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
    lang: LangOption = Lang.sv,
    principles: Annotated[
        bool,
        typer.Option("--principles", help="Show only the national principles the clauses serve."),
    ] = False,
) -> None:
    """Which source recommendations the library covers, per procurement kind, and which
    national principles its clauses serve."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_coverage

    _run(lambda: run_coverage(_load(library), fmt.value, lang.value, principles))


@app.command()
def inspect(
    document: Annotated[Path, typer.Argument(help="An annex or memo written by kravgen.")],
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
) -> None:
    """Show the provenance embedded in an annex: versions, digests, clause ids."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_inspect

    _run(lambda: run_inspect(document, fmt.value))


@app.command()
def schema() -> None:
    """Print the JSON Schema of library files (draft-07)."""
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_schema

    _run(run_schema)


def _debug_first(args: list[str]) -> list[str]:
    """`--debug` is an option of kravgen itself; accept it after the command name too, as the
    internal-error message suggests adding it to the command line that failed."""
    end = args.index("--") if "--" in args else len(args)
    moved = [a for a in args[:end] if a == "--debug"]
    if not moved:
        return args
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        # Answer at once: building the command tree would cost more than the answer itself.
        print(f"kravgen {__version__}")
        return 0
    _state["interrupt_reported"] = False
    outputs = sys.modules.get("kravgen.outputs")
    if outputs is not None:  # a second run in this process (tests, front ends)
        outputs.forget_written()
    try:
        return app(args=_debug_first(args), prog_name="kravgen")
    except KeyboardInterrupt:
        say_interrupted()
        return 130
    except SystemExit as done:
        # typer turns a Ctrl-C outside a command's core (while it parses options) into exit
        # 130 without a word.
        if done.code == 130 and not _state["interrupt_reported"]:
            say_interrupted()
        raise
