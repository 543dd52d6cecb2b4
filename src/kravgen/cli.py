"""The command line: parse options, call the core, report, exit. No logic of its own.

Only typer and the standard library are imported at module level, so `kravgen --help` stays
fast; each command imports the stages it needs.

Every help text is TEXT[key]: the table in kravgen/wording_help.py, in the language of the
user's locale (cli_help.py decides it once). Write a new text there, in Swedish and English.

Unlike the other modules this one does not use `from __future__ import annotations`: typer
reads the command signatures at every start, and evaluating string annotations made
`kravgen --help` about 3 ms slower (bench/bench_startup.py).
"""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kravgen import __version__
from kravgen.cli_help import TEXT, HelpCommand, HelpGroup
from kravgen.cli_run import STATE, reader_left, say_interrupted
from kravgen.cli_run import run_reported as _run

if TYPE_CHECKING:
    from kravgen.model import Library

T = TypeVar("T")


app = typer.Typer(
    name="kravgen",
    cls=HelpGroup,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
)
FLAG = ""  # the metavar of an on/off option: nothing to type after it


class Lang(StrEnum):
    sv = "sv"
    en = "en"


class OutputFormat(StrEnum):
    docx = "docx"
    md = "md"
    xlsx = "xlsx"
    csv = "csv"
    pdf = "pdf"


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
        metavar="DIR",
        help=TEXT["library"],
        show_default=False,
    ),
]


def _lang_option(key: str) -> Any:
    return typer.Option("--lang", help=TEXT[key])


def _format_option(key: str = "format") -> Any:
    return typer.Option("--format", help=TEXT[key])


def _version(value: bool) -> None:
    if value:
        print(f"kravgen {__version__}")
        raise typer.Exit()


@app.callback(help=TEXT["app"])
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar=FLAG, help=TEXT["version"]
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", metavar=FLAG, help=TEXT["debug"]),
    ] = False,
) -> None:
    STATE["debug"] = debug or bool(os.environ.get("KRAVGEN_DEBUG"))


def _load(libraries: list[str] | None) -> "Library":
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import load_libraries

    return load_libraries(libraries or [])


def is_interactive(no_input: bool) -> bool:
    """Prompt only for a person at a terminal: never in CI, never from a pipe."""
    ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
    stdin = sys.stdin
    return not no_input and not ci and stdin is not None and stdin.isatty()


def _flag(name: str, key: str) -> Any:
    return typer.Option(name, metavar=FLAG, help=TEXT[key])


# The options of `kravgen new`, each with help written for it (in kravgen/wording_help.py).
_ANSWERS = typer.Option(
    "--answers",
    "-a",
    metavar="FILE",
    help=TEXT["new.answers"],
)
_OUTPUT = typer.Option(
    "--output",
    "-o",
    metavar="FILE",
    help=TEXT["new.output"],
)
_SET = typer.Option("--set", "-s", metavar="ID=VALUE", help=TEXT["new.set"])
_TEMPLATE = typer.Option("--template", metavar="DIR", help=TEXT["new.template"])
_SESSION_LANG = typer.Option(
    "--lang",
    help=TEXT["new.lang"],
    show_default=False,
)
_FORMAT = typer.Option(
    "--format",
    help=TEXT["new.format"],
    show_default=False,
)
_SAVE_ANSWERS = typer.Option("--save-answers", metavar="FILE", help=TEXT["new.save_answers"])
_KEEP_DEFAULTS = _flag("--keep-defaults", "new.keep_defaults")


