"""Deadline explanations as messages: the keys ``deadline.*`` of the catalogues in :mod:`zairyu.messages`.

The calendar writes an explanation as :class:`~zairyu.messages.Messages` (parts joined with ``+``); the
page, the CLI, the iCalendar feed or the API writes it in the reader's language where it is shown.
"""

from __future__ import annotations

from typing import Any

from zairyu.duration import Duration
from zairyu.messages import Messages, count, message, period_words

LANGS: tuple[str, ...] = ("ja", "en", "ru", "uk")
"""The four languages zairyu's pages are written in (every catalogue file is a language too: see
:func:`zairyu.messages.languages`)."""

EMPTY = Messages()


def deadline_text(key: str, **params: Any) -> Messages:
    """A deadline explanation (or a part of one): message ``deadline.<key>``."""
    return message(f"deadline.{key}", **params)


def describe_period(period: Duration, lang: str) -> str:
    """A period in words: 1 year 3 months / 1年3か月 / 1 год 3 месяца."""
    return period_words(period, lang)


def plural(n: int, unit: str, lang: str) -> str:
    """``n`` years/months/days by the language's plural rules: 1 год, 2 года, 5 лет."""
    return count(n, unit, lang)


__all__ = ["EMPTY", "LANGS", "deadline_text", "describe_period", "plural"]
