"""Period arithmetic for periods of stay (在留期間の計算).

Civil Code Arts. 140 and 143 as applied to periods of stay (law.md §3.1, PRACTICE):
the first day (the landing or permission day) is not counted, so

* a period in days ends on ``start + N days`` (90 days from 2022-09-01 → 2022-11-30);
* a period in months or years ends on the same calendar day N months/years later, or on the
  **last day of that month** when that day does not exist (2023-01-31 + 1 month → 2023-02-28;
  2024-02-29 + 1 year → 2025-02-28). This month-end rule is explicit here, not left to a library.

A mixed period (P1Y3M10D) adds years and months first (with the month-end rule), then days.

**Statutory periods** that the Act counts *from an event* — the special period ("two months elapsed from
the expiry day", ICRRA Art. 20(6)), special re-entry ("one year from the day of departure", Art. 26-2(2)),
the 14-day notifications — follow Civil Code Arts. 140 and 143 exactly (law.md §12, [LAW]):
:func:`civil_code_period_end`. The first day is not counted, so the period starts the next day; a period in
months or years that then starts on the 1st of a month ends at the **end** of a month (expiry 2027-02-28 →
the two months run from 03-01 and end on 04-30), where the same-day count used for periods of stay gives
04-28. :func:`statutory_period_end` gives both readings; where they differ, the earlier is the day to act by
(:attr:`StatutoryEnd.act_by`) and the explanation states the other.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from zairyu.calendar.trace_texts import trace_line
from zairyu.duration import Duration
from zairyu.law.models import LegalBasis
from zairyu.messages import Message, render

GrantKind = Literal["landing", "change", "extension"]

CIVIL_CODE_PERIOD = [
    LegalBasis(law="Civil Code", provision="Art. 140", note="the first day is not counted"),
    LegalBasis(law="Civil Code", provision="Art. 143", note="months and years by the calendar"),
]


def add_months_end_clamped(start: date, months: int) -> date:
    """Same day ``months`` later; the last day of the month when that day does not exist."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    last = _cal.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_period(start: date, period: Duration) -> date:
    """The last day of a period of stay that starts on ``start`` (the first day not counted)."""
    end = add_months_end_clamped(start, period.total_months) if period.total_months else start
    return end + timedelta(days=period.days)


def period_between(start: date, end: date) -> Duration | None:
    """The period that, counted from ``start``, ends on ``end`` (``add_period(start, p) == end``).

    Whole months first (the most that fit), then days. Used to judge a stay whose card shows only
    the dates ("is it 6 months or more?", "30 days or less?"); None when ``end`` is not after ``start``.
    """
    if end <= start:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months_end_clamped(start, months) > end:
        months -= 1
    mid = add_months_end_clamped(start, months) if months else start
    days = (end - mid).days
    years, months = divmod(months, 12)
    return Duration(years, months, days)


CIVIL_CODE_STATUTORY = [
    LegalBasis(law="Civil Code", provision="Art. 140", note="the first day is not counted"),
    LegalBasis(law="Civil Code", provision="Art. 143(2)",
               note="a period not started at the beginning of a month ends the day before the corresponding day; "
                    "one started on the 1st ends at the end of a month"),
]
"""The basis of a statutory period counted from an event (:func:`civil_code_period_end`)."""


