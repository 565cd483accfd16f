"""Is the person lawfully here on a date? The special period (特例期間) and the status held (在留資格の有無).

These are the calendar's answers to the questions every other part of zairyu asks: the deadlines
(``compute_deadlines``), the assessment (``zairyu.rules``) and the case manager read them and never
decide them again, so that the calendar and the assessment cannot tell a person two things.

* :func:`special_period` — ICRRA Art. 20(6) (Art. 21(4) for extensions): a change or extension filed by
  the last day of the period of stay keeps the person in their status until the decision or the end of
  the day two months after the expiry, whichever is earlier; never for a period of stay of 30 days or
  less. A filing on the next open day after an expiry that fell on an administrative holiday is in time
  (Act on Holidays of Administrative Organs Art. 2, ISA practice): that special period is ``practice``.
* :func:`period_of_30_days_or_less` — the Art. 20(6) exclusion, judged on the granted period's real
  day count (a 30-day landing across February is 30 days, not "1 month 2 days").
* :func:`holds_status_on` — whether a status of residence is held on a date: within the period of stay,
  in the special period, or (statuses without a period) always.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from zairyu.calendar.admin_days import next_open_day
from zairyu.calendar.periods import (
    GrantKind,
    StatutoryEnd,
    add_period,
    civil_code_period_end,
    expiry,
    period_between,
    statutory_period_end,
)
from zairyu.calendar.trace_texts import trace_line
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.facts import Facts, PendingApplication
from zairyu.law.catalogue import COVERED_FROM, COVERED_TO, LawView
from zairyu.law.models import FactStatus
from zairyu.messages import Message

__all__ = ["ACQUISITION_FILING_DAYS", "MID_LONG_TERM_MORE_THAN", "STAY_WITHOUT_STATUS_DAYS", "AcquisitionPeriod",
           "acquisition_period", "PROCEDURES_WITH_SPECIAL_PERIOD", "SPECIAL_PERIOD_EXCLUDED_DAYS", "SpecialPeriod",
           "StatusHeld", "application_pending_on", "covered_day", "holds_status_on", "last_filing_day",
           "mid_long_term_resident", "period_of_30_days_or_less", "period_of_stay_days", "period_start",
           "special_period", "special_period_end", "SpecialPeriodEnd", "SPECIAL_PERIOD_MONTHS", "stay_expiry",
           "stay_period", "ReEntryDeadline", "SpecialReEntry",
           "re_entry_deadline", "special_re_entry_open", "status_lost_abroad_after", "PermitValidity",
           "re_entry_permit_validity"]

PROCEDURES_WITH_SPECIAL_PERIOD = ("change_of_status", "extension_of_stay")
"""ICRRA Art. 20(6) (change) and Art. 21(4) (extension, applying Art. 20(6)). Not permanent residence
(Art. 22) nor acquisition (Art. 22-2)."""

SPECIAL_PERIOD_EXCLUDED_DAYS = 30
"""ICRRA Art. 20(6): "30日以下の在留期間を決定されている者を除く"."""

MID_LONG_TERM_MORE_THAN = Duration(months=3)
"""ICRRA Art. 19-3(i): a period of stay of 3 months or less does not make a mid- to long-term resident."""

SpecialPeriodReason = Literal[
    "filed_in_time", "no_application", "not_change_or_extension", "filed_late", "period_30_days_or_less",
    "period_unknown", "decided_before_expiry", "expiry_unknown",
]
SPECIAL_PERIOD_MONTHS = 2
"""ICRRA Art. 20(6): "従前の在留期間の満了の日から二月を経過する日が終了する時"."""


@dataclass(frozen=True, slots=True)
class SpecialPeriod:
    """The answer to ICRRA Art. 20(6) for one stay and the application pending on a date."""

    applies: bool | None
    """True: the special period runs (or ran) after the expiry; False: it does not arise; None: a fact
    it depends on (the period of stay) is unknown."""
    reason: SpecialPeriodReason
    until: date | None = None
    """The last day of the special period in law (the decision day, or the day two months after the expiry
    counted by Civil Code Arts. 140 and 143); also given when ``applies`` is None (the day it would end). The
    status is held to the end of this day (:func:`holds_status_on`)."""
    act_by: date | None = None
    """The day to act by: ``until``, or the earlier day the same-day count gives where the two readings differ
    (expiry 2027-02-28: ``until`` 04-30, ``act_by`` 04-28; law.md §12). The calendar's deadline shows it."""
    ended_by_decision: bool = False
    application: PendingApplication | None = None
    expires_on: date | None = None
    last_filing_day: date | None = None
    fact_status: FactStatus = "law"
    """``practice`` when the filing was in time only because the expiry fell on a closed day."""
    trace: list[Message] = field(default_factory=list)

    def covers(self, on: date) -> bool | None:
        """Whether ``on`` is a day of the special period (after the expiry, up to its end)."""
        if self.expires_on is None or on <= self.expires_on:
            return False
        if self.applies is not True:
            return self.applies
        return self.until is None or on <= self.until


