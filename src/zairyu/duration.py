"""ISO 8601 durations of periods of stay (在留期間): ``P5Y``, ``P1Y3M``, ``P90D``.

Durations are strings at the edges and this small value type inside. Only years, months and days
occur in the law (weeks and times never do), so only those are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from zairyu.errors import InvalidInputError

_ISO = re.compile(r"^P(?!$)(?:(\d{1,9})Y)?(?:(\d{1,9})M)?(?:(\d{1,9})D)?$")

MAX_PERIOD_YEARS = 10
MAX_PERIOD_TEXT = f"up to P{MAX_PERIOD_YEARS}Y (or P{MAX_PERIOD_YEARS * 12}M, or the same length in days)"
"""The longest period zairyu accepts as input: twice the longest period of stay the law grants (5 years since
the 2012 reform), see :mod:`zairyu.limits`."""


@dataclass(frozen=True, slots=True)
class Duration:
    """A period of stay: years, months and days, each a non-negative whole number."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str, *, field: str = "period") -> Duration:
        if type(text) is str and cls is Duration:  # a text read before (periods of stay are few): the same value
            return _parsed(text, field)
        return cls._parse(text, field=field)

    @classmethod
    def _parse(cls, text: str, *, field: str) -> Duration:
        m = _ISO.match(text.strip()) if isinstance(text, str) and len(text) <= 40 else None
        if not m:
            shown = text if not isinstance(text, str) or len(text) <= 40 else text[:40] + "…"
            raise InvalidInputError(
                f"'{shown}' is not an ISO 8601 period of stay",
                field=field, value=shown, allowed="P<n>Y<n>M<n>D, e.g. P5Y, P1Y3M, P90D",
            )
        y, mo, d = (int(g) if g else 0 for g in m.groups())
        dur = cls(y, mo, d)
        if dur.is_zero:
            raise InvalidInputError("a period of stay cannot be zero", field=field, value=text)
        if dur.total_months > MAX_PERIOD_YEARS * 12 or dur.days > MAX_PERIOD_YEARS * 366 or dur > MAX_PERIOD:
            raise InvalidInputError(f"'{text}' is longer than any period zairyu accepts", field=field,
                                    value=text, allowed=MAX_PERIOD_TEXT)
        return dur

    @property
    def is_zero(self) -> bool:
        return self.years == 0 and self.months == 0 and self.days == 0

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def iso(self) -> str:
        out = "P"
        if self.years:
            out += f"{self.years}Y"
        if self.months:
            out += f"{self.months}M"
        if self.days or out == "P":
            out += f"{self.days}D"
        return out

    def __str__(self) -> str:
        return self.iso()

    def approx_days(self) -> int:
        """Length in days measured from a fixed reference date (2001-01-01).

        Used only to order durations (is P1Y10M within P4Y3M? is P30D 'thirty days or less'?),
        never to compute a real date: real dates go through :func:`zairyu.calendar.periods.add_period`.
        """
        return _approx_days(self)

    def __le__(self, other: Duration) -> bool:
        return self.approx_days() <= other.approx_days()

    def __lt__(self, other: Duration) -> bool:
        return self.approx_days() < other.approx_days()

    def __ge__(self, other: Duration) -> bool:
        return self.approx_days() >= other.approx_days()

    def __gt__(self, other: Duration) -> bool:
        return self.approx_days() > other.approx_days()


MAX_PERIOD = Duration(years=MAX_PERIOD_YEARS)


@lru_cache(maxsize=10_000)
def _parsed(text: str, field: str) -> Duration:
    """:meth:`Duration.parse` of a text, kept (a bad text raises, and is refused again each time)."""
    return Duration._parse(text, field=field)


@lru_cache(maxsize=10_000)
def _approx_days(d: Duration) -> int:
    ref = date(2001, 1, 1)
    y, m = divmod(ref.month - 1 + d.total_months, 12)
    return (date(ref.year + y, m + 1, 1) - ref).days + d.days
