"""Case-manager commands: ``db upgrade``, ``demo``, ``people``, ``stays``, ``applications``, ``agenda``,
``export`` and ``import``. Each calls one service function in :mod:`zairyu.cases.services`."""

from __future__ import annotations

import typer

from zairyu.cli import app
from zairyu.cli.common import console

db_app = typer.Typer(help="The case database (SQLite by default, PostgreSQL via ZAIRYU_DATABASE_URL).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the database schema to this version of zairyu."""
    from zairyu.cases import db

    engine = db.get_engine()
    before, after = db.upgrade(engine)
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        console.print(f"database {where} is up to date (revision {after})")
    else:
        console.print(f"database {where} upgraded: {before or 'empty'} → {after}")
