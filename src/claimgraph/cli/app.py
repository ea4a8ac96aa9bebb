"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__


def hide_flag_types(command: Any, ctx: Any) -> None:
    """Typer 0.29 prints a `<bool>` type beside every flag as if it took a value; a flag takes none."""
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


class FlagAwareGroup(TyperGroup):
    """A command group whose help, and its commands' help, show no value type on flags."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        hide_flag_types(self, ctx)
        super().format_help(ctx, formatter)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, TyperGroup):
            hide_flag_types(command, ctx)
        return command


app = typer.Typer(cls=FlagAwareGroup, add_completion=False, no_args_is_help=True, rich_markup_mode="rich")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """claimgraph: who claims what, about whom, on whose word, and how far to trust it."""
