"""The law as in force on one date: ``catalogue(on=date)`` → an immutable :class:`LawView`.

    >>> from datetime import date
    >>> law = catalogue(on=date(2026, 1, 1))
    >>> law.status("student").periods.max
    'P4Y3M'
"""

from __future__ import annotations

import difflib
import hashlib
import json
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from zairyu.errors import InvalidInputError, OutOfRangeError, UnknownCodeError
from zairyu.law.loader import packaged_law
from zairyu.law.models import (
    COVERED_FROM,
    COVERED_TO,
    Designation,
    FactStatus,
    Fee,
    FeeVersion,
    LawFiles,
    LegalBasis,
    Measure,
    Periods,
    Procedure,
    RuleParameter,
    Source,
    Status,
    Transitional,
    weakest,
)


def check_covered(on: date, *, field: str = "on") -> date:
    if not (COVERED_FROM <= on <= COVERED_TO):
        raise OutOfRangeError(
            f"{on.isoformat()} is outside the dates the law data covers",
            field=field, value=on, allowed=f"{COVERED_FROM.isoformat()} to {COVERED_TO.isoformat()}",
        )
    return on


def parse_date(text: str, *, field: str = "on", bounded: bool = True) -> date:
    """Parse YYYY-MM-DD strictly, naming the field on failure; held to the bound on input dates
    (:mod:`zairyu.limits`: the command line's dates and the interview's answers) unless ``bounded`` is False
    because the caller checks a narrower range itself (an as-of date: :func:`check_covered`)."""
    from zairyu.limits import require_date

    try:
        d = date.fromisoformat(text) if len(text) == 10 else _bad(text, field)
    except ValueError:
        return _bad(text, field)
    if bounded:
        require_date(d, field=field)
    return d


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
    """A date of the epoch the view was built for (the period version is the same on every such date)."""
    transitional: Transitional | None = None
    """Set when the status has ended and lives on only under transitional measures on this date (its last
    periods version then still applies to those it covers)."""

    @property
    def code(self) -> str:
        return self.status.code

    def name(self, lang: str) -> str:
        return self.name_ja if lang == "ja" else self.name_en

    @property
    def fact_status(self) -> FactStatus:
        """The least certain of the status entry and its periods version on this date."""
        if self.transitional is not None:
            return weakest(self.status.fact_status, self.periods.fact_status, self.transitional.fact_status)
        return weakest(self.status.fact_status, self.periods.fact_status)

    @property
    def unverified_fields(self) -> list[str]:
        """Fields that must not be presented as certain (the periods when their version is unverified)."""
        out = list(self.status.unverified_fields)
        if self.periods.fact_status == "unverified" and "periods" not in out:
            out.append("periods")
        return out

    @property
    def has_unverified(self) -> bool:
        return self.status.fact_status == "unverified" or bool(self.unverified_fields)

    def to_json(self, *, full: bool = False) -> dict[str, Any]:
        """The public status object (contract of ``zairyu statuses --json``)."""
        s = self.status
        fact = self.fact_status
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
            "unverified_fields": self.unverified_fields,
        }
        if full:
            out.update(
                activity_ja=s.activity_ja,
                activity_en=s.activity_en,
                activity_ru=s.activity_ru,
                activity_uk=s.activity_uk,
                employment_note=s.employment_note,
                employment_note_ja=s.employment_note_ja,
                employment_note_ru=s.employment_note_ru,
                employment_note_uk=s.employment_note_uk,
                work_status=s.work_status,
                mid_long_term=s.mid_long_term,
                counts_toward_pr_five_years=s.counts_toward_pr_five_years,
                notification_scope=s.notification_scope,
                notification_note=s.notification_note,
                replaced_by=list(s.replaced_by),
                former_names=[n.model_dump(mode="json") for n in s.former_names],
                periods_detail={
                    **self.periods.contract(),
                    "valid_from": self.periods.valid_from.isoformat() if self.periods.valid_from else None,
                    "valid_to": self.periods.valid_to.isoformat() if self.periods.valid_to else None,
                    "legal_basis": _legal(self.periods.legal_basis),
                    "sources": _sources(self.periods.sources),
                    "fact_status": self.periods.fact_status,
                    "note": self.periods.note,
                    "rows": [r.model_dump(mode="json", exclude_none=True) for r in self.periods.rows],
                },
                sources=_sources(s.sources),
                note=s.note,
                transitional_note=s.transitional_note,
                history=[
                    {**p.contract(), "valid_from": p.valid_from.isoformat() if p.valid_from else None,
                     "valid_to": p.valid_to.isoformat() if p.valid_to else None, "fact_status": p.fact_status,
                     "note": p.note}
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
            "online_fact_status": self.version.online_fact_status or self.version.fact_status,
            "note": self.version.note,
        }


class LawView:
    """Immutable view of the law on ``on``. Build with :func:`catalogue`."""

    __slots__ = ("on", "_files", "_statuses", "_fees", "_procedures", "_measures", "_all_status_codes",
                 "_all_statuses", "_rules", "_all_rules", "_transitional", "_all_designations")

    def __init__(self, law: LawFiles, on: date) -> None:
        self.on = on
        self._files = law
        statuses: dict[str, StatusView] = {}
        transitional: dict[str, StatusView] = {}
        for s in law.statuses:
            trans = next((t for t in s.transitional if t.in_force(on)), None)
            if trans is not None and s.valid_to is not None:
                last = next((p for p in s.periods if p.in_force(s.valid_to)), None)
                if last is not None:
                    transitional[s.code] = StatusView(s, last, s.name_ja, s.name_en, on, trans)
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
        self._transitional = MappingProxyType(transitional)
        self._all_status_codes = tuple(s.code for s in law.statuses)
        self._all_statuses = MappingProxyType({s.code: s for s in law.statuses})
        fees: dict[str, FeeView] = {}
        for f in law.fees:
            v = next((v for v in f.versions if v.in_force(on)), None)
            if v is not None:
                fees[f.procedure] = FeeView(f.procedure, v.counter, v.online, v)
        self._fees = MappingProxyType(fees)
        self._procedures = MappingProxyType({p.code: p for p in law.procedures if p.in_force(on)})
        self._measures = MappingProxyType({m.code: m for m in law.measures if m.in_force(on)})
        self._rules = MappingProxyType({r.code: r for r in law.rules if r.in_force(on)})
        self._all_rules = MappingProxyType({r.code: r for r in law.rules})
        self._all_designations = MappingProxyType({d.code: d for d in law.designations})

    def on_date(self, on: date) -> LawView:
        """The same law seen on another date of the same epoch (no entry starts or ends between them)."""
        view = object.__new__(LawView)
        for slot in LawView.__slots__:
            object.__setattr__(view, slot, getattr(self, slot))
        view.on = on
        return view

    @property
    def packaged(self) -> bool:
        """Whether this is the law data that ships with zairyu (views of it are shared per epoch)."""
        return self._files is packaged_law()

    def at(self, on: date) -> LawView:
        """The same law (the same files, every dated version) as in force on another date: for questions
        about a past grant or event (the status as it stood when it was granted)."""
        if on == self.on:
            return self
        if self.packaged:
            return catalogue(on)
        return LawView(self._files, check_covered(on))

    # statuses -----------------------------------------------------------------
    @property
    def statuses(self) -> tuple[StatusView, ...]:
        return tuple(self._statuses.values())

    def has_status(self, code: str) -> bool:
        """Whether the status is in force on this date (can be granted anew)."""
        return code in self._statuses

    def holdable(self, code: str) -> bool:
        """Whether the status can be held on this date: in force, or ended but living on under transitional
        measures (TITP after 2027-04-01)."""
        return code in self._statuses or code in self._transitional

    def transitional(self, code: str) -> Transitional | None:
        """The transitional entry of an ended status in force on this date (None: in force, or no such life)."""
        view = self._transitional.get(code)
        return view.transitional if view is not None else None

    def status(self, code: str, *, field: str = "status") -> StatusView:
        """The status as it stands on this date; an ended status under transitional measures is returned with
        its ``transitional`` entry set (its holders are assessed under it, not refused)."""
        try:
            return self._statuses[code]
        except KeyError:
            if code in self._transitional:
                return self._transitional[code]
            if code in self._all_statuses:
                raise InvalidInputError(
                    f"status '{code}' is not in force on {self.on.isoformat()}{_when(self._all_statuses[code])}",
                    field=field, value=code,
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

    # dated rule parameters (rules.yaml) ----------------------------------------
    @property
    def rules(self) -> tuple[RuleParameter, ...]:
        """The rule parameters in force on this date."""
        return tuple(self._rules.values())

    def rule(self, code: str) -> RuleParameter | None:
        """The rule parameter ``code`` if it is in force on this date, else None (an unknown code is an error,
        so that a misspelt code in a rule fails loudly instead of reading as "not in force")."""
        self.rule_entry(code)
        return self._rules.get(code)

    def in_force(self, code: str) -> bool:
        """Whether the rule parameter ``code`` is in force on this date."""
        return self.rule(code) is not None

    def rule_entry(self, code: str) -> RuleParameter:
        """The whole dated entry of a rule parameter, whether or not in force on this date (for a rule whose
        question is about another day, e.g. the day a card was issued)."""
        try:
            return self._all_rules[code]
        except KeyError:
            raise UnknownCodeError("rule", code, suggest(code, self._all_rules), field="rule") from None

    @property
    def all_rules(self) -> tuple[RuleParameter, ...]:
        """Every rule parameter, in force on this date or not (for listings)."""
        return tuple(self._all_rules.values())

    # Designated Activities designations (designations.yaml) ---------------------------------------------
    @property
    def designations(self) -> tuple[Designation, ...]:
        """The designations that can be granted on this date (in force)."""
        return tuple(d for d in self._all_designations.values() if d.in_force(self.on))

    def designation(self, code: str) -> Designation | None:
        """The designation ``code`` whatever its dates (None when the law data does not list it: a designation
        the facts name freely, such as 'other')."""
        return self._all_designations.get(code)

    def entry(self, code: str, *, field: str = "status") -> Status:
        """The whole dated entry of a status (all its versions), whether or not in force on this date."""
        try:
            return self._all_statuses[code]
        except KeyError:
            raise UnknownCodeError("status", code, suggest(code, self._all_status_codes), field=field) from None

    def group(self, parent: str) -> tuple[StatusView, ...]:
        """The sub-categories in force of one group ('hsp', 'ssw', 'titp')."""
        return tuple(v for v in self._statuses.values() if v.status.parent == parent)


def _when(s: Status) -> str:
    parts = []
    if s.valid_from:
        parts.append(f"in force from {s.valid_from.isoformat()}")
    if s.valid_to:
        parts.append(f"until {s.valid_to.isoformat()}")
    if s.replaced_by:
        parts.append(f"replaced by {', '.join(s.replaced_by)}")
    return f" ({'; '.join(parts)})" if parts else ""


def suggest(code: str, known: Any) -> list[str]:
    return difflib.get_close_matches(code, list(known), n=3, cutoff=0.5)


@lru_cache(maxsize=1)
def _change_points() -> tuple[date, ...]:
    """Every date on which some entry of the law starts or stops being in force."""
    law = packaged_law()
    dated: list[Any] = []
    for s in law.statuses:
        dated += [s, *s.periods, *s.former_names, *s.transitional]
    for f in law.fees:
        dated += f.versions
    dated += [*law.procedures, *law.measures, *law.rules, *law.designations]
    points = {d.valid_from for d in dated if d.valid_from}
    points |= {d.valid_to + timedelta(days=1) for d in dated if d.valid_to and d.valid_to < date.max}
    return tuple(sorted(points))


@lru_cache(maxsize=256)
def _epoch_view(epoch: int, first_day: date) -> LawView:
    return LawView(packaged_law(), first_day)


def catalogue(on: date) -> LawView:
    """The law in force on ``on``: an immutable view.

    Views are shared between all dates of one *epoch* (a span on which no law entry starts or
    ends), so asking for many different dates costs one view per epoch, not one per date.
    """
    check_covered(on)
    points = _change_points()
    epoch = bisect_right(points, on)
    first_day = points[epoch - 1] if epoch else on
    view = _epoch_view(epoch, first_day if epoch else COVERED_FROM)
    return view if view.on == on else view.on_date(on)


def rule_json(rule: RuleParameter, on: date) -> dict[str, Any]:
    """The public JSON object of one rule parameter (contract of ``zairyu law rules --json``)."""
    return {
        "code": rule.code,
        "name_ja": rule.name_ja,
        "name_en": rule.name_en,
        "in_force": rule.in_force(on),
        "decided_on": rule.decided_on,
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        "period": rule.period,
        "nationalities": list(rule.nationalities),
        "legal_basis": _legal(rule.legal_basis),
        "sources": _sources(rule.sources),
        "fact_status": rule.fact_status,
        "note": " ".join(rule.note.split()) if rule.note else None,
        "name_ru": rule.name_ru,  # extensions of the contract: the name in Russian and Ukrainian
        "name_uk": rule.name_uk,
    }


_NOT_COMPUTED: Any = {
    **dict.fromkeys(("name_ja", "name_en", "former_names", "activity_ja", "activity_en", "activity_ru", "activity_uk",
                     "employment_note", "employment_note_ja", "employment_note_ru", "employment_note_uk",
                     "notification_note", "transitional_note", "note", "sources", "unverified_fields"), True),
    "periods": {"__all__": {"note": True, "sources": True, "rows": {"__all__": {
        "applies_to_ja", "applies_to_en", "applies_to_ru", "applies_to_uk", "note"}}}},
    "transitional": {"__all__": {"note", "sources", "who_ja", "who_en"}},
}
"""Fields of a status entry that no date is computed from (names, notes, sources)."""


def computation_digest(statuses: frozenset[str], law: LawFiles | None = None) -> str:
    """A digest of the law data that a person's deadlines are computed from: the entries of the statuses
    they hold or held (dates, periods, notification duty, mid/long-term …) and every dated rule parameter.
    A change to a name, a note, a source, a fee or another status leaves it unchanged, so a person is
    recomputed only when the law their deadlines come from changed."""
    return _packaged_digest(statuses) if law is None else _digest(statuses, law)


@lru_cache(maxsize=4096)
def _packaged_digest(statuses: frozenset[str]) -> str:
    return _digest(statuses, packaged_law())


def _digest(statuses: frozenset[str], law: LawFiles) -> str:
    parts: list[Any] = [s.model_dump(mode="json", exclude=_NOT_COMPUTED) for s in law.statuses if s.code in statuses]
    parts += [r.model_dump(mode="json", exclude={"name_ja", "name_en", "name_ru", "name_uk", "note", "sources"})
              for r in law.rules]
    # the designations' dates and special re-entry decide deadlines of Designated Activities holders
    parts += [d.model_dump(mode="json", include={"code", "valid_from", "valid_to", "special_re_entry"})
              for d in law.designations]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


_CONTENT_DIGESTS: dict[int, tuple[LawFiles, str]] = {}


def content_digest(law: LawFiles | LawView) -> str:
    """A digest of the whole law data a view or a set of law files holds (every entry, every field): what an
    answer kept for identical inputs is keyed by, so that any change of the law is a different key. Computed
    once per set of law files."""
    files = law._files if isinstance(law, LawView) else law
    kept = _CONTENT_DIGESTS.get(id(files))
    if kept is None or kept[0] is not files:
        kept = (files, hashlib.sha256(files.model_dump_json().encode()).hexdigest())
        _CONTENT_DIGESTS[id(files)] = kept
    return kept[1]


def all_fees() -> tuple[Fee, ...]:
    return tuple(packaged_law().fees)


__all__ = ["COVERED_FROM", "COVERED_TO", "FeeView", "LawView", "StatusView", "catalogue", "check_covered",
           "computation_digest", "content_digest", "parse_date", "rule_json", "suggest"]
