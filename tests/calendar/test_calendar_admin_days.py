"""The administrative calendar (Act on Holidays of Administrative Organs Arts. 1–2) and the agreement
of the two holiday libraries."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import jpholiday
import pytest

from zairyu.calendar.admin_days import closed_reason, is_closed, next_open_day
from zairyu.calendar.deadlines import filing_window
from zairyu.duration import Duration

D = date.fromisoformat

# Both libraries cover 1949 (the National Holidays Act of 1948) to 2099 (holidays' last year).
# From 1986 on they agree exactly. Before 1986 jpholiday wrongly back-dates two later rules:
# 4 May as a "citizens' holiday" (introduced by the 1985 amendment) and a substitute holiday on
# 1973-02-12 (substitute holidays start with the amendment of 12 April 1973).
FIRST, LAST = holidays.Japan.start_year, holidays.Japan.end_year
AGREE_FROM = 1986


def _both(year: int) -> tuple[set[date], set[date]]:
    return set(holidays.country_holidays("JP", years=year)), {d for d, _ in jpholiday.year_holidays(year)}


def test_both_libraries_cover_1949_to_2099() -> None:
    assert (FIRST, LAST) == (1949, 2099)
    assert all(jpholiday.year_holidays(y) for y in (FIRST, LAST))


def test_the_holiday_libraries_agree_on_every_year_from_1986_to_2099() -> None:
    differ = {}
    for year in range(AGREE_FROM, LAST + 1):
        a, b = _both(year)
        if a != b:
            differ[year] = (sorted(a - b), sorted(b - a))
    assert differ == {}


def test_before_1986_only_jpholidays_backdated_rules_differ() -> None:
    for year in range(FIRST, AGREE_FROM):
        a, b = _both(year)
        assert a <= b, year
        extra = b - a
        assert all((d.month, d.day) == (5, 4) or d == D("1973-02-12") for d in extra), (year, extra)


# Act on Holidays of Administrative Organs Art. 1 (law.md §2.10): Saturdays and Sundays, national holidays under the
# National Holidays Act (substitute holidays and citizens' holidays included), and 29 December - 3 January
@pytest.mark.parametrize(("day", "reason"), [
    ("2024-12-29", "年末年始（12月29日〜1月3日）"),
    ("2025-01-03", "年末年始（12月29日〜1月3日）"),
    ("2026-05-03", "憲法記念日"),
    ("2026-05-06", "振替休日"),
    ("2026-09-22", "国民の休日"),
    ("2023-02-11", "建国記念の日"),
    ("2026-03-07", "土曜日"),
    ("2026-03-08", "日曜日"),
])
def test_closed_days_and_their_reason(day: str, reason: str) -> None:
    assert closed_reason(D(day)) == reason
    assert is_closed(D(day))


# Act on Holidays of Administrative Organs Art. 1 (law.md §2.10): weekdays that are no holiday and not in 12-29..01-03
@pytest.mark.parametrize("day", ["2024-12-27", "2025-01-06", "2026-05-07", "2023-02-13", "2026-03-09"])
def test_open_days(day: str) -> None:
    assert closed_reason(D(day)) is None
    assert next_open_day(D(day)) == D(day)


# Act on Holidays of Administrative Organs Art. 2 (law.md §2.10): a filing deadline on an administrative holiday
# moves to the next open day; the period of stay itself does not move [PRACTICE: kawase-gyosei.com 2020-07-14,
# sayaka-office.com 2017-12-14]
@pytest.mark.parametrize(("expiry", "filing"), [
    ("2026-05-03", "2026-05-07"),   # Golden Week: Sun, Mon holiday, Tue holiday, Wed substitute holiday
    ("2024-12-28", "2025-01-06"),   # Saturday, then the year-end closure, then the weekend
    ("2023-02-11", "2023-02-13"),   # National Foundation Day on a Saturday
    ("2026-03-09", "2026-03-09"),   # an open Monday: nothing moves
])
def test_last_filing_day_rolls_forward_but_the_expiry_does_not(expiry: str, filing: str) -> None:
    earliest, last, messages = filing_window(D(expiry), Duration(years=1))
    trace = [m.render("en") for m in messages]
    assert last == D(filing)
    assert earliest is not None and earliest < D(expiry)
    if expiry != filing:
        assert any(f"the period of stay still ends on {expiry}" in t for t in trace)
    assert all(is_closed(D(expiry) + timedelta(days=i)) for i in range((D(filing) - D(expiry)).days))
