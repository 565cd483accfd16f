"""Deadlines that follow from events and the person rather than from the period of stay itself:
notifications (Arts. 19-7 to 19-9, 19-12, 19-16), revocation risks (Art. 22-4(1)), birth in Japan
(Art. 22-2), re-entry (Arts. 26, 26-2), the residence card (Arts. 19-5, 19-11) and the COE (Art. 7-2).

Called by :func:`zairyu.calendar.deadlines.compute_deadlines` with facts already cut to the as-of date.
"""

from __future__ import annotations

from datetime import date, timedelta

from zairyu.calendar.admin_days import ROLL_FORWARD_BASIS, closed_reason, next_open_day
from zairyu.calendar.deadlines import THREE_MONTHS, days_after, stay_expiry, stay_period
from zairyu.calendar.model import Deadline
from zairyu.calendar.periods import add_months_end_clamped, add_period, sixteenth_birthday
from zairyu.facts import Event, Facts
from zairyu.law.catalogue import COVERED_FROM, COVERED_TO, StatusView, catalogue
from zairyu.law.models import LegalBasis

ICRRA = "ICRRA"
NOTICE_DAYS = 14
CARD_RULE_CHANGE = date(2023, 11, 1)
"""Act No. 56 of 2023 brought the amended Arts. 19-5 and 19-11 into force on this day: under-16 cards
issued since then end on the day before the 16th birthday (before: on the birthday)."""
SPOUSE_STATUSES = ("spouse_child_of_japanese", "spouse_child_of_pr")
"""Art. 22-4(1): the 6-month ground covers these statuses held as a spouse."""
SEVEN_YEAR_CARD = ("permanent_resident", "hsp_2")
SPR = "special_permanent_resident"

CAVEAT_JA = "正当な理由がある場合は取消しの対象になりません。取消しの前には意見聴取があります（22条の4第2項）。"
CAVEAT_EN = (" This is a risk, not an automatic loss: there is no revocation where there is a justifiable reason, "
             "and the person is heard before any revocation (Art. 22-4(2)).")


def _lb(provision: str, note: str | None = None, law: str = ICRRA) -> LegalBasis:
    return LegalBasis(law=law, provision=provision, note=note)


def _covered_day(d: date) -> date:
    return min(max(d, COVERED_FROM), COVERED_TO)


def _status(code: str, at: date, field: str) -> StatusView:
    return catalogue(_covered_day(at)).status(code, field=field)


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


def _mid_long_term(facts: Facts, on: date) -> bool | None:
    """Art. 19-3: a mid- to long-term resident (not Temporary Visitor etc., and a period over 3 months)."""
    st = facts.stay
    if st is None:
        return False
    sv = _status(st.status, st.granted_on or on, "stay.status")
    if not sv.status.mid_long_term or sv.status.outside_act:
        return False
    if sv.periods.kind in ("indefinite",):
        return True
    period = stay_period(facts)
    if period is None:
        return None
    return period > THREE_MONTHS


def _became_mid_long_term_by_permission(facts: Facts, on: date) -> bool | None:
    """Art. 19-8: did this grant (a change, extension, PR, acquisition or special permission) make the
    person a mid/long-term resident? Judged from the history entry before the grant; None if unknown."""
    st = facts.stay
    if st is None or st.granted_on is None or st.granted_by in (None, "landing"):
        return False
    if st.granted_by in ("acquisition", "special_permission") and not facts.history:
        return True  # no status before
    before = [(i, h) for i, h in enumerate(facts.history) if h.from_ < st.granted_on]
    if not before:
        return None
    i, prev = max(before, key=lambda x: x[1].from_)
    pv = _status(prev.status, prev.from_, f"history[{i}].status")
    if not pv.status.mid_long_term:
        return True
    if prev.to is not None and prev.to <= add_period(prev.from_, THREE_MONTHS):
        return True
    return False


# --------------------------------------------------------------------------------------------------
# notifications (届出)
# --------------------------------------------------------------------------------------------------

