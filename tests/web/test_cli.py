"""`zairyu users ...` and the first-start hint of `zairyu serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import Cli

from zairyu.cases import db


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", f"sqlite:///{tmp_path / 'zairyu.db'}")
    yield tmp_path
    db.dispose_engine(f"sqlite:///{tmp_path / 'zairyu.db'}")


def test_users_add_is_idempotent_and_sets_the_password(cli: Cli, data_dir: Path) -> None:
    r = cli("users", "add", "a@office.example", "--role", "admin", "--password-stdin", input="first password\n")
    assert r.exit_code == 0, r.output
    assert "created a@office.example (admin)" in r.output
    r = cli("users", "add", "a@office.example", "--role", "admin", "--password", "second password")
    assert r.exit_code == 0
    assert "password set for a@office.example" in r.output
    r = cli("users", "add", "a@office.example", "--role", "client", "--password", "second password")
    assert r.exit_code == 2
    assert "role" in r.output
    listing = cli("users", "list").output
    assert "a@office.example\tadmin\tja\tcan sign in" in listing


def test_short_password_and_bad_role_name_the_field(cli: Cli, data_dir: Path) -> None:
    r = cli("users", "add", "b@office.example", "--role", "admin", "--password", "short")
    assert r.exit_code == 2 and "password" in r.output
    r = cli("users", "add", "b@office.example", "--role", "boss", "--password", "long enough pw")
    assert r.exit_code == 2 and "role" in r.output


def test_demo_logins_need_the_demo_office(cli: Cli, data_dir: Path) -> None:
    r = cli("users", "demo-logins")
    assert r.exit_code == 2 and "zairyu demo" in r.output
    assert cli("demo", "--on", "2026-11-25").exit_code == 0
    r = cli("users", "demo-logins")
    assert r.exit_code == 0
    assert "caseworker@demo.zairyu.example" in r.output and "zairyu-demo" in r.output
    assert "anna@demo.zairyu.example" in r.output


def test_serve_says_how_to_create_the_first_account(cli: Cli, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: started.update(kw))
    r = cli("serve", "--port", "8123")
    assert r.exit_code == 0, r.output
    assert "zairyu users add" in r.output
    assert "http://127.0.0.1:8123/login" in r.output
    assert started["port"] == 8123 and started["host"] == "127.0.0.1"


def test_users_deactivate_role_unassign_and_serve_trusts_no_proxy(cli: Cli, data_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 12, finding 5: access could not be taken away from the command line either
    assert cli("users", "add", "a@office.example", "--role", "admin", "--password", "first password").exit_code == 0
    assert cli("users", "add", "c@office.example", "--role", "caseworker", "--password", "first password") \
        .exit_code == 0
    r = cli("users", "deactivate", "C@office.example")
    assert r.exit_code == 0 and "deactivated c@office.example" in r.output
    assert "c@office.example\tcaseworker\tja\tdeactivated" in cli("users", "list").output
    r = cli("users", "deactivate", "a@office.example")
    assert r.exit_code == 2 and "only active admin" in r.output
    assert cli("users", "activate", "c@office.example").exit_code == 0
    r = cli("users", "role", "c@office.example", "supporter")
    assert r.exit_code == 0 and "now supporter" in r.output
    r = cli("users", "unassign", "c@office.example", "1")
    assert r.exit_code == 2 and "not assigned" in r.output
    assert cli("people", "add", "--family-name", "Sokolova").exit_code == 0
    r = cli("users", "assign", "c@office.example", "1")
    assert r.exit_code == 0 and "person 1 assigned to c@office.example" in r.output
    r = cli("users", "assign", "a@office.example", "1")  # an admin sees everyone: not a supporter to assign to
    assert r.exit_code == 2 and "not a supporter" in r.output
    r = cli("users", "unassign", "c@office.example", "1")
    assert r.exit_code == 0 and "ended the assignment of person 1" in r.output
    r = cli("users", "role", "nobody@office.example", "admin")
    assert r.exit_code == 2 and "email" in r.output
    r = cli("purge")
    assert r.exit_code == 0 and "purged 0 people and 0 documents deleted more than 30 days ago" in r.output
    # forwarded headers: believed from nobody unless ZAIRYU_TRUSTED_PROXIES names the proxy
    import uvicorn

    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: started.update(kw))
    assert cli("serve").exit_code == 0
    assert started["proxy_headers"] is False
    monkeypatch.setenv("ZAIRYU_TRUSTED_PROXIES", "127.0.0.1")
    assert cli("serve").exit_code == 0
    assert started["proxy_headers"] is True and started["forwarded_allow_ips"] == ["127.0.0.1/32"]
