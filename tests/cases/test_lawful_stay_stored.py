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