def _notice(topic: str, trigger: date, basis: list[LegalBasis], ja: str, en: str, trace: list[str],
            roll: bool, fact_status: str = "law") -> Deadline:
    due = days_after(trigger, NOTICE_DAYS)
    trace = [*trace, f"{trigger} + {NOTICE_DAYS} days (the day of the event not counted) → {due}"]
    filing: date | None = None
    if roll:
        nxt = next_open_day(due)
        if nxt != due:
            filing = nxt
            basis = [*basis, ROLL_FORWARD_BASIS]
            trace.append(f"{due} is an administrative holiday ({closed_reason(due)}): the notification is in time "
                         f"on {nxt} (Act on Holidays of Administrative Organs Art. 2)")
            ja += f"期限日は行政機関の休日のため、{nxt.isoformat()}の届出も期限内です。"
            en += f" The day is an administrative holiday, so notifying on {nxt.isoformat()} is still in time."
    else:
        trace.append("municipal offices keep their own closed days: zairyu does not move this date")
    return Deadline("notification", due, basis, ja, en, trace, filing_date=filing,
                    fact_status=fact_status, topic=topic)  # type: ignore[arg-type]


def _address_notifications(facts: Facts, on: date) -> list[Deadline]:
    st = facts.stay
    out: list[Deadline] = []
    if st is None or not _mid_long_term(facts, on):
        return out
    moves = sorted((e for e in facts.events if e.kind == "moved"), key=lambda e: e.on)
    first_fix: Event | None = None
    if st.granted_by == "landing" and st.granted_on is not None:
        # Art. 19-7: a new mid/long-term resident notifies within 14 days of fixing a place of residence
        first_fix = next((e for e in moves if e.on >= st.granted_on), None)
        if first_fix is not None and not _done_after(facts, ("address_notified",), first_fix.on):
            out.append(_notice(
                "address", first_fix.on, [_lb("Art. 19-7(1)", "new arrival: place of residence")],
                f"上陸後に住居地を定めた日（{first_fix.on.isoformat()}）から14日以内に、住居地の市区町村で届け出てください"
                f"（在留カードを持参）。",
                f"You fixed your place of residence on {first_fix.on.isoformat()} after landing: notify it at that "
                f"municipal office within 14 days (bring your residence card).",
                [f"landed {st.granted_on} as a mid/long-term resident; residence fixed on {first_fix.on}"], roll=False))
    elif st.granted_on is not None and _became_mid_long_term_by_permission(facts, on):
        # Art. 19-8: became a mid/long-term resident by a permission → 14 days from that day
        if not _done_after(facts, ("address_notified",), st.granted_on):
            out.append(_notice(
                "address", st.granted_on,
                [_lb("Art. 19-8(1)", f"became a mid/long-term resident by {st.granted_by}")],
                f"{st.granted_on.isoformat()}の許可で中長期在留者になったため、14日以内に住居地の市区町村で住居地を"
                f"届け出てください（その後に住居地を定めた場合は、定めた日から14日以内）。",
                f"The permission of {st.granted_on.isoformat()} made you a mid/long-term resident: notify your place "
                f"of residence at the municipal office within 14 days (if you fix a residence later, within 14 days "
                f"of fixing it).",
                [f"{st.granted_by} on {st.granted_on}: previously not a mid/long-term resident (history)"],
                roll=False))
    for ev in moves:
        if ev is first_fix:
            continue
        if _done_after(facts, ("address_notified",), ev.on):
            continue
        out.append(_notice(
            "address", ev.on, [_lb("Art. 19-9(1)", "change of place of residence")],
            f"{ev.on.isoformat()}に転居したため、14日以内に新しい住居地の市区町村で届け出てください（在留カードを持参。"
            f"転入届で足ります）。",
            f"You moved on {ev.on.isoformat()}: notify the new address at the new municipal office within 14 days "
            f"(bring your residence card; the move-in notice counts).",
            [f"moved on {ev.on}; no address_notified event on or after it"], roll=False))
    return out


