"""The stored agenda and the person page answer as the calendar and the assessment do, on SQLite and
PostgreSQL: the person's records go in through the services, and on each later day the stored deadlines'
states equal the calendar's for the same facts (zairyu.calendar.deadlines.deadline_state is the one rule)."""

from __future__ import annotations

from datetime import date

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.lawful_stay import holds_status_on
from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.law.catalogue import catalogue
from zairyu.rules import assess

from .conftest import ACTOR, DBHandle

PERSON = {"family_name": "Ivanova", "given_name": "Olga", "nationality": "RU", "birth_date": "1996-02-01"}


def _states_agree(tdb: DBHandle, pid: int, days: list[date]) -> None:
    for on in days:
        with db.transaction(tdb.engine) as s:
            stored = {(i.deadline.kind, i.deadline.topic, i.deadline.date, i.state)
                      for i in sv.person_deadlines(s, pid, on)}
            facts = sv.facts_for_person(s, pid)
            org = sv.get_person(s, pid).organisation_id
            agenda = {(line.kind, line.topic, line.date, line.state) for line in sv.agenda(s, org, on, days=120)}
        calendar = {(d.kind, d.topic, d.date, d.state) for d in compute_deadlines(facts, on)}
        assert stored == calendar, on
        # the agenda lists what is ahead and what has gone by and still matters, in the same states
        assert agenda <= calendar and {x for x in calendar if x[0] == "special_period_end"} <= agenda, on


def test_culture_day_extension_on_the_next_open_day_is_the_same_everywhere(tdb: DBHandle) -> None:
    """Expiry on Culture Day, Tuesday 2026-11-03; extension filed on Wednesday 11-04, the next open day (Act on
    Holidays of Administrative Organs Art. 2): the special period runs to 2027-01-03 (expiry + 2 months, ICRRA
    Art. 20(6)) in the stored deadlines, the agenda, the calendar and the assessment."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        pid = sv.add_person(s, org, PERSON, ACTOR).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2025-11-03",
                             "granted_by": "change", "expires_on": "2026-11-03"}, ACTOR, date(2025, 11, 3))
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACTOR, date(2026, 11, 4))
        sv.file_application(s, app.id, date(2026, 11, 4), ACTOR, date(2026, 11, 4))
    _states_agree(tdb, pid, [date(2026, 11, 4), date(2026, 11, 20), date(2027, 1, 3), date(2027, 1, 4)])
    with db.transaction(tdb.engine) as s:
        facts = sv.facts_for_person(s, pid)
        on = date(2026, 11, 20)
        ends = [i.deadline.date for i in sv.person_deadlines(s, pid, on) if i.deadline.kind == "special_period_end"]
    assert ends == [date(2027, 1, 3)]
    assert holds_status_on(facts, on, catalogue(on)).holds is True
    options = assess(facts, on).to_json()["options"]
    assert {o["procedure"] for o in options}.isdisjoint({"special_permission", "departure_order"})


def test_a_closed_filing_window_is_not_shown_open(tdb: DBHandle) -> None:
    """A student's stay ends 2026-05-03 (Constitution Day; the last filing day rolls to Thursday 05-07). The
    window opened about 3 months before (2026-02-03) and closed with the last filing day: on 2026-06-01 the
    person page no longer shows it 'open' (the calendar drops it); the end of the stay stays 'passed' and the
    missed filing 'overdue'."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        pid = sv.add_person(s, org, PERSON, ACTOR).id
        sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "granted_on": "2025-05-03",
                             "granted_by": "landing"}, ACTOR, date(2026, 1, 10))
    _states_agree(tdb, pid, [date(2026, 1, 10), date(2026, 3, 1), date(2026, 5, 7), date(2026, 6, 1)])
    with db.transaction(tdb.engine) as s:
        late = {i.deadline.kind: i.state for i in sv.person_deadlines(s, pid, date(2026, 6, 1))}
    assert "earliest_filing_day" not in late
    assert (late["expiry_of_stay"], late["last_filing_day"]) == ("passed", "overdue")


