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

from collections.abc import Iterable
from datetime import date
from typing import Literal

from zairyu.calendar.admin_days import ROLL_FORWARD_BASIS, closed_reason, next_open_day
from zairyu.calendar.lawful_stay import (
    MID_LONG_TERM_MORE_THAN,
    PROCEDURES_WITH_SPECIAL_PERIOD,
    SpecialPeriod,
    covered_day,
    holds_status_on,
    period_of_stay_days,
    period_start,
    re_entry_permit_validity,
    special_period,
    special_period_end,
    special_re_entry_open,
    stay_expiry,
    stay_period,
)
from zairyu.calendar.model import KINDS, Deadline, DeadlineKind, DeadlineState
from zairyu.calendar.periods import CIVIL_CODE_STATUTORY, add_months_end_clamped, add_period, statutory_period_end
from zairyu.calendar.texts import EMPTY, deadline_text
from zairyu.calendar.trace_texts import trace_line
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.facts import Facts
from zairyu.law.catalogue import COVERED_FROM, COVERED_TO, LawView, StatusView, catalogue
from zairyu.law.models import FactStatus, LegalBasis
from zairyu.messages import Message

__all__ = ["KINDS", "Deadline", "DeadlineKind", "DeadlineState", "compute_deadlines", "deadline_state",
           "describe_periods", "filing_window", "holds_status_on", "special_period", "special_period_end",
           "stay_expiry", "stay_period", "validate_facts", "when_past", "window_closes_on"]

ICRRA = "ICRRA"
ORDINANCE = "Ordinance"
SIX_MONTHS = Duration(months=6)


def _iso(d: date) -> str:
    return d.isoformat()


# --------------------------------------------------------------------------------------------------
# the current stay: expiry, period, filing window, special period
# --------------------------------------------------------------------------------------------------

def filing_window(expires_on: date, period: Duration | None) -> tuple[date | None, date, list[Message]]:
    """(earliest filing day or None = any time before expiry, last filing day, trace).

    ISA: on or before the expiry date (Ordinance Art. 21(1)); from about 3 months before expiry for
    periods of 6 months or more (ISA extension page). The last filing day on a closed day moves to the
    next open day (Act on Holidays of Administrative Organs Art. 2; ISA practice); the expiry does not.
    """
    trace: list[Message] = []
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


# --------------------------------------------------------------------------------------------------
# validation of the facts the calendar depends on
# --------------------------------------------------------------------------------------------------

def _covered(d: date) -> bool:
    return COVERED_FROM <= d <= COVERED_TO


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


def validate_facts(facts: Facts, law: LawView | None = None) -> list[Message]:
    """Reject impossible or contradictory facts, naming the field. Returns trace notes.

    Checks: expiry before grant, an extension's new expiry not after the old one, decisions before
    filing, a card valid until before its issue, birth after grant, and — against the law catalogue on
    the grant date — a period the status did not allow then (Ordinance Art. 3, App. Table II).
    """
    notes: list[Message] = []
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
        notes += _validate_period(facts, law)
    if pa is not None and pa.decided_on and pa.decided_on < pa.filed_on:
        raise InvalidInputError(f"decided_on {pa.decided_on} is before filed_on {pa.filed_on}",
                                field="pending_application.decided_on", value=pa.decided_on)
    dep = facts.departure
    if dep is not None and dep.re_entry_permit_until and dep.re_entry_permit_until < dep.departed_on:
        raise InvalidInputError(f"re_entry_permit_until {dep.re_entry_permit_until} is before departed_on "
                                f"{dep.departed_on}", field="departure.re_entry_permit_until",
                                value=dep.re_entry_permit_until)
    if dep is not None and (dep.re_entry_permit_extensions or dep.re_entry_permit_effective_on):
        re_entry_permit_validity(facts, law or catalogue(covered_day(dep.departed_on)))  # Art. 26(5)
    if facts.person.birth_date:
        for i, ev in enumerate(facts.events):
            if ev.on < facts.person.birth_date:
                raise InvalidInputError(f"event '{ev.kind}' on {ev.on} is before birth_date {facts.person.birth_date}",
                                        field=f"events[{i}].on", value=ev.on)
    return notes


