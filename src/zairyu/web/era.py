"""Japanese era (元号) for dates shown in Japanese: 令和8年3月31日 beside 2026年3月31日.

Babel has no Japanese-era calendar, so zairyu carries the three eras a resident's record can touch
(birth dates reach back into Shōwa). The first year of an era is written 元年.
"""

from __future__ import annotations

from datetime import date

# (name, first day); each era ends the day before the next begins.
# Era Name Act (元号法) and the Cabinet Orders naming 平成 (1989-01-08) and 令和 (2019-05-01).
ERAS: tuple[tuple[str, date], ...] = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
)


def era_year(d: date) -> tuple[str, int] | None:
    """(era name, year of the era) or None before Shōwa."""
    for name, start in ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    return None


def era_date(d: date) -> str:
    """``令和8年3月31日``; ``令和元年5月1日`` for the first year; ISO date before Shōwa."""
    ey = era_year(d)
    if ey is None:
        return d.isoformat()
    name, year = ey
    y = "元" if year == 1 else str(year)
    return f"{name}{y}年{d.month}月{d.day}日"
