"""The law as in force on one date: ``catalogue(on=date)`` → an immutable :class:`LawView`.

    >>> from datetime import date
    >>> law = catalogue(on=date(2026, 1, 1))
    >>> law.status("student").periods.max
    'P4Y3M'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from zairyu.errors import InvalidInputError, OutOfRangeError, UnknownCodeError
from zairyu.law.loader import packaged_law
from zairyu.law.models import (
    Fee,
    FeeVersion,
    LawFiles,
    LegalBasis,
    Measure,
    Periods,
    Procedure,
    Source,
    Status,
)

COVERED_FROM = date(2012, 7, 9)
"""The residence-card system (2012 reform) starts the period zairyu's data covers."""
COVERED_TO = date(2027, 12, 31)


def check_covered(on: date, *, field: str = "on") -> date:
    if not (COVERED_FROM <= on <= COVERED_TO):
        raise OutOfRangeError(
            f"{on.isoformat()} is outside the dates the law data covers",
            field=field, value=on, allowed=f"{COVERED_FROM.isoformat()} to {COVERED_TO.isoformat()}",
        )
    return on


def parse_date(text: str, *, field: str = "on") -> date:
    """Parse YYYY-MM-DD strictly, naming the field on failure."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else _bad(text, field)
    except ValueError:
        return _bad(text, field)


def _bad(text: str, field: str) -> date:
    raise InvalidInputError(f"'{text}' is not a valid date", field=field, value=text, allowed="YYYY-MM-DD")


def _legal(lb: list[LegalBasis]) -> list[dict[str, Any]]:
    return [x.model_dump(exclude_none=True) for x in lb]


def _sources(src: list[Source]) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json", exclude_none=True) for s in src]


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status of residence as it stands on one date (its period version chosen)."""

    status: Status
    periods: Periods
    name_ja: str
    name_en: str
    on: date

    @property
    def code(self) -> str:
        return self.status.code

    def name(self, lang: str) -> str:
        return self.name_ja if lang == "ja" else self.name_en

    def to_json(self, *, full: bool = False) -> dict[str, Any]:
        """The public status object (contract of ``zairyu statuses --json``)."""
        s = self.status
        fact = "unverified" if "unverified" in (s.fact_status, self.periods.fact_status) else s.fact_status
        out: dict[str, Any] = {
            "code": s.code,
            "name_ja": self.name_ja,
            "name_en": self.name_en,
            "table": s.table,
            "parent": s.parent,
            "outside_act": s.outside_act,
            "employment": s.employment,
            "permission_outside_activity": s.permission_outside_activity,
            "periods": self.periods.contract(),
            "landing_criteria": s.landing_criteria,
            "notification": s.notification,
            "legal_basis": _legal(s.legal_basis),
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            "fact_status": fact,
        }
        if full:
            out.update(
                activity_ja=s.activity_ja,
                activity_en=s.activity_en,
                employment_note=s.employment_note,
                work_status=s.work_status,
                mid_long_term=s.mid_long_term,
                periods_detail={
                    **self.periods.contract(),
                    "valid_from": self.periods.valid_from.isoformat() if self.periods.valid_from else None,
                    "valid_to": self.periods.valid_to.isoformat() if self.periods.valid_to else None,
                    "legal_basis": _legal(self.periods.legal_basis),
                    "sources": _sources(self.periods.sources),
                    "fact_status": self.periods.fact_status,
                    "note": self.periods.note,
                },
                sources=_sources(s.sources),
                note=s.note,
                transitional_note=s.transitional_note,
                history=[
                    {**p.contract(), "valid_from": p.valid_from.isoformat() if p.valid_from else None,
                     "valid_to": p.valid_to.isoformat() if p.valid_to else None, "fact_status": p.fact_status}
                    for p in s.periods
                ],
            )
        return out


@dataclass(frozen=True, slots=True)
class FeeView:
    procedure: str
    counter: int | None
    online: int | None
    version: FeeVersion

    def to_json(self) -> dict[str, Any]:
        return {
            "counter": self.counter,
            "online": self.online,
            "valid_from": self.version.valid_from.isoformat() if self.version.valid_from else None,
            "valid_to": self.version.valid_to.isoformat() if self.version.valid_to else None,
            "legal_basis": _legal(self.version.legal_basis),
            "fact_status": self.version.fact_status,
        }


class LawView:
    """Immutable view of the law on ``on``. Build with :func:`catalogue`."""

    __slots__ = ("on", "_statuses", "_fees", "_procedures", "_measures", "_all_status_codes")

    def __init__(self, law: LawFiles, on: date) -> None:
        self.on = on
        statuses: dict[str, StatusView] = {}
        for s in law.statuses:
            if not s.in_force(on):
                continue
            period = next((p for p in s.periods if p.in_force(on)), None)
            if period is None:
                continue
            name = next((n for n in s.former_names if n.in_force(on)), None)
            statuses[s.code] = StatusView(
                s, period, name.name_ja if name else s.name_ja, name.name_en if name else s.name_en, on
            )
        self._statuses = MappingProxyType(statuses)
        self._all_status_codes = tuple(s.code for s in law.statuses)
        fees: dict[str, FeeView] = {}
        for f in law.fees:
            v = next((v for v in f.versions if v.in_force(on)), None)
            if v is not None:
                fees[f.procedure] = FeeView(f.procedure, v.counter, v.online, v)
        self._fees = MappingProxyType(fees)
        self._procedures = MappingProxyType({p.code: p for p in law.procedures if p.in_force(on)})
        self._measures = MappingProxyType({m.code: m for m in law.measures if m.in_force(on)})

    # statuses -----------------------------------------------------------------
    @property
    def statuses(self) -> tuple[StatusView, ...]:
        return tuple(self._statuses.values())

    def has_status(self, code: str) -> bool:
        return code in self._statuses

    def status(self, code: str, *, field: str = "status") -> StatusView:
        try:
            return self._statuses[code]
        except KeyError:
            if code in self._all_status_codes:
                raise InvalidInputError(
                    f"status '{code}' is not in force on {self.on.isoformat()}", field=field, value=code
                ) from None
            raise UnknownCodeError("status", code, suggest(code, self._all_status_codes), field=field) from None

    # fees, procedures, measures -----------------------------------------------
    def fee(self, procedure: str) -> FeeView | None:
        return self._fees.get(procedure)

    @property
    def fees(self) -> tuple[FeeView, ...]:
        return tuple(self._fees.values())

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        return tuple(self._procedures.values())

    def procedure(self, code: str) -> Procedure:
        try:
            return self._procedures[code]
        except KeyError:
            raise UnknownCodeError("procedure", code, suggest(code, list(self._procedures)),
                                   field="procedure") from None

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(self._measures.values())

    def measures_for(self, nationality: str) -> tuple[Measure, ...]:
        return tuple(m for m in self._measures.values() if nationality.upper() in m.nationalities)


def suggest(code: str, known: Any) -> list[str]:
    return difflib.get_close_matches(code, list(known), n=3, cutoff=0.5)


@lru_cache(maxsize=512)
def catalogue(on: date) -> LawView:
    """The law in force on ``on`` (cached: views are immutable)."""
    check_covered(on)
    return LawView(packaged_law(), on)


def all_fees() -> tuple[Fee, ...]:
    return tuple(packaged_law().fees)


__all__ = ["COVERED_FROM", "COVERED_TO", "FeeView", "LawView", "StatusView", "catalogue", "check_covered",
           "parse_date", "suggest"]