def _validate_period(facts: Facts, law: LawView | None) -> list[Message]:
    st = facts.stay
    assert st is not None
    at = st.granted_on
    if at is None or not _covered(at):
        if not (st.period or st.expires_on):
            return []
        if at is None:
            return [trace_line("period_not_checked_no_date", lo=COVERED_FROM, hi=COVERED_TO)]
        return [trace_line("period_not_checked", granted=at, lo=COVERED_FROM, hi=COVERED_TO)]
    sv = (law.at(at) if law is not None else catalogue(at)).status(st.status, field="stay.status")
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
    start = period_start(facts)
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

def _stay_deadlines(facts: Facts, on: date, trace0: list[Message], law: LawView) -> list[Deadline]:
    st = facts.stay
    exp, etrace = stay_expiry(facts)
    if st is None or exp is None:
        return []
    out: list[Deadline] = []
    period = stay_period(facts)
    earliest, last, wtrace = filing_window(exp, period)
    given = st.expires_on is not None
    basis = [LegalBasis(law=ICRRA, provision="Art. 2-2(3)", note="period of stay")]
    if not given:
        basis += [LegalBasis(law="Civil Code", provision="Art. 140", note="the first day is not counted"),
                  LegalBasis(law="Civil Code", provision="Art. 143", note="months and years by the calendar")]

    # Art. 20(6): the special period, decided once by lawful_stay.special_period
    sp = special_period(facts, on, law)
    pa = sp.application
    sp_note = EMPTY
    sp_deadline: Deadline | None = None
    if sp.reason == "period_30_days_or_less":
        days = period_of_stay_days(facts)
        shown = period if st.period or days is None else f"P{days}D"
        sp_note = deadline_text("sp_none_short", period=shown, exp=_iso(exp))
    elif sp.reason == "filed_late" and pa is not None:
        sp_note = deadline_text("sp_none_late", filed=_iso(pa.filed_on), last=_iso(last))
    elif sp.reason == "not_change_or_extension" and pa is not None and pa.procedure in (
            "permanent_residence", "acquisition_of_status"):
        sp_note = deadline_text("sp_none_pr")
    elif sp.applies is not False and sp.until is not None and pa is not None:
        holds_card = law.entry(st.status, field="stay.status").mid_long_term and period is not None \
            and period > MID_LONG_TERM_MORE_THAN
        sp_deadline = _special_period_deadline(sp, holds_card)

    dep = facts.departure
    if dep is not None and dep.re_entry_permit_until is None and dep.intends_to_return is True:
        # left declaring a return: say why no day to re-enter by is computed when special re-entry is not open
        sre = special_re_entry_open(facts, on, law)
        if sre.open is False and sre.reason in NO_SPECIAL_RE_ENTRY_TEXT:
            sp_note += deadline_text(NO_SPECIAL_RE_ENTRY_TEXT[sre.reason])
            basis = [*basis, *(LegalBasis(law=lw, provision=pr, note="special re-entry not open")
                               for lw, pr in sre.provisions)]
    fact: FactStatus = "law" if given else "practice"
    exp_text = deadline_text("expiry_of_stay", exp=_iso(exp))
    if st.status == "designated_activities" and st.designation == DEPARTURE_PREPARATION:
        # law.md §2.9 [PRACTICE]: the departure-preparation designation (30 or 31 days) after a refusal; with
        # 31 days a change filed before expiry gets the special period again, with 30 days or less it does not
        prep = law.rule_entry("departure_preparation_period")
        exp_text += deadline_text("departure_preparation", exp=_iso(exp))
        basis = [*basis, *(b for b in prep.legal_basis if b.provision != "Art. 2-2")]
    out.append(Deadline.of(
        "expiry_of_stay", exp, basis, exp_text + sp_note,
        trace0 + etrace, fact_status=fact, topic="period_of_stay"))

    if sp_deadline is not None:
        out.append(sp_deadline)
    filed_in_time = pa is not None and pa.procedure in PROCEDURES_WITH_SPECIAL_PERIOD and pa.filed_on <= last
    if filed_in_time and pa is not None:
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
        text += deadline_text("last_filing_rolled", reason=closed_reason(exp), last=_iso(last),
                              exp=_iso(exp))
    out.append(Deadline.of(
        "last_filing_day", exp,
        [LegalBasis(law=ORDINANCE, provision="Art. 21(1)", note="file by the expiry date")]
        + ([ROLL_FORWARD_BASIS] if rolled else []),
        text + sp_note,
        wtrace, filing_date=last if rolled else None, fact_status="practice" if rolled else "law",
        topic="extension_or_change"))
    return out


