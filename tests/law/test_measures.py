"""The Myanmar emergency measure's period, dated (issue 11; law.md §6.7 and §12)."""

from __future__ import annotations

from datetime import date

import pytest

from zairyu.law import catalogue


@pytest.mark.parametrize("on,period,fact_status", [
    # law.md §6.7: announced 2021-05-28 — 6 months, work permitted (ISA as reported by practitioners)
    (date(2021, 5, 28), "P6M", "isa"),
    (date(2022, 4, 14), "P6M", "isa"),
    # law.md §12: 1 year for those who completed their activity from about April 2022 (astmil.co.jp, "4月15日から";
    # mirai-fukuoka.com "2022年4月発表") — UNVERIFIED in law.md, so unverified here
    (date(2022, 4, 15), "P1Y", "unverified"),
    (date(2026, 12, 5), "P1Y", "unverified"),
])
def test_myanmar_measure_period_is_dated(on: date, period: str, fact_status: str) -> None:
    m = next(m for m in catalogue(on).measures if m.code == "myanmar_emergency")
    p = m.period_on(on)
    assert p is not None and p.period == period and p.fact_status == fact_status
    assert all(s.url and s.consulted for s in p.sources)


def test_no_myanmar_measure_before_it_was_announced() -> None:
    assert "myanmar_emergency" not in {m.code for m in catalogue(date(2021, 5, 27)).measures}


def test_the_summary_says_the_later_period_is_unverified() -> None:
    m = next(m for m in catalogue(date(2023, 1, 1)).measures if m.code == "myanmar_emergency")
    assert "1 year" in m.summary_en and "unverified" in m.summary_en
    assert m.summary_ru and m.summary_uk and "未確認" in m.summary_ja
