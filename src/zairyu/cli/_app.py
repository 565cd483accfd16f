"""The ``zairyu`` Typer application object, apart from the areas that add commands to it.

Each area module (``law_cmds``, ``calendar_cmds``, ...) imports ``app`` from here and registers its commands.
:mod:`zairyu.cli` decides which areas to import: for one command, only the area that defines it (so that
``zairyu deadlines`` does not load the database and web libraries); for help or an unknown name, all of them.

Errors: any :class:`~zairyu.errors.ZairyuError` becomes one line on stderr and exit status 2,
with no traceback.
"""

from __future__ import annotations

import csv
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
        except (UnicodeDecodeError, RecursionError, csv.Error) as exc:
            # a bad input file that a reader did not name (each reader should): still one line, status 2
            click.echo(f"zairyu: error: the input cannot be read ({type(exc).__name__})", err=True)
            ctx.exit(2)


app = typer.Typer(
    name="zairyu",
    cls=_Group,
    help="zairyu (在留): Japan's residence-status law, deadlines, assessment and case manager.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
