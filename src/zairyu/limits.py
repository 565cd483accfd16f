"""The bounds every input is held to, in one place: dates, periods, request bodies, JSON nesting.

One value outside them (a stay granted on 9999-12-01, a period of ``P99999999Y``, a body of 200 MB, a
JSON document nested 100,000 deep) once made a request fail with a server error, and a stored one made
that person's assessment fail on every later request. Every input path — the facts format, the API,
the pages, the CSV/JSON import and the command line — checks the same bounds, and the error names the
field and what is allowed (docs/security.md, "Limits and inputs").

**Dates** come from the range the law data covers (:data:`~zairyu.law.models.COVERED_FROM` to
:data:`~zairyu.law.models.COVERED_TO`, the residence-card system onwards), widened to what a record about
that range holds: a birth date reaches back a lifetime (100 years) before it starts, and an expiry, a
card's validity or a re-entry permit reaches up to 10 years past its end (a 5-year period of stay granted
on its last day, a permanent resident's card valid for 7 years). When the covered range moves, this
bound moves with it.

**Periods** of stay are at most :data:`~zairyu.duration.MAX_PERIOD` (10 years): twice the longest period
the law grants (5 years since the 2012 reform, law.md), so a mistyped but plausible period still reaches
the assessment (which explains why it does not fit the status) while an absurd one is refused at the door.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, field_validator

from zairyu.duration import MAX_PERIOD, MAX_PERIOD_TEXT
from zairyu.errors import InvalidInputError, OutOfRangeError, ZairyuError
from zairyu.law.models import COVERED_FROM, COVERED_TO

LIFETIME_YEARS = 100
"""How far before the covered range a date may lie (birth dates of the people it concerns)."""
AFTER_YEARS = 10
"""How far past the covered range a date may lie (expiries, card validity, re-entry permits)."""

EARLIEST = date(COVERED_FROM.year - LIFETIME_YEARS, 1, 1)
LATEST = date(COVERED_TO.year + AFTER_YEARS, 12, 31)
DATES_ALLOWED = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"

MAX_JSON_BYTES = 1024 * 1024
"""A JSON or form body (facts, a person, a stay): a large case's facts are a few kilobytes."""
MAX_JSON_DEPTH = 32
"""Nesting of a JSON document: the facts format nests 3 deep; 32 leaves room and keeps the parser's stack
bounded (Python's own parser recurses once per level)."""
MULTIPART_OVERHEAD = 64 * 1024
"""What a multipart upload carries beyond its file (boundaries, headers, the CSRF field)."""


class OutOfBounds(ValueError):
    """A value outside the bounds; pydantic keeps it in the error's context so that the answer can say
    ``allowed`` as a field of its own (see :func:`allowed_of`)."""

    def __init__(self, message: str, allowed: str, *, error: str = "InvalidInputError") -> None:
        super().__init__(message)
        self.allowed = allowed
        self.error = error


def check_date(d: date) -> date:
    """``d`` if it lies within the bounds, else :class:`OutOfBounds` (for pydantic validators)."""
    if not EARLIEST <= d <= LATEST:
        raise OutOfBounds(f"{d.isoformat()} is outside the dates zairyu accepts", DATES_ALLOWED,
                          error="OutOfRangeError")
    return d


def require_date(d: date | None, *, field: str, where: str | None = None) -> date | None:
    """The same check for code outside pydantic models, as an :class:`InvalidInputError` naming ``field``."""
    if d is not None and not EARLIEST <= d <= LATEST:
        raise OutOfRangeError(f"{d.isoformat()} is outside the dates zairyu accepts", field=field,
                                value=d.isoformat(), allowed=DATES_ALLOWED, where=where)
    return d


def allowed_of(err: object) -> str | None:
    """The ``allowed`` text of one pydantic error dict, when its validator said it."""
    if not isinstance(err, dict):
        return None
    ctx = err.get("ctx") or {}
    allowed = getattr(ctx.get("error"), "allowed", None)
    return allowed if isinstance(allowed, str) else None


def error_of(err: object) -> type[ZairyuError]:
    """The error class a pydantic error dict stands for: a date outside the bounds is an
    :class:`~zairyu.errors.OutOfRangeError` (as a date outside the law's covered range), anything else
    an :class:`~zairyu.errors.InvalidInputError`."""
    ctx = (err.get("ctx") or {}) if isinstance(err, dict) else {}
    return OutOfRangeError if getattr(ctx.get("error"), "error", None) == "OutOfRangeError" else InvalidInputError


def read_text_file(path: Path, *, encoding: str = "utf-8", what: str | None = None) -> str:
    """A file's text, or one :class:`InvalidInputError` naming the file (unreadable, or not UTF-8 text)."""
    try:
        return path.read_text(encoding=encoding)
    except OSError as exc:
        raise InvalidInputError(f"cannot read{' ' + what if what else ''}: {exc.strerror}", where=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"not UTF-8 text (byte {exc.start} cannot be read)", allowed="UTF-8 text",
                                where=str(path)) from None


def loads_json(text: str, *, where: str) -> Any:
    """A JSON document, its nesting checked before the (recursive) parser sees it."""
    if json_depth_exceeds(text.encode("utf-8", "surrogatepass")):
        raise InvalidInputError("the JSON document is nested more deeply than zairyu accepts",
                                allowed=f"up to {MAX_JSON_DEPTH} levels of nesting", where=where)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"not valid JSON: {exc.msg} at line {exc.lineno}", where=where) from None


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text nests deeper than ``limit``: one pass over the bytes (strings skipped), before any
    parsing, so that a hostile document never reaches the recursive parser."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot nest deeper than it has brackets (the common case: no scan)
    depth = 0
    in_string = False
    escaped = False
    for b in body:
        if in_string:
            if escaped:
                escaped = False
            elif b == 0x5C:  # backslash
                escaped = True
            elif b == 0x22:  # quote
                in_string = False
        elif b == 0x22:
            in_string = True
        elif b in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif b in (0x5D, 0x7D):
            depth -= 1
    return False


class BoundedDates(BaseModel):
    """Base of the input models: every date field (also inside lists) is held to :func:`check_date`."""

    @field_validator("*", mode="after")
    @classmethod
    def _bounded_dates(cls, v: Any) -> Any:
        if type(v) is date:
            check_date(v)
        elif isinstance(v, list):
            for x in v:
                if type(x) is date:
                    check_date(x)
        return v


__all__ = ["DATES_ALLOWED", "BoundedDates", "EARLIEST", "LATEST", "MAX_JSON_BYTES", "MAX_JSON_DEPTH",
           "MAX_PERIOD", "MAX_PERIOD_TEXT", "MULTIPART_OVERHEAD", "OutOfBounds", "allowed_of", "check_date", "error_of",
           "json_depth_exceeds", "loads_json", "read_text_file", "require_date"]