@dataclass(frozen=True, slots=True)
class StatusHeld:
    """Whether a status of residence is held on a date, and why (see :func:`holds_status_on`)."""

    holds: bool | None
    reason: Literal["no_stay", "without_period", "within_period", "special_period", "expired",
                    "expiry_unknown", "special_period_unknown", "lost_abroad"]
    until: date | None
    """The last day the status is held as things stand (the expiry or the end of the special period)."""
    special_period: SpecialPeriod

    @property
    def legal_basis(self) -> list[dict[str, str]]:
        """The provisions behind the answer (``{"law", "provision"}``; none where it cannot be told)."""
        return [{"law": law, "provision": provision} for law, provision in _HELD_BASIS.get(self.reason, ())]


_HELD_BASIS: dict[str, tuple[tuple[str, str], ...]] = {
    "within_period": (("ICRRA", "Art. 2-2(3)"),),
    "without_period": (("ICRRA", "Art. 2-2(3)"),),  # the proviso: a status without a period of stay
    "special_period": (("ICRRA", "Art. 20(6)"),),
    # the period (and any special period) over: staying on is a ground for deportation
    "expired": (("ICRRA", "Art. 2-2(3)"), ("ICRRA", "Art. 20(6)"), ("ICRRA", "Art. 24(iv)(b)")),
    # the day to re-enter by passed abroad: lost after it, and the card with it (as status_lost_abroad_after reads)
    "lost_abroad": (("ICRRA", "Art. 26"), ("ICRRA", "Art. 26-2(3)"), ("ICRRA", "Art. 19-14(iv)")),
}
"""Why a status is or is not held, by :attr:`StatusHeld.reason` (the reasons of :func:`holds_status_on`)."""


# the current stay: its expiry and period (在留期間の満了日) ---------------------------------------------

def grant_kind(facts: Facts) -> GrantKind:
    st = facts.stay
    assert st is not None
    if st.granted_by == "extension":
        return "extension"
    if st.granted_by == "landing":
        return "landing"
    # change, acquisition, permanent residence, special permission: the period runs from the
    # permission date, like a change (law.md §3.2)
    return "change"


def stay_expiry(facts: Facts) -> tuple[date | None, list[Message]]:
    """The expiry of the current stay: as given (the card is the source of truth, law.md §3.2), else
    computed from the grant date and the period. None when the stay is indefinite or unknown."""
    st = facts.stay
    if st is None:
        return None, []
    if st.expires_on:
        trace = [trace_line("expiry_given", exp=st.expires_on.isoformat())]
        if st.period and st.granted_on:
            computed = computed_expiry(facts)
            if computed is not None and computed != st.expires_on:
                trace.append(trace_line("expiry_given_differs", period=st.period, computed=computed.isoformat()))
        return st.expires_on, trace
    if st.period and st.granted_on:
        kind = grant_kind(facts)
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


