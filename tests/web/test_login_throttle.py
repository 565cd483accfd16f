"""The login throttle keeps failed sign-ins in the database: the limit holds across the server's worker
processes (two apps on one database stand for two workers) and across restarts, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from tests.cases.conftest import create_pg_database, drop_pg_database
from tests.web.conftest import PASSWORD, TODAY, Office, build_office

from zairyu.cases import db
from zairyu.web.app import create_app
from zairyu.web.auth import LoginThrottle

ADMIN = "admin@office.example"


def _sign_in(app: object, password: str, email: str = ADMIN) -> int:
    return TestClient(app).post("/api/v1/auth/token", json={"email": email, "password": password}).status_code


def _another_worker(office: Office) -> object:
    """A second app on the same database: what a second ``zairyu serve`` worker process is."""
    return create_app(office.settings, today=lambda: TODAY)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    if request.param == "sqlite":
        yield build_office(tmp_path)
        return
    url = create_pg_database("throttle")
    try:
        yield build_office(tmp_path, url)
    finally:
        drop_pg_database(url)


def test_failures_in_one_worker_lock_the_account_in_another(office: Office) -> None:
    first, second = office.app, _another_worker(office)
    for i in range(5):
        assert _sign_in(first if i % 2 else second, "wrong password") == 401
    # the right password is refused everywhere until the window has passed, and says how long to wait
    r = TestClient(second).post("/api/v1/auth/token", json={"email": ADMIN, "password": PASSWORD})
    assert r.status_code == 429
    assert 0 < int(r.headers["retry-after"]) <= 900
    assert _sign_in(first, PASSWORD) == 429
    # a restart (a new app) does not forget them either
    assert _sign_in(_another_worker(office), PASSWORD) == 429


def test_fewer_failures_than_the_limit_then_success_clears_the_count(office: Office) -> None:
    for _ in range(4):
        assert _sign_in(office.app, "wrong password") == 401
    assert _sign_in(office.app, PASSWORD) == 200
    # the e-mail's count starts again after a success; the client address still has its 4 failures + 1 more
    assert _sign_in(office.app, "wrong password") == 401
    assert _sign_in(office.app, PASSWORD) == 429  # 5 failures from this address within the window


def test_an_unknown_address_is_throttled_like_a_known_one(office: Office) -> None:
    for _ in range(5):
        assert _sign_in(office.app, "whatever", email="nobody@office.example") == 401
    assert _sign_in(office.app, "whatever", email="nobody@office.example") == 429


def test_failures_leave_the_window(office: Office) -> None:
    engine = db.get_engine(office.settings.db_url)
    now = [1_000_000.0]
    throttle = LoginThrottle(engine, limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("Someone@Example.org", "10.0.0.1")
        now[0] += 1
    assert throttle.retry_after("someone@example.org", "10.0.0.2") == 58  # by e-mail, any case
    assert throttle.retry_after("other@example.org", "10.0.0.1") == 58  # by client address
    now[0] += 58
    assert throttle.retry_after("someone@example.org", "10.0.0.2") == 0
    # failures that no longer count are removed when a new one is recorded
    now[0] += 2
    throttle.failed("x@example.org", "10.0.0.3")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM login_failures")).scalar() == 2
