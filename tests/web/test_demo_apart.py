"""Demo and production apart (issue 12, finding 2): the quick start's demo lives in a database of its own, no
command puts demo accounts or the published password into a database not made for the demo, and ``zairyu serve``
refuses to listen beyond this machine while any account has the published password. Real processes: the
quick-start script itself and ``zairyu serve``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import delete, select

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ZAIRYU = [sys.executable, "-c", "from zairyu.cli import main; main()"]


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ZAIRYU_DATA_DIR": str(tmp), "ZAIRYU_DATABASE_URL": f"sqlite:///{tmp / 'zairyu.db'}",
            **extra}


def _z(env: dict[str, str], *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ZAIRYU, *args], env=env, capture_output=True, text=True, input=input, timeout=300)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise AssertionError(f"the server ended with status {proc.returncode}")
        try:
            httpx.get(url + "/healthz", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


def _production(tmp: Path) -> dict[str, str]:
    """An office's database with one admin whose password is theirs."""
    env = _env(tmp)
    assert _z(env, "db", "upgrade").returncode == 0
    r = _z(env, "users", "add", "boss@office.example", "--role", "admin", "--password-stdin",
           input="the office's own password\n")
    assert r.returncode == 0, r.stderr
    return env


def test_demo_refuses_a_database_that_holds_an_office(tmp_path: Path) -> None:
    env = _production(tmp_path)
    r = _z(env, "demo", "--on", "2026-11-25")
    assert r.returncode == 2 and "database of its own" in r.stderr, r.stderr
    users = _z(env, "users", "list").stdout
    assert "demo.zairyu.example" not in users  # nothing was added


def test_demo_logins_never_reset_passwords_outside_a_demo_database(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _z(env, "demo", "--on", "2026-11-25").returncode == 0
    url = env["ZAIRYU_DATABASE_URL"]
    # the demo office's accounts in a database that is not (or no longer) a demo database, e.g. one the old
    # quick start wrote them into: their passwords are someone's, not the published one
    with db.transaction(db.get_engine(url)) as s:
        s.execute(delete(m.Meta))
    db.dispose_engine(url)
    assert _z(env, "users", "add", "admin@demo.zairyu.example", "--role", "admin", "--password-stdin",
              input="changed by the office\n").returncode == 0
    r = _z(env, "users", "demo-logins")
    assert r.returncode == 2 and "not made for the demo" in r.stderr, r.stderr
    from zairyu.cases.services.accounts import verify_password

    with db.transaction(db.get_engine(url)) as s:
        h = s.scalar(select(m.User.password_hash).where(m.User.email == "admin@demo.zairyu.example"))
    db.dispose_engine(url)
    assert h and verify_password(h, "changed by the office") and not verify_password(h, DEMO_PASSWORD)


def test_serve_refuses_a_public_address_while_an_account_has_the_published_password(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _z(env, "demo", "--on", "2026-11-25").returncode == 0
    assert _z(env, "users", "demo-logins").returncode == 0
    port = _free_port()
    r = subprocess.run([*ZAIRYU, "serve", "--host", "0.0.0.0", "--port", str(port)], env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "published demo password" in r.stderr and "--password-stdin" in r.stderr
    assert "admin@demo.zairyu.example" in r.stderr
    # on this machine only, the demo runs
    proc = subprocess.Popen([*ZAIRYU, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_up(f"http://127.0.0.1:{port}", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    # once every account has its own password, the public address is allowed
    for email, role in (("caseworker@demo.zairyu.example", "caseworker"), ("admin@demo.zairyu.example", "admin"),
                        ("supporter@demo.zairyu.example", "supporter"), ("anna@demo.zairyu.example", "client")):
        assert _z(env, "users", "add", email, "--role", role, "--password-stdin",
                  input=f"a real password for {role}\n").returncode == 0
    port = _free_port()
    proc = subprocess.Popen([*ZAIRYU, "serve", "--host", "0.0.0.0", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_up(f"http://127.0.0.1:{port}", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_quick_start_keeps_the_demo_out_of_the_configured_database(tmp_path: Path) -> None:
    prod = tmp_path / "office"
    env = _production(prod)
    before = _z(env, "users", "list").stdout
    demo_dir = tmp_path / "demo"
    port = _free_port()
    proc = subprocess.Popen([str(ROOT / "scripts" / "run.sh")], env={**env, "ZAIRYU_DEMO_DIR": str(demo_dir),
                                                                     "ZAIRYU_PORT": str(port)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_up(f"http://127.0.0.1:{port}", proc)
        r = httpx.post(f"http://127.0.0.1:{port}/api/v1/auth/token",
                       json={"email": "caseworker@demo.zairyu.example", "password": DEMO_PASSWORD})
        assert r.status_code == 200  # the quick start works: the demo accounts sign in
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    assert _z(env, "users", "list").stdout == before  # the office's database is untouched
    assert (demo_dir / "zairyu.db").exists()
    assert oct((demo_dir / "zairyu.db").stat().st_mode & 0o777) == "0o600"
    assert oct(demo_dir.stat().st_mode & 0o777) == "0o700"