def _organisation_and_spouse(facts: Facts, on: date) -> list[Deadline]:
    out: list[Deadline] = []
    if not _mid_long_term(facts, on):
        return out
    for ev in facts.events:
        held = _status_on(facts, ev.on, on)
        if held is None:
            continue
        sv = _status(held[0], ev.on, held[1])
        duty = sv.status.notification
        if ev.kind in ("left_organization", "joined_organization") and duty in (
                "activity_organization", "contract_organization"):
            if _done_after(facts, ("organization_notified",), ev.on):
                continue
            item = "Art. 19-16(i)" if duty == "activity_organization" else "Art. 19-16(ii)"
            what_ja = "活動機関" if duty == "activity_organization" else "契約機関"
            what_en = "activity organisation" if duty == "activity_organization" else "contracting organisation"
            verb_ja = "離脱・移籍" if ev.kind == "left_organization" else "移籍・新たな契約"
            out.append(_notice(
                "organization", ev.on, [_lb(item, what_en)],
                f"{sv.name_ja}の{what_ja}からの{verb_ja}（{ev.on.isoformat()}）は、14日以内に出入国在留管理庁へ届け出てください"
                f"（電子届出システム、郵送または窓口）。",
                f"Leaving or joining your {what_en} ({ev.on.isoformat()}, status {sv.name_en}) must be notified to "
                f"the Immigration Services Agency within 14 days (online, by post or at the counter).",
                [f"{ev.kind} on {ev.on}; {sv.code} has the {duty} duty (law catalogue)"], roll=True))
        if ev.kind in ("divorce", "spouse_death") and duty == "spouse":
            if _done_after(facts, ("spouse_notified",), ev.on):
                continue
            what_ja = "離婚" if ev.kind == "divorce" else "配偶者との死別"
            what_en = "divorce" if ev.kind == "divorce" else "the death of your spouse"
            out.append(_notice(
                "spouse", ev.on, [_lb("Art. 19-16(iii)", "divorce from or death of the spouse")],
                f"{what_ja}（{ev.on.isoformat()}）は、14日以内に出入国在留管理庁へ届け出てください。",
                f"Notify {what_en} ({ev.on.isoformat()}) to the Immigration Services Agency within 14 days.",
                [f"{ev.kind} on {ev.on}; {sv.code} has the spouse duty (law catalogue)"], roll=True))
    for ev in facts.events:
        if ev.kind == "card_lost" and not _done_after(facts, ("card_reissue_applied", "card_issued"), ev.on):
            out.append(_notice(
                "lost_card", ev.on, [_lb("Art. 19-12(1)", "reissue of a lost, stolen or destroyed card")],
                f"在留カードの紛失等を知った日（{ev.on.isoformat()}）から14日以内に再交付を申請してください"
                f"（海外で知った場合は帰国後14日以内）。",
                f"Apply for a new residence card within 14 days of learning it was lost, stolen or destroyed "
                f"({ev.on.isoformat()}); if you learned it abroad, within 14 days of returning.",
                [f"card_lost on {ev.on}; no card_reissue_applied / card_issued event after it"], roll=True))
    return out


# --------------------------------------------------------------------------------------------------
# revocation risks (在留資格の取消し, Art. 22-4(1))
# --------------------------------------------------------------------------------------------------

def _risk(topic: str, d: date, basis: list[LegalBasis], ja: str, en: str, trace: list[str]) -> Deadline:
    return Deadline("revocation_risk", d, basis, ja + CAVEAT_JA, en + CAVEAT_EN, trace, fact_status="law",
                    risk=True, topic=topic)


