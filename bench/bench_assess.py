"""Benchmark: assess 10,000 varied generated people, one process; report p50 / p99 per assessment.

    .venv/bin/python bench/bench_assess.py [--n 10000] [--seed 7]

Not a test: results are written down in docs/bench-assess.md. The people vary in status, period,
grant date, as-of date (2021–2027), nationality, goal, pending applications, marriage, history and
every circumstance/conduct fact (each true, false or unknown).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from zairyu.calendar.periods import add_period
from zairyu.duration import Duration
from zairyu.errors import ZairyuError
from zairyu.facts import Facts, parse_facts
from zairyu.law.catalogue import catalogue
from zairyu.rules import assess

NATIONALITIES = ["RU", "UA", "MM", "AF", "VN", "CN", "US", "DE", "PH", "NP", "BR", "LK"]
GOALS = ["student", "engineer_humanities_intl", "designated_activities", "spouse_child_of_japanese",
         "long_term_resident", "permanent_resident", "dependent", "business_manager", None]
TRI = [True, False, None]


def _period(rng: random.Random, code: str, on: date) -> str | None:
    p = catalogue(on).status(code).periods
    if p.kind in ("indefinite", "activity_duration"):
        return None
    if p.values:
        return rng.choice(p.values)
    if p.designated_up_to:
        return rng.choice(["P15D", "P10D"])
    months = rng.randint(3, Duration.parse(p.max or "P1Y").total_months)
    return f"P{months // 12}Y{months % 12}M" if months >= 12 and months % 12 else (
        f"P{months // 12}Y" if months >= 12 else f"P{months}M")


def person(rng: random.Random, fixed_on: date | None = None) -> tuple[Facts, date]:
    on = fixed_on or date(2021, 1, 1) + timedelta(days=rng.randint(0, 6 * 365))
    law = catalogue(on)
    codes = [s.code for s in law.statuses if s.code not in ("diplomat", "special_permanent_resident")]
    code = rng.choice(codes)
    period = _period(rng, code, on)
    granted = on - timedelta(days=rng.randint(0, 900))
    if period is not None:
        # keep most stays current, some expired (overstay or special period cases)
        while add_period(granted, Duration.parse(period)) < on - timedelta(days=rng.choice([0, 0, 0, 40, 120])):
            granted += timedelta(days=rng.randint(10, 200))
        granted = min(granted, on)
    stay: dict[str, Any] = {"status": code, "granted_on": granted.isoformat(),
                            "granted_by": rng.choice(["landing", "change", "extension"]) if period else "change"}
    if stay["granted_by"] == "extension":
        stay["granted_by"] = "change"
    if period:
        stay["period"] = period
    if code == "designated_activities":
        stay["designation"] = rng.choice(["refugee_applicant", "ukraine_evacuee", None])
    since = granted - timedelta(days=rng.randint(0, 12 * 365))
    facts: dict[str, Any] = {
        "person": {"nationality": rng.choice(NATIONALITIES + [None])},
        "stay": stay,
        "residence_in_japan_since": rng.choice([since.isoformat(), None]),
        "history": [{"status": code, "from": granted.isoformat()}] if rng.random() < 0.5 else [],
        "goal": {"status": rng.choice(GOALS), "activity_fits": rng.choice(TRI),
                 "meets_landing_criteria": rng.choice(TRI)},
        "circumstances": {k: rng.choice(TRI) for k in (
            "cannot_return_safely", "fear_of_persecution_convention_reason", "serious_harm_feared",
            "medical_treatment", "school_admission", "in_deportation_proceedings", "intends_to_leave_promptly")},
        "conduct": {k: rng.choice(TRI) for k in (
            "criminal_record", "independent_livelihood", "taxes_paid", "pension_and_insurance_paid",
            "notifications_complied", "engaged_in_status_activity", "previously_deported", "has_passport")},
    }
    if rng.random() < 0.2:
        facts["marriage"] = {"spouse": rng.choice(["japanese_national", "permanent_resident", "foreign_resident"]),
                             "married_on": (on - timedelta(days=rng.randint(0, 2000))).isoformat(),
                             "cohabiting": rng.choice(TRI)}
    if rng.random() < 0.15 and period:
        filed = max(granted, on - timedelta(days=rng.randint(0, 60)))
        facts["pending_application"] = {"procedure": rng.choice(["change_of_status", "extension_of_stay"]),
                                        "filed_on": filed.isoformat()}
    if rng.random() < 0.1:
        facts["conduct"]["hsp_points"] = rng.randint(50, 100)
    if rng.random() < 0.05:
        facts = {"person": {"born_in_japan": True, "birth_date": (on - timedelta(days=rng.randint(0, 50))).isoformat()},
                 "goal": {"status": "dependent", "activity_fits": rng.choice(TRI)}}
    return parse_facts(facts), on


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dates", choices=["spread", "one"], default="spread",
                    help="spread: as-of dates over 2021–2027 (about 2,200 distinct law views); "
                         "one: every person assessed as of 2025-06-02, as the CLI and web app do for 'today'")
    args = ap.parse_args()
    fixed_on = date(2025, 6, 2) if args.dates == "one" else None
    rng = random.Random(args.seed)
    people = []
    rejected = 0
    while len(people) < args.n:
        try:
            people.append(person(rng, fixed_on))
        except ZairyuError:
            rejected += 1
    # warm the caches the way a long-running server would (catalogue per date, law files)
    for f, on in people[:200]:
        try:
            assess(f, on)
        except ZairyuError:
            pass
    times = []
    cpu = []
    verdicts: dict[str, int] = {}
    errors = 0
    for f, on in people:
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        try:
            a = assess(f, on)
        except ZairyuError:
            errors += 1
            continue
        cpu.append(time.thread_time_ns() - c0)
        times.append(time.perf_counter_ns() - t0)
        for o in a.options:
            verdicts[o.verdict] = verdicts.get(o.verdict, 0) + 1
    times.sort()
    cpu.sort()
    ms = [t / 1e6 for t in times]
    cms = [t / 1e6 for t in cpu]
    p50 = statistics.median(ms)
    p99 = ms[int(len(ms) * 0.99) - 1]
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()}); "
          f"dates: {args.dates}; seed {args.seed}")
    print(f"people assessed: {len(times)} (generated {args.n}, rejected while generating {rejected}, "
          f"errors {errors})")
    print(f"options: {sum(verdicts.values())} — " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    print(f"p50 {p50:.3f} ms   p90 {ms[int(len(ms) * 0.9) - 1]:.3f} ms   p99 {p99:.3f} ms   max {ms[-1]:.3f} ms   "
          f"mean {statistics.fmean(ms):.3f} ms")
    print(f"CPU time (excludes waiting for a core): p50 {statistics.median(cms):.3f} ms   "
          f"p99 {cms[int(len(cms) * 0.99) - 1]:.3f} ms")
    with open("/proc/loadavg") as fh:
        print(f"load average at the end: {fh.read().split()[0]}")
    print(f"target p50 <= 1 ms: {'met' if p50 <= 1 else 'NOT met'}; p99 <= 5 ms: {'met' if p99 <= 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