def computed_expiry(facts: Facts) -> date | None:
    st = facts.stay
    assert st is not None and st.period and st.granted_on
    period = Duration.parse(st.period, field="stay.period")
    if grant_kind(facts) == "extension":
        return add_period(st.previous_expires_on, period) if st.previous_expires_on else None
    return add_period(st.granted_on, period)


def period_start(facts: Facts) -> date | None:
    """The day the current period is counted from (not itself counted)."""
    st = facts.stay
    if st is None:
        return None
    if grant_kind(facts) == "extension":
        return st.previous_expires_on
    return st.granted_on


def stay_period(facts: Facts) -> Duration | None:
    """The current period of stay: as given, else the span from its start to the given expiry."""
    st = facts.stay
    if st is None:
        return None
    if st.period:
        return Duration.parse(st.period, field="stay.period")
    start = period_start(facts)
    if start and st.expires_on:
        return period_between(start, st.expires_on)
    return None


def covered_day(d: date) -> date:
    """``d`` brought inside the dates the law data covers (for reading a status's fixed attributes)."""
    return min(max(d, COVERED_FROM), COVERED_TO)


def mid_long_term_resident(facts: Facts, on: date, law: LawView) -> bool | None:
    """ICRRA Art. 19-3: a mid- to long-term resident (中長期在留者) — a status of the Act that is not
    Temporary Visitor, Diplomat, Official and the like, with a period of stay over 3 months (or none).
    Special Permanent Residents are outside the Act (Special Act): False."""
    st = facts.stay
    if st is None:
        return False
    sv = law.at(covered_day(st.granted_on or on)).status(st.status, field="stay.status")
    if not sv.status.mid_long_term or sv.status.outside_act:
        return False
    if sv.periods.kind in ("indefinite",):
        return True
    period = stay_period(facts)
    if period is None:
        return None
    return period > MID_LONG_TERM_MORE_THAN


ACQUISITION_FILING_DAYS = 30
"""ICRRA Art. 22-2(2): apply for a status within 30 days of the birth (or other event without landing)."""
STAY_WITHOUT_STATUS_DAYS = 60
"""ICRRA Art. 22-2(1): a person born in Japan may stay without a status for 60 days from the birth."""


@dataclass(frozen=True, slots=True)
class AcquisitionPeriod:
    """ICRRA Art. 22-2 after a birth in Japan: apply by ``apply_by`` (filing on ``filing_day`` when that is
    a closed day), stay without a status until ``stay_until``."""

    born: date
    apply_by: date
    filing_day: date
    stay_until: date
    trace: list[Message]


def acquisition_period(born: date) -> AcquisitionPeriod:
    """The days ICRRA Art. 22-2 counts from a birth in Japan (first day not counted, Civil Code Art. 140)."""
    apply_by = born + timedelta(days=ACQUISITION_FILING_DAYS)
    stay_until = born + timedelta(days=STAY_WITHOUT_STATUS_DAYS)
    filing = next_open_day(apply_by)
    trace = [trace_line("born_in_japan", born=born),
             trace_line("plus_days", start=born, days=ACQUISITION_FILING_DAYS, end=apply_by)]
    trace.append(trace_line("plus_days", start=born, days=STAY_WITHOUT_STATUS_DAYS, end=stay_until))
    return AcquisitionPeriod(born, apply_by, filing, stay_until, trace)


def last_filing_day(expires_on: date) -> date:
    """The last day to file a change or extension: the expiry, moved to the next open day when offices
    are closed (Ordinance Art. 21(1); Act on Holidays of Administrative Organs Art. 2, ISA practice)."""
    return next_open_day(expires_on)


@dataclass(frozen=True, slots=True)
class SpecialPeriodEnd:
    """The arithmetic of Art. 20(6): ``until`` in law, ``act_by`` the earlier reading (see :class:`SpecialPeriod`)."""

    until: date
    act_by: date
    two_months: StatutoryEnd
    trace: list[Message]


