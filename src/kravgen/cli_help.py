"""Help that names values the way a user types them (issue 14).

typer's help shows Python types (`<bool>` beside a flag, `<list[Path]>`, `{document}`) and passes
pydantic's "Value error, ..." through for a wrong choice. The command and group classes here
change only how help and that error read; parsing is typer's.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup


class HelpCommand(TyperCommand):
    """A command whose help names values the way a user types them.

    typer's help shows Python types (`<bool>` beside a flag, `<list[Path]>`, `{document}`)
    and passes pydantic's "Value error, ..." through for a wrong choice; see issue 14.
    """

    def get_help_option(self, ctx: Any) -> Any:
        return _quiet_flag(super().get_help_option(ctx))

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
    def get_help_option(self, ctx: Any) -> Any:
        return _quiet_flag(super().get_help_option(ctx))


def _quiet_flag(option: Any) -> Any:
    if option is not None:
        option.metavar = ""
    return option


def _plain_choice_error(text: str) -> str:
    """'Value error, 'de' is not one of 'sv', 'en'.' -> ''de' is not a choice: choose sv or en.'"""
    found = re.fullmatch(r"Value error, (.+) is not one of (.+)\.", text)
    if found is None:
        return text.removeprefix("Value error, ")
    choices = [c.strip().strip("'") for c in found.group(2).split(",")]
    listed = ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else choices[0]
    return f"{found.group(1)} is not a choice: choose {listed}."
