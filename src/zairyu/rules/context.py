"""What every procedure rule needs to know about one person on one date, computed once.

All dates come from the calendar (``stay_expiry``, ``filing_window``, ``add_period``,
``compute_deadlines``); nothing here does date arithmetic of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from pydantic import BaseModel

from zairyu.calendar.deadlines import Deadline, compute_deadlines, filing_window
from zairyu.calendar.lawful_stay import (
    SpecialPeriod,
    StatusHeld,
    application_pending_on,
    covered_day,
    holds_status_on,
    special_period,
    stay_expiry,
    stay_period,
)
from zairyu.calendar.periods import add_period
from zairyu.duration import Duration
from zairyu.facts import Circumstances, Conduct, Facts, Goal, Marriage, PendingApplication, Person
from zairyu.law.catalogue import LawView, StatusView, catalogue
from zairyu.law.loader import packaged_law
from zairyu.law.models import Procedure, Status
from zairyu.messages import Message

_EMPTY_CIRC = Circumstances()
_EMPTY_CONDUCT = Conduct()
_EMPTY_GOAL = Goal()
_EMPTY_MARRIAGE = Marriage()


@lru_cache(maxsize=1)
def _all_statuses() -> dict[str, Status]:
    return {s.code: s for s in packaged_law().statuses}


@lru_cache(maxsize=1)
def _all_procedures() -> dict[str, Procedure]:
    return {p.code: p for p in packaged_law().procedures}


def status_any(code: str) -> Status | None:
    """A status whatever its dates (to say *when* it exists, or classify a past stay)."""
    return _all_statuses().get(code)


def procedure_any(code: str) -> Procedure | None:
    return _all_procedures().get(code)


def plus(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """``start`` + a period, counted as the calendar counts periods of stay (first day not counted)."""
    return add_period(start, Duration(years, months, days))


@dataclass(slots=True)
class Ctx:
    facts: Facts
    on: date
    law: LawView
    status: StatusView | None = None
    period: Duration | None = None
    expires_on: date | None = None
    expiry_trace: list[Message] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    trace: list[Message] = field(default_factory=list)
    _filing: tuple[date | None, date | None, list[Message]] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    # shorthand for optional fact groups (absent group = every field unknown)
    @property
    def person(self) -> Person:
        return self.facts.person

    @property
    def circ(self) -> Circumstances:
        return self.facts.circumstances or _EMPTY_CIRC

    @property
    def conduct(self) -> Conduct:
        return self.facts.conduct or _EMPTY_CONDUCT

    @property
    def goal(self) -> Goal:
        return self.facts.goal or _EMPTY_GOAL

    @property
    def marriage(self) -> Marriage:
        return self.facts.marriage or _EMPTY_MARRIAGE

    @property
    def status_code(self) -> str | None:
        return self.facts.stay.status if self.facts.stay else None

    def pending(self) -> PendingApplication | None:
        """The application still pending on ``on`` (decided ones are history)."""
        app = application_pending_on(self.facts, self.on)  # the calendar's: filed by ``on``, decided or not
        return None if app is None or app.decided_on is not None else app

    def law_for(self, day: date) -> LawView:
        """The law that applies to a step taken on ``day`` (a filing, a fee): the computation's own law for
        the as-of date and after; for an earlier day (an application already filed), the same law as it
        stood then. When the computation runs under another date's law (``--law-date``), that law also
        applies to every step from the as-of date on."""
        if day == self.law.on or (day >= self.on and self.law.on != self.on):
            return self.law
        return self.law.at(covered_day(day))

    def is_known(self, path: str) -> bool:
        """Whether a scalar fact (``circumstances.cannot_return_safely``) is given. Structured records
        (``history``, ``events``, ``family``, ``departure``) are never 'known' in this sense."""
        node: Any = self.facts
        for part in path.split("."):
            if node is None or isinstance(node, list):
                return False
            node = getattr(node, part, None)
        return node is not None and not isinstance(node, list | BaseModel)

    def deadline(self, kind: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind == kind), None)

    # the lawful stay: asked of the calendar (zairyu.calendar.lawful_stay), never decided here -----------
    def special(self) -> SpecialPeriod:
        """ICRRA Art. 20(6) for the current stay and the application filed by ``on`` (computed once)."""
        sp = self._memo.get("special_period")
        if sp is None:
            sp = self._memo["special_period"] = special_period(self.facts, self.on, self.law)
        return cast(SpecialPeriod, sp)

    def special_period_applies(self) -> bool | None:
        """Whether a special period arises from the pending change or extension (the calendar's answer)."""
        return self.special().applies

    def special_period_end(self) -> date | None:
        sp = self.special()
        return sp.until if sp.applies else None

    def in_special_period(self) -> bool | None:
        if self.expires_on is None:
            return None
        return self.special().covers(self.on)

    def status_held(self) -> StatusHeld:
        held = self._memo.get("status_held")
        if held is None:
            held = self._memo["status_held"] = holds_status_on(self.facts, self.on, self.law)
        return cast(StatusHeld, held)

    def overstaying(self) -> bool | None:
        """Staying past the period of stay (Art. 24(iv)(b)); an explicit fact wins over the dates, which
        the calendar reads (:func:`~zairyu.calendar.lawful_stay.holds_status_on`)."""
        if self.conduct.overstaying is not None:
            return self.conduct.overstaying
        held = self.status_held().holds
        return None if held is None else not held

    def lawful(self) -> bool | None:
        o = self.overstaying()
        return None if o is None else not o

    def filing(self) -> tuple[date | None, date | None, list[Message]]:
        """(earliest, last filing day rolled to an open day, trace) for the current stay (computed once)."""
        if self._filing is None:
            if self.expires_on is None:
                self._filing = (None, None, [])
            else:
                self._filing = filing_window(self.expires_on, self.period)
        return self._filing

    def in_japan(self) -> bool | None:
        dep = self.facts.departure
        if dep is None or dep.departed_on > self.on:
            return True
        back = any(e.kind == "arrived" and dep.departed_on < e.on <= self.on for e in self.facts.events)
        return True if back else False

    def event(self, kind: str) -> date | None:
        days = [e.on for e in self.facts.events if e.kind == kind and e.on <= self.on]
        return max(days) if days else None


def build_ctx(facts: Facts, on: date, law: LawView | None) -> Ctx:
    law = law or catalogue(on)
    ctx = Ctx(facts=facts, on=on, law=law)
    st = facts.stay
    if st is not None:
        ctx.status = law.status(st.status, field="stay.status")
        ctx.period = Duration.parse(st.period, field="stay.period") if st.period else stay_period(facts)
        ctx.expires_on, ctx.expiry_trace = stay_expiry(facts)
    ctx.deadlines = compute_deadlines(facts, on, law)
    return ctx


def as_json_date(d: date | None) -> Any:
    return d.isoformat() if d else None
