"""Help that names values the way a user types them (issue 14), in the user's language.

typer's help shows Python types (`<bool>` beside a flag, `<list[Path]>`, `{document}`) and passes
pydantic's "Value error, ..." through for a wrong choice. The command and group classes here
change only how help and that error read; parsing is typer's.

The help speaks the language of the locale (TEXT, decided once, as the CLI is built): the texts
kravgen writes and the words of the frame it controls, "Usage:", the panel titles and the help
option's line. typer's own "[default: ...]", "[required]" and its error frame stay English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from kravgen.wording_help import HELP, locale_language

# Help is static in typer, so its language is the locale's when the CLI is built; a session's
# --lang cannot change it.
TEXT: Mapping[str, str] = HELP[locale_language()]


class HelpCommand(TyperCommand):
    """A command whose help names values the way a user types them.

    typer's help shows Python types (`<bool>` beside a flag, `<list[Path]>`, `{document}`)
    and passes pydantic's "Value error, ..." through for a wrong choice; see issue 14.
    """

    def get_help_option(self, ctx: Any) -> Any:
        return _quiet_flag(super().get_help_option(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = str(param.metavar or param.name or "").upper()
                name += "..." if param.nargs != 1 else ""
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rich_help_panel = self.rich_help_panel or TEXT["commands"]
        _name_panels(self.params)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.__class__ = _Argument

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as error:
            error.message = _plain_choice_error(error.message)
            raise


class _Argument(TyperArgument):
    """An argument whose name says what it is; the help adds no Python type beside it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class HelpGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_panels(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        return _quiet_flag(super().get_help_option(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(self, ctx, formatter)


def _quiet_flag(option: Any) -> Any:
    """The help option, with no metavar and its line in the help's language."""
    if option is not None:
        option.metavar = ""
        option.help = TEXT["help"]
        option.rich_help_panel = TEXT["options"]
    return option


def _name_panels(params: list[Any]) -> None:
    """Put arguments and options under titles in the help's language; typer's own titles are
    English only."""
    for param in params:
        title = TEXT["arguments"] if isinstance(param, TyperArgument) else TEXT["options"]
        param.rich_help_panel = getattr(param, "rich_help_panel", None) or title


def _write_usage(command: TyperCommand | TyperGroup, ctx: Any, formatter: Any) -> None:
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=TEXT["usage"])


def _plain_choice_error(text: str) -> str:
    """'Value error, 'de' is not one of 'sv', 'en'.' -> ''de' is not a choice: choose sv or en.'"""
    found = re.fullmatch(r"Value error, (.+) is not one of (.+)\.", text)
    if found is None:
        return text.removeprefix("Value error, ")
    choices = [c.strip().strip("'") for c in found.group(2).split(",")]
    listed = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
    return f"{found.group(1)} is not a choice: choose {listed}."
