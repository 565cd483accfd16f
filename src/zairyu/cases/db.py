"""Engine, sessions and schema migrations.

The database is the embedded SQLite file in the user's data directory unless
``ZAIRYU_DATABASE_URL`` names another (PostgreSQL for teams). The schema is managed by the Alembic
migrations shipped in ``zairyu/cases/migrations``; ``zairyu db upgrade`` applies them, and
:func:`open_session` refuses to work on a database whose schema is behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zairyu.errors import ZairyuError
from zairyu.files import make_private, private_dir
from zairyu.settings import get_settings

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaError(ZairyuError):
    """The database schema is missing or behind the installed zairyu."""


_engines: dict[str, Engine] = {}

UNICODE_LOWER = "zairyu_lower"
"""The SQL function lowering every script's letters on SQLite (PostgreSQL's ``lower`` does already)."""


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _sqlite_functions(dbapi_conn: Any, _record: Any) -> None:
    """On every SQLite connection, whatever engine made it (the app's, a migration's, a backup's, a test's):
    SQLite's own lower() folds ASCII only, so that a search for ÉLODIE or ШЕВЧЕНКО found nobody (PostgreSQL
    folds them); ``people.unicode_lower`` writes this function instead on SQLite."""
    if isinstance(dbapi_conn, sqlite3.Connection):
        dbapi_conn.create_function(UNICODE_LOWER, 1, _unicode_lower, deterministic=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # Foreign keys are off by default in SQLite; WAL lets the web app read while the CLI writes.
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL (the configured database when ``url`` is None)."""
    url = url or get_settings().db_url
    eng = _engines.get(url)
    if eng is None:
        u = make_url(url)
        if u.get_backend_name() == "sqlite":
            if u.database and u.database != ":memory:":
                private_dir(Path(u.database).parent)
            eng = create_engine(url)
            event.listen(eng, "connect", _sqlite_pragmas)
            with eng.connect() as c:
                if u.database and u.database != ":memory:":
                    c.exec_driver_sql("PRAGMA journal_mode=WAL")
                    # the database holds people's data: the owner's only (SQLite gives its -wal and -shm files
                    # the database file's mode)
                    make_private(Path(u.database))
        else:
            eng = create_engine(url, pool_pre_ping=True)
        _engines[url] = eng
    return eng


def dispose_engine(url: str) -> None:
    eng = _engines.pop(url, None)
    if eng is not None:
        eng.dispose()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(create_engine("sqlite://"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this zairyu's migrations know (the oldest to the head)."""
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(create_engine("sqlite://"))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine | None = None, revision: str = "head") -> tuple[str | None, str]:
    """Apply the migrations up to ``revision`` (all by default); returns (revision before, after)."""
    return _migrate(engine or get_engine(), "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> tuple[str | None, str]:
    """Undo the migrations after ``revision`` (to go back to an older zairyu); returns (before, after)."""
    return _migrate(engine, "downgrade", revision)


def _sqlite_migration_engine(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose transactions really span DDL: Python's sqlite3 module leaves
    ``CREATE``/``ALTER``/``DROP`` outside any transaction (it only opens one before a data change), so a migration
    killed midway would leave its first tables behind under the old revision. Here the driver's own transaction
    handling is off and SQLAlchemy says ``BEGIN`` itself (SQLAlchemy's documented recipe), so a migration is
    all or nothing (tests/cases/test_crash_safety.py).

    A batch migration rebuilds a SQLite table (copy, drop, rename). With foreign keys on, dropping ``people``
    would cascade to every stay, application and deadline that refers to it; so they are off on this engine's
    connections (the pragma only works outside a transaction) and checked before the migration commits."""
    eng = create_engine(engine.url)

    def connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    def begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(eng, "connect", connect)
    event.listen(eng, "begin", begin)
    return eng


def _migrate(engine: Engine, direction: str, revision: str) -> tuple[str | None, str]:
    from alembic import command

    before = current_revision(engine)
    sqlite = engine.dialect.name == "sqlite"
    mig = _sqlite_migration_engine(engine) if sqlite else engine
    cfg = _alembic_config(engine)
    try:
        with mig.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            getattr(command, direction)(cfg, revision)
            if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise SchemaError("a migration left rows that refer to missing records; nothing was changed",
                                  field="database")
    finally:
        if sqlite:
            mig.dispose()
    return before, current_revision(engine) or ""


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is missing or behind, saying what to run."""
    cur = current_revision(engine)
    head = head_revision()
    if cur == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if cur is None:
        raise SchemaError("the database has no zairyu schema yet: run `zairyu db upgrade`", where=where)
    raise SchemaError(f"the database schema is at revision {cur}, zairyu needs {head}: run `zairyu db upgrade`",
                      where=where)


def ensure_schema(engine: Engine) -> None:
    """For the interfaces: create the schema in an empty database (no set-up for a new user), but
    refuse one whose schema is behind (upgrading is the user's explicit decision)."""
    if current_revision(engine) is None:
        upgrade(engine)
    check_schema(engine)


_checked: set[str] = set()


def session_factory(engine: Engine | None = None, *, check: bool = True) -> sessionmaker[Session]:
    engine = engine or get_engine()
    key = engine.url.render_as_string(hide_password=False)
    if check and key not in _checked:
        check_schema(engine)
        _checked.add(key)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work on a new session (the command line's): commits when the block ends, rolls
    everything back on any error."""
    factory = session_factory(engine)
    with factory() as session, unit_of_work(session):
        yield session


@contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """One unit of work on a session that is already open (the web app's, one per request, which has read
    the signed-in user and the record before the change): the service calls inside the block are committed
    together when it ends, or all rolled back on any error. Interfaces never call ``commit()`` themselves."""
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()