DEPARTURE_PREPARATION = "departure_preparation"
"""The Designated Activities designation ISA grants to prepare departure after a refusal (designations.yaml)."""

NO_SPECIAL_RE_ENTRY_TEXT = {"refugee_applicant": "no_special_re_entry_refugee_applicant",
                            "three_months_or_less": "no_special_re_entry_short",
                            "temporary_visitor": "no_special_re_entry_temporary_visitor"}
"""Why special re-entry is not open (:func:`~zairyu.calendar.lawful_stay.special_re_entry_open`) → message."""


def _special_period_deadline(sp: SpecialPeriod, holds_card: bool) -> Deadline:
    """The end of the special period as a deadline, from :func:`~zairyu.calendar.lawful_stay.special_period`.
    Its date is the day to act by (:attr:`SpecialPeriod.act_by`): where the same-day count ends the two months
    before the Civil Code does (expiry on the last day of a month), the earlier day, with the other stated."""
    assert sp.application is not None and sp.until is not None and sp.expires_on is not None
    act_by = sp.act_by or sp.until
    procedure = sp.application.procedure
    basis = [LegalBasis(law=ICRRA, provision="Art. 20(6)", note="special period")]
    if procedure == "extension_of_stay":
        basis.append(LegalBasis(law=ICRRA, provision="Art. 21(4)", note="applies Art. 20(6) to extensions"))
    if not sp.ended_by_decision:
        basis += CIVIL_CODE_STATUTORY
    if sp.application.filed_on > sp.expires_on:
        basis.append(ROLL_FORWARD_BASIS)
    if holds_card:
        basis.append(LegalBasis(law=ICRRA, provision="Art. 19-5(2)", note="the residence card stays valid"))
    if sp.ended_by_decision:
        text = deadline_text("special_period_decided", end=_iso(sp.until))
    else:
        text = deadline_text("special_period", end=_iso(sp.until))  # in law; the day to act by is stated below
        if holds_card:
            text += deadline_text("special_period_card")
    if act_by != sp.until:
        text += deadline_text("special_period_civil_code", law=_iso(sp.until), act_by=_iso(act_by))
    return Deadline.of("special_period_end", act_by, basis, text, list(sp.trace), fact_status=sp.fact_status,
                       topic=procedure)


# --------------------------------------------------------------------------------------------------
# the entry point
# --------------------------------------------------------------------------------------------------

_OBLIGATIONS = ("notification", "acquisition_filing", "last_filing_day", "card_expiry")
WINDOW_CLOSED_BY: dict[str, tuple[str, ...]] = {
    "earliest_filing_day": ("last_filing_day", "expiry_of_stay"), "card_renewal_from": ("card_expiry",)}
"""A window's opening (key) stays open until the last of these deadlines' action dates."""

WhenPast = Literal["window", "overdue", "passed", "risk"]


def when_past(d: Deadline) -> WhenPast:
    """What a deadline becomes once its action date has gone by (the relevance rule): a window's
    opening stays ``open`` until the window closes, then is dropped; an undone obligation is
    ``overdue``; a revocation risk is ``risk`` (shown as passed, kept on the person's page only);
    anything else is kept as ``passed``."""
    if d.kind in WINDOW_CLOSED_BY:
        return "window"
    if d.kind in _OBLIGATIONS and not (d.kind == "card_expiry" and d.topic == "period_of_stay"):
        return "overdue"
    return "risk" if d.risk else "passed"


