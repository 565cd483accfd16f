"""The administrative calendar: the days immigration offices are closed.

Act on Holidays of Administrative Organs (行政機関の休日に関する法律, Act No. 91 of 1988) Art. 1:
Saturdays and Sundays, national holidays (from the maintained ``holidays`` library, cross-checked
with ``jpholiday`` in the tests), and 29 December – 3 January. Art. 2: a filing deadline that falls
on such a day moves to the next open day. The period of stay itself does not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from zairyu.law.models import LegalBasis

ADMIN_HOLIDAYS_ACT = "Act on Holidays of Administrative Organs"
ROLL_FORWARD_BASIS = LegalBasis(law=ADMIN_HOLIDAYS_ACT, provision="Art. 2",
                                note="a deadline on an administrative holiday moves to the next open day")


CACHE_YEARS = range(1948, 2051)
"""The years whose national holidays are kept on disk (from the National Holidays Act of 1948 on)."""


def _library_version() -> str | None:
    """The installed ``holidays`` library's version, read from its metadata folder without importing it."""
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).parent.glob("holidays-*.dist-info"))
    return found[-1].name[len("holidays-"):-len(".dist-info")] if found else None


def cache_file() -> Path | None:
    """Where the holiday table is kept between commands (:mod:`zairyu.datacache`, in ``$ZAIRYU_CACHE_DIR``): one
    file per version of the ``holidays`` library."""
    version = _library_version()
    if version is None:
        return None
    from zairyu.datacache import entry

    return entry(_CACHE_NAME, _made_from(version))


_CACHE_NAME = "holidays-JP-ja"


def _made_from(version: str) -> str:
    return f"holidays {version} JP ja {CACHE_YEARS.start}-{CACHE_YEARS.stop}"


def _from_library(years: range) -> dict[str, dict[str, str]]:
    import holidays

    out: dict[str, dict[str, str]] = {str(y): {} for y in years}
    for d, name in holidays.country_holidays("JP", years=list(years), language="ja").items():
        out[str(d.year)][d.isoformat()] = str(name)
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """Every national holiday of :data:`CACHE_YEARS` by year, as the ``holidays`` library gives them. Building
    the table takes the library about 0.08 s, which a command line answering in a fraction of a second notices;
    so it is kept on disk under the library's version (a new version builds it again) by
    :func:`zairyu.datacache.remembered`."""
    version = _library_version()
    if version is None:
        return _from_library(CACHE_YEARS)
    from zairyu.datacache import remembered

    return remembered(_CACHE_NAME, _made_from(version), lambda: _from_library(CACHE_YEARS))


@lru_cache(maxsize=64)
def _national(year: int) -> dict[date, str]:
    if year in CACHE_YEARS:
        return {date.fromisoformat(k): v for k, v in _table()[str(year)].items()}
    return {date.fromisoformat(k): v for k, v in _from_library(range(year, year + 1))[str(year)].items()}


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