def _revocation_risks(facts: Facts, on: date) -> list[Deadline]:
    st = facts.stay
    out: list[Deadline] = []
    if st is None:
        return out
    sv = _status(st.status, st.granted_on or on, "stay.status")
    since = st.granted_on or date.min
    # Table I: 3 months or more without the status's activity
    if sv.status.table.startswith("I-"):
        stops = [e for e in facts.events if e.kind in ("stopped_activity", "left_organization") and e.on >= since]
        for ev in sorted(stops, key=lambda e: e.on)[-1:]:
            if _done_after(facts, ("activity_resumed", "joined_organization"), ev.on):
                continue
            d = add_months_end_clamped(ev.on, 3)
            out.append(_risk(
                "activity", d, [_lb("Art. 22-4(1)", "Table I status: 3 months or more without its activities")],
                f"{ev.on.isoformat()}から{sv.name_ja}の活動を行っていない状態が{d.isoformat()}まで3か月続くと、"
                f"在留資格取消しの対象となり得ます。",
                f"If you do not engage in the activities of {sv.name_en} from {ev.on.isoformat()} until "
                f"{d.isoformat()} (3 months), your status may be revoked (e.g. genuine job hunting after leaving "
                f"a job is a justifiable reason).",
                [f"{ev.kind} on {ev.on} with a Table {sv.status.table} status; no activity_resumed / "
                 f"joined_organization event since", f"{ev.on} + 3 months → {d}"]))
    # spouse statuses: 6 months or more without activities as a spouse
    if st.status in SPOUSE_STATUSES:
        ends = [e for e in facts.events if e.kind in ("divorce", "separated", "spouse_death") and e.on >= since]
        for ev in sorted(ends, key=lambda e: e.on)[:1]:
            d = add_months_end_clamped(ev.on, 6)
            out.append(_risk(
                "spouse_activity", d,
                [_lb("Art. 22-4(1)", "spouse status: 6 months or more without activities as a spouse"),
                 _lb("Art. 22-5", "the Minister considers giving a chance to apply for a change of status")],
                f"{ev.on.isoformat()}から配偶者としての活動を行わない状態が{d.isoformat()}まで6か月続くと、在留資格"
                f"取消しの対象となり得ます（離婚調停中、DV避難などは正当な理由になり得ます）。"
                f"定住者などへの変更申請を検討してください。",
                f"If you do not live as a spouse from {ev.on.isoformat()} until {d.isoformat()} (6 months), your "
                f"status may be revoked (divorce proceedings or fleeing domestic violence can be justifiable "
                f"reasons). Consider applying for a change of status, e.g. to Long-Term Resident.",
                [f"{ev.kind} on {ev.on} with {st.status}", f"{ev.on} + 6 months → {d}"]))
    # 90 days without an address notification
    if _mid_long_term(facts, on):
        new_start: date | None = None
        if st.granted_on is not None and (st.granted_by == "landing"
                                          or _became_mid_long_term_by_permission(facts, on)):
            new_start = st.granted_on
        if new_start is not None and not _done_after(facts, ("address_notified",), new_start):
            d = days_after(new_start, 90)
            out.append(_risk(
                "address", d, [_lb("Art. 22-4(1)", "no place of residence notified within 90 days of becoming a "
                                                   "mid/long-term resident")],
                f"{new_start.isoformat()}に中長期在留者となってから90日以内（{d.isoformat()}まで）に住居地を届け出ないと、"
                f"在留資格取消しの対象となり得ます。",
                f"If you do not notify a place of residence within 90 days of becoming a mid/long-term resident on "
                f"{new_start.isoformat()} (by {d.isoformat()}), your status may be revoked.",
                [f"{st.granted_by} on {new_start}; no address_notified event since", f"{new_start} + 90 days → {d}"]))
        for ev in facts.events:
            if ev.kind == "left_address" and not _done_after(facts, ("address_notified",), ev.on):
                d = days_after(ev.on, 90)
                out.append(_risk(
                    "address", d, [_lb("Art. 22-4(1)", "no new place of residence notified within 90 days of "
                                                       "leaving the notified one")],
                    f"届け出た住居地を{ev.on.isoformat()}に離れてから90日以内（{d.isoformat()}まで）に新しい住居地を"
                    f"届け出ないと、在留資格取消しの対象となり得ます。",
                    f"You left your notified address on {ev.on.isoformat()}: if you do not notify a new place of "
                    f"residence within 90 days (by {d.isoformat()}), your status may be revoked.",
                    [f"left_address on {ev.on}; no address_notified event since", f"{ev.on} + 90 days → {d}"]))
    return out


# --------------------------------------------------------------------------------------------------
# birth in Japan (在留資格の取得, Art. 22-2)
# --------------------------------------------------------------------------------------------------

