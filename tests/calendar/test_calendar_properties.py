"""Property-based tests of the period arithmetic over 2000–2040 (pure functions: no law data needed)."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.calendar.admin_days import is_closed
from zairyu.calendar.deadlines import filing_window
from zairyu.calendar.periods import add_period, expiry
from zairyu.duration import Duration

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
periods = st.builds(Duration, st.integers(0, 5), st.integers(0, 11), st.integers(0, 120)).filter(
    lambda d: not d.is_zero)
kinds = st.sampled_from(["landing", "change", "extension"])


@settings(max_examples=300, deadline=None)
@given(dates, periods, kinds)
def test_the_expiry_is_after_the_start(start: date, period: Duration, kind: str) -> None:
    assert expiry(start, period, kind).expires_on > start  # type: ignore[arg-type]


@given(st.integers(2000, 2040).filter(calendar.isleap), st.integers(1, 3))
def test_a_year_from_29_february_ends_on_28_february_in_common_years(year: int, years: int) -> None:
    end = add_period(date(year, 2, 29), Duration(years=years))
    assert end == (date(year + years, 2, 29) if calendar.isleap(year + years) else date(year + years, 2, 28))


@settings(max_examples=300, deadline=None)
@given(dates, periods)
def test_the_last_filing_day_is_open_and_never_before_the_expiry(start: date, period: Duration) -> None:
    exp = add_period(start, period)
    earliest, last, _ = filing_window(exp, period)
    assert not is_closed(last)
    assert last >= exp
    # the longest run of closed days: 10, Golden Week 2019 (2019-04-27 to 05-06, the accession holidays), so an
    # expiry on 2019-04-27 is filed on 05-07; other years' year end and Golden Week are shorter
    assert (last - exp).days <= 10
    if earliest is not None:
        assert earliest < exp


@settings(max_examples=300, deadline=None)
@given(dates, dates, periods)
def test_the_expiry_is_monotonic_in_the_start_date(a: date, b: date, period: Duration) -> None:
    a, b = min(a, b), max(a, b)
    assert add_period(a, period) <= add_period(b, period)
