"""The ``zairyu`` command. Each area registers its commands from its own module
(``law_cmds``, ``calendar_cmds``, ``assess_cmds``, ``cases_cmds``, ``web_cmds``, ``messages_cmds``,
``precedents_cmds``) on the
application object of :mod:`zairyu.cli._app`, so the command line is assembled here and nowhere else.

A command line loads only the area of its command (:data:`COMMAND_AREAS`): ``zairyu deadlines FILE`` reads the
law and the calendar, not the database or the web libraries, and answers as a whole process in a fraction of
a second (docs/bench-cli.md). ``zairyu --help``, a name not in the table and ``from zairyu.cli import app``
load every area. ``tests/web/test_cli.py`` checks the table against the commands the areas define.

Errors: any :class:`~zairyu.errors.ZairyuError` becomes one line on stderr and exit status 2,
with no traceback.
"""

from __future__ import annotations

import sys
from typing import Any

from zairyu.cli import _app

AREAS = ("law_cmds", "calendar_cmds", "assess_cmds", "cases_cmds", "web_cmds", "messages_cmds",
         "reminders_cmds", "precedents_cmds", "trust_cmds")

COMMAND_AREAS: dict[str, str] = {
    "statuses": "law_cmds", "status": "law_cmds", "fees": "law_cmds", "law": "law_cmds", "schema": "law_cmds",
    "expiry": "calendar_cmds", "deadlines": "calendar_cmds",
    "assess": "assess_cmds", "interview": "assess_cmds",
    "db": "cases_cmds", "demo": "cases_cmds", "people": "cases_cmds", "stays": "cases_cmds",
    "applications": "cases_cmds", "events": "cases_cmds", "family": "cases_cmds", "documents": "cases_cmds",
    "notes": "cases_cmds", "agenda": "cases_cmds", "tasks": "cases_cmds", "marks": "cases_cmds", "export": "cases_cmds",
    "import": "cases_cmds",
    "serve": "web_cmds", "users": "web_cmds", "purge": "web_cmds",
    "messages": "messages_cmds",
    "reminders": "reminders_cmds",
    "audit": "trust_cmds", "keys": "trust_cmds", "backup": "trust_cmds", "restore": "trust_cmds",
    "precedents": "precedents_cmds",
}
"""The top-level command (or command group) each area module defines."""


def register(areas: tuple[str, ...] = AREAS) -> None:
    for name in areas:
        try:
            __import__(f"zairyu.cli.{name}")
        except ModuleNotFoundError as exc:  # an area not built yet
            if exc.name != f"zairyu.cli.{name}":
                raise


def __getattr__(name: str) -> Any:
    """``zairyu.cli.app``: the whole command line, every area registered (tests, other programs)."""
    if name == "app":
        register()
        return _app.app
    raise AttributeError(f"module 'zairyu.cli' has no attribute '{name}'")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    first = next((a for a in args if not a.startswith("-")), None)
    area = COMMAND_AREAS.get(first or "")
    register((area,) if area else AREAS)
    _app.app(args=args, prog_name="zairyu")