def _birth(facts: Facts, on: date) -> list[Deadline]:
    p = facts.person
    births = [e.on for e in facts.events if e.kind == "birth"]
    born = p.birth_date if p.born_in_japan and p.birth_date else (births[0] if births else None)
    if born is None or facts.stay is not None:
        return []
    out: list[Deadline] = []
    pa = facts.pending_application
    apply_by = days_after(born, 30)
    stay_to = days_after(born, 60)
    tr = [f"born in Japan on {born}; no status yet"]
    if not (pa is not None and pa.procedure == "acquisition_of_status"):
        filing = next_open_day(apply_by)
        rolled = filing != apply_by
        out.append(Deadline(
            "acquisition_filing", apply_by,
            [_lb("Art. 22-2(2)", "apply within 30 days of birth")] + ([ROLL_FORWARD_BASIS] if rolled else []),
            f"日本で生まれた子が60日を超えて在留するには、出生から30日以内（{apply_by.isoformat()}まで）に在留資格の取得を"
            f"申請してください。" + (f"期限日は休日のため{filing.isoformat()}の申請も期限内です。" if rolled else "")
            + "特別永住者の子は入管特例法4条の手続によります。",
            f"A child born in Japan who will stay beyond 60 days must apply for a status within 30 days of birth "
            f"(by {apply_by.isoformat()})." + (f" That day is an administrative holiday; filing on "
                                               f"{filing.isoformat()} is in time." if rolled else "")
            + " Children of special permanent residents use Special Act Art. 4 instead.",
            [*tr, f"{born} + 30 days → {apply_by}"], filing_date=filing if rolled else None, fact_status="law",
            topic="birth"))
    out.append(Deadline(
        "stay_without_status_end", stay_to, [_lb("Art. 22-2(1)", "stay without status for 60 days from birth")],
        f"在留資格を取得するまでは、出生から60日（{stay_to.isoformat()}まで）に限り在留資格なしで在留できます。"
        f"取得申請中でも特例期間は適用されません（20条6項は準用されていません）。",
        f"Until a status is acquired, the child may stay without status for 60 days from birth (until "
        f"{stay_to.isoformat()}). A pending acquisition application does not extend this: Art. 20(6) (special "
        f"period) is not applied to acquisitions.",
        [*tr, f"{born} + 60 days → {stay_to}"]
        + ([f"acquisition application filed on {pa.filed_on}: the 60 days still apply"] if pa else []),
        fact_status="law", topic="birth"))
    return out


# --------------------------------------------------------------------------------------------------
# re-entry (再入国許可 Art. 26; みなし再入国許可 Art. 26-2)
# --------------------------------------------------------------------------------------------------

def _re_entry(facts: Facts, on: date) -> list[Deadline]:
    dep, st = facts.departure, facts.stay
    if dep is None or st is None:
        return []
    if any(e.kind == "arrived" and e.on > dep.departed_on for e in facts.events):
        return []  # already back
    exp, _ = stay_expiry(facts)
    trace = [f"departed on {dep.departed_on}"]
    if dep.re_entry_permit_until is not None:
        d = dep.re_entry_permit_until
        basis = [_lb("Art. 26(1)", "re-entry permit"), _lb("Art. 26(3)", "valid up to 5 years")]
        fs = "law"
        trace.append(f"re-entry permit valid until {d}")
        if exp is not None and exp < d:
            trace.append(f"the period of stay ends earlier ({exp}): the permit cannot outlast it")
            d, fs = exp, "practice"
        return [Deadline(
            "re_entry_deadline", d, basis,
            f"再入国許可により{d.isoformat()}までに再入国してください。やむを得ない事情があれば在外公館で有効期間の延長を"
            f"申請できる場合があります。期限を過ぎると在留資格を失います。",
            f"Re-enter Japan by {d.isoformat()} on your re-entry permit. For unavoidable reasons a Japanese embassy "
            f"or consulate may extend the permit abroad. After this date the status is lost.",
            trace, fact_status=fs, topic="re_entry_permit")]  # type: ignore[arg-type]
    if dep.intends_to_return is not True:
        return []
    spr = st.status == SPR
    if not spr and not _mid_long_term(facts, on):
        return []
    years = 2 if spr else 1
    d = add_months_end_clamped(dep.departed_on, 12 * years)
    basis = [_lb("Art. 26-2(1)", "special re-entry permit"), _lb("Art. 26-2(3)", "cannot be extended abroad")]
    if spr:
        basis = [_lb("Art. 23", "special re-entry for special permanent residents: 2 years",
                     law="Special Act on Immigration Control")]
    trace.append(f"declared the intention to return: special re-entry, departure + {years} year(s) → {d}")
    if exp is not None and exp < d:
        trace.append(f"the period of stay ends earlier ({exp}): that is the deadline")
        d = exp
    return [Deadline(
        "re_entry_deadline", d, basis,
        f"みなし再入国許可で出国したため、{d.isoformat()}までに再入国してください（出国から{years}年と在留期限の早い方）。"
        f"この期限は海外で延長できず、過ぎると在留資格を失います。",
        f"You left on a special re-entry permit: re-enter by {d.isoformat()} (the earlier of {years} year(s) after "
        f"departure and the end of your period of stay). It cannot be extended abroad; after it the status is lost.",
        trace, fact_status="law", topic="special_re_entry")]


