"""Deadlines that follow from events and the person rather than from the period of stay itself:
notifications (Arts. 19-7 to 19-9, 19-12, 19-16), revocation risks (Art. 22-4(1)), birth in Japan
(Art. 22-2), re-entry (Arts. 26, 26-2), the residence card (Arts. 19-5, 19-11) and the COE (Art. 7-2).

Called by :func:`zairyu.calendar.deadlines.compute_deadlines` with facts already cut to the as-of date.
"""

from __future__ import annotations

from datetime import date, timedelta

from zairyu.calendar.admin_days import ROLL_FORWARD_BASIS, closed_reason, next_open_day
from zairyu.calendar.deadlines import days_after
from zairyu.calendar.lawful_stay import (
    ACQUISITION_FILING_DAYS,
    MID_LONG_TERM_MORE_THAN,
    STAY_WITHOUT_STATUS_DAYS,
    acquisition_period,
    covered_day,
    mid_long_term_resident,
    re_entry_deadline,
    stay_expiry,
)
from zairyu.calendar.model import Deadline
from zairyu.calendar.periods import (
    CIVIL_CODE_STATUTORY,
    add_months_end_clamped,
    civil_code_period_end,
    sixteenth_birthday,
)
from zairyu.calendar.texts import deadline_text
from zairyu.calendar.trace_texts import trace_line
from zairyu.duration import Duration
from zairyu.facts import Event, Facts
from zairyu.law.catalogue import LawView, StatusView
from zairyu.law.models import LegalBasis
from zairyu.messages import Message, Messages

ICRRA = "ICRRA"
NOTICE_DAYS = 14
CARD_RULE = "card_under16_day_before_birthday"
"""Rule parameter (law data, rules.yaml): Act No. 56 of 2023 brought the amended Arts. 19-5 and 19-11 into
force on its valid_from: under-16 cards issued since then end on the day before the 16th birthday (before: on
the birthday). Decided by the day the card was issued."""
SPOUSE_STATUSES = ("spouse_child_of_japanese", "spouse_child_of_pr")
"""Art. 22-4(1): the 6-month ground covers these statuses held as a spouse."""
SEVEN_YEAR_CARD = ("permanent_resident", "hsp_2")
NO_ACTIVITY_RULE = "table_i_no_activity_revocation"
"""Rule parameter (law data, rules.yaml): Art. 22-4(1)(vi), the months without the activity of a Table I status;
a status may set its own (``no_activity_revocation_after``: HSP (ii) 6 months, law.md §12)."""
SPR = "special_permanent_resident"
CIVIL_CODE_FIRST_DAY = CIVIL_CODE_STATUTORY[0]
"""Civil Code Art. 140: the day of the event is not counted (the 14-day notifications, law.md §12)."""
ORGANIZATION_EVENTS = {"left_organization": "verb_left", "joined_organization": "verb_joined"}
"""Art. 19-16(i)/(ii): leaving or joining (moving to) the organisation — explained by the verb."""
ORGANIZATION_CHANGES = {"organization_dissolved": "org_dissolved", "organization_renamed": "org_renamed",
                        "organization_relocated": "org_relocated"}
"""Art. 19-16(i)/(ii) beyond leaving or joining: the organisation's dissolution (消滅), or a change of its name or
address (名称若しくは所在地の変更) — law.md §4.2."""
PERSONAL_DETAILS_RULE = "personal_details_notice"
CARD_ORDER_RULE = "card_reissue_order_notice"
"""Rule parameters (law data, rules.yaml): Art. 19-10(1) and Art. 19-13(3), 14 days each."""



def _lb(provision: str, note: str | None = None, law: str = ICRRA) -> LegalBasis:
    return LegalBasis(law=law, provision=provision, note=note)


def _status(law: LawView, code: str, at: date, field: str) -> StatusView:
    """The status as it stood on ``at`` (a grant or an event), from the same law as the computation."""
    return law.at(covered_day(at)).status(code, field=field)


def _done_after(facts: Facts, kinds: tuple[str, ...], since: date) -> Event | None:
    return next((e for e in facts.events if e.kind in kinds and e.on >= since), None)


def _status_on(facts: Facts, d: date, on: date) -> tuple[str, str] | None:
    """(status code, facts field) held on ``d``: the current stay from its grant, else the history."""
    st = facts.stay
    if st is not None and (st.granted_on is None or d >= st.granted_on):
        return st.status, "stay.status"
    for i, h in enumerate(facts.history):
        if h.from_ <= d and (h.to is None or d <= h.to):
            return h.status, f"history[{i}].status"
    return None


