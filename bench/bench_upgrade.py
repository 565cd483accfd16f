"""Benchmark: an existing office upgrading to deadlines kept as messages (migrations 0009–0010), then
`zairyu db upgrade`'s recompute of the people another version computed (not a timed test).

The office is built at the current schema (CSV import of N people, as bench_cases.py), taken back to
revision 0008 — its deadlines then hold sentences in four columns, as an office on the previous version
has them — and upgraded again: the migration converts every row, and the recompute rewrites everyone's
deadlines as keys. Prints the time of each step.

    .venv/bin/python bench/bench_upgrade.py --people 100000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))
from bench_cases import ACTOR, ON, make_csv

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.exchange import import_csv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'upgrade.db'}"
        engine = db.get_engine(url)
        db.upgrade(engine)
        with db.transaction(engine) as s:
            org = sv.create_organisation(s, "Bench office", ACTOR).id
            import_csv(s, org, make_csv(args.people), ACTOR, ON, where="bench.csv")
            rows = s.scalar(select(func.count()).select_from(m.Deadline))
        t0 = time.perf_counter()
        db.downgrade(engine, "0008")
        print(f"{args.people} people, {rows} deadlines; back to 0008 (sentences) in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        before, after = db.upgrade(engine)
        t_migrate = time.perf_counter() - t0
        with db.transaction(engine) as s:
            t0 = time.perf_counter()
            stale = sv.stale_people(s)
            t_stale = time.perf_counter() - t0
            t0 = time.perf_counter()
            written = sv.recompute_many(s, stale, ON)
            t_recompute = time.perf_counter() - t0
        with db.transaction(engine) as s:
            left = len(sv.stale_people(s))
        print(f"migration {before} → {after}: {t_migrate:.1f} s")
        print(f"stale people found: {len(stale)} in {t_stale:.1f} s; recomputed ({written} deadlines) in "
              f"{t_recompute:.1f} s; stale afterwards: {left}")
        db.dispose_engine(url)


if __name__ == "__main__":
    main()