def window_closes_on(kind: str, siblings: Iterable[tuple[str, date]]) -> date | None:
    """The day a window (``earliest_filing_day``, ``card_renewal_from``) closes: the last action date of
    the deadlines that close it (``siblings``: (kind, action date) of the same person's deadlines)."""
    closers = WINDOW_CLOSED_BY.get(kind, ())
    dates = [d for k, d in siblings if k in closers]
    return max(dates) if dates else None


def deadline_state(action_date: date, past: WhenPast | str, on: date,
                   closes_on: date | None = None) -> DeadlineState | None:
    """The state of a deadline on ``on`` (the one rule, used by the calendar, the stored agenda and the
    person page): ``upcoming`` before its action date, ``today`` on it; after it, an obligation is
    ``overdue``, a window ``open`` until it closes (then None: no longer shown), anything else ``passed``."""
    if action_date > on:
        return "upcoming"
    if action_date == on:
        return "today"
    if past == "window":
        return "open" if closes_on is not None and closes_on >= on else None
    if past == "overdue":
        return "overdue"
    return "passed"


def _with_state(items: list[Deadline], on: date) -> list[Deadline]:
    siblings = [(x.kind, x.action_date) for x in items]
    out: list[Deadline] = []
    for d in items:
        state = deadline_state(d.action_date, when_past(d), on, window_closes_on(d.kind, siblings))
        if state is not None:
            out.append(d.with_state(state, on))
    return out


def compute_deadlines(facts: Facts, on: date, law: LawView | None = None) -> list[Deadline]:
    """All deadlines for one person's facts as of ``on``, under ``law`` (the law in force on ``on``
    unless another view is given), sorted by date (see the module docstring for which past deadlines
    are kept). Raises a :class:`~zairyu.errors.ZairyuError` naming the field for impossible or
    contradictory facts, or a period the status does not allow."""
    from zairyu.calendar import obligations

    law = law if law is not None else catalogue(covered_day(on))
    notes = validate_facts(facts, law)
    facts = _as_of(facts, on)
    out = _stay_deadlines(facts, on, notes, law)
    out += obligations.all_obligations(facts, on, law)
    held = holds_status_on(facts, on, law)
    if held.reason == "lost_abroad":
        # the status and the card are lost (Arts. 26-2(3), 19-14(iv)): no duty of a resident is left to list
        out = [d for d in out if d.kind in KEPT_AFTER_STATUS_LOST]
    elif obligations.revocation(facts) is not None:
        # the status was revoked (Art. 22-4): what is left is to leave by the designated day (Art. 22-4(7))
        out = [d for d in out if d.kind in KEPT_AFTER_REVOCATION]
    return sorted(_with_state(out, on), key=lambda d: (d.date, KINDS.index(d.kind) if d.kind in KINDS else 99))


KEPT_AFTER_STATUS_LOST = ("re_entry_deadline", "coe_expiry")
KEPT_AFTER_REVOCATION = ("departure_deadline", "coe_expiry", "review_request_deadline")
"""What is still listed after the current stay was revoked: the day to leave by (Art. 22-4(7)), a certificate
of eligibility for a new entry, a refugee review still open; no period of stay, filing, card or notification of
the revoked status."""
"""What is still listed for a person who lost the status abroad (law.md §12 "Lapse abroad"): the missed
re-entry deadline (passed) and a certificate of eligibility for a new entry; no period of stay, filing, card
renewal, notification or revocation risk of a resident."""


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
    """The last day of a statutory period of ``n`` days from an event on ``d`` (Civil Code Art. 140: the first
    day not counted; a period in days has one reading, :func:`~zairyu.calendar.periods.statutory_period_end`)."""
    return statutory_period_end(d, days=n).act_by