def special_period_end(expires_on: date, decided_on: date | None = None) -> SpecialPeriodEnd:
    """The arithmetic of Art. 20(6): the earlier of the decision and the end of the day on which two months
    have elapsed from the old expiry — a statutory period, counted by Civil Code Arts. 140 and 143
    (:func:`~zairyu.calendar.periods.statutory_period_end`, law.md §12): from the day after the expiry, so an
    expiry on the last day of a month gives the end of a month (2027-02-28 → 2027-04-30). Where the same-day
    count gives an earlier day (04-28), that day is the day to act by."""
    two = statutory_period_end(expires_on, months=SPECIAL_PERIOD_MONTHS)
    trace = [trace_line("special_two_months", exp=expires_on, end=two.law)]
    if two.differs:
        trace.append(trace_line("civil_code_month_start", start=expires_on + timedelta(days=1), end=two.law,
                                same_day=two.same_day))
    if decided_on is not None and decided_on < two.law:
        trace.append(trace_line("special_decided", decided=decided_on))
        return SpecialPeriodEnd(decided_on, min(decided_on, two.act_by), two, trace)
    return SpecialPeriodEnd(two.law, two.act_by, two, trace)


def application_pending_on(facts: Facts, on: date) -> PendingApplication | None:
    """The application filed by ``on`` (its decision, if dated after ``on``, not yet made)."""
    pa = facts.pending_application
    if pa is None or pa.filed_on > on:
        return None
    if pa.decided_on is not None and pa.decided_on > on:
        return pa.model_copy(update={"decided_on": None})
    return pa


def period_of_stay_days(facts: Facts) -> int | None:
    """The granted period of stay in days, counted as the calendar counts it (first day not counted). The
    period as decided when it is given (P30D: 30 days; P1M from its first day: 28 to 31 days), else the span
    from the day it runs from to the expiry on the card. None when nothing says it."""
    st = facts.stay
    start = period_start(facts)
    if st is not None and st.period:
        period = Duration.parse(st.period, field="stay.period")
        if period.total_months == 0:
            return period.days
        return (add_period(start, period) - start).days if start is not None else None
    exp, _ = stay_expiry(facts)
    if start is not None and exp is not None and exp > start:
        return (exp - start).days
    return None


def period_of_30_days_or_less(facts: Facts, law: LawView | None = None) -> bool | None:
    """ICRRA Art. 20(6) exclusion: was the current period of stay decided as 30 days or less?

    By the real day count of the granted period (:func:`period_of_stay_days`). A period given in months
    or years is more than 30 days from two months on; when nothing says the length, the status's allowed
    periods can (every period Engineer allows is 3 months or more); otherwise unknown (None)."""
    days = period_of_stay_days(facts)
    if days is not None:
        return days <= SPECIAL_PERIOD_EXCLUDED_DAYS
    period = stay_period(facts)
    if period is not None and (period.total_months >= 2 or period.years):
        return False
    st = facts.stay
    if period is None and st is not None and law is not None and law.holdable(st.status):
        p = law.status(st.status).periods
        if p.kind == "fixed" and not p.designated_up_to and p.values and all(
                Duration.parse(v).approx_days() > SPECIAL_PERIOD_EXCLUDED_DAYS for v in p.values):
            return False
    return None