def _became_mid_long_term_by_permission(facts: Facts, on: date, law: LawView) -> bool | None:
    """Art. 19-8: did this grant (a change, extension, PR, acquisition or special permission) make the
    person a mid/long-term resident? Only if they were not one before (law.md §12): judged by the previous
    status and its *period of stay* (Art. 19-3(i): more than 3 months), not by how long it was held — a
    1-year Student who changes to Engineer after 2 months was already a mid/long-term resident. None when
    the previous period is unknown and the status allows periods of 3 months or less."""
    st = facts.stay
    if st is None or st.granted_on is None or st.granted_by in (None, "landing"):
        return False
    if st.granted_by in ("acquisition", "special_permission") and not facts.history:
        return True  # no status before
    before = [(i, h) for i, h in enumerate(facts.history) if h.from_ < st.granted_on]
    if not before:
        return None
    i, prev = max(before, key=lambda x: x[1].from_)
    pv = _status(law, prev.status, prev.from_, f"history[{i}].status")
    if not pv.status.mid_long_term or pv.status.outside_act:
        return True
    if pv.periods.kind in ("indefinite", "activity_duration"):
        return False
    if prev.period is not None:
        return not Duration.parse(prev.period, field=f"history[{i}].period") > MID_LONG_TERM_MORE_THAN
    p = pv.periods
    if p.kind == "fixed" and not p.designated_up_to and p.values and all(
            Duration.parse(v) > MID_LONG_TERM_MORE_THAN for v in p.values):
        return False  # every period that status allowed makes a mid/long-term resident
    return None


def _ends_with_divorce(facts: Facts, sv: StatusView) -> bool:
    """Does a divorce end the activity of this Table I status (Art. 22-4(1)(vi))? For Dependent, held as the
    spouse (law.md §12 "Dependent after divorce"): the Table I status whose spouse duty (law catalogue
    ``notification: spouse``) covers every holder. Designated Activities under a spouse designation is not
    included: law.md says nothing of it."""
    return sv.status.notification == "spouse" and not sv.status.notification_designations


def _held_as_spouse(facts: Facts, sv: StatusView, field: str) -> bool | None:
    """Art. 19-16(iii): does this holder carry the spouse duty? For a status whose duty is limited to some
    designations (the law catalogue's ``notification_designations``: Designated Activities held under a spouse
    designation, law.md §12), by the designation in the facts; None when it is not known."""
    only = sv.status.notification_designations
    if not only:
        return True
    st = facts.stay
    if field != "stay.status" or st is None or st.designation is None:
        return None
    return st.designation in only


# --------------------------------------------------------------------------------------------------
# notifications (届出)
# --------------------------------------------------------------------------------------------------

def _notice(topic: str, trigger: date, basis: list[LegalBasis], text: Messages, trace: list[Message],
            roll: bool, fact_status: str = "law", days: int = NOTICE_DAYS) -> Deadline:
    """A notification due ``days`` days after ``trigger`` — a statutory period in days: the event day is not
    counted (Civil Code Art. 140, :func:`~zairyu.calendar.deadlines.days_after`)."""
    due = days_after(trigger, days)
    basis = [*basis, CIVIL_CODE_FIRST_DAY]
    trace = [*trace, trace_line("notice_14_days", trigger=trigger, days=days, due=due)]
    filing: date | None = None
    if roll:
        nxt = next_open_day(due)
        if nxt != due:
            filing = nxt
            basis = [*basis, ROLL_FORWARD_BASIS]
            trace.append(trace_line("notice_rolled", due=due, reason=closed_reason(due), next=nxt))
            text += deadline_text("notice_rolled", next=nxt.isoformat())
    else:
        trace.append(trace_line("notice_municipal"))
    return Deadline.of("notification", due, basis, text, trace, filing_date=filing,
                    fact_status=fact_status, topic=topic)  # type: ignore[arg-type]