@app.command(cls=HelpCommand, help=TEXT["new"])
def new(
    answers: Annotated[Path | None, _ANSWERS] = None,
    output: Annotated[Path, _OUTPUT] = Path("kravbilaga.docx"),
    set_: Annotated[list[str] | None, _SET] = None,
    library: LibraryOption = None,
    template: Annotated[Path | None, _TEMPLATE] = None,
    lang: Annotated[Lang | None, _SESSION_LANG] = None,
    fmt: Annotated[OutputFormat | None, _FORMAT] = None,
    no_input: Annotated[bool, _flag("--no-input", "new.no_input")] = False,
    upgrade: Annotated[bool, _flag("--upgrade", "new.upgrade")] = False,
    save_answers: Annotated[Path | None, _SAVE_ANSWERS] = None,
    force: Annotated[bool, _flag("--force", "new.force")] = False,
    keep_defaults: Annotated[bool, _KEEP_DEFAULTS] = False,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import NewRequest, run_new

    request = NewRequest(
        answers_file=answers,
        output=output,
        sets=tuple(set_ or ()),
        libraries=tuple(library or ()),
        template=template,
        lang=lang.value if lang else None,
        fmt=fmt.value if fmt else None,
        interactive=is_interactive(no_input),
        upgrade=upgrade,
        save_answers=save_answers,
        force=force,
        keep_defaults=keep_defaults,
    )
    _run(lambda: run_new(request), lang.value if lang else None)


@app.command(cls=HelpCommand, help=TEXT["validate"])
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DIR",
            help=TEXT["validate.paths"],
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[FindingFormat, _format_option("validate.format")] = (FindingFormat.text),
    strict: Annotated[
        bool, typer.Option("--strict", metavar=FLAG, help=TEXT["validate.strict"])
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", metavar=FLAG, help=TEXT["validate.quiet"])
    ] = False,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_validate

    code = _run(lambda: run_validate(paths or [], fmt.value, strict, quiet))
    raise typer.Exit(code)


@app.command("list", cls=HelpCommand, help=TEXT["list"])
def list_clauses(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
    lang: Annotated[Lang, _lang_option("list.lang")] = Lang.sv,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_list

    _run(lambda: run_list(_load(library), fmt.value, lang.value), lang.value)


@app.command(cls=HelpCommand, help=TEXT["questions"])
def questions(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
    lang: Annotated[Lang, _lang_option("questions.lang")] = Lang.sv,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_questions

    _run(lambda: run_questions(_load(library), fmt.value, lang.value), lang.value)


@app.command(cls=HelpCommand, help=TEXT["explain"])
def explain(
    answers: Annotated[
        Path, typer.Option("--answers", "-a", metavar="FILE", help=TEXT["explain.answers"])
    ],
    set_: Annotated[
        list[str] | None, typer.Option("--set", "-s", metavar="ID=VALUE", help=TEXT["explain.set"])
    ] = None,
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help=TEXT["explain.lang"],
            show_default=False,
        ),
    ] = None,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_explain

    chosen = lang.value if lang else None
    _run(
        lambda: run_explain(_load(library), answers, tuple(set_ or ()), fmt.value, chosen),
        chosen,
    )


@app.command(cls=HelpCommand, help=TEXT["coverage"])
def coverage(
    library: LibraryOption = None,
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
    lang: Annotated[Lang, _lang_option("coverage.lang")] = Lang.sv,
    principles: Annotated[bool, _flag("--principles", "coverage.principles")] = False,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_coverage

    _run(lambda: run_coverage(_load(library), fmt.value, lang.value, principles), lang.value)


@app.command(cls=HelpCommand, help=TEXT["inspect"])
def inspect(
    document: Annotated[
        Path,
        typer.Argument(metavar="FILE", help=TEXT["inspect.document"]),
    ],
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.commands import run_inspect

    _run(lambda: run_inspect(document, fmt.value, _message_lang()))


@app.command(cls=HelpCommand, help=TEXT["evaluate"])
def evaluate(
    annex: Annotated[
        Path,
        typer.Argument(help=TEXT["evaluate.annex"]),
    ],
    filled: Annotated[list[Path], typer.Argument(help=TEXT["evaluate.filled"])],
    fmt: Annotated[ListFormat, _format_option()] = ListFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=TEXT["evaluate.output"]),
    ] = None,
    force: Annotated[bool, _flag("--force", "evaluate.force")] = False,
    library: LibraryOption = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help=TEXT["evaluate.lang"]),
    ] = None,
) -> None:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.evaluate import EvaluateRequest, run_evaluate

    request = EvaluateRequest(
        annex=annex,
        filled=tuple(filled),
        fmt=fmt.value,
        output=output,
        force=force,
        libraries=tuple(library or ()),
        lang=lang.value if lang is not None else None,
    )
    raise typer.Exit(_run(lambda: run_evaluate(request)))


@app.command(cls=HelpCommand, help=TEXT["schema"])
def schema() -> None:
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


def _message_lang() -> str:
    # late: `kravgen --help` loads no more than it needs
    from kravgen.wording import message_language

    return message_language(None)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        # Answer at once: building the command tree would cost more than the answer itself.
        try:
            print(f"kravgen {__version__}", flush=True)
        except BrokenPipeError:
            try:
                reader_left()
            except typer.Exit as stop:
                return stop.exit_code
        return 0
    STATE["interrupt_reported"] = False
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
        if done.code == 130 and not STATE["interrupt_reported"]:
            say_interrupted()
        raise