def civil_code_period_end(event_day: date, *, months: int = 0, days: int = 0,
                          first_day_counted: bool = False) -> date:
    """The last day of a period of ``months`` months (or ``days`` days) counted from ``event_day`` under Civil
    Code Arts. 140 and 143.

    Art. 140: the first day is not counted (the period starts the next day) unless it starts at 0:00 — then
    ``first_day_counted`` (a text that says "counted from the day of issue", 起算して, law.md §12). Art. 143(2):
    a period in months that does not start at the beginning of a month ends on the day before the day that
    corresponds to its first day in the last month, or on the last day of that month when there is no such day;
    one that starts on the 1st of a month ends at the end of its last month (Art. 143(1)). A period in days ends
    on its last day (Art. 141).
    """
    if months and days:
        raise ValueError("a statutory period is counted in months or in days, not both")
    first = event_day if first_day_counted else event_day + timedelta(days=1)
    if not months:
        return first + timedelta(days=days - 1)
    y, m = divmod(first.month - 1 + months, 12)
    year, month = first.year + y, m + 1
    last = _cal.monthrange(year, month)[1]
    if first.day == 1 or first.day > last:
        # begun at the start of a month, or no corresponding day: the end of the month before / that month
        if first.day == 1:
            return date(year, month, 1) - timedelta(days=1)
        return date(year, month, last)
    return date(year, month, first.day) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class StatutoryEnd:
    """The last day of a statutory period counted from an event, by the two readings (law.md §12).

    ``law``: Civil Code Arts. 140 and 143 exactly. ``same_day``: the same-day count used for periods of stay
    (§3.1, practice). Where they differ the earlier is the day to act by; the explanation states the other."""

    law: date
    same_day: date

    @property
    def act_by(self) -> date:
        return min(self.law, self.same_day)

    @property
    def differs(self) -> bool:
        return self.law != self.same_day

    @property
    def other(self) -> date:
        """The reading that is not the day to act by."""
        return max(self.law, self.same_day)


def statutory_period_end(event_day: date, *, months: int = 0, days: int = 0) -> StatutoryEnd:
    """A statutory period counted from ``event_day`` (first day not counted): the Civil Code's day and the
    same-day count's. For a period in days the two never differ."""
    same = add_months_end_clamped(event_day, months) if months else event_day + timedelta(days=days)
    return StatutoryEnd(civil_code_period_end(event_day, months=months, days=days), same)


def sixteenth_birthday(birth: date) -> date:
    """The 16th birthday; for a 29 February birth in a common year, 28 February (month-end rule)."""
    return add_months_end_clamped(birth, 16 * 12)


@dataclass(frozen=True)
class ExpiryResult:
    expires_on: date
    counted_from: date
    period: Duration
    kind: GrantKind
    trace: list[Message] = field(default_factory=list)
    legal_basis: list[LegalBasis] = field(default_factory=list)

    def trace_lines(self, lang: str = "en") -> list[str]:
        """How the expiry was computed, in ``lang``."""
        return [render(m, lang) for m in self.trace]


def expiry(start: date, period: Duration, kind: GrantKind = "landing", *,
           granted_on: date | None = None) -> ExpiryResult:
    """Expiry of a period of stay granted on ``start``.

    ``landing`` and ``change``: the period runs from the landing/permission date (first day not
    counted). ``extension``: ``start`` is the *old expiry date*; the new period runs from the day
    after it (law.md §3.2, PRACTICE), which is the same as counting from the old expiry with the
    first day not counted. An extension granted during the special period (after the old expiry)
    still runs from the day after the old expiry (law.md §3.2, PRACTICE): pass ``granted_on`` to
    have the trace say so.
    """
    trace = []
    if kind == "extension":
        trace.append(trace_line("extension_from", start=start.isoformat()))
        if granted_on is not None and granted_on > start:
            trace.append(trace_line("extension_granted_late", granted=granted_on.isoformat()))
        elif granted_on is not None:
            trace.append(trace_line("extension_granted_early", granted=granted_on.isoformat()))
    else:
        trace.append(trace_line(f"first_day_{kind}", start=start.isoformat()))
    end = add_period(start, period)
    if period.total_months:
        mid = add_months_end_clamped(start, period.total_months)
        trace.append(trace_line("add_months" if mid.day == start.day else "add_months_clamped",
                                start=start.isoformat(), months=period.total_months, end=mid.isoformat()))
    if period.days:
        trace.append(trace_line("add_days", days=period.days, end=end.isoformat()))
    trace.append(trace_line("stay_ends", end=end.isoformat()))
    basis = list(CIVIL_CODE_PERIOD)
    if kind == "extension":
        basis.append(LegalBasis(law="ICRRA", provision="Art. 21", note="extension of period of stay"))
    elif kind == "change":
        basis.append(LegalBasis(law="ICRRA", provision="Art. 20", note="change of status of residence"))
    else:
        basis.append(LegalBasis(law="ICRRA", provision="Art. 9", note="landing permission"))
    return ExpiryResult(end, start, period, kind, trace, basis)
