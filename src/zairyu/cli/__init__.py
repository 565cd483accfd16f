"""The ``zairyu`` command. Each area registers its commands from its own module
(``law_cmds``, ``calendar_cmds``, ``assess_cmds``, ``cases_cmds``, ``web_cmds``), so the command
line is assembled here and nowhere else.

Errors: any :class:`~zairyu.errors.ZairyuError` becomes one line on stderr and exit status 2,
with no traceback.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import _click as click  # typer vendors its own click
from typer.core import TyperGroup

from zairyu.errors import ZairyuError


class _Group(TyperGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ZairyuError as exc:
            click.echo(f"zairyu: error: {exc.one_line()}", err=True)
            ctx.exit(2)


app = typer.Typer(
    name="zairyu",
    cls=_Group,
    help="zairyu (在留): Japan's residence-status law, deadlines, assessment and case manager.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_AREAS = ("law_cmds", "calendar_cmds", "assess_cmds", "cases_cmds", "web_cmds", "messages_cmds", "trust_cmds")


def _register() -> None:
    for name in _AREAS:
        try:
            __import__(f"zairyu.cli.{name}")
        except ModuleNotFoundError as exc:  # an area not built yet
            if exc.name != f"zairyu.cli.{name}":
                raise


_register()


def main() -> None:
    app()