def special_period(facts: Facts, on: date, law: LawView | None = None) -> SpecialPeriod:
    """ICRRA Art. 20(6) (Art. 21(4) for extensions) for the current stay as of ``on``: does a special
    period arise from the application filed by ``on``, and until when?

    It arises when a change or extension was filed by the last filing day (the expiry, or the next open
    day after it when offices were closed) and not decided by the expiry, unless the period of stay was
    30 days or less. It ends on the decision or at the end of the day two months after the expiry."""
    exp, _ = stay_expiry(facts)
    pa = application_pending_on(facts, on)
    if pa is None:
        return SpecialPeriod(False, "no_application", expires_on=exp)
    if pa.procedure not in PROCEDURES_WITH_SPECIAL_PERIOD:
        return SpecialPeriod(False, "not_change_or_extension", application=pa, expires_on=exp)
    if exp is None:
        return SpecialPeriod(None, "expiry_unknown", application=pa)
    last = last_filing_day(exp)
    if pa.filed_on > last:
        return SpecialPeriod(False, "filed_late", application=pa, expires_on=exp, last_filing_day=last)
    if pa.decided_on is not None and pa.decided_on <= exp:
        return SpecialPeriod(False, "decided_before_expiry", application=pa, expires_on=exp, last_filing_day=last)
    short = period_of_30_days_or_less(facts, law)
    if short:
        return SpecialPeriod(False, "period_30_days_or_less", application=pa, expires_on=exp, last_filing_day=last)
    end = special_period_end(exp, pa.decided_on)
    trace = [trace_line("special_applies", procedure=pa.procedure, filed=pa.filed_on)]
    if pa.filed_on > exp:
        trace.append(trace_line("special_filed_next_open_day", filed=pa.filed_on, exp=exp))
    days = period_of_stay_days(facts)
    p = stay_period(facts)
    if short is None:
        trace.append(trace_line("special_period_unknown"))
    elif days is not None:
        trace.append(trace_line("special_period_days", days=days))
    elif p is not None:
        trace.append(trace_line("special_period_long", period=p.iso()))
    else:
        trace.append(trace_line("special_period_status_long"))
    trace += end.trace
    return SpecialPeriod(
        None if short is None else True, "period_unknown" if short is None else "filed_in_time", end.until,
        act_by=end.act_by, ended_by_decision=pa.decided_on is not None and pa.decided_on < end.two_months.law,
        application=pa, expires_on=exp, last_filing_day=last,
        fact_status="practice" if pa.filed_on > exp else "law", trace=trace)


def holds_status_on(facts: Facts, on: date, law: LawView | None = None) -> StatusHeld:
    """Whether the person holds their status of residence on ``on`` (在留資格を有するか): within the
    period of stay (ICRRA Art. 2-2(3)), in the special period (Art. 20(6)), or holding a status without a
    period (permanent residence, Art. 2-2(3) proviso). Past that, the stay is over (Art. 24(iv)(b)).

    A person abroad past the day to re-enter by (:func:`re_entry_deadline`: the re-entry permit, or special
    re-entry, which cannot be extended abroad, Art. 26-2(3)) has lost the status, and with it the residence
    card (Art. 19-14(iv)), from the next day — whatever the period of stay says (law.md §2.7, §2.8, §12)."""
    sp = special_period(facts, on, law)
    st = facts.stay
    if st is None:
        return StatusHeld(None, "no_stay", None, sp)
    if law is not None:
        lost = status_lost_abroad_after(facts, on, law)
        if lost is not None and on > lost:
            return StatusHeld(False, "lost_abroad", lost, sp)
    if law is not None and law.holdable(st.status) and law.status(st.status).periods.kind in (
            "indefinite", "activity_duration"):
        return StatusHeld(True, "without_period", None, sp)
    exp, _ = stay_expiry(facts)
    if exp is None:
        return StatusHeld(None, "expiry_unknown", None, sp)
    if on <= exp:
        return StatusHeld(True, "within_period", sp.until if sp.applies else exp, sp)
    covered = sp.covers(on)
    if covered is None:
        return StatusHeld(None, "special_period_unknown", sp.until, sp)
    if covered:
        return StatusHeld(True, "special_period", sp.until, sp)
    return StatusHeld(False, "expired", sp.until if sp.applies else exp, sp)


# re-entry: is special re-entry open to this stay, and by when must the person be back? -------------------

SpecialReEntryReason = Literal["open", "special_permanent_resident", "no_stay", "temporary_visitor",
                               "three_months_or_less", "period_unknown", "refugee_applicant", "designation_unknown"]