# --------------------------------------------------------------------------------------------------
# the residence card (在留カードの有効期間 Art. 19-5; 更新 Art. 19-11)
# --------------------------------------------------------------------------------------------------

def _card(facts: Facts, on: date) -> list[Deadline]:
    st = facts.stay
    if st is None or st.status == SPR or not _mid_long_term(facts, on):
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
    trace: list[str] = [f"card issued on {issued}" if issued else "card issue date unknown"]
    under16: date | None = None
    new_rule = issued is not None and issued >= CARD_RULE_CHANGE
    if birth is not None and issued is not None and issued < sixteenth_birthday(birth):
        b16 = sixteenth_birthday(birth)
        under16 = b16 - timedelta(days=1) if new_rule else b16
        trace.append(f"under 16 at issue; 16th birthday {b16}; card issued "
                     f"{'on/after' if new_rule else 'before'} {CARD_RULE_CHANGE} → "
                     f"{'the day before the birthday' if new_rule else 'the birthday'}: {under16}")
    topic: str
    if st.card_valid_until is not None:
        until, topic = st.card_valid_until, "as_printed"
        trace.append(f"valid until {until} as printed on the card")
        if under16 is not None and under16 == until:
            topic = "under_16"
        elif seven and issued is not None and until == add_months_end_clamped(issued, 84):
            topic = "seven_year"
    elif seven:
        if issued is None or birth is None:
            return []  # 7 years or the under-16 rule: cannot tell without both dates
        if under16 is not None:
            until, topic = under16, "under_16"
        else:
            until, topic = add_months_end_clamped(issued, 84), "seven_year"
            trace.append(f"{issued} + 7 years → {until}")
    else:
        if exp is None:
            return []
        until, topic = exp, "period_of_stay"
        trace.append(f"valid until the expiry of the period of stay {exp}")
        if under16 is not None and under16 < exp:
            until, topic = under16, "under_16"
            trace.append(f"under-16 date {under16} is earlier: the card ends then")
        elif birth is None:
            trace.append("birth date unknown: a card issued under 16 may end earlier (the under-16 rule)")
    pa = facts.pending_application
    if pa is not None and pa.procedure in ("change_of_status", "extension_of_stay") and topic == "period_of_stay":
        trace.append("a change/extension is pending: the card stays valid in the special period (Art. 19-5(2))")
    basis = [_lb("Art. 19-5(1)", "validity of the residence card")]
    out: list[Deadline] = []
    if topic == "period_of_stay":
        out.append(Deadline(
            "card_expiry", until, basis,
            f"在留カードの有効期間は在留期間の満了日（{until.isoformat()}）までです。在留期間の更新・変更の許可で新しい"
            f"カードが交付されます。",
            f"Your residence card is valid until your period of stay ends ({until.isoformat()}); an extension or "
            f"change brings a new card.", trace, fact_status="law", topic=topic))
        return out
    renew_basis = [_lb("Art. 19-11(1)", "renewal of the card's validity"), *basis]
    if topic in ("seven_year", "as_printed") and seven:
        frm = add_months_end_clamped(until, -2)
        out.append(Deadline(
            "card_expiry", until, renew_basis,
            f"在留カードの有効期間は{until.isoformat()}までです（永住者・高度専門職2号は交付から7年）。有効期間の更新を"
            f"満了日までに申請してください。",
            f"Your residence card is valid until {until.isoformat()} (7 years from issue for permanent residents and "
            f"HSP (ii)). Apply to renew its validity by that date.", trace, fact_status="law", topic=topic))
        out.append(Deadline(
            "card_renewal_from", frm, [_lb("Art. 19-11(1)", "from 2 months before the card's expiry")],
            f"在留カードの有効期間更新の申請は、満了日の2か月前（{frm.isoformat()}）からできます。",
            f"You can apply to renew the card's validity from 2 months before it expires ({frm.isoformat()}).",
            [*trace, f"{until} − 2 months → {frm}"], fact_status="isa", topic=topic))
        return out
    if topic == "under_16" or under16 is not None:
        assert under16 is not None and birth is not None
        b16 = sixteenth_birthday(birth)
        frm = add_months_end_clamped(b16 if not new_rule else under16, -6)
        rule_ja = ("2023年11月1日以降の交付：16歳の誕生日の前日" if new_rule
                   else "2023年11月1日より前の交付：16歳の誕生日")
        rule_en = ("issued since 2023-11-01: the day before the 16th birthday" if new_rule
                   else "issued before 2023-11-01: the 16th birthday")
        out.append(Deadline(
            "card_expiry", until, renew_basis,
            f"16歳未満で交付された在留カードは{until.isoformat()}で有効期間が終わります（{rule_ja}）。"
            f"同居の親族等が有効期間の更新を申請してください。",
            f"A residence card issued under 16 expires on {until.isoformat()} ({rule_en}). A cohabiting relative "
            f"aged 16 or over (or a registered agent) applies to renew it.",
            trace, fact_status="practice" if st.card_valid_until is None else "law", topic="under_16"))
        out.append(Deadline(
            "card_renewal_from", frm, [_lb("Art. 19-11(1)", "from 6 months before the 16th birthday")],
            f"更新申請は{frm.isoformat()}（6か月前）からできます。"
            + ("2023年11月以降の新ルールでの正確な受付期間は未確認です。" if new_rule else ""),
            f"The renewal can be filed from {frm.isoformat()} (6 months before)."
            + (" The exact window under the rule since 2023-11-01 is unverified." if new_rule else ""),
            [*trace, f"6 months before → {frm}"], fact_status="unverified" if new_rule else "isa", topic="under_16"))
        return out
    out.append(Deadline(
        "card_expiry", until, basis,
        f"在留カードの有効期間は{until.isoformat()}までです（カードの記載による）。",
        f"Your residence card is valid until {until.isoformat()} (as printed on it).",
        trace, fact_status="law", topic=topic))
    return out


