"""Helpers shared by the command modules: dates, languages, JSON output."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from rich.console import Console

from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import LawView, catalogue, check_covered, parse_date

console = Console()

LANGS = ("ja", "en")


def on_date(text: str | None, *, field: str = "--on") -> date:
    """The as-of date: today (read only here, at the interface) or the given YYYY-MM-DD."""
    d = date.today() if text is None else parse_date(text, field=field, bounded=False)
    return check_covered(d, field=field)  # narrower than the input bound: the law data's range


def law_of(text: str | None, on: date) -> LawView:
    """The law a computation runs on: the law in force on ``--law-date`` when given (to see a situation
    under another date's law: "what changes for this person on 2027-04-01?"), else on the as-of date."""
    return catalogue(on_date(text, field="--law-date") if text is not None else on)


def lang_of(text: str, *, allowed: tuple[str, ...] = LANGS) -> str:
    if text not in allowed:
        raise InvalidInputError(f"unknown language '{text}'", field="--lang", value=text, allowed="|".join(allowed))
    return text


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
