"""Benchmark of the people list at the scale of a large support organisation (not a timed test).

Builds the office of bench/bench_cases.py (N people with their current stays, an extension filed and under
examination for a third of them; default 100,000), assigns two thirds of them to five members of staff, and
measures one page of the list (``sv.list_page``: the count of all pages and the page's 50 rows with their
stay, next deadline and assignee), as ``GET /people`` and ``GET /api/v1/people`` ask for it, with each sort
and with filters combined; and the CSV export of a filtered list (every page).

Usage::

    .venv/bin/python bench/bench_people_list.py --backend both --people 100000 \\
        --pg-url postgresql+psycopg://postgres@127.0.0.1:54342/postgres

Results are written up in docs/bench-cases.md ("The people list").
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

# The field-encryption keys from the environment (a throwaway key unless one is set). With a key *file*, every
# encrypted value read or written re-reads the settings (~7 ms each on this machine, crypto.keyring): building
# the office then takes many minutes, and the list's rows are read without their encrypted columns anyway.
if not os.environ.get("ZAIRYU_FIELD_KEYS"):
    from cryptography.fernet import Fernet

    os.environ["ZAIRYU_FIELD_KEYS"] = Fernet.generate_key().decode()
sys.path.insert(0, str(Path(__file__).parent))
from bench_cases import ACTOR, ON, fresh_database, make_csv

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.exchange import import_csv

CASES: list[tuple[str, dict[str, object]]] = [
    ("name, page 1", {}),
    ("name, page 1000", {"page": 1000}),
    ("name descending, 500 a page", {"order": "desc", "page_size": 500}),
    ("next deadline, page 1", {"sort": "next_deadline"}),
    ("stay expiry descending, page 1", {"sort": "stay_expiry", "order": "desc"}),
    ("assignee, page 1", {"sort": "assignee"}),
    ("nationality, page 100", {"sort": "nationality", "page": 100}),
    ("search 'ngu'", {"search": "ngu"}),
    ("expiring 90 days, by next deadline", {"expiring": 90, "sort": "next_deadline"}),
    ("student + VN + name", {"status": "student", "nationality": "VN"}),
    ("unassigned + expiring 90 + engineer, by expiry", {"assignee": "unassigned", "expiring": 90,
                                                        "status": "engineer_humanities_intl",
                                                        "sort": "stay_expiry"}),
    ("overstaying, by name", {"overstaying": True}),
    ("overstaying + assignee + by next deadline", {"overstaying": True, "assignee": "ASSIGNEE",
                                                   "sort": "next_deadline"}),
]


def build(backend: str, n: int, pg_url: str | None, tmp: Path) -> tuple[str, int, int, dict[str, int]]:
    url = fresh_database(backend, pg_url, tmp)
    engine = db.get_engine(url)
    db.upgrade(engine)
    with db.transaction(engine) as s:
        org = sv.create_organisation(s, "Bench office", ACTOR).id
        staff = [sv.add_user(s, org, email=f"staff{i}@bench.example", display_name=f"Staff {i}",
                             role="caseworker", actor=ACTOR).id for i in range(5)]
    with db.transaction(engine) as s:
        import_csv(s, org, make_csv(n), ACTOR, ON, where="bench.csv")
    rnd = random.Random(2)
    with db.transaction(engine) as s:  # as bench_cases.py: an extension filed for a third of the people
        rows = s.execute(select(m.Stay.person_id, m.Stay.status, m.Stay.granted_on, m.Stay.expires_on)).all()
        now = sv.now()
        apps = []
        for pid, status, granted, expires in rows:
            if rnd.random() < 1 / 3:
                filed = max(granted, (expires or ON) - timedelta(days=rnd.randint(1, 80)))
                apps.append({"person_id": pid, "procedure": "extension_of_stay", "target_status": status,
                             "channel": "online", "filed_on": filed, "stage": "under_examination",
                             "created_at": now, "updated_at": now, "version": 1})
        s.execute(insert(m.Application), apps)
        sv.recompute_many(s, [a["person_id"] for a in apps], ON)
        # two thirds of the people assigned to one of five members of staff
        for i, uid in enumerate(staff):
            s.execute(update(m.Person).where(m.Person.organisation_id == org, m.Person.id % 15 == i * 2)
                      .values(assignee_id=uid))
            s.execute(update(m.Person).where(m.Person.organisation_id == org, m.Person.id % 15 == i * 2 + 1)
                      .values(assignee_id=uid))
    if backend == "postgres":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    return url, org, staff[0], {"people": n}


def run(backend: str, n: int, pg_url: str | None, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url, org, user, _ = build(backend, n, pg_url, Path(tmp))
        print(f"# {backend}: office of {n} people built in {time.perf_counter() - t0:.0f} s", flush=True)
        engine = db.get_engine(url)
        load_before = os.getloadavg()[0]
        for label, params in CASES:
            p = {k: (str(user) if v == "ASSIGNEE" else v) for k, v in params.items()}
            times = []
            total = 0
            for _ in range(runs):
                with db.transaction(engine) as s:
                    t0 = time.perf_counter()
                    page = sv.list_page(s, org, sv.people_query(p), ON, user_id=user)
                    times.append((time.perf_counter() - t0) * 1000)
                    total = page.total
            print(f"{backend}\t{label}\ttotal={total}\tmedian={statistics.median(times):.0f} ms\t"
                  f"max={max(times):.0f} ms", flush=True)
        for label, params in (("CSV rows, expiring 90 days", {"expiring": 90}),):
            with db.transaction(engine) as s:
                t0 = time.perf_counter()
                rows = sum(1 for _ in sv.all_rows(s, org, sv.people_query(params), ON))
                ms = (time.perf_counter() - t0) * 1000
            print(f"{backend}\t{label}\trows={rows}\t{ms:.0f} ms (all rows built once)", flush=True)
        print(f"# load average (1 min) {load_before:.2f} → {os.getloadavg()[0]:.2f}", flush=True)
        db.dispose_engine(url)
        if backend == "postgres" and pg_url:
            eng = create_engine(pg_url, isolation_level="AUTOCOMMIT")
            with eng.connect() as c:
                c.execute(text(f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)'))
            eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--pg-url", default=None)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    for backend in (["sqlite", "postgres"] if a.backend == "both" else [a.backend]):
        run(backend, a.people, a.pg_url, a.runs)


if __name__ == "__main__":
    main()
