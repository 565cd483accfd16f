"""Storage fixtures: every storage test runs on SQLite and on the real PostgreSQL server that
scripts/test.sh starts (its URL in ZAIRYU_TEST_PG_URL). On PostgreSQL each test module gets its own
database (named per xdist worker) and each test starts from empty tables; on SQLite each test gets a
fresh file copied from a migrated template."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from zairyu.cases import db
from zairyu.cases.models import Base
from zairyu.cases.services import Actor

ON = date(2026, 11, 25)
ACTOR = Actor("test:caseworker")
BACKENDS = ["sqlite", "postgres"]


@dataclass
class DBHandle:
    kind: str
    url: str
    engine: Engine

    def reset(self) -> None:
        """Empty every table (PostgreSQL: the module's database is reused by its tests)."""
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with self.engine.begin() as c:
            c.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def pg_admin_url() -> str:
    url = os.environ.get("ZAIRYU_TEST_PG_URL")
    if not url:
        pytest.fail("ZAIRYU_TEST_PG_URL is not set: the storage tests need the PostgreSQL server that "
                    "scripts/test.sh starts (or run `PGPORT=54339 scripts/start_pg.sh` and export its URL)")
    return url


def _worker() -> str:
    return re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "main"))


def create_pg_database(prefix: str) -> str:
    """A new, empty PostgreSQL database; returns its URL."""
    admin = pg_admin_url()
    name = f"zt_{_worker()}_{prefix}_{uuid.uuid4().hex[:8]}".lower()[:60]
    eng = create_engine(admin, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    db.dispose_engine(url)
    name = make_url(url).database
    eng = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    eng.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    eng = create_engine(f"sqlite:///{path}")
    db.upgrade(eng)
    eng.dispose()
    return path


@pytest.fixture(scope="module", params=BACKENDS)
def backend_db(request: pytest.FixtureRequest, sqlite_template: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[DBHandle]:
    """One migrated database per module and backend."""
    if request.param == "postgres":
        mod = re.sub(r"\W", "", request.module.__name__.rsplit(".", 1)[-1])[:20]
        url = create_pg_database(mod)
        eng = db.get_engine(url)
        db.upgrade(eng)
        yield DBHandle("postgres", url, eng)
        drop_pg_database(url)
    else:
        # each test gets a fresh copy in the per-test fixture below
        yield DBHandle("sqlite", "", None)  # type: ignore[arg-type]


@pytest.fixture
def tdb(backend_db: DBHandle, sqlite_template: Path, tmp_path: Path) -> Iterator[DBHandle]:
    """A migrated, empty database for this test (SQLite or PostgreSQL)."""
    if backend_db.kind == "postgres":
        backend_db.reset()
        yield backend_db
        return
    path = tmp_path / "zairyu.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    eng = db.get_engine(url)
    yield DBHandle("sqlite", url, eng)
    db.dispose_engine(url)


@pytest.fixture
def empty_db(backend_db: DBHandle, tmp_path: Path) -> Iterator[DBHandle]:
    """A database with no zairyu schema at all (for the migration tests)."""
    if backend_db.kind == "postgres":
        url = create_pg_database("empty")
        yield DBHandle("postgres", url, db.get_engine(url))
        drop_pg_database(url)
        return
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    yield DBHandle("sqlite", url, db.get_engine(url))
    db.dispose_engine(url)


@pytest.fixture
def cli_db(tdb: DBHandle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> DBHandle:
    """Point the command line (ZAIRYU_DATABASE_URL) at this test's database."""
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", tdb.url)
    monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path / "data"))
    return tdb
