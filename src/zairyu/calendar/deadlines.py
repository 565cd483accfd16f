"""Every deadline a stay creates, each with its date, legal basis, explanation (ja, en, ru, uk) and trace.

``compute_deadlines(facts, on)`` is the one entry point (used by the CLI, the assessment, the case
manager and the web app). Deadline kinds are a public contract (see :data:`KINDS`).

Which deadlines are returned (the relevance rule, documented in docs/calendar.md):

* Facts dated after ``on`` (events, a departure, an application) have not happened yet as of ``on``
  and are ignored.
* An obligation the facts show as done (an ``address_notified`` event after a move, a change or
  extension application filed in time) produces no deadline.
* Upcoming dates are returned as ``upcoming`` (or ``today``). Past dates are kept only while they
  still matter: undone obligations as ``overdue``; the end of the stay, a revocation ground that has
  arisen, the end of the special period and a missed re-entry as ``passed``; a filing or renewal
  window as ``open`` until it closes, then dropped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from zairyu.calendar.admin_days import ROLL_FORWARD_BASIS, closed_reason, next_open_day
from zairyu.calendar.model import KINDS, Deadline, DeadlineKind, DeadlineState
from zairyu.calendar.periods import (
    GrantKind,
    add_months_end_clamped,
    add_period,
    expiry,
    period_between,
)
from zairyu.calendar.texts import EMPTY, closed_day_names, deadline_text
from zairyu.calendar.trace_texts import trace_line
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.facts import Facts
from zairyu.law.catalogue import COVERED_FROM, COVERED_TO, StatusView, catalogue
from zairyu.law.models import LegalBasis

__all__ = ["KINDS", "Deadline", "DeadlineKind", "DeadlineState", "compute_deadlines", "filing_window",
           "describe_periods", "special_period", "stay_expiry", "stay_period", "validate_facts", "when_past"]

ICRRA = "ICRRA"
ORDINANCE = "Ordinance"
SIX_MONTHS = Duration(months=6)
THIRTY_DAYS = Duration(days=30)
THREE_MONTHS = Duration(months=3)
PROCEDURES_WITH_SPECIAL_PERIOD = ("change_of_status", "extension_of_stay")


def _iso(d: date) -> str:
    return d.isoformat()


# --------------------------------------------------------------------------------------------------
# the current stay: expiry, period, filing window, special period
# --------------------------------------------------------------------------------------------------

def _grant_kind(facts: Facts) -> GrantKind:
    st = facts.stay
    assert st is not None
    if st.granted_by == "extension":
        return "extension"
    if st.granted_by == "landing":
        return "landing"
    # change, acquisition, permanent residence, special permission: the period runs from the
    # permission date, like a change (law.md §3.2)
    return "change"


def stay_expiry(facts: Facts) -> tuple[date | None, list[str]]:
    """The expiry of the current stay: as given (the card is the source of truth, law.md §3.2), else
    computed from the grant date and the period. None when the stay is indefinite or unknown."""
    st = facts.stay
    if st is None:
        return None, []
    if st.expires_on:
        trace = [trace_line("expiry_given", exp=_iso(st.expires_on))]
        if st.period and st.granted_on:
            computed = _computed_expiry(facts)
            if computed is not None and computed != st.expires_on:
                trace.append(trace_line("expiry_given_differs", period=st.period, computed=_iso(computed)))
        return st.expires_on, trace
    if st.period and st.granted_on:
        kind = _grant_kind(facts)
        if kind == "extension":
            if st.previous_expires_on is None:
                raise InvalidInputError(
                    "an extension's new period runs from the day after the old expiry, which is not given",
                    field="stay.previous_expires_on", allowed="the old expiry date YYYY-MM-DD, or stay.expires_on",
                )
            res = expiry(st.previous_expires_on, Duration.parse(st.period, field="stay.period"), "extension",
                         granted_on=st.granted_on)
        else:
            res = expiry(st.granted_on, Duration.parse(st.period, field="stay.period"), kind)
        return res.expires_on, res.trace
    return None, []


def _computed_expiry(facts: Facts) -> date | None:
    st = facts.stay
    assert st is not None and st.period and st.granted_on
    period = Duration.parse(st.period, field="stay.period")
    if _grant_kind(facts) == "extension":
        return add_period(st.previous_expires_on, period) if st.previous_expires_on else None
    return add_period(st.granted_on, period)


def _period_start(facts: Facts) -> date | None:
    """The day the current period is counted from (not itself counted)."""
    st = facts.stay
    if st is None:
        return None
    if _grant_kind(facts) == "extension":
        return st.previous_expires_on
    return st.granted_on


def stay_period(facts: Facts) -> Duration | None:
    """The current period of stay: as given, else the span from its start to the given expiry."""
    st = facts.stay
    if st is None:
        return None
    if st.period:
        return Duration.parse(st.period, field="stay.period")
    start = _period_start(facts)
    if start and st.expires_on:
        return period_between(start, st.expires_on)
    return None


def filing_window(expires_on: date, period: Duration | None) -> tuple[date | None, date, list[str]]:
    """(earliest filing day or None = any time before expiry, last filing day, trace).

    ISA: on or before the expiry date (Ordinance Art. 21(1)); from about 3 months before expiry for
    periods of 6 months or more (ISA extension page). The last filing day on a closed day moves to the
    next open day (Act on Holidays of Administrative Organs Art. 2; ISA practice); the expiry does not.
    """
    trace: list[str] = []
    earliest: date | None = None
    if period is not None and period >= SIX_MONTHS:
        earliest = add_months_end_clamped(expires_on, -3)
        trace.append(trace_line("window_from_3_months", period=period.iso(), earliest=earliest))
    elif period is not None:
        trace.append(trace_line("window_any_time", period=period.iso()))
    else:
        trace.append(trace_line("window_unknown"))
    last = next_open_day(expires_on)
    if last != expires_on:
        trace.append(trace_line("expiry_closed", exp=expires_on, reason=closed_reason(expires_on), last=last))
    else:
        trace.append(trace_line("expiry_open", exp=expires_on, last=last))
    return earliest, last, trace


def special_period(expires_on: date, decided_on: date | None = None) -> tuple[date, list[str]]:
    """End of the special period (特例期間, ICRRA Art. 20(6), for extensions via Art. 21(4)): the
    earlier of the decision and the end of the day two months after the old expiry."""
    two_months = add_months_end_clamped(expires_on, 2)
    trace = [trace_line("special_two_months", exp=expires_on, end=two_months)]
    if decided_on is not None and decided_on < two_months:
        trace.append(trace_line("special_decided", decided=decided_on))
        return decided_on, trace
    return two_months, trace


# --------------------------------------------------------------------------------------------------
# validation of the facts the calendar depends on
# --------------------------------------------------------------------------------------------------

def _covered(d: date) -> bool:
    return COVERED_FROM <= d <= COVERED_TO


def _covered_day(d: date) -> date:
    return min(max(d, COVERED_FROM), COVERED_TO)


def describe_periods(sv: StatusView) -> str:
    """The periods a status allows, in words for an error message: 'P90D, P30D, up to P15D in days'."""
    p = sv.periods
    parts = list(p.values)
    if p.max:
        parts.append(f"any period up to {p.max}")
    if p.designated_up_to:
        parts.append(f"up to {p.designated_up_to}" + (" in days" if p.unit == "days" else ""))
    if p.kind == "indefinite":
        parts.append("indefinite (no period)")
    return ", ".join(parts) or p.kind


def validate_facts(facts: Facts) -> list[str]:
    """Reject impossible or contradictory facts, naming the field. Returns trace notes.

    Checks: expiry before grant, an extension's new expiry not after the old one, decisions before
    filing, a card valid until before its issue, birth after grant, and — against the law catalogue on
    the grant date — a period the status did not allow then (Ordinance Art. 3, App. Table II).
    """
    notes: list[str] = []
    st, pa = facts.stay, facts.pending_application
    if st is not None:
        if st.granted_on and st.expires_on and st.expires_on < st.granted_on:
            raise InvalidInputError(f"expires_on {st.expires_on} is before granted_on {st.granted_on}",
                                    field="stay.expires_on", value=st.expires_on)
        if st.previous_expires_on and st.expires_on and st.expires_on <= st.previous_expires_on:
            raise InvalidInputError(
                f"the new expiry {st.expires_on} is not after the old expiry {st.previous_expires_on}",
                field="stay.expires_on", value=st.expires_on)
        if st.card_issued_on and st.card_valid_until and st.card_valid_until < st.card_issued_on:
            raise InvalidInputError(f"card_valid_until {st.card_valid_until} is before card_issued_on "
                                    f"{st.card_issued_on}", field="stay.card_valid_until", value=st.card_valid_until)
        if facts.person.birth_date and st.granted_on and st.granted_on < facts.person.birth_date:
            raise InvalidInputError(f"birth_date {facts.person.birth_date} is after stay.granted_on {st.granted_on}",
                                    field="person.birth_date", value=facts.person.birth_date)
        notes += _validate_period(facts)
    if pa is not None and pa.decided_on and pa.decided_on < pa.filed_on:
        raise InvalidInputError(f"decided_on {pa.decided_on} is before filed_on {pa.filed_on}",
                                field="pending_application.decided_on", value=pa.decided_on)
    dep = facts.departure
    if dep is not None and dep.re_entry_permit_until and dep.re_entry_permit_until < dep.departed_on:
        raise InvalidInputError(f"re_entry_permit_until {dep.re_entry_permit_until} is before departed_on "
                                f"{dep.departed_on}", field="departure.re_entry_permit_until",
                                value=dep.re_entry_permit_until)
    if facts.person.birth_date:
        for i, ev in enumerate(facts.events):
            if ev.on < facts.person.birth_date:
                raise InvalidInputError(f"event '{ev.kind}' on {ev.on} is before birth_date {facts.person.birth_date}",
                                        field=f"events[{i}].on", value=ev.on)
    return notes


def _validate_period(facts: Facts) -> list[str]:
    st = facts.stay
    assert st is not None
    at = st.granted_on
    if at is None or not _covered(at):
        if not (st.period or st.expires_on):
            return []
        if at is None:
            return [trace_line("period_not_checked_no_date", lo=COVERED_FROM, hi=COVERED_TO)]
        return [trace_line("period_not_checked", granted=at, lo=COVERED_FROM, hi=COVERED_TO)]
    sv = catalogue(at).status(st.status, field="stay.status")
    p = sv.periods
    if st.period:
        dur = Duration.parse(st.period, field="stay.period")
        if not p.allows(dur):
            raise InvalidInputError(
                f"{sv.name_en} ({sv.code}) does not allow a period of {dur.iso()} on {at}",
                field="stay.period", value=st.period, allowed=describe_periods(sv))
        return [trace_line("period_allowed", period=dur.iso(), status=sv.code, granted=at)]
    if p.kind in ("indefinite", "activity_duration"):
        return []
    start = _period_start(facts)
    longest = p.longest
    if st.expires_on and start and longest is not None:
        limit = add_period(start, longest)
        if st.expires_on > limit:
            raise InvalidInputError(
                f"expiry {st.expires_on} is later than the longest period {sv.code} allows "
                f"({longest.iso()} from {start} → {limit})", field="stay.expires_on", value=st.expires_on,
                allowed=describe_periods(sv))
    return []


# --------------------------------------------------------------------------------------------------
# the stay's own deadlines
# --------------------------------------------------------------------------------------------------

def _stay_deadlines(facts: Facts, on: date, trace0: list[str]) -> list[Deadline]:
    st = facts.stay
    exp, etrace = stay_expiry(facts)
    if st is None or exp is None:
        return []
    out: list[Deadline] = []
    period = stay_period(facts)
    pa = facts.pending_application if facts.pending_application and facts.pending_application.filed_on <= on \
        else None
    earliest, last, wtrace = filing_window(exp, period)
    given = st.expires_on is not None
    basis = [LegalBasis(law=ICRRA, provision="Art. 2-2(3)", note="period of stay")]
    if not given:
        basis += [LegalBasis(law="Civil Code", provision="Art. 140", note="the first day is not counted"),
                  LegalBasis(law="Civil Code", provision="Art. 143", note="months and years by the calendar")]

    # Art. 20(6): the special period, only for change/extension applications filed in time, not for
    # a current period of 30 days or less (nor for PR or acquisition applications: Arts. 22, 22-2).
    sp_note = EMPTY
    sp: Deadline | None = None
    filed_in_time = pa is not None and pa.filed_on <= last
    if pa is not None and pa.procedure in PROCEDURES_WITH_SPECIAL_PERIOD and filed_in_time:
        if period is not None and period <= THIRTY_DAYS:
            sp_note = deadline_text("sp_none_short", period=period, exp=_iso(exp))
        elif pa.decided_on is not None and pa.decided_on <= exp:
            pass  # decided before expiry: no special period arises
        else:
            holds_card = catalogue(_covered_day(st.granted_on or on)).status(
                st.status, field="stay.status").status.mid_long_term and period is not None and period > THREE_MONTHS
            sp = _special_period_deadline(pa.procedure, exp, pa.decided_on, pa.filed_on, period, holds_card)
    elif pa is not None and pa.procedure in PROCEDURES_WITH_SPECIAL_PERIOD:
        sp_note = deadline_text("sp_none_late", filed=_iso(pa.filed_on), last=_iso(last))
    elif pa is not None and pa.procedure in ("permanent_residence", "acquisition_of_status"):
        sp_note = deadline_text("sp_none_pr")

    out.append(Deadline.of(
        "expiry_of_stay", exp, basis, deadline_text("expiry_of_stay", exp=_iso(exp)) + sp_note,
        trace0 + etrace, fact_status="law" if given else "practice", topic="period_of_stay"))

    if sp is not None:
        out.append(sp)
    if pa is not None and pa.procedure in PROCEDURES_WITH_SPECIAL_PERIOD and filed_in_time:
        out[0].trace.append(trace_line("filed_in_time", procedure=pa.procedure, filed=_iso(pa.filed_on),
                                       last=_iso(last)))
        return out

    if earliest is not None:
        e_open = next_open_day(earliest)
        text = deadline_text("earliest_filing_day", earliest=_iso(earliest))
        if e_open != earliest:
            text += deadline_text("earliest_closed", open=_iso(e_open))
        out.append(Deadline.of(
            "earliest_filing_day", earliest,
            [LegalBasis(law=ORDINANCE, provision="Art. 21(1)", note="ISA: from about 3 months before expiry")],
            text, wtrace, filing_date=e_open if e_open != earliest else None, fact_status="isa", topic="window"))
    elif period is not None and st.granted_on is not None:
        out.append(Deadline.of(
            "earliest_filing_day", st.granted_on,
            [LegalBasis(law=ORDINANCE, provision="Art. 21(1)",
                        note="no earliest day for periods under 6 months (ISA wording implies; unverified)")],
            deadline_text("earliest_short", period=period), wtrace, fact_status="unverified", topic="window"))

    rolled = last != exp
    text = deadline_text("last_filing_day", exp=_iso(exp))
    if rolled:
        text += deadline_text("last_filing_rolled", reason=closed_day_names(closed_reason(exp)), last=_iso(last),
                              exp=_iso(exp))
    out.append(Deadline.of(
        "last_filing_day", exp,
        [LegalBasis(law=ORDINANCE, provision="Art. 21(1)", note="file by the expiry date")]
        + ([ROLL_FORWARD_BASIS] if rolled else []),
        text + sp_note,
        wtrace, filing_date=last if rolled else None, fact_status="practice" if rolled else "law",
        topic="extension_or_change"))
    return out


def _special_period_deadline(procedure: str, exp: date, decided_on: date | None, filed_on: date,
                             period: Duration | None, holds_card: bool) -> Deadline:
    end, trace = special_period(exp, decided_on)
    trace.insert(0, trace_line("special_applies", procedure=procedure, filed=filed_on))
    if period is None:
        trace.insert(1, trace_line("special_period_unknown"))
    else:
        trace.insert(1, trace_line("special_period_long", period=period.iso()))
    basis = [LegalBasis(law=ICRRA, provision="Art. 20(6)", note="special period")]
    if procedure == "extension_of_stay":
        basis.append(LegalBasis(law=ICRRA, provision="Art. 21(4)", note="applies Art. 20(6) to extensions"))
    if holds_card:
        basis.append(LegalBasis(law=ICRRA, provision="Art. 19-5(2)", note="the residence card stays valid"))
    two = add_months_end_clamped(exp, 2)
    if decided_on is not None and decided_on < two:
        text = deadline_text("special_period_decided", end=_iso(end))
    else:
        text = deadline_text("special_period", end=_iso(end))
        if holds_card:
            text += deadline_text("special_period_card")
    return Deadline.of("special_period_end", end, basis, text, trace, fact_status="law", topic=procedure)


# --------------------------------------------------------------------------------------------------
# the entry point
# --------------------------------------------------------------------------------------------------

_OBLIGATIONS = ("notification", "acquisition_filing", "last_filing_day", "card_expiry")
_WINDOWS = {"earliest_filing_day": ("last_filing_day", "expiry_of_stay"), "card_renewal_from": ("card_expiry",)}


def when_past(d: Deadline) -> Literal["window", "overdue", "passed"]:
    """What a deadline becomes once its action date has gone by (the relevance rule): a window's
    opening stays ``open`` until the window closes, then is dropped; an undone obligation is
    ``overdue``; anything else is kept as ``passed``."""
    if d.kind in _WINDOWS:
        return "window"
    if d.kind in _OBLIGATIONS and not (d.kind == "card_expiry" and d.topic == "period_of_stay"):
        return "overdue"
    return "passed"


def _with_state(items: list[Deadline], on: date) -> list[Deadline]:
    out: list[Deadline] = []
    for d in items:
        act = d.action_date
        past = when_past(d)
        if act > on:
            out.append(d.with_state("upcoming", on))
        elif act == on:
            out.append(d.with_state("today", on))
        elif past == "window":
            closes = [x.action_date for x in items if x.kind in _WINDOWS[d.kind]]
            if closes and max(closes) >= on:
                out.append(d.with_state("open", on))
        else:
            out.append(d.with_state(past, on))
    return out


def compute_deadlines(facts: Facts, on: date) -> list[Deadline]:
    """All deadlines for one person's facts as of ``on``, sorted by date (see the module docstring
    for which past deadlines are kept). Raises a :class:`~zairyu.errors.ZairyuError` naming the field
    for impossible or contradictory facts, or a period the status does not allow."""
    from zairyu.calendar import obligations

    notes = validate_facts(facts)
    facts = _as_of(facts, on)
    out = _stay_deadlines(facts, on, notes)
    out += obligations.all_obligations(facts, on)
    return sorted(_with_state(out, on), key=lambda d: (d.date, KINDS.index(d.kind) if d.kind in KINDS else 99))


def _as_of(facts: Facts, on: date) -> Facts:
    """The facts as known on ``on``: later events, departures and applications have not happened."""
    upd: dict[str, object] = {"events": [e for e in facts.events if e.on <= on]}
    if facts.departure is not None and facts.departure.departed_on > on:
        upd["departure"] = None
    if facts.pending_application is not None:
        pa = facts.pending_application
        if pa.filed_on > on:
            upd["pending_application"] = None
        elif pa.decided_on is not None and pa.decided_on > on:
            upd["pending_application"] = pa.model_copy(update={"decided_on": None})
    return facts.model_copy(update=upd)


def days_after(d: date, n: int) -> date:
    """The last day of a period of ``n`` days from an event on ``d`` (first day not counted)."""
    return d + timedelta(days=n)