@dataclass(frozen=True, slots=True)
class SpecialReEntry:
    """Whether special re-entry (みなし再入国許可) is open to the current stay (see :func:`special_re_entry_open`)."""

    open: bool | None
    reason: SpecialReEntryReason
    provisions: tuple[tuple[str, str], ...]
    """(law, provision) the answer rests on."""
    missing_facts: tuple[str, ...] = ()


def special_re_entry_open(facts: Facts, on: date, law: LawView) -> SpecialReEntry:
    """Is special re-entry open to this stay? The one answer the calendar and the assessment share.

    ICRRA Art. 26-2(1) excludes only the persons of Art. 19-3(i)/(ii): a period of stay of 3 months or less,
    and Temporary Visitors — so Diplomat and Official holders (not mid/long-term residents, no residence card)
    qualify on their passport (law.md §12). Ordinance Art. 29-4 excludes Designated Activities held as a
    refugee-status applicant (law.md §2.8). Special Permanent Residents: Special Act Art. 23."""
    art26_2 = ("ICRRA", "Art. 26-2(1)")
    st = facts.stay
    if st is None:
        return SpecialReEntry(False, "no_stay", (art26_2,))
    sv = law.at(covered_day(st.granted_on or on)).status(st.status, field="stay.status")
    if sv.status.outside_act:
        return SpecialReEntry(True, "special_permanent_resident", (("Special Act", "Art. 23"),))
    if st.status == "temporary_visitor":
        return SpecialReEntry(False, "temporary_visitor", (art26_2, ("ICRRA", "Art. 19-3(ii)")))
    if sv.periods.kind not in ("indefinite", "activity_duration"):
        period = stay_period(facts)
        short: bool | None
        if period is not None:
            short = not period > MID_LONG_TERM_MORE_THAN
        else:
            p = sv.periods
            short = False if p.kind == "fixed" and not p.designated_up_to and p.values and all(
                Duration.parse(v) > MID_LONG_TERM_MORE_THAN for v in p.values) else None
        if short is None:
            return SpecialReEntry(None, "period_unknown", (art26_2, ("ICRRA", "Art. 19-3(i)")), ("stay.period",))
        if short:
            return SpecialReEntry(False, "three_months_or_less", (art26_2, ("ICRRA", "Art. 19-3(i)")))
    if st.status == "designated_activities":
        if st.designation is None:
            return SpecialReEntry(None, "designation_unknown", (("Ordinance", "Art. 29-4"),), ("stay.designation",))
        # the law data says which designations Ordinance Art. 29-4 excludes (designations.yaml special_re_entry)
        desig = law.designation(st.designation)
        if desig is not None and not desig.special_re_entry:
            return SpecialReEntry(False, "refugee_applicant", (("Ordinance", "Art. 29-4"),))
    return SpecialReEntry(True, "open", (art26_2,))


SPECIAL_RE_ENTRY_YEARS = 1
"""ICRRA Art. 26-2(1): valid until 1 year after departure (or the end of the stay, if earlier)."""
SPR_SPECIAL_RE_ENTRY_YEARS = 2
"""Special Act Art. 23: 2 years for Special Permanent Residents."""


@dataclass(frozen=True, slots=True)
class ReEntryDeadline:
    """The day a person abroad must be back by to keep their status (see :func:`re_entry_deadline`)."""

    by: date
    """The day to act by: the earlier reading where the Civil Code and the same-day count differ."""
    permit: bool
    """True: a re-entry permit (Art. 26); False: special re-entry (Art. 26-2, Special Act Art. 23)."""
    years: int
    capped_by: Literal["stay", "special_period"] | None
    fact_status: FactStatus
    trace: list[Message]
    law_by: date | None = None
    """The last day in law (Civil Code Arts. 140, 143) when it is later than ``by``; the status is lost only
    after it (:func:`status_lost_abroad_after`). None when the readings agree."""
    permit_validity: PermitValidity | None = None

    @property
    def last_day(self) -> date:
        """The last day on which coming back keeps the status (in law)."""
        return self.law_by or self.by