def _address_notifications(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    st = facts.stay
    out: list[Deadline] = []
    if st is None or not mid_long_term_resident(facts, on, law):
        return out
    moves = sorted((e for e in facts.events if e.kind == "moved"), key=lambda e: e.on)
    first_fix: Event | None = None
    if st.granted_by == "landing" and st.granted_on is not None:
        # Art. 19-7: a new mid/long-term resident notifies within 14 days of fixing a place of residence
        first_fix = next((e for e in moves if e.on >= st.granted_on), None)
        if first_fix is not None and not _done_after(facts, ("address_notified",), first_fix.on):
            out.append(_notice(
                "address", first_fix.on, [_lb("Art. 19-7(1)", "new arrival: place of residence")],
                deadline_text("address_landing", on=first_fix.on.isoformat()),
                [trace_line("landed_and_fixed", granted=st.granted_on, fixed=first_fix.on)], roll=False))
    elif st.granted_on is not None and _became_mid_long_term_by_permission(facts, on, law):
        # Art. 19-8: became a mid/long-term resident by a permission → 14 days from that day
        if not _done_after(facts, ("address_notified",), st.granted_on):
            out.append(_notice(
                "address", st.granted_on,
                [_lb("Art. 19-8(1)", f"became a mid/long-term resident by {st.granted_by}")],
                deadline_text("address_permission", on=st.granted_on.isoformat()),
                [trace_line("became_mid_long_term", grant=st.granted_by, granted=st.granted_on)],
                roll=False))
    for ev in moves:
        if ev is first_fix:
            continue
        if _done_after(facts, ("address_notified",), ev.on):
            continue
        out.append(_notice(
            "address", ev.on, [_lb("Art. 19-9(1)", "change of place of residence")],
            deadline_text("address_moved", on=ev.on.isoformat()),
            [trace_line("moved_not_notified", on=ev.on)], roll=False))
    return out


def _organisation_and_spouse(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    out: list[Deadline] = []
    if not mid_long_term_resident(facts, on, law):
        return out
    for ev in facts.events:
        held = _status_on(facts, ev.on, on)
        if held is None:
            continue
        sv = _status(law, held[0], ev.on, held[1])
        duty = sv.status.notification
        if ev.kind in (*ORGANIZATION_EVENTS, *ORGANIZATION_CHANGES) and duty in (
                "activity_organization", "contract_organization"):
            if _done_after(facts, ("organization_notified",), ev.on):
                continue
            item = "Art. 19-16(i)" if duty == "activity_organization" else "Art. 19-16(ii)"
            what_en = "activity organisation" if duty == "activity_organization" else "contracting organisation"
            if ev.kind in ORGANIZATION_EVENTS:
                verb = deadline_text(ORGANIZATION_EVENTS[ev.kind])
                key = "organization_activity" if duty == "activity_organization" else "organization_contract"
                text = deadline_text(key, status=sv.code, verb=verb, on=ev.on.isoformat())
            else:
                what_en += ": " + {"organization_dissolved": "its dissolution", "organization_renamed": "a change of "
                                   "its name", "organization_relocated": "a change of its address"}[ev.kind]
                key = "organization_change_activity" if duty == "activity_organization" else \
                    "organization_change_contract"
                text = deadline_text(key, status=sv.code, change=deadline_text(ORGANIZATION_CHANGES[ev.kind]),
                                     on=ev.on.isoformat())
            out.append(_notice(
                "organization", ev.on, [_lb(item, what_en)], text,
                [trace_line("notification_duty", event=ev.kind, on=ev.on, status=sv.code, duty=duty)], roll=True))
        if ev.kind in ("divorce", "spouse_death") and duty == "spouse":
            as_spouse = _held_as_spouse(facts, sv, held[1])
            if as_spouse is False or _done_after(facts, ("spouse_notified",), ev.on):
                continue
            text = deadline_text("spouse_divorce" if ev.kind == "divorce" else "spouse_death", on=ev.on.isoformat())
            if as_spouse is None:
                text += deadline_text("spouse_designation_unknown")
            out.append(_notice(
                "spouse", ev.on, [_lb("Art. 19-16(iii)", "divorce from or death of the spouse")], text,
                [trace_line("notification_duty", event=ev.kind, on=ev.on, status=sv.code, duty="spouse")], roll=True))
    for ev in facts.events:
        if ev.kind == "card_lost" and not _done_after(facts, ("card_reissue_applied", "card_issued"), ev.on):
            out.append(_notice(
                "lost_card", ev.on, [_lb("Art. 19-12(1)", "reissue of a lost, stolen or destroyed card")],
                deadline_text("lost_card", on=ev.on.isoformat()),
                [trace_line("card_lost_not_applied", on=ev.on)], roll=True))
        if ev.kind == "card_lost_abroad":
            # Art. 19-12(1): learned abroad — 14 days from the first entry into Japan after it
            back = min((e.on for e in facts.events if e.kind == "arrived" and e.on >= ev.on), default=None)
            if back is None or _done_after(facts, ("card_reissue_applied", "card_issued"), ev.on):
                continue
            out.append(_notice(
                "lost_card", back, [_lb("Art. 19-12(1)", "card lost abroad: within 14 days of the first entry "
                                                         "into Japan after learning of it")],
                deadline_text("lost_card_abroad", on=ev.on.isoformat(), back=back.isoformat()),
                [trace_line("card_lost_abroad_returned", on=ev.on, back=back)], roll=True))
        if ev.kind == "card_reissue_ordered" and not _done_after(facts, ("card_reissue_applied", "card_issued"),
                                                                  ev.on):
            out.append(_notice(
                "damaged_card", ev.on,
                [_lb("Art. 19-13(2)", "order to apply for a new card: badly damaged or defaced card or IC record"),
                 _lb("Art. 19-13(3)", "apply within 14 days of receiving the order")],
                deadline_text("card_reissue_ordered", on=ev.on.isoformat()),
                [trace_line("card_reissue_ordered_not_applied", on=ev.on)], roll=True,
                days=law.rule_entry(CARD_ORDER_RULE).length().days))
        if ev.kind == "personal_details_changed" and not _done_after(facts, ("personal_details_notified",), ev.on):
            out.append(_notice(
                "personal_details", ev.on,
                [_lb("Art. 19-10(1)", "change of name, date of birth, sex or nationality/region")],
                deadline_text("personal_details", on=ev.on.isoformat()),
                [trace_line("personal_details_not_notified", on=ev.on)], roll=True,
                days=law.rule_entry(PERSONAL_DETAILS_RULE).length().days))
    return out


# --------------------------------------------------------------------------------------------------
# revocation risks (在留資格の取消し, Art. 22-4(1))
# --------------------------------------------------------------------------------------------------

def _risk(topic: str, d: date, basis: list[LegalBasis], text: Messages, trace: list[Message]) -> Deadline:
    return Deadline.of("revocation_risk", d, basis, text + deadline_text("revocation_caveat"), trace,
                       fact_status="law", risk=True, topic=topic)


def _revocation_risks(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    st = facts.stay
    out: list[Deadline] = []
    if st is None:
        return out
    sv = _status(law, st.status, st.granted_on or on, "stay.status")
    since = st.granted_on or date.min
    # Table I: 3 months or more without the status's activity (HSP (ii): 6 months) — Art. 22-4(1)(vi); the
    # lengths are law data (rules.yaml table_i_no_activity_revocation; the status's no_activity_revocation_after)
    if sv.status.table.startswith("I-"):
        rule = law.rule_entry(NO_ACTIVITY_RULE)
        length = sv.status.no_activity_revocation_after or rule.period
        assert length is not None
        months = Duration.parse(length).total_months
        stops = [e for e in facts.events
                 if e.kind in ("stopped_activity", "left_organization", "organization_dissolved") and e.on >= since]
        # a divorce ends the activity of a status held as a spouse (Dependent): law.md §12 "Dependent after divorce"
        if _ends_with_divorce(facts, sv):
            stops += [e for e in facts.events if e.kind == "divorce" and e.on >= since]
        for ev in sorted(stops, key=lambda e: e.on)[-1:]:
            if _done_after(facts, ("activity_resumed", "joined_organization"), ev.on):
                continue
            d = add_months_end_clamped(ev.on, months)
            out.append(_risk(
                "activity", d, [_lb("Art. 22-4(1)", f"Table I status: {length} or more without its activities")],
                deadline_text("risk_activity", status=sv.code, months=months,
                              since=ev.on.isoformat(), until=d.isoformat()),
                [trace_line("activity_stopped", event=ev.kind, on=ev.on, table=sv.status.table),
                 trace_line("plus_months", start=ev.on, months=months, end=d)]))
    # spouse statuses: 6 months or more without activities as a spouse
    if st.status in SPOUSE_STATUSES:
        ends = [e for e in facts.events if e.kind in ("divorce", "separated", "spouse_death") and e.on >= since]
        for ev in sorted(ends, key=lambda e: e.on)[:1]:
            d = add_months_end_clamped(ev.on, 6)
            out.append(_risk(
                "spouse_activity", d,
                [_lb("Art. 22-4(1)", "spouse status: 6 months or more without activities as a spouse"),
                 _lb("Art. 22-5", "the Minister considers giving a chance to apply for a change of status")],
                deadline_text("risk_spouse", since=ev.on.isoformat(), until=d.isoformat()),
                [trace_line("spouse_event", event=ev.kind, on=ev.on, status=st.status),
                 trace_line("plus_months", start=ev.on, months=6, end=d)]))
    # 90 days without an address notification
    if mid_long_term_resident(facts, on, law):
        new_start: date | None = None
        if st.granted_on is not None and (st.granted_by == "landing"
                                          or _became_mid_long_term_by_permission(facts, on, law)):
            new_start = st.granted_on
        if new_start is not None and not _done_after(facts, ("address_notified",), new_start):
            d = days_after(new_start, 90)
            out.append(_risk(
                "address", d, [_lb("Art. 22-4(1)", "no place of residence notified within 90 days of becoming a "
                                                   "mid/long-term resident")],
                deadline_text("risk_new_address", since=new_start.isoformat(), until=d.isoformat()),
                [trace_line("no_address_since", grant=st.granted_by, granted=new_start),
                 trace_line("plus_days", start=new_start, days=90, end=d)]))
        for ev in facts.events:
            if ev.kind == "left_address" and not _done_after(facts, ("address_notified",), ev.on):
                d = days_after(ev.on, 90)
                out.append(_risk(
                    "address", d, [_lb("Art. 22-4(1)", "no new place of residence notified within 90 days of "
                                                       "leaving the notified one")],
                    deadline_text("risk_left_address", since=ev.on.isoformat(), until=d.isoformat()),
                    [trace_line("left_address_not_notified", on=ev.on),
                     trace_line("plus_days", start=ev.on, days=90, end=d)]))
    return out


# --------------------------------------------------------------------------------------------------
# birth in Japan (在留資格の取得, Art. 22-2)
# --------------------------------------------------------------------------------------------------

def _birth(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    p = facts.person
    births = [e.on for e in facts.events if e.kind == "birth"]
    born = p.birth_date if p.born_in_japan and p.birth_date else (births[0] if births else None)
    if born is None or facts.stay is not None:
        return []
    out: list[Deadline] = []
    pa = facts.pending_application
    acq = acquisition_period(born)
    apply_by, stay_to = acq.apply_by, acq.stay_until
    tr = [trace_line("born_in_japan", born=born)]
    if not (pa is not None and pa.procedure == "acquisition_of_status"):
        rolled = acq.filing_day != apply_by
        text = deadline_text("acquisition_filing", by=apply_by.isoformat())
        if rolled:
            text += deadline_text("acquisition_rolled", filing=acq.filing_day.isoformat())
        out.append(Deadline.of(
            "acquisition_filing", apply_by,
            [_lb("Art. 22-2(2)", "apply within 30 days of birth")] + ([ROLL_FORWARD_BASIS] if rolled else []),
            text + deadline_text("acquisition_spr"),
            [*tr, trace_line("plus_days", start=born, days=ACQUISITION_FILING_DAYS, end=apply_by)],
            filing_date=acq.filing_day if rolled else None, fact_status="law",
            topic="birth"))
    out.append(Deadline.of(
        "stay_without_status_end", stay_to, [_lb("Art. 22-2(1)", "stay without status for 60 days from birth")],
        deadline_text("stay_without_status", until=stay_to.isoformat()),
        [*tr, trace_line("plus_days", start=born, days=STAY_WITHOUT_STATUS_DAYS, end=stay_to)]
        + ([trace_line("acquisition_pending", filed=pa.filed_on)] if pa else []),
        fact_status="law", topic="birth"))
    return out


# --------------------------------------------------------------------------------------------------
# re-entry (再入国許可 Art. 26; みなし再入国許可 Art. 26-2)
# --------------------------------------------------------------------------------------------------

def _re_entry(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    """The day to be back by, from :func:`~zairyu.calendar.lawful_stay.re_entry_deadline` (which also decides
    whether special re-entry is open to the stay, counts its year by the Civil Code, applies the extensions of a
    permit abroad, and cuts the day to the end of the stay or special period)."""
    st = facts.stay
    r = re_entry_deadline(facts, on, law)
    if r is None or st is None:
        return []
    d = r.by
    if r.permit:
        basis = [_lb("Art. 26(1)", "re-entry permit"), _lb("Art. 26(3)", "valid up to 5 years")]
        text = deadline_text("re_entry_permit", d=d.isoformat())
        v = r.permit_validity
        if v is not None:
            basis.append(_lb("Art. 26(5)", "extension abroad by a Japanese embassy or consulate: up to 1 year each "
                                           "time, not beyond 6 years from the day the permit took effect"))
            if v.extended:
                text += deadline_text("re_entry_permit_extended", d=v.until.isoformat())
            if v.can_extend is False:
                text += deadline_text("re_entry_permit_no_more_extension", ceiling=(v.ceiling or d).isoformat())
            elif r.capped_by is None:
                text += (deadline_text("re_entry_permit_extension_until", ceiling=v.ceiling.isoformat())
                         if v.ceiling is not None else deadline_text("re_entry_permit_extension"))
        topic = "re_entry_permit"
    else:
        spr = st.status == SPR
        basis = [_lb("Art. 26-2(1)", "special re-entry permit"), _lb("Art. 26-2(3)", "cannot be extended abroad")]
        if spr:
            basis = [_lb("Art. 23", "special re-entry for special permanent residents: 2 years",
                         law="Special Act on Immigration Control")]
        basis += CIVIL_CODE_STATUTORY
        text = deadline_text("special_re_entry_spr" if spr else "special_re_entry", d=d.isoformat())
        topic = "special_re_entry"
    if r.capped_by == "special_period":
        basis.append(_lb("Art. 20(6)", "the stay ends with the special period"))
        if r.permit:
            basis.append(_lb("Art. 26(4)", "a permit's validity may run to the end of the special period"))
        text += deadline_text("re_entry_special_period", d=d.isoformat())
    if r.law_by is not None:
        text += deadline_text("re_entry_civil_code", law=r.law_by.isoformat(), act_by=d.isoformat())
    if st.status != SPR and mid_long_term_resident(facts, on, law):
        basis.append(_lb("Art. 19-14(iv)", "the residence card becomes invalid when the status is lost"))
    return [Deadline.of("re_entry_deadline", d, basis, text, list(r.trace), fact_status=r.fact_status,
                        topic=topic)]


# --------------------------------------------------------------------------------------------------
# the residence card (在留カードの有効期間 Art. 19-5; 更新 Art. 19-11)
# --------------------------------------------------------------------------------------------------

SEVEN_YEAR_RULE = "residence_card_seven_years"
"""Rule parameter (law data, rules.yaml, unverified): Art. 19-5(1) "交付の日から起算して七年を経過する日"."""


def _seven_years(issued: date, law: LawView) -> tuple[date, date]:
    """Art. 19-5(1): the last day of a card valid "7 years counted from the day of issue" — (the day with the
    issue day counted, the conservative reading zairyu shows; the day with it not counted). law.md §12: which
    one a real card bears is unverified (issued 2022-03-01: 2029-02-28 or 2029-03-01)."""
    months = law.rule_entry(SEVEN_YEAR_RULE).length().total_months
    return (civil_code_period_end(issued, months=months, first_day_counted=True),
            civil_code_period_end(issued, months=months))


def _card(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    st = facts.stay
    if st is None or st.status == SPR or not mid_long_term_resident(facts, on, law):
        return []
    issued_dates = [e.on for e in facts.events if e.kind == "card_issued"]
    if st.card_issued_on:
        issued_dates.append(st.card_issued_on)
    issued = max(issued_dates) if issued_dates else None
    if issued is None and st.card_valid_until is None and st.card_number is None:
        return []
    birth = facts.person.birth_date
    exp, _ = stay_expiry(facts)
    seven = st.status in SEVEN_YEAR_CARD
    trace: list[Message] = [trace_line("card_issued", issued=issued) if issued else trace_line("card_issue_unknown")]
    under16: date | None = None
    card_rule = law.rule_entry(CARD_RULE)  # the entry's own dates decide (the day the card was issued)
    new_rule = issued is not None and card_rule.in_force(issued)
    if birth is not None and issued is not None and issued < sixteenth_birthday(birth):
        b16 = sixteenth_birthday(birth)
        under16 = b16 - timedelta(days=1) if new_rule else b16
        trace.append(trace_line("under_16_new_rule" if new_rule else "under_16_old_rule", birthday=b16,
                                since=card_rule.valid_from, until=under16))
    topic: str
    if st.card_valid_until is not None:
        until, topic = st.card_valid_until, "as_printed"
        trace.append(trace_line("card_as_printed", until=until))
        if under16 is not None and under16 == until:
            topic = "under_16"
        elif seven and issued is not None and until in _seven_years(issued, law):
            topic = "seven_year"
    elif seven:
        if issued is None or birth is None:
            return []  # 7 years or the under-16 rule: cannot tell without both dates
        if under16 is not None:
            until, topic = under16, "under_16"
        else:
            (until, other), topic = _seven_years(issued, law), "seven_year"
            trace.append(trace_line("card_seven_years_counted", issued=issued, years=7, end=until, other=other))
    else:
        if exp is None:
            return []
        until, topic = exp, "period_of_stay"
        trace.append(trace_line("card_until_expiry", exp=exp))
        if under16 is not None and under16 < exp:
            until, topic = under16, "under_16"
            trace.append(trace_line("card_under_16_earlier", until=under16))
        elif birth is None:
            trace.append(trace_line("card_birth_unknown"))
    pa = facts.pending_application
    if pa is not None and pa.procedure in ("change_of_status", "extension_of_stay") and topic == "period_of_stay":
        trace.append(trace_line("card_pending"))
    basis = [_lb("Art. 19-5(1)", "validity of the residence card")]
    out: list[Deadline] = []
    if topic == "period_of_stay":
        out.append(Deadline.of(
            "card_expiry", until, basis, deadline_text("card_period_of_stay", until=until.isoformat()),
            trace, fact_status="law", topic=topic))
        return out
    renew_basis = [_lb("Art. 19-11(1)", "renewal of the card's validity"), *basis]
    if topic in ("seven_year", "as_printed") and seven:
        frm = add_months_end_clamped(until, -2)
        text = deadline_text("card_seven_year", until=until.isoformat())
        computed = st.card_valid_until is None
        if computed:  # Art. 19-5(1) "counted from the day of issue": the earlier day until a real card confirms it
            assert issued is not None
            text += deadline_text("card_seven_year_unverified", other=_seven_years(issued, law)[1].isoformat())
        out.append(Deadline.of(
            "card_expiry", until, renew_basis, text,
            trace, fact_status="unverified" if computed else "law", topic=topic))
        out.append(Deadline.of(
            "card_renewal_from", frm, [_lb("Art. 19-11(1)", "from 2 months before the card's expiry")],
            deadline_text("card_renewal_from", frm=frm.isoformat()),
            [*trace, trace_line("minus_months", start=until, months=2, end=frm)], fact_status="isa", topic=topic))
        return out
    if topic == "under_16" or under16 is not None:
        assert under16 is not None and birth is not None
        b16 = sixteenth_birthday(birth)
        frm = add_months_end_clamped(b16 if not new_rule else under16, -6)
        out.append(Deadline.of(
            "card_expiry", until, renew_basis,
            deadline_text("card_under16_new" if new_rule else "card_under16_old", until=until.isoformat()),
            trace, fact_status="practice" if st.card_valid_until is None else "law", topic="under_16"))
        text = deadline_text("card_under16_renewal", frm=frm.isoformat())
        if new_rule:
            text += deadline_text("card_under16_unverified")
        out.append(Deadline.of(
            "card_renewal_from", frm, [_lb("Art. 19-11(1)", "from 6 months before the 16th birthday")], text,
            [*trace, trace_line("months_before", months=6, end=frm)],
            fact_status="unverified" if new_rule else "isa", topic="under_16"))
        return out
    out.append(Deadline.of(
        "card_expiry", until, basis, deadline_text("card_as_printed", until=until.isoformat()),
        trace, fact_status="law", topic=topic))
    return out


# --------------------------------------------------------------------------------------------------
# certificate of eligibility (在留資格認定証明書, Art. 7-2)
# --------------------------------------------------------------------------------------------------

def _coe(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    dates = [e.on for e in facts.events if e.kind == "coe_issued"]
    if facts.circumstances is not None and facts.circumstances.coe_issued_on is not None \
            and facts.circumstances.coe_issued_on <= on:
        dates.append(facts.circumstances.coe_issued_on)
    if not dates:
        return []
    issued = max(dates)
    st = facts.stay
    if st is not None and st.granted_on is not None and st.granted_on >= issued and st.status != "temporary_visitor":
        return []  # already used for the current grant
    d = add_months_end_clamped(issued, 3)
    return [Deadline.of(
        "coe_expiry", d,
        [_lb("Art. 7-2", "certificate of eligibility; 3-month validity is ISA practice, its article unverified")],
        deadline_text("coe_expiry", issued=issued.isoformat(), d=d.isoformat()),
        [trace_line("coe_issued", issued=issued), trace_line("plus_months", start=issued, months=3, end=d)],
        fact_status="unverified", topic="coe")]


# --------------------------------------------------------------------------------------------------
# the refugee procedure: administrative review of a refusal (審査請求, Art. 61-2-9)
# --------------------------------------------------------------------------------------------------

REVIEW_RULE = "refugee_review_request_period"
"""Rule parameter (law data, rules.yaml): 7 days from the notice of refusal (law.md §6.2)."""


def _refugee_review(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    """The last day to request administrative review of a refusal of refugee status: 7 days from the day the
    notice was received, that day not counted (Civil Code Art. 140, law.md §3.3), moved to the next open day
    when it is an administrative holiday (Act on Holidays of Administrative Organs Art. 2, law.md §2.10)."""
    refusals = sorted(e.on for e in facts.events if e.kind == "refugee_refused")
    if not refusals:
        return []
    notice = refusals[-1]
    if _done_after(facts, ("review_requested", "refugee_recognized"), notice):
        return []
    rule = law.rule_entry(REVIEW_RULE)
    days = rule.length().days
    due = days_after(notice, days)
    basis = [LegalBasis(law=b.law, provision=b.provision, note=b.note) for b in rule.legal_basis
             if b.law == ICRRA]
    trace = [trace_line("refugee_refused", on=notice), trace_line("plus_days", start=notice, days=days, end=due)]
    text = deadline_text("review_request", notice=notice.isoformat(), due=due.isoformat(), days=days)
    filing: date | None = None
    nxt = next_open_day(due)
    if nxt != due:
        filing = nxt
        basis.append(ROLL_FORWARD_BASIS)
        trace.append(trace_line("notice_rolled", due=due, reason=closed_reason(due), next=nxt))
        text += deadline_text("review_rolled", next=nxt.isoformat())
    return [Deadline.of("review_request_deadline", due, basis, text, trace, filing_date=filing,
                        fact_status=rule.fact_status, topic="refugee")]


# --------------------------------------------------------------------------------------------------
# leaving after a revocation (Art. 22-4(7))
# --------------------------------------------------------------------------------------------------

REVOCATION_DEPARTURE_RULE = "revocation_departure_period"
"""Rule parameter (law data, rules.yaml): on revocation the Minister designates up to 30 days to leave."""


def revocation(facts: Facts) -> Event | None:
    """The revocation of the current stay (the last 'status_revoked' event on or after its grant), if any."""
    st = facts.stay
    since = st.granted_on if st is not None and st.granted_on is not None else date.min
    revoked = [e for e in facts.events if e.kind == "status_revoked" and e.on >= since]
    return max(revoked, key=lambda e: e.on) if revoked else None


def _departure_after_revocation(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    """The day to leave by after a revocation: the day the notice designates (Art. 22-4(7)); when the facts do
    not give it, the latest day the Act allows (30 days from the revocation, the day itself not counted) as
    an upper bound to check against the notice."""
    ev = revocation(facts)
    if ev is None:
        return []
    rule = law.rule_entry(REVOCATION_DEPARTURE_RULE)
    days = rule.length().days
    latest = days_after(ev.on, days)
    basis = [LegalBasis(law=b.law, provision=b.provision, note=b.note) for b in rule.legal_basis]
    trace = [trace_line("status_revoked", on=ev.on)]
    if ev.until is not None:
        trace.append(trace_line("departure_designated", until=ev.until))
        text = deadline_text("departure_revocation", on=ev.on.isoformat(), until=ev.until.isoformat())
        if ev.until > latest:
            text += deadline_text("departure_beyond_30_days", latest=latest.isoformat())
        return [Deadline.of("departure_deadline", ev.until, basis, text, trace, fact_status="law",
                            topic="revocation")]
    trace.append(trace_line("plus_days", start=ev.on, days=days, end=latest))
    return [Deadline.of("departure_deadline", latest, basis,
                        deadline_text("departure_revocation_unknown", on=ev.on.isoformat(), latest=latest.isoformat()),
                        trace, fact_status="law", topic="revocation")]


def all_obligations(facts: Facts, on: date, law: LawView) -> list[Deadline]:
    return [d for part in (_address_notifications, _organisation_and_spouse, _revocation_risks, _birth, _re_entry,
                           _card, _coe, _refugee_review, _departure_after_revocation)
            for d in part(facts, on, law)]
