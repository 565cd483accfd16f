"""Helpers shared by the command modules: dates, languages, JSON output."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from rich.console import Console

from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import check_covered, parse_date

console = Console()

LANGS = ("ja", "en")


def on_date(text: str | None, *, field: str = "--on") -> date:
    """The as-of date: today (read only here, at the interface) or the given YYYY-MM-DD."""
    d = date.today() if text is None else parse_date(text, field=field)
    return check_covered(d, field=field)


def lang_of(text: str, *, allowed: tuple[str, ...] = LANGS) -> str:
    if text not in allowed:
        raise InvalidInputError(f"unknown language '{text}'", field="--lang", value=text, allowed="|".join(allowed))
    return text


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
