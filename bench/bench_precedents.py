"""Benchmark: the precedent register's search on 100,000 generated records, on SQLite and PostgreSQL;
p50 / p95 of a two-character Japanese query and of a faceted query (target ≤ 50 ms p95).

    .venv/bin/python bench/bench_precedents.py [--n 100000] [--runs 200] [--pg URL] [--seed 7]

Not a test: the results are written down in docs/precedents.md. The records are generated (valid records of
the register's model, loaded through the same index rows as `zairyu precedents load`): kinds, procedures,
outcomes, statuses, nationalities, tags and years drawn at random; summaries in Japanese, English and Russian
drawn from a vocabulary in which 留学 occurs in about 3 % of the records and 難民 in about 25 %.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, create_engine, text
from sqlalchemy.engine import make_url

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases.services.common import fast_insert
from zairyu.precedents import store
from zairyu.precedents.model import KINDS, OUTCOMES, Precedent
from zairyu.precedents.tags import tag_codes

NATS = ["RU", "UA", "MM", "AF", "VN", "CN", "TR", "LK", "NP", "UG", "IR", "PK"]
PROCS = ["change_of_status", "extension_of_stay", "refugee_recognition", "complementary_protection",
         "special_permission_to_stay", "deportation", "permanent_residence", "other"]
STATUSES = ["temporary_visitor", "student", "designated_activities", "long_term_resident", "none",
            "spouse_child_of_japanese", "permanent_resident", None]
AUTH = ["Immigration Services Agency of Japan", "Tokyo District Court", "Osaka District Court",
        "Nagoya High Court", "Tokyo Regional Immigration Services Bureau (ISA)"]
JA = ["在留資格", "変更", "許可", "特定活動", "人道", "配慮", "帰国", "危険", "申請", "審査", "判決", "取消し", "収容",
      "仮放免", "家族", "長期", "就労", "出入国", "管理局", "措置"]
EN = ["status", "change", "permission", "court", "ruled", "bureau", "applicant", "return", "fear", "family",
      "detention", "humanitarian", "grounds", "decision", "special", "measure", "evacuees", "work", "annulled"]
RU = ["статус", "изменение", "разрешение", "суд", "беженец", "мобилизация", "семья", "возвращение", "опасность"]


def generate(n: int, seed: int) -> list[Precedent]:
    rng = random.Random(seed)
    tags = list(tag_codes())
    out = []
    for i in range(n):
        y = rng.randint(2010, 2026)
        ja = "".join(rng.sample(JA, 5))
        if rng.random() < 0.03:
            ja += "「留学」"
        if rng.random() < 0.25:
            ja += "難民認定"
        if rng.random() < 0.02:
            ja += "永住許可"
        out.append(Precedent.model_validate({
            "id": f"gen-{y}-{i:06d}", "kind": rng.choice(KINDS),
            "date": f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.3 else f"{y}-{rng.randint(1, 12):02d}-"
                                                                              f"{rng.randint(1, 28):02d}",
            "authority": rng.choice(AUTH), "procedure": rng.choice(PROCS),
            "from_status": rng.choice(STATUSES), "to_status": rng.choice(STATUSES),
            "nationality": rng.sample(NATS, rng.choice([1, 1, 1, 2])), "outcome": rng.choice(OUTCOMES),
            "circumstances": rng.sample(tags, rng.randint(0, 3)),
            "summary_ja": ja + "。", "summary_en": " ".join(rng.choices(EN, k=12)) + ".",
            "summary_ru": " ".join(rng.choices(RU, k=6)) if rng.random() < 0.2 else None,
            "sources": [{"title": "Generated record", "url": f"https://example.org/{i}"}],
            "confidence": rng.choice(["high", "medium", "low"]),
        }))
    return out


def fill(engine: Any, records: list[Precedent]) -> float:
    """Bulk-load the generated records (the same rows `load` writes, without the per-record timeline)."""
    t0 = time.perf_counter()
    P = cast(Table, m.Precedent.__table__)
    F = cast(Table, m.PrecedentFacet.__table__)
    T = cast(Table, m.PrecedentTerm.__table__)
    now = datetime.now(UTC)
    chunk = 5000
    with db.transaction(engine) as s:
        for start in range(0, len(records), chunk):
            part = records[start:start + chunk]
            rows = [{"id": start + j + 1, **store._columns(p), "organisation_id": None, "public": True,
                     "data": p.to_json(), "created_at": now, "updated_at": now, "version": 1}
                    for j, p in enumerate(part)]
            fast_insert(s, P, rows)
            frows: list[dict[str, Any]] = []
            trows: list[dict[str, Any]] = []
            for j, p in enumerate(part):
                f, t = store.index_rows(start + j + 1, p)
                frows += f
                trows += t
            fast_insert(s, F, frows)
            fast_insert(s, T, trows)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        if engine.dialect.name == "postgresql":
            c.exec_driver_sql("SELECT setval('precedents_id_seq', (SELECT max(id) FROM precedents))")
            # what autovacuum does to a freshly loaded table: statistics and the visibility map (index-only scans)
            c.exec_driver_sql("VACUUM ANALYZE")
        else:
            c.exec_driver_sql("ANALYZE")
    return time.perf_counter() - t0


def timed(engine: Any, fn: Callable[[Any], Any], runs: int) -> tuple[float, float, Any]:
    ms = []
    res = None
    factory = db.session_factory(engine)
    with factory() as s:
        fn(s)  # warm
        for _ in range(runs):
            t0 = time.perf_counter()
            res = fn(s)
            ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return statistics.median(ms), ms[int(len(ms) * 0.95) - 1], res


QUERIES: dict[str, Callable[[Any], Any]] = {
    "two-character query 留学 (relevance, first 20)": lambda s: store.search(s, "留学"),
    "two-character query 難民 (relevance, first 20)": lambda s: store.search(s, "難民"),
    "faceted: refugee_recognition + MM + 2023 (date)": lambda s: store.search(
        s, None, {"procedure": ["refugee_recognition"], "nationality": ["MM"], "year": ["2023"]}, sort="date"),
    "faceted + query: 留学 + change_of_status + RU": lambda s: store.search(
        s, "留学", {"procedure": ["change_of_status"], "nationality": ["RU"]}),
    "faceted with facet counts: refugee_recognition + MM + 2023": lambda s: store.search(
        s, None, {"procedure": ["refugee_recognition"], "nationality": ["MM"], "year": ["2023"]},
        sort="date", facet_counts=True),
}


def run(name: str, engine: Any, records: list[Precedent], runs: int) -> None:
    db.upgrade(engine)
    load = fill(engine, records)
    print(f"\n{name}: loaded {len(records):,} records in {load:.1f} s")
    for label, fn in QUERIES.items():
        p50, p95, res = timed(engine, fn, runs)
        print(f"  {label:62s} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  ({res.total:,} matches)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pg", default=os.environ.get("ZAIRYU_TEST_PG_URL"), help="PostgreSQL server (admin URL)")
    a = ap.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    t0 = time.perf_counter()
    records = generate(a.n, a.seed)
    print(f"generated {a.n:,} records in {time.perf_counter() - t0:.1f} s")
    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{d}/bench.db"
        run("SQLite", db.get_engine(url), records, a.runs)
        db.dispose_engine(url)
    if a.pg:
        name = f"zairyu_bench_prec_{os.getpid()}"
        admin = create_engine(a.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(a.pg).set(database=name).render_as_string(hide_password=False)
        try:
            run("PostgreSQL", db.get_engine(url), records, a.runs)
        finally:
            db.dispose_engine(url)
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
