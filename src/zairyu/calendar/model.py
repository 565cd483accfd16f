"""The :class:`Deadline` value: one date a stay creates, with its provision, explanation and trace.

Re-exported by :mod:`zairyu.calendar.deadlines`; the field names are a public contract used by the
assessment, the case manager and the web app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from zairyu.law.models import FactStatus, LegalBasis
from zairyu.messages import CONTRACT_LANGS, Message, Messages, render
from zairyu.messages.citation import cite_all

LANGS = CONTRACT_LANGS

DeadlineKind = Literal[
    "expiry_of_stay", "earliest_filing_day", "last_filing_day", "special_period_end", "notification",
    "revocation_risk", "acquisition_filing", "stay_without_status_end", "re_entry_deadline", "card_expiry",
    "card_renewal_from", "coe_expiry", "review_request_deadline", "departure_deadline",
]
KINDS: tuple[str, ...] = DeadlineKind.__args__  # type: ignore[attr-defined]

DeadlineState = Literal["upcoming", "today", "overdue", "passed", "open"]
"""Relative to the as-of date:

* ``upcoming`` — still ahead; ``today`` — it is the as-of date;
* ``overdue`` — an obligation (notification, filing, card renewal) whose date has passed and that the
  facts do not show as done: still to be done, late;
* ``passed`` — a date that has passed and is kept because it still matters (the stay expired, a
  revocation ground has arisen, the re-entry deadline passed while abroad);
* ``open`` — a window (earliest filing day, card renewal) that has opened and not yet closed.
"""


@dataclass(frozen=True)
class Deadline:
    kind: str
    date: dt.date
    """The legal date. It never moves for closed days (see ``filing_date``)."""
    legal_basis: list[LegalBasis]
    text: Messages
    """The explanation, as messages: written in a language by :meth:`explanation`."""
    trace: list[Message] = field(default_factory=list)
    """How the date was computed, one message a step: written by :meth:`trace_lines`."""
    filing_date: dt.date | None = None
    """For a filing deadline on a closed day: the next open day (the legal date does not move)."""
    fact_status: FactStatus = "law"
    risk: bool = False
    """True for a risk (revocation) rather than a hard deadline."""
    topic: str | None = None
    """Sub-kind: for ``notification`` address / organization / spouse / lost_card / damaged_card /
    personal_details; for ``revocation_risk``
    activity / spouse_activity / address; for card kinds seven_year / under_16 / period_of_stay."""
    state: DeadlineState = "upcoming"
    as_of: dt.date | None = None

    @classmethod
    def of(cls, kind: str, date: dt.date, legal_basis: list[LegalBasis], text: Messages,
           trace: list[Message], *, filing_date: dt.date | None = None, fact_status: FactStatus = "law",
           risk: bool = False, topic: str | None = None) -> Deadline:
        return cls(kind, date, legal_basis, text, trace, filing_date=filing_date, fact_status=fact_status,
                   risk=risk, topic=topic)

    @property
    def action_date(self) -> dt.date:
        """The last day to act: the rolled filing date when there is one, else the legal date."""
        return self.filing_date or self.date

    @property
    def days_left(self) -> int | None:
        """Days from the as-of date to the action date (negative when past)."""
        return None if self.as_of is None else (self.action_date - self.as_of).days

    def explanation(self, lang: str) -> str:
        """The explanation in ``lang`` (any language with a catalogue; English for keys it lacks)."""
        return render(self.text, lang)

    def explanations(self, langs: Iterable[str] = LANGS) -> dict[str, str]:
        """``{"ja", "en", "ru", "uk"}`` (or the languages asked for)."""
        return {lang: self.explanation(lang) for lang in langs}

    def trace_lines(self, lang: str = "en") -> list[str]:
        """How the date was computed, in ``lang`` (English: the technical record, codes kept)."""
        return [render(m, lang) for m in self.trace]

    def provisions(self, lang: str = "en") -> str:
        """'ICRRA Art. 20(6); ICRRA Art. 21(4)' — for one-line displays, cited as ``lang`` cites them
        (入管法第20条第6項、入管法第21条第4項)."""
        return cite_all(self.legal_basis, lang)

    def with_state(self, state: DeadlineState, as_of: dt.date) -> Deadline:
        return replace(self, state=state, as_of=as_of)

    def to_json(self, langs: Iterable[str] = LANGS, *, trace_lang: str = "en") -> dict[str, Any]:
        """The public deadline object (:func:`deadline_json`): ``explanation`` in ``langs`` (the four by
        default), ``trace`` in ``trace_lang`` (English by default, as the stored record)."""
        return deadline_json(
            kind=self.kind, topic=self.topic, date=self.date, filing_date=self.filing_date, state=self.state,
            days_left=self.days_left, risk=self.risk,
            legal_basis=[b.model_dump(exclude_none=True) for b in self.legal_basis],
            explanation=self.explanations(langs), trace=self.trace_lines(trace_lang), fact_status=self.fact_status)


def deadline_json(*, kind: str, topic: str | None, date: dt.date, filing_date: dt.date | None, state: str | None,
                  days_left: int | None, risk: bool, legal_basis: list[Any], explanation: dict[str, str],
                  trace: list[str] | None, fact_status: str, computed_for: dt.date | None = None,
                  person: dict[str, Any] | None = None) -> dict[str, Any]:
    """THE JSON of a deadline, computed (:meth:`Deadline.to_json`) or stored (a person's deadlines, the
    agenda's lines): the same keys in the same order (``zairyu.web.schemas.DeadlineOut`` describes it).
    ``trace`` None leaves the trace out (an agenda read without traces); ``computed_for`` and ``person``
    are a stored deadline's (when it was computed; whose it is, on the agenda)."""
    out: dict[str, Any] = {
        "kind": kind, "topic": topic, "date": date.isoformat(),
        "filing_date": filing_date.isoformat() if filing_date else None,
        "state": state, "days_left": days_left, "overdue": state == "overdue", "risk": risk,
        "legal_basis": legal_basis, "explanation": explanation,
    }
    if trace is not None:
        out["trace"] = trace
    out["fact_status"] = fact_status
    if computed_for is not None:
        out["computed_for"] = computed_for.isoformat()
    if person is not None:
        out["person"] = person
    return out
