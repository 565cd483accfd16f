"""Benchmark of the case manager at the scale of a large support organisation (not a timed test).

Builds an office of N people (default 100,000) with their current stays and applications, on SQLite
and/or PostgreSQL, and measures:

* importing the people and stays from CSV (``zairyu import people.csv``: validation, bulk insert,
  derived deadlines and timeline, one transaction) — target ≤ 60 s for 100,000 people;
* adding applications for a third of them and recomputing those people's deadlines;
* the agenda for the next 30 days (``zairyu agenda --days 30``) — target ≤ 200 ms.

Usage::

    .venv/bin/python bench/bench_cases.py --backend sqlite --people 100000
    .venv/bin/python bench/bench_cases.py --backend postgres --pg-url postgresql+psycopg://postgres@127.0.0.1:54339/postgres

Results are written up in docs/bench-cases.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from zairyu.calendar.periods import add_months_end_clamped
from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.exchange import CSV_COLUMNS, import_csv
from zairyu.duration import Duration

ON = date(2026, 11, 25)
ACTOR = sv.Actor("bench")
STATUSES = [("student", "P1Y3M"), ("student", "P1Y"), ("engineer_humanities_intl", "P1Y"),
            ("engineer_humanities_intl", "P3Y"), ("engineer_humanities_intl", "P5Y"), ("dependent", "P1Y"),
            ("ssw_1", "P1Y"), ("titp_2a", "P1Y"), ("business_manager", "P1Y"), ("nursing_care", "P3Y"),
            ("skilled_labor", "P3Y"), ("instructor", "P1Y")]
NATIONALITIES = ["VN", "CN", "PH", "NP", "ID", "KR", "BR", "MM", "LK", "IN", "UA", "RU", "US", "TH", "BD"]
FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Wang", "Li", "Zhang", "Santos", "Reyes", "Gurung", "Rai", "Kim",
          "Park", "Silva", "Aung", "Perera", "Patel", "Kovalenko", "Ivanova", "Smith"]


def make_csv(n: int, seed: int = 1) -> str:
    """N people, each with a current stay expiring between 30 days ago and 3 years ahead."""
    rnd = random.Random(seed)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
    w.writeheader()
    for i in range(n):
        status, period = rnd.choice(STATUSES)
        d = Duration.parse(period)
        expires = ON + timedelta(days=rnd.randint(-5, min(3 * 365, d.total_months * 30)))
        granted = add_months_end_clamped(expires, -d.total_months)
        w.writerow({"family_name": rnd.choice(FAMILY), "given_name": f"Person{i:06d}",
                    "nationality": rnd.choice(NATIONALITIES),
                    "birth_date": (date(1960, 1, 1) + timedelta(days=rnd.randint(0, 16000))).isoformat(),
                    "status": status, "period": period, "granted_on": granted.isoformat(), "granted_by": "landing",
                    "card_number": f"AB{i:08d}CD"})
    return buf.getvalue()


def fresh_database(backend: str, pg_url: str | None, workdir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{workdir / f'bench-{uuid.uuid4().hex[:6]}.db'}"
    assert pg_url, "--pg-url is needed for PostgreSQL (scripts/start_pg.sh prints one)"
    name = f"bench_{uuid.uuid4().hex[:8]}"
    eng = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)


def run(backend: str, n: int, pg_url: str | None, agenda_runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(backend, pg_url, Path(tmp))
        engine = db.get_engine(url)
        db.upgrade(engine)
        data = make_csv(n)
        with db.transaction(engine) as s:
            org = sv.create_organisation(s, "Bench office", ACTOR).id
        t0 = time.perf_counter()
        with db.transaction(engine) as s:
            rep = import_csv(s, org, data, ACTOR, ON, where="bench.csv")
        t_import = time.perf_counter() - t0

        # applications for a third of the people (filed extension/change), then recompute their deadlines
        rnd = random.Random(2)
        t0 = time.perf_counter()
        with db.transaction(engine) as s:
            rows = s.execute(select(m.Stay.person_id, m.Stay.status, m.Stay.granted_on, m.Stay.expires_on)).all()
            chosen = [r for r in rows if rnd.random() < 1 / 3]
            now = sv.now()
            apps = []
            for pid, status, granted, expires in chosen:
                filed = max(granted, (expires or ON) - timedelta(days=rnd.randint(1, 80)))
                apps.append({"person_id": pid, "procedure": "extension_of_stay", "target_status": status,
                             "channel": "online", "filed_on": filed, "stage": "under_examination",
                             "created_at": now, "updated_at": now, "version": 1})
            s.execute(insert(m.Application), apps)
            recomputed = sv.recompute_many(s, [a["person_id"] for a in apps], ON)
        n_apps = len(apps)
        # the setup's rows would otherwise stay alive and make every garbage collection below walk them
        del rows, chosen, apps
        t_apps = time.perf_counter() - t0

        with db.transaction(engine) as s:
            n_deadlines = s.scalar(select(func.count()).select_from(m.Deadline))
            if backend == "postgres":
                s.execute(text("ANALYZE"))
        fresh_times: list[float] = []
        if backend == "postgres":
            # Right after a bulk load PostgreSQL has not yet marked the pages all-visible, so the agenda's
            # index-only scans still visit the table; autovacuum does so shortly after (it runs on inserts).
            for _ in range(5):
                with db.transaction(engine) as s:
                    t0 = time.perf_counter()
                    sv.agenda(s, org, ON, 30)
                    fresh_times.append((time.perf_counter() - t0) * 1000)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
        times: list[float] = []
        json_times: list[float] = []
        page_times: list[float] = []
        count_times: list[float] = []
        count = 0
        counts: dict[str, int] = {}
        load_before = os.getloadavg()[0]
        for _ in range(agenda_runs):
            with db.transaction(engine) as s:
                t0 = time.perf_counter()
                items = sv.agenda(s, org, ON, 30)  # every line of the next 30 days (what `zairyu agenda` prints)
                times.append((time.perf_counter() - t0) * 1000)
                count = len(items)
                t0 = time.perf_counter()
                as_json = [i.to_json() for i in items]  # and all of it as JSON (`zairyu agenda --json`)
                json_times.append((time.perf_counter() - t0) * 1000 + times[-1])
                # Each call is timed from its start until its result is in hand. The previous run's lines and
                # JSON are freed here, outside the timers: until round 3 the list was rebound inside the next
                # timer, which then also counted freeing the previous run's 33,008 lines with their loaded
                # explanations and traces (~40-60 ms) — work no single `zairyu agenda` or web request does.
                del items, as_json
                t0 = time.perf_counter()
                page = [i.to_json() for i in sv.agenda(s, org, ON, 30, limit=100)]  # a dashboard page, with traces
                page_times.append((time.perf_counter() - t0) * 1000)
                assert len(page) == min(100, count)
                del page
                t0 = time.perf_counter()
                counts = sv.agenda_counts(s, org, ON)
                count_times.append((time.perf_counter() - t0) * 1000)
        load_during = (load_before + os.getloadavg()[0]) / 2
        # The same agenda the way `zairyu agenda` runs it: in a fresh process. In this process, after importing
        # 100,000 people, the same calls take 20-40 % longer (its heap is scattered, which slows the allocation
        # of the agenda's tens of thousands of small objects; checkpointing SQLite changes nothing).
        fresh_process, fresh_with_free = fresh_process_times(url, org, agenda_runs)
        load_fresh = os.getloadavg()[0]
        db.dispose_engine(url)
        if backend == "postgres" and pg_url:
            eng = create_engine(pg_url, isolation_level="AUTOCOMMIT")
            with eng.connect() as c:
                c.execute(text(f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)'))
            eng.dispose()
        return {"backend": backend, "people": rep.people, "stays": rep.stays, "applications": n_apps,
                "deadlines": n_deadlines, "import_s": round(t_import, 1), "apps_recompute_s": round(t_apps, 1),
                "recomputed_deadlines": recomputed, "agenda_items": count, "agenda_counts": counts,
                "agenda_full_ms_median": round(statistics.median(times), 1),
                "agenda_full_ms_max": round(max(times), 1),
                "agenda_full_before_vacuum_ms_median": (round(statistics.median(fresh_times), 1) if fresh_times
                                                        else None),
                "agenda_full_fresh_process_ms_median": round(statistics.median(fresh_process), 1),
                "agenda_full_fresh_process_ms_max": round(max(fresh_process), 1),
                "agenda_full_fresh_process_with_free_ms_median": round(statistics.median(fresh_with_free), 1),
                "agenda_full_json_ms_median": round(statistics.median(json_times), 1),
                "agenda_page100_ms_median": round(statistics.median(page_times), 1),
                "agenda_page100_ms_max": round(max(page_times), 1),
                "agenda_counts_ms_median": round(statistics.median(count_times), 1),
                "load_1min_in_process_runs": round(load_during, 2), "load_1min_after_fresh_runs": round(load_fresh, 2)}


FRESH_PROCESS = """
import statistics, sys, time
from datetime import date
from zairyu.cases import db, services as sv
engine = db.get_engine(sys.argv[1])
times, with_free = [], []
for _ in range(int(sys.argv[3])):
    with db.transaction(engine) as s:
        t0 = time.perf_counter()
        lines = sv.agenda(s, int(sys.argv[2]), date.fromisoformat(sys.argv[4]), 30)
        times.append((time.perf_counter() - t0) * 1000)
        del lines  # until its lines are freed again (a command or a web request frees them before it answers)
        with_free.append((time.perf_counter() - t0) * 1000)
print(" ".join(str(t) for t in times))
print(" ".join(str(t) for t in with_free))
"""


def fresh_process_times(url: str, org: int, runs: int) -> tuple[list[float], list[float]]:
    """The whole 30-day agenda in a new Python process (as the CLI runs it), ``runs`` times: milliseconds until
    the lines are in hand, and until they are freed again."""
    out = subprocess.run([sys.executable, "-c", FRESH_PROCESS, url, str(org), str(runs), ON.isoformat()],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    return [float(x) for x in out[0].split()], [float(x) for x in out[1].split()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--pg-url", default=None)
    ap.add_argument("--agenda-runs", type=int, default=20)
    a = ap.parse_args()
    for backend in (["sqlite", "postgres"] if a.backend == "both" else [a.backend]):
        res = run(backend, a.people, a.pg_url, a.agenda_runs)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(" ".join(f"{k}={v}" for k, v in res.items()), f"load_average='{load}'", flush=True)


if __name__ == "__main__":
    main()