# --------------------------------------------------------------------------------------------------
# certificate of eligibility (在留資格認定証明書, Art. 7-2)
# --------------------------------------------------------------------------------------------------

def _coe(facts: Facts, on: date) -> list[Deadline]:
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
    return [Deadline(
        "coe_expiry", d,
        [_lb("Art. 7-2", "certificate of eligibility; 3-month validity is ISA practice, its article unverified")],
        f"在留資格認定証明書（{issued.isoformat()}交付）は3か月後の{d.isoformat()}まで有効とされています"
        f"（入管庁の運用。根拠条文は未確認）。この日までに上陸申請（または変更申請）に使ってください。",
        f"The certificate of eligibility issued on {issued.isoformat()} is treated as valid for 3 months, until "
        f"{d.isoformat()} (ISA practice; the article is unverified). Use it to land (or to apply for a change) "
        f"by then.",
        [f"COE issued {issued}", f"{issued} + 3 months → {d}"], fact_status="unverified", topic="coe")]


def all_obligations(facts: Facts, on: date) -> list[Deadline]:
    return (_address_notifications(facts, on) + _organisation_and_spouse(facts, on) + _revocation_risks(facts, on)
            + _birth(facts, on) + _re_entry(facts, on) + _card(facts, on) + _coe(facts, on))