def test_the_new_notifications_and_a_28_february_special_period_are_stored_as_computed(tdb: DBHandle) -> None:
    """Issue 11 through the services, on SQLite and PostgreSQL: an expiry on 2027-02-28 with an extension pending
    (Art. 20(6) with Civil Code Arts. 140, 143: the special period runs to 2027-04-30, the stored deadline shows the
    earlier same-day 04-28 to act by, law.md §12); a change of name (Art. 19-10(1): 14 days, 2027-03-02 → 03-16);
    a card lost abroad and the return (Art. 19-12(1): 14 days from the return 2027-03-05 → 03-19); the employer's
    new address (Art. 19-16(ii): 14 days, 2027-03-08 → 03-22)."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        pid = sv.add_person(s, org, PERSON, ACTOR).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2026-02-28",
                             "granted_by": "change"}, ACTOR, date(2026, 2, 28))
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACTOR, date(2027, 2, 15))
        sv.file_application(s, app.id, date(2027, 2, 15), ACTOR, date(2027, 2, 15))
        for kind, on in (("personal_details_changed", date(2027, 3, 2)), ("departed", date(2027, 2, 20)),
                         ("card_lost_abroad", date(2027, 2, 25)), ("returned", date(2027, 3, 5)),
                         ("organization_relocated", date(2027, 3, 8))):
            sv.add_event(s, pid, {"kind": kind, "on": on.isoformat()}, ACTOR, on)
    _states_agree(tdb, pid, [date(2027, 3, 9), date(2027, 4, 29), date(2027, 5, 1)])
    with db.transaction(tdb.engine) as s:
        rows = {(i.deadline.kind, i.deadline.topic): i.deadline.date
                for i in sv.person_deadlines(s, pid, date(2027, 3, 9))}
        facts = sv.facts_for_person(s, pid)
    assert rows[("special_period_end", "extension_of_stay")] == date(2027, 4, 28)
    assert rows[("notification", "personal_details")] == date(2027, 3, 16)
    assert rows[("notification", "lost_card")] == date(2027, 3, 19)
    assert rows[("notification", "organization")] == date(2027, 3, 22)
    assert holds_status_on(facts, date(2027, 4, 30), catalogue(date(2027, 4, 30))).holds is True


def test_a_permit_extended_abroad_moves_the_stored_re_entry_deadline(tdb: DBHandle) -> None:
    """A permanent resident left on a re-entry permit valid to 2026-03-31 (the 'departed' event's until); a
    Japanese consulate extended it abroad to 2027-03-15 (Art. 26(5), law.md §2.7: up to 1 year at a time): the
    stored deadline to be back moves to 2027-03-15 and the person still holds the status on 2026-06-01."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        pid = sv.add_person(s, org, PERSON, ACTOR).id
        sv.add_stay(s, pid, {"status": "permanent_resident", "granted_on": "2015-01-10",
                             "granted_by": "permanent_residence"}, ACTOR, date(2021, 4, 1))
        sv.add_event(s, pid, {"kind": "departed", "on": "2021-04-10", "until": "2026-03-31"}, ACTOR, date(2021, 4, 10))
        sv.add_event(s, pid, {"kind": "re_entry_permit_extended", "on": "2026-03-01", "until": "2027-03-15"}, ACTOR,
                     date(2026, 3, 1))
    _states_agree(tdb, pid, [date(2026, 3, 2), date(2026, 6, 1)])
    with db.transaction(tdb.engine) as s:
        (back,) = [i.deadline for i in sv.person_deadlines(s, pid, date(2026, 6, 1))
                   if i.deadline.kind == "re_entry_deadline"]
        facts = sv.facts_for_person(s, pid)
    assert back.date == date(2027, 3, 15)
    assert holds_status_on(facts, date(2026, 6, 1), catalogue(date(2026, 6, 1))).holds is True
