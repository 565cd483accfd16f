"""The administrative calendar: the days immigration offices are closed.

Act on Holidays of Administrative Organs (行政機関の休日に関する法律, Act No. 91 of 1988) Art. 1:
Saturdays and Sundays, national holidays (from the maintained ``holidays`` library, cross-checked
with ``jpholiday`` in the tests), and 29 December – 3 January. Art. 2: a filing deadline that falls
on such a day moves to the next open day. The period of stay itself does not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays as _holidays

from zairyu.law.models import LegalBasis

ADMIN_HOLIDAYS_ACT = "Act on Holidays of Administrative Organs"
ROLL_FORWARD_BASIS = LegalBasis(law=ADMIN_HOLIDAYS_ACT, provision="Art. 2",
                                note="a deadline on an administrative holiday moves to the next open day")


@lru_cache(maxsize=64)
def _national(year: int) -> dict[date, str]:
    return dict(_holidays.country_holidays("JP", years=year, language="ja").items())


def national_holiday(d: date) -> str | None:
    return _national(d.year).get(d)


def closed_reason(d: date) -> str | None:
    """Why offices are closed on ``d`` (Japanese name), or None when open."""
    if (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3):
        return "年末年始（12月29日〜1月3日）"
    name = national_holiday(d)
    if name:
        return name
    if d.weekday() == 5:
        return "土曜日"
    if d.weekday() == 6:
        return "日曜日"
    return None


def is_closed(d: date) -> bool:
    return closed_reason(d) is not None


def next_open_day(d: date) -> date:
    """``d`` itself when offices are open, else the next open day (Art. 2)."""
    while is_closed(d):
        d += timedelta(days=1)
    return d