EXTENSION_ABROAD_RULE = "re_entry_permit_extension_abroad"
EXTENSION_CEILING_RULE = "re_entry_permit_extension_ceiling"
EXTENSION_CEILING_SPR_RULE = "re_entry_permit_extension_ceiling_spr"
"""Rule parameters (law data, rules.yaml): Art. 26(5) — 1 year each time, never beyond 6 years from the day the
permit took effect (7 for Special Permanent Residents); law.md §2.7."""


@dataclass(frozen=True, slots=True)
class PermitValidity:
    """A re-entry permit's validity with its extensions abroad (ICRRA Art. 26(3), (5)); see
    :func:`re_entry_permit_validity`."""

    until: date
    """The validity now: the last extension abroad, or the permit's own."""
    extended: bool
    ceiling: date | None
    """The last day an extension abroad can reach (6 years from the day the permit took effect, the earlier
    reading: that day counted); None when that day is not given."""
    can_extend: bool | None
    """Whether one more extension abroad could take it later (None: the ceiling is not known)."""
    trace: list[Message]


def re_entry_permit_validity(facts: Facts, law: LawView) -> PermitValidity | None:
    """The validity of the re-entry permit the person left on, with its extensions abroad (Art. 26(5): by up to
    1 year each time, never beyond 6 years — 7 for Special Permanent Residents — from the day the permit took
    effect; law data ``re_entry_permit_extension_*``). Bad extensions are refused naming the field. None when
    the person did not leave on a permit."""
    dep, st = facts.departure, facts.stay
    if dep is None or dep.re_entry_permit_until is None:
        if dep is not None and dep.re_entry_permit_extensions:
            raise InvalidInputError(
                "only a re-entry permit can be extended abroad (special re-entry cannot, Art. 26-2(3))",
                field="departure.re_entry_permit_extensions", allowed="the permit's validity in "
                "departure.re_entry_permit_until first")
        return None
    until = dep.re_entry_permit_until
    trace = [trace_line("re_entry_permit_until", until=until)]
    each = law.rule_entry(EXTENSION_ABROAD_RULE).length()
    spr = st is not None and law.holdable(st.status) and law.entry(st.status, field="stay.status").outside_act
    ceiling_rule = law.rule_entry(EXTENSION_CEILING_SPR_RULE if spr else EXTENSION_CEILING_RULE)
    ceiling = ceiling_law = None
    eff = dep.re_entry_permit_effective_on
    if eff is not None:
        if eff > until:
            raise InvalidInputError(f"the permit took effect on {eff}, after its validity {until}",
                                    field="departure.re_entry_permit_effective_on", value=eff)
        months = ceiling_rule.length().total_months
        ceiling = civil_code_period_end(eff, months=months, first_day_counted=True)
        ceiling_law = civil_code_period_end(eff, months=months)
    for i, ext in enumerate(dep.re_entry_permit_extensions):
        field = f"departure.re_entry_permit_extensions[{i}]"
        most = civil_code_period_end(until, months=each.total_months)  # "not more than 1 year": the later reading
        if ext <= until or ext > most:
            raise InvalidInputError(
                f"an extension abroad runs from the validity it extends ({until}) by up to {each.iso()} "
                f"(Art. 26(5)): {ext} is outside it", field=field, value=ext,
                allowed=f"a date after {until} and not after {most}")
        if ceiling_law is not None and ext > ceiling_law:
            raise InvalidInputError(
                f"an extension abroad cannot go beyond {ceiling_rule.length().iso()} from the day the permit took "
                f"effect ({eff}, Art. 26(5))", field=field, value=ext, allowed=f"not after {ceiling_law}")
        trace.append(trace_line("re_entry_permit_extended", until=ext))
        until = ext
    if ceiling is not None:
        trace.append(trace_line("re_entry_permit_ceiling", effective=eff, years=ceiling_rule.length().years,
                                end=ceiling))
    return PermitValidity(until, bool(dep.re_entry_permit_extensions), ceiling,
                          None if ceiling is None else until < ceiling, trace)


