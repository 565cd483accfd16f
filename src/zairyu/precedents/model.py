"""A precedent: a publicly reported decision, court judgment, special measure or statistic on Japanese
residence status or protection, with the fields of the starter dataset (``data/precedents.yaml``; its header
describes each field).

Validation refuses, naming the field: a status or procedure the law catalogue / glossary does not know (the
register also knows ``none`` and ``various`` as statuses, the statuses' groups ``hsp``/``ssw``/``titp``, and
``revocation``/``deportation``/``other`` as procedures the assessment does not model), a tag outside the
vocabulary (:mod:`zairyu.precedents.tags`), a date that does not parse at its precision ("2023-05-20",
"2023-05", "2023"), a source without a title or an address.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from zairyu.errors import InvalidInputError
from zairyu.precedents.tags import check_tags

Kind = Literal["decision", "court_judgment", "special_measure", "statistic", "office_report"]
Outcome = Literal["granted", "refused", "partially_granted", "overturned", "upheld", "announced"]
Confidence = Literal["high", "medium", "low"]
KINDS: tuple[str, ...] = ("decision", "court_judgment", "special_measure", "statistic", "office_report")
"""``office_report``: an office's own decided application, proposed with the client's consent and approved by a
second person (:mod:`zairyu.precedents.proposals`); its source is the office, not a publication."""
OUTCOMES: tuple[str, ...] = ("granted", "refused", "partially_granted", "overturned", "upheld", "announced")
SUMMARY_LANGS: tuple[str, ...] = ("ja", "en", "ru", "uk")

REGISTER_STATUSES = ("none", "various")
"""Statuses only the register uses: no status (overstay, provisional release, landing refused); several."""
REGISTER_PROCEDURES = ("revocation", "deportation", "other")
"""Procedures the register records but the assessment does not model (labels ``precedent.procedure.*``)."""

FIGURES = ("year", "applications", "recognised", "complementary_protection", "humanitarian")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PERIOD = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")


@cache
def status_codes() -> frozenset[str]:
    """The statuses a record may name: the glossary's, the law catalogue's groups, ``none``, ``various``."""
    from zairyu.glossary import STATUSES
    from zairyu.law.loader import packaged_law

    groups = {s.parent for s in packaged_law().statuses if s.parent}
    return frozenset(STATUSES) | frozenset(groups) | frozenset(REGISTER_STATUSES)


@cache
def procedure_codes() -> frozenset[str]:
    from zairyu.glossary import PROCEDURES

    return frozenset(PROCEDURES) | frozenset(REGISTER_PROCEDURES)


@cache
def _countries() -> frozenset[str]:
    import babel
    from babel import Locale

    from zairyu import datacache

    # kept on disk per Babel version: every `zairyu assess` checks the packaged register's records
    return datacache.remembered("precedent-countries", f"babel {babel.__version__}", lambda: frozenset(
        str(k) for k in Locale("en").territories if isinstance(k, str) and len(k) == 2 and k.isalpha()))


@lru_cache(maxsize=8192)  # a record's dates are read on every assessment it is shown beside
def parse_partial_date(text: str) -> tuple[dt.date, dt.date, str]:
    """``"2023-05-20"`` / ``"2023-05"`` / ``"2023"`` → (first day, last day, precision day|month|year)."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            day = dt.date(y, int(mo), int(d))
            return day, day, "day"
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return dt.date(y, int(mo), 1), dt.date(y, int(mo), last), "month"
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        raise ValueError(f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY") from None


def _partial_date(v: Any) -> str | None:
    """A date as precise as known ("2023-05-12", "2023-05", "2023"), kept as written; refused when it does not
    parse."""
    if v is None:
        return None
    text = v.isoformat() if isinstance(v, dt.date) else str(v)
    parse_partial_date(text)
    return text


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=1)
    url: str = Field(min_length=1)
    publisher: str | None = None
    date: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://\S+$", v):
            raise ValueError(f"'{v}' is not an address: write a full http(s) URL")
        return v

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        return _partial_date(v)


