"""Crash safety (issue 12): `kill -9` during an import, a bulk recompute and a migration loses nothing committed
and leaves nothing half-written. The command runs in a real subprocess, killed mid-run with SIGKILL, on SQLite
and on the real PostgreSQL server; afterwards the database holds either all of the command's work or none of it,
and the same command then completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from zairyu.cases import db
from zairyu.cases import services as sv

from .conftest import ACTOR, DBHandle

ZAIRYU = [sys.executable, "-c", "from zairyu.cli import main; main()"]
N = 4000  # people in the import: enough for the command to run for seconds on our machines


def _env(tdb: DBHandle, tmp: Path) -> dict[str, str]:
    return {**os.environ, "ZAIRYU_DATABASE_URL": tdb.url, "ZAIRYU_DATA_DIR": str(tmp / "data")}


def _csv(tmp: Path) -> Path:
    path = tmp / "people.csv"
    lines = ["family_name,given_name,nationality,notes,status,period,granted_on,granted_by,card_number"]
    for i in range(N):
        lines.append(f"Imported{i},Anna,RU,at risk {i},student,P1Y,2026-04-{1 + i % 28:02d},landing,"
                     f"AB{i:08d}CD")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _scalar(tdb: DBHandle, sql: str) -> object:
    db.dispose_engine(tdb.url)
    with db.get_engine(tdb.url).connect() as c:
        return c.execute(text(sql)).scalar()


def _writing(proc: subprocess.Popen[bytes], tdb: DBHandle) -> bool:
    """Whether the command has begun writing to the database: on PostgreSQL its transaction holds a transaction
    id (it wrote a row or changed the schema, not committed yet); on SQLite it has written bytes (the database's
    write-ahead log is written with write(2); reading the CSV is not writing)."""
    if tdb.kind == "postgres":
        return bool(_scalar(tdb, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"))
    try:
        io = Path(f"/proc/{proc.pid}/io").read_text()
    except OSError:
        return False
    return int(io.split("wchar:")[1].split()[0]) > 0


def _kill_mid_run(cmd: list[str], env: dict[str, str], tdb: DBHandle, check: Callable[[], None],
                  after: tuple[float, ...] = (0.0, 0.5)) -> int:
    """Run ``cmd`` and SIGKILL it once it has begun writing (then ``after`` seconds later, one run each);
    ``check`` after every kill. Returns how many kills landed while the command ran."""
    landed = 0
    for extra in after:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and not _writing(proc, tdb):
            time.sleep(0.01)
        time.sleep(extra)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            landed += 1
            print(f"killed {cmd[3:5]} {extra} s after it began writing")  # shown with -s
        proc.wait()
        check()
    return landed


def _committed(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        org = sv.default_organisation(s, ACTOR).id
        sv.add_person(s, org, {"family_name": "Committed", "notes": "before the crash"}, ACTOR)


def test_kill_during_import(tdb: DBHandle, tmp_path: Path) -> None:
    _committed(tdb)
    env = _env(tdb, tmp_path)
    csv = _csv(tmp_path)

    def check() -> None:
        n = _scalar(tdb, "SELECT COUNT(*) FROM people")
        assert n in (1, 1 + N), n  # all or nothing
        assert _scalar(tdb, "SELECT COUNT(*) FROM people WHERE family_name = 'Committed'") == 1
        if n == 1:
            assert _scalar(tdb, "SELECT COUNT(*) FROM stays") == 0
            assert _scalar(tdb, "SELECT COUNT(*) FROM timeline WHERE hash IS NULL") == 0

    landed = _kill_mid_run([*ZAIRYU, "import", str(csv), "--on", "2026-11-25"], env, tdb, check)
    assert landed >= 1
    if _scalar(tdb, "SELECT COUNT(*) FROM people") == 1:
        r = subprocess.run([*ZAIRYU, "import", str(csv), "--on", "2026-11-25"], env=env, capture_output=True,
                           text=True)
        assert r.returncode == 0, r.stderr
    assert _scalar(tdb, "SELECT COUNT(*) FROM people") == 1 + N
    r = subprocess.run([*ZAIRYU, "audit", "verify"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_kill_during_bulk_recompute(tdb: DBHandle, tmp_path: Path) -> None:
    env = _env(tdb, tmp_path)
    r = subprocess.run([*ZAIRYU, "import", str(_csv(tmp_path)), "--on", "2026-11-25"], env=env, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    deadlines = _scalar(tdb, "SELECT COUNT(*) FROM deadlines")
    assert deadlines

    def check() -> None:
        # every deadline computed for one as-of date: the old run's or the new one's, never a mixture
        assert _scalar(tdb, "SELECT COUNT(DISTINCT computed_for) FROM deadlines") == 1
        assert _scalar(tdb, "SELECT COUNT(DISTINCT person_id) FROM deadlines") == N

    landed = _kill_mid_run([*ZAIRYU, "db", "recompute-deadlines", "--on", "2026-12-01"], env, tdb, check)
    assert landed >= 1
    assert _scalar(tdb, "SELECT COUNT(*) FROM deadlines") >= deadlines * 0.9


def test_kill_during_migration(tdb: DBHandle, tmp_path: Path) -> None:
    env = _env(tdb, tmp_path)
    r = subprocess.run([*ZAIRYU, "import", str(_csv(tmp_path)), "--on", "2026-11-25"], env=env, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    db.downgrade(tdb.engine, "0011")  # back to before the data-at-rest migration (0013): plain values
    db.dispose_engine(tdb.url)
    head = db.head_revision()

    def check() -> None:
        rev = _scalar(tdb, "SELECT version_num FROM alembic_version")
        assert rev in ("0011", "0013", head), rev
        plain = _scalar(tdb, "SELECT COUNT(*) FROM stays WHERE card_number LIKE 'AB%'")
        encrypted = _scalar(tdb, "SELECT COUNT(*) FROM stays WHERE card_number LIKE 'zenc1:%'")
        if rev == "0011":  # nothing of 0013 is left behind
            assert (plain, encrypted) == (N, 0)
            # no table of 0013 was left behind (the migration's DDL is inside its transaction)
            meta = "SELECT COUNT(*) FROM " + ("sqlite_master WHERE name = 'zairyu_meta'" if tdb.kind == "sqlite"
                                             else "information_schema.tables WHERE table_name = 'zairyu_meta'")
            assert _scalar(tdb, meta) == 0
        else:
            assert (plain, encrypted) == (0, N)
            assert _scalar(tdb, "SELECT COUNT(*) FROM timeline WHERE hash IS NULL") == 0

    landed = _kill_mid_run([*ZAIRYU, "db", "upgrade", "--on", "2026-11-25"], env, tdb, check)
    assert landed >= 1
    r = subprocess.run([*ZAIRYU, "db", "upgrade", "--on", "2026-11-25"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*ZAIRYU, "people", "show", "1", "--json"], env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "AB00000000CD" in r.stdout, r.stderr