def status_lost_abroad_after(facts: Facts, on: date, law: LawView) -> date | None:
    """The last day of the status for a person abroad on ``on`` with a day to re-enter by (the status is
    lost after it, Arts. 26, 26-2(3); the card becomes invalid, Art. 19-14(iv)); None otherwise. The day in
    law (Civil Code Arts. 140, 143), which may be later than the day to act by."""
    d = re_entry_deadline(facts, on, law)
    return d.last_day if d is not None else None


def re_entry_deadline(facts: Facts, on: date, law: LawView) -> ReEntryDeadline | None:
    """The last day to re-enter Japan after the departure in the facts, as of ``on``: a re-entry permit's own
    validity (Art. 26(3)) as extended abroad (Art. 26(5)), or special re-entry (declared at departure) 1 year
    after departure (Art. 26-2(2); Special Permanent Residents 2 years, Special Act Art. 23) — either cut to the
    end of the stay. The stay ends at the expiry, or, when a change or extension is pending in the special
    period, at the end of the special period (law.md §12, ISA Q&A as reported: the earlier of 1 year after
    departure and the end of the special period, not the old expiry; for a permit, Art. 26(4)).

    "One year from the day of departure" is a statutory period: counted by Civil Code Arts. 140 and 143
    (departure 2023-02-28 → 2024-02-29, law.md §12); where the same-day count gives an earlier day, ``by`` is
    that day (the day to act by) and ``law_by`` the other. None when the person has not left, came back in
    time, or no re-entry is open."""
    dep, st = facts.departure, facts.stay
    if dep is None or st is None or dep.departed_on > on:
        return None
    trace = [trace_line("departed", departed=dep.departed_on)]
    validity = re_entry_permit_validity(facts, law)
    fs: FactStatus
    if validity is not None:
        d = law_d = validity.until
        fs = "law"
        trace += validity.trace
        permit, years = True, 0
    else:
        if dep.intends_to_return is not True or special_re_entry_open(facts, on, law).open is not True:
            return None
        spr = law.holdable(st.status) and law.entry(st.status, field="stay.status").outside_act
        years = SPR_SPECIAL_RE_ENTRY_YEARS if spr else SPECIAL_RE_ENTRY_YEARS
        one = statutory_period_end(dep.departed_on, months=12 * years)
        d, law_d, fs, permit = one.act_by, one.law, "law", False
        trace.append(trace_line("special_re_entry", years=years, end=one.law))
        if one.differs:
            trace.append(trace_line("civil_code_month_start", start=dep.departed_on + timedelta(days=1),
                                    end=one.law, same_day=one.same_day))
    exp, _ = stay_expiry(facts)
    capped: Literal["stay", "special_period"] | None = None
    sp = special_period(facts, on, law)
    if sp.applies is True and sp.until is not None:
        end_act, end_law = sp.act_by or sp.until, sp.until
        if end_act < d:
            trace.append(trace_line("re_entry_capped_special_period", exp=sp.expires_on, end=end_act))
            d, capped = end_act, "special_period"
            fs = "isa" if not permit else "practice"
        law_d = min(law_d, end_law)
    elif exp is not None:
        if exp < d:
            trace.append(trace_line("permit_capped_by_stay" if permit else "special_re_entry_capped", exp=exp))
            d, capped = exp, "stay"
            if permit:
                fs = "practice"
        law_d = min(law_d, exp)
    law_d = max(law_d, d)
    back = [e.on for e in facts.events if e.kind == "arrived" and dep.departed_on < e.on <= on]
    if back and min(back) <= law_d:
        return None  # came back in time
    return ReEntryDeadline(d, permit, years, capped, fs, trace, law_by=law_d if law_d != d else None,
                           permit_validity=validity)
