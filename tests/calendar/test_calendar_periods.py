"""Period arithmetic: the worked examples of law.md §3 as tables (Civil Code Arts. 140/143 as applied
to periods of stay; extension and change; the other period computations of §3.3)."""

from __future__ import annotations

from datetime import date

import pytest

from zairyu.calendar.deadlines import days_after, special_period_end
from zairyu.calendar.periods import add_period, expiry, period_between, sixteenth_birthday
from zairyu.duration import Duration

D = date.fromisoformat

# law.md §3.1 — start (landing/permission), period, expiry
SECTION_3_1 = [
    ("2022-09-01", "P90D", "2022-11-30"),
    ("2022-09-01", "P30D", "2022-10-01"),
    ("2022-09-01", "P15D", "2022-09-16"),
    ("2023-05-01", "P90D", "2023-07-30"),
    ("2023-05-15", "P1Y", "2024-05-15"),
    ("2017-01-16", "P1Y", "2018-01-16"),
    ("2023-01-31", "P1M", "2023-02-28"),
    ("2024-02-29", "P1Y", "2025-02-28"),
    ("2023-11-30", "P3M", "2024-02-29"),
]


@pytest.mark.parametrize(("start", "period", "expected"), SECTION_3_1)
def test_section_3_1_landing_and_change(start: str, period: str, expected: str) -> None:
    for kind in ("landing", "change"):
        res = expiry(D(start), Duration.parse(period), kind)  # type: ignore[arg-type]
        assert res.expires_on == D(expected)
        assert res.trace_lines()[-1] == f"period of stay ends at the end of {expected}"
        assert {(b.law, b.provision) for b in res.legal_basis} >= {("Civil Code", "Art. 140"),
                                                                    ("Civil Code", "Art. 143")}


def test_month_end_rule_is_named_in_the_trace() -> None:
    res = expiry(D("2023-01-31"), Duration.parse("P1M"))
    assert any("last day of the month" in line for line in res.trace_lines())
    assert not any("last day of the month" in line for line in expiry(D("2023-05-15"), Duration(years=1)).trace_lines())


# law.md §3.2 — extension from the day after the old expiry (also when granted in the special
# period); change from the permission date
SECTION_3_2 = [
    # kind, counted from, granted on, period, expiry
    ("extension", "2024-05-15", "2024-04-20", "P1Y", "2025-05-15"),   # granted early: days not lost
    ("extension", "2024-05-15", "2024-06-20", "P1Y", "2025-05-15"),   # granted in the special period
    ("change", "2023-05-20", "2023-05-20", "P1Y", "2024-05-20"),
    ("extension", "2023-02-13", "2023-03-01", "P90D", "2023-05-14"),  # law.md §7 synthetic timeline
]


@pytest.mark.parametrize(("kind", "start", "granted", "period", "expected"), SECTION_3_2)
def test_section_3_2_extension_and_change(kind: str, start: str, granted: str, period: str, expected: str) -> None:
    res = expiry(D(start), Duration.parse(period), kind, granted_on=D(granted))  # type: ignore[arg-type]
    assert res.expires_on == D(expected)
    provisions = {b.provision for b in res.legal_basis}
    assert ("Art. 21" if kind == "extension" else "Art. 20") in provisions
    if kind == "extension" and D(granted) > D(start):
        assert any("special period" in line for line in res.trace_lines())


# law.md §3.3 — other computations
def test_section_3_3_fourteen_day_notification() -> None:
    assert days_after(D("2020-10-26"), 14) == D("2020-11-09")


def test_section_3_3_special_period_end() -> None:
    end = special_period_end(D("2024-05-15"))
    assert (end.until, end.act_by) == (D("2024-07-15"), D("2024-07-15"))
    assert "Art. 20(6)" in end.trace[0].render("en")
    # the decision ends it earlier
    assert special_period_end(D("2024-05-15"), D("2024-06-01")).until == D("2024-06-01")
    assert special_period_end(D("2024-05-15"), D("2024-08-01")).until == D("2024-07-15")


def test_section_3_3_special_re_entry_and_coe_arithmetic() -> None:
    assert add_period(D("2020-10-12"), Duration(years=1)) == D("2021-10-12")
    assert add_period(D("2020-10-12"), Duration(months=3)) == D("2021-01-12")


# law.md §3.1 arithmetic (Civil Code Art. 143 as applied to periods of stay), inverted: the period a granted
# expiry date stands for (law.md §3.2: the granted expiry date is the source of truth)
@pytest.mark.parametrize(("start", "end", "iso"), [
    ("2023-05-22", "2025-03-31", "P1Y10M9D"),
    ("2022-11-15", "2023-02-13", "P2M29D"),
    ("2023-01-31", "2023-02-28", "P1M"),
    ("2022-09-01", "2022-09-16", "P15D"),
])
def test_period_between_inverts_add_period(start: str, end: str, iso: str) -> None:
    p = period_between(D(start), D(end))
    assert p is not None and p.iso() == iso
    assert add_period(D(start), p) == D(end)
    assert period_between(D(end), D(start)) is None


def test_sixteenth_birthday_of_a_leap_day_child() -> None:
    assert sixteenth_birthday(D("2008-02-29")) == D("2024-02-29")
    assert sixteenth_birthday(D("2084-02-29")) == D("2100-02-28")  # 2100 is a common year