class Precedent(BaseModel):
    """One record of the register (see the dataset's header for each field)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,199}$")
    kind: Kind
    date: str
    date_approximate: bool = False
    reported_on: str | None = None
    authority: str = Field(min_length=1)
    procedure: str
    from_status: str | None = None
    to_status: str | None = None
    nationality: list[str] = Field(default_factory=list)
    number_of_people: int | None = Field(None, ge=0)
    circumstances: list[str] = Field(default_factory=list)
    outcome: Outcome
    period_granted: str | None = None
    legal_basis: str | None = None
    summary_ja: str | None = None
    summary_en: str | None = None
    summary_ru: str | None = None
    summary_uk: str | None = None
    sources: list[Source] = Field(default_factory=list)
    confidence: Confidence
    notes: str | None = None
    figures: dict[str, int] | None = Field(None, description="A statistic's counts: applications, recognised, "
                                           "complementary_protection, humanitarian (the base rate beside "
                                           "refugee recognition)")

    @field_validator("sources")
    @classmethod
    def _sources(cls, v: list[Source], info: ValidationInfo) -> list[Source]:
        if not v and info.data.get("kind") != "office_report":
            raise ValueError("a record needs at least one source (title and http(s) address)")
        return v

    @field_validator("date", "reported_on", mode="before")
    @classmethod
    def _dates(cls, v: Any) -> Any:
        return _partial_date(v)

    @field_validator("procedure")
    @classmethod
    def _procedure(cls, v: str) -> str:
        if v not in procedure_codes():
            raise ValueError(f"'{v}' is not a procedure; allowed: {', '.join(sorted(procedure_codes()))}")
        return v

    @field_validator("from_status", "to_status")
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        if v is not None and v not in status_codes():
            raise ValueError(f"'{v}' is not a status code (see `zairyu statuses`), 'none' or 'various'")
        return v

    @field_validator("nationality")
    @classmethod
    def _nationality(cls, v: list[str]) -> list[str]:
        out = [x.strip().upper() for x in v]
        for code in out:
            if code not in _countries():
                raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code such as 'RU', 'UA', 'MM'")
        return out

    @field_validator("circumstances")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        return check_tags(v)

    @field_validator("period_granted")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        if v is not None and not _PERIOD.fullmatch(v):
            raise ValueError(f"'{v}' is not an ISO 8601 period such as P1Y, P6M")
        return v

    @field_validator("figures")
    @classmethod
    def _figures(cls, v: dict[str, int] | None) -> dict[str, int] | None:
        if v is not None:
            bad = set(v) - set(FIGURES)
            if bad:
                raise ValueError(f"unknown figure '{sorted(bad)[0]}'; allowed: {', '.join(FIGURES)}")
            if any(n < 0 for n in v.values()):
                raise ValueError("figures are counts (0 or more)")
        return v

    @model_validator(mode="after")
    def _one_summary(self) -> Precedent:
        if not any(getattr(self, f"summary_{lang}") for lang in SUMMARY_LANGS):
            raise ValueError("a record needs a summary in at least one language (summary_ja/en/ru/uk)")
        return self

    # ------------------------------------------------------------------ derived
    @property
    def first_day(self) -> dt.date:
        return parse_partial_date(self.date)[0]

    @property
    def last_day(self) -> dt.date:
        return parse_partial_date(self.date)[1]

    @property
    def precision(self) -> str:
        return parse_partial_date(self.date)[2]

    @property
    def year(self) -> int:
        return self.first_day.year

    @property
    def public_on(self) -> dt.date:
        """The first day the record was public: its earliest source (``reported_on``), else the last day its
        date could be (a record dated "2023-05" is not shown before 2023-05-31)."""
        if self.reported_on:
            reported = parse_partial_date(self.reported_on)[1]
            if self.kind in ("decision", "court_judgment"):  # not public before it was made
                return max(reported, self.first_day)
            return reported
        return self.last_day

    def summary(self, lang: str) -> tuple[str, str]:
        """(language actually written, text): the summary in ``lang``, else English, else Japanese, else any;
        the caller shows the language when it is not the one asked for (never a silent fallback)."""
        for cand in (lang, "en", "ja", *SUMMARY_LANGS):
            text = getattr(self, f"summary_{cand}", None)
            if text:
                return cand, text
        return lang, ""

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=False)


def parse_precedent(data: dict[str, Any], *, where: str = "precedent") -> Precedent:
    """A record from a mapping; bad input → :class:`InvalidInputError` naming the field."""
    try:
        return Precedent.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        val = err.get("input")
        raise InvalidInputError(msg, field=field, value=None if isinstance(val, dict | list) else val,
                                where=where) from None


__all__ = ["KINDS", "OUTCOMES", "Precedent", "Source", "parse_partial_date", "parse_precedent",
           "procedure_codes", "status_codes"]
