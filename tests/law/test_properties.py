"""Properties of the catalogue on any date of the covered range (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.duration import Duration
from zairyu.law import catalogue
from zairyu.law.loader import packaged_law
from zairyu.law.models import COVERED_FROM, COVERED_TO

any_day = st.dates(min_value=COVERED_FROM, max_value=COVERED_TO)


@settings(max_examples=150, deadline=None)
@given(any_day)
def test_each_status_in_force_has_exactly_one_periods_version(on: date) -> None:
    law = catalogue(on)
    for entry in packaged_law().statuses:
        versions = [p for p in entry.periods if p.in_force(on)]
        if entry.in_force(on):
            assert len(versions) == 1, (entry.code, on)
            assert law.status(entry.code).periods is versions[0]
        else:
            assert not law.has_status(entry.code)


@settings(max_examples=150, deadline=None)
@given(any_day)
def test_number_of_statuses_of_the_act_follows_the_dated_history(on: date) -> None:
    # counted from the reference's dates: 29 since SSW (2019-04-01); Nursing Care came 2017-09-01; on
    # 2015-04-01 HSP arrived while Engineer and Specialist in Humanities/International Services merged
    law = catalogue(on)
    statuses = {s.status.parent or s.code for s in law.statuses if not s.status.outside_act}
    expected = 29
    if on < date(2015, 4, 1):
        expected = 27  # no HSP; Engineer and Specialist separate; no Nursing Care, no SSW
    elif on < date(2017, 9, 1):
        expected = 27  # HSP in, Engineer/Specialist merged; no Nursing Care, no SSW
    elif on < date(2019, 4, 1):
        expected = 28  # Nursing Care added
    assert len(statuses) == expected, (on, sorted(statuses))


@settings(max_examples=100, deadline=None)
@given(any_day)
def test_every_listed_period_is_allowed_by_its_own_version(on: date) -> None:
    for view in catalogue(on).statuses:
        for value in view.periods.values:
            assert view.periods.allows(Duration.parse(value)), (view.code, value, on)
        if view.periods.max:
            assert view.periods.allows(Duration.parse(view.periods.max))
