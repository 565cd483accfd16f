"""Period arithmetic for periods of stay (在留期間の計算).

Civil Code Arts. 140 and 143 as applied to periods of stay (law.md §3.1, PRACTICE):
the first day (the landing or permission day) is not counted, so

* a period in days ends on ``start + N days`` (90 days from 2022-09-01 → 2022-11-30);
* a period in months or years ends on the same calendar day N months/years later, or on the
  **last day of that month** when that day does not exist (2023-01-31 + 1 month → 2023-02-28;
  2024-02-29 + 1 year → 2025-02-28). This month-end rule is explicit here, not left to a library.

A mixed period (P1Y3M10D) adds years and months first (with the month-end rule), then days.
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
