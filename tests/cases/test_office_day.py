"""The office's day (issue 13) in the services, on SQLite and PostgreSQL: tasks, the agenda's filters, done and
snooze marks (a snooze never hides a deadline on or after its own date), family links read from both sides.

The legal dates come from the calendar, not from constants: a Temporary Visitor landed on 2026-10-01 for 90 days
has the last day of their period of stay on 2026-12-30 (ICRRA Art. 2-2(3): the period counted from the day after
landing, the first day not counted; the same date as tests/web/test_pages.py). Each test reads the date back
from the stored deadlines and checks that it is that day.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.services.common import StaleRecordError
from zairyu.errors import InvalidInputError, ZairyuError

from .conftest import ACTOR, ON, DBHandle

EXPIRY = date(2026, 12, 30)
"""90 days after landing on 2026-10-01, the first day not counted (ICRRA Art. 2-2(3); Enforcement Regulation
on periods of stay): the day the period of stay ends."""

VISITOR = {"status": "temporary_visitor", "period": "P90D", "granted_on": date(2026, 10, 1), "granted_by": "landing"}


def _office(tdb: DBHandle) -> dict[str, int]:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        ids = {"org": org,
               "ken": sv.add_user(s, org, email="ken@example.org", display_name="Ken", role="caseworker",
                                  actor=ACTOR).id,
               "sup": sv.add_user(s, org, email="sup@example.org", display_name="Sup", role="supporter",
                                  actor=ACTOR).id,
               "anna": sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU"}, ACTOR).id,
               "ivan": sv.add_person(s, org, {"family_name": "Petrov", "nationality": "UA"}, ACTOR).id}
        ids["client"] = sv.add_user(s, org, email="anna@example.org", display_name="Anna", role="client",
                                    actor=ACTOR, person_id=ids["anna"]).id
        for pid in (ids["anna"], ids["ivan"]):
            sv.add_stay(s, pid, VISITOR, ACTOR, ON)
        sv.assign_supporter(s, ids["sup"], ids["anna"], ACTOR)
        sv.assign_person(s, ids["anna"], ids["ken"], ACTOR, organisation_id=org)
    return ids


def _expiry(s: object, pid: int) -> m.Deadline:
    rows = [d for d in sv.deadlines_of(s, pid) if d.kind == "expiry_of_stay"]  # type: ignore[arg-type]
    assert len(rows) == 1 and rows[0].date == EXPIRY, [(d.kind, d.date) for d in rows]
    return rows[0]


def _shown(s: object, org: int, on: date, pid: int, **kw: object) -> list[tuple[str, date]]:
    f = sv.AgendaFilter(person_id=pid, **kw)  # type: ignore[arg-type]
    view = sv.agenda_view(s, org, on, 60, f)  # type: ignore[arg-type]
    return [(x.kind, x.date) for x in view.lines]


def _snooze(tdb: DBHandle, ids: dict[str, int], until: date, today: date = ON) -> int:
    with db.transaction(tdb.engine) as s:
        d = _expiry(s, ids["anna"])
        return sv.mark_deadline(s, ids["org"], ids["anna"], d.kind, d.topic, d.date, "snoozed",
                                sv.Actor("test", ids["ken"]), today, until=until).id


def test_a_snooze_hides_a_deadline_until_its_date_and_never_on_or_after_its_own_day(tdb: DBHandle) -> None:
    ids = _office(tdb)
    # snoozed well past the deadline's own day: the snooze must still give way on 2026-12-30
    _snooze(tdb, ids, until=EXPIRY + timedelta(days=20))
    line = ("expiry_of_stay", EXPIRY)
    with db.transaction(tdb.engine) as s:
        assert line not in _shown(s, ids["org"], ON, ids["anna"])
        assert line not in _shown(s, ids["org"], EXPIRY - timedelta(days=1), ids["anna"])
        assert line in _shown(s, ids["org"], EXPIRY, ids["anna"])  # its own day, whatever the snooze says
        assert line in _shown(s, ids["org"], EXPIRY + timedelta(days=1), ids["anna"])  # and after it
        # the other person's identical deadline was never snoozed
        assert line in _shown(s, ids["org"], ON, ids["ivan"])


def test_a_snooze_ends_on_its_date(tdb: DBHandle) -> None:
    ids = _office(tdb)
    until = ON + timedelta(days=7)
    _snooze(tdb, ids, until=until)
    line = ("expiry_of_stay", EXPIRY)
    with db.transaction(tdb.engine) as s:
        assert line not in _shown(s, ids["org"], until - timedelta(days=1), ids["anna"])
        assert line in _shown(s, ids["org"], until, ids["anna"])


def test_done_hides_a_line_show_done_shows_it_and_undo_brings_it_back(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        d = _expiry(s, ids["anna"])
        mark_id = sv.mark_deadline(s, ids["org"], ids["anna"], d.kind, d.topic, d.date, "done",
                                   sv.Actor("ken", ids["ken"]), ON).id
    line = ("expiry_of_stay", EXPIRY)
    with db.transaction(tdb.engine) as s:
        assert line not in _shown(s, ids["org"], ON, ids["anna"])
        view = sv.agenda_view(s, ids["org"], ON, 60, sv.AgendaFilter(person_id=ids["anna"]))
        assert view.hidden == 1
        shown = sv.agenda_view(s, ids["org"], ON, 60, sv.AgendaFilter(person_id=ids["anna"], show_done=True))
        assert [shown.marks[x.id].mark for x in shown.lines if x.kind == "expiry_of_stay"] == ["done"]
        sv.undo_mark(s, mark_id, sv.Actor("ken", ids["ken"]), organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        assert line in _shown(s, ids["org"], ON, ids["anna"])
        entries = [(e.entity, e.action) for e in sv.timeline_of(s, ids["anna"]) if e.entity == "deadline_marks"]
        assert entries == [("deadline_marks", "create"), ("deadline_marks", "delete")]


def test_a_mark_no_longer_applies_when_the_deadline_is_recomputed_to_another_date(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        d = _expiry(s, ids["anna"])
        sv.mark_deadline(s, ids["org"], ids["anna"], d.kind, d.topic, d.date, "done", ACTOR, ON)
        # a new landing on 2026-11-01 for 90 days: the period ends on 2027-01-30 (ICRRA Art. 2-2(3), the first
        # day not counted), so the marked date is gone
        sv.add_stay(s, ids["anna"], {**VISITOR, "granted_on": date(2026, 11, 1)}, ACTOR, ON)
    with db.transaction(tdb.engine) as s:
        lines = _shown(s, ids["org"], ON, ids["anna"], date_to=date(2027, 2, 28))
        assert ("expiry_of_stay", date(2027, 1, 30)) in lines


def test_the_digest_and_feed_agenda_follow_the_same_rule_and_a_client_sees_every_date(tdb: DBHandle) -> None:
    ids = _office(tdb)
    _snooze(tdb, ids, until=EXPIRY + timedelta(days=5))
    with db.transaction(tdb.engine) as s:
        ken, client = s.get(m.User, ids["ken"]), s.get(m.User, ids["client"])
        before = [(x.person_id, x.kind) for x in sv.user_agenda(s, ken, ON, 60)]
        assert (ids["anna"], "expiry_of_stay") not in before and (ids["ivan"], "expiry_of_stay") in before
        on_day = [(x.person_id, x.kind) for x in sv.user_agenda(s, ken, EXPIRY, 60)]
        assert (ids["anna"], "expiry_of_stay") in on_day
        # the client's own agenda knows nothing of the office's marks
        mine = [x.kind for x in sv.user_agenda(s, client, ON, 60)]
        assert "expiry_of_stay" in mine


def test_marks_refuse_what_cannot_be_meant(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        topic = _expiry(s, ids["anna"]).topic
    cases = [({"mark": "snoozed", "until": ON}, "until"),  # not after today
             ({"mark": "snoozed", "until": None}, "until"),
             ({"mark": "done", "until": ON + timedelta(days=3)}, "until"),
             ({"mark": "forgotten", "until": None}, "mark"),
             ({"mark": "done", "until": None, "date": EXPIRY + timedelta(days=1)}, "date")]  # no such deadline
    for kw, field in cases:
        with pytest.raises(ZairyuError) as e, db.transaction(tdb.engine) as s:
            sv.mark_deadline(s, ids["org"], ids["anna"], "expiry_of_stay", topic, kw.get("date", EXPIRY),
                             str(kw["mark"]), ACTOR, ON, until=kw["until"])  # type: ignore[arg-type]
        assert e.value.field == field, kw
    with db.transaction(tdb.engine) as s:
        assert s.scalars(select(m.DeadlineMark)).first() is None  # nothing half-written


def test_agenda_filters_narrow_by_kind_assignee_and_range(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        org = ids["org"]

        def people(**kw: object) -> set[int]:
            return {x.person_id for x in sv.agenda_view(s, org, ON, 60, sv.AgendaFilter(**kw)).lines}  # type: ignore[arg-type]

        def kinds(**kw: object) -> set[str]:
            return {x.kind for x in sv.agenda_view(s, org, ON, 60, sv.AgendaFilter(**kw)).lines}  # type: ignore[arg-type]

        assert people() == {ids["anna"], ids["ivan"]}
        assert people(assignee=ids["ken"]) == {ids["anna"]}  # Ken handles Anna
        assert people(assignee=sv.UNASSIGNED) == {ids["ivan"]}
        assert kinds(kinds=("expiry_of_stay",)) == {"expiry_of_stay"}
        assert people(date_from=EXPIRY + timedelta(days=1)) == set()
        assert people(date_to=EXPIRY - timedelta(days=1)) == set()
        assert people(date_from=EXPIRY, date_to=EXPIRY) == {ids["anna"], ids["ivan"]}
        # a supporter's agenda: their assigned people only; a filter narrows within them
        sup = {x.person_id for x in sv.agenda_view(s, org, ON, 60, sv.AgendaFilter(person_id=ids["ivan"]),
                                                   only_assigned_to=ids["sup"]).lines}
        assert sup == set()
        with pytest.raises(InvalidInputError) as e:
            sv.agenda_view(s, org, ON, 60, sv.AgendaFilter(kinds=("holiday",)))
        assert e.value.field == "kind"
        with pytest.raises(InvalidInputError) as e:
            sv.agenda_view(s, org, ON, 60, sv.AgendaFilter(date_from=EXPIRY, date_to=ON))
        assert e.value.field == "to"


def test_tasks_are_set_changed_and_done_with_versions_and_a_timeline(tdb: DBHandle) -> None:
    ids = _office(tdb)
    ken = sv.Actor("ken", ids["ken"])
    with db.transaction(tdb.engine) as s:
        t = sv.add_task(s, ids["org"], "  Call the school  ", ken, person_id=ids["anna"], owner_id=ids["ken"],
                        due_on=ON + timedelta(days=2))
        tid, v = t.id, t.version
        assert t.title == "Call the school"
    with db.transaction(tdb.engine) as s:
        sv.update_task(s, tid, ken, organisation_id=ids["org"], expected_version=v, owner_id=ids["sup"],
                       due_on=ON - timedelta(days=1))
    with pytest.raises(StaleRecordError), db.transaction(tdb.engine) as s:
        sv.complete_task(s, tid, ken, expected_version=v, organisation_id=ids["org"])  # the old version
    with db.transaction(tdb.engine) as s:
        assert [x.id for x in sv.list_tasks(s, ids["org"], due_by=ON - timedelta(days=1))] == [tid]  # overdue
        assert [x.id for x in sv.list_tasks(s, ids["org"], owner_id=ids["sup"])] == [tid]
        assert [x.id for x in sv.list_tasks(s, ids["org"], only_assigned_to=ids["sup"])] == [tid]
        sv.complete_task(s, tid, ken, expected_version=v + 1, organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        assert sv.list_tasks(s, ids["org"]) == []
        assert [x.done for x in sv.list_tasks(s, ids["org"], include_done=True)] == [True]
        acts = [e.action for e in sv.timeline_of(s, ids["anna"]) if e.entity == "tasks"]
        assert acts == ["create", "update", "update"]


@pytest.mark.parametrize(("kw", "field"), [({"title": " "}, "title"), ({"title": "x" * 301}, "title"),
                                           ({"owner": "client"}, "owner_id"), ({"app": "other"}, "application_id")])
def test_a_task_refuses_bad_input_naming_the_field(tdb: DBHandle, kw: dict[str, str], field: str) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        other_app = sv.add_application(s, ids["ivan"], {"procedure": "extension_of_stay"}, ACTOR, ON).id
    with pytest.raises(InvalidInputError) as e, db.transaction(tdb.engine) as s:
        sv.add_task(s, ids["org"], kw.get("title", "Call"), ACTOR, person_id=ids["anna"],
                    owner_id=ids[kw["owner"]] if "owner" in kw else None,
                    application_id=other_app if "app" in kw else None)
    assert e.value.field == field


def test_family_links_read_from_both_sides_and_are_not_doubled(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        sv.link_family(s, ids["anna"], ids["ivan"], "child", ACTOR, ON)  # Ivan is Anna's child
    with db.transaction(tdb.engine) as s:
        assert [(o.id, r) for _, o, r in sv.family_of(s, ids["anna"])] == [(ids["ivan"], "child")]
        assert [(o.id, r) for _, o, r in sv.family_of(s, ids["ivan"])] == [(ids["anna"], "parent")]
    with pytest.raises(InvalidInputError) as e, db.transaction(tdb.engine) as s:
        sv.link_family(s, ids["ivan"], ids["anna"], "parent", ACTOR, ON)  # the same link, the other way
    assert e.value.field == "related_person_id"


def test_the_daily_digest_leaves_out_a_snoozed_line_until_its_day(tdb: DBHandle) -> None:
    from zairyu.cases.services.reminders import digest
    from zairyu.glossary import term

    ids = _office(tdb)
    _snooze(tdb, ids, until=EXPIRY + timedelta(days=3))
    with db.transaction(tdb.engine) as s:
        ken = s.get(m.User, ids["ken"])
        early = digest(s, ken, EXPIRY - timedelta(days=10), days=14)
        on_day = digest(s, ken, EXPIRY, days=14)
        assert early is not None and on_day is not None
        expiry = term("deadline", "expiry_of_stay", "ja")
        # Ivan's identical deadline is there all along; Anna's comes back on 2026-12-30 (ICRRA Art. 2-2(3))
        assert f"PETROV：{expiry}" in early.body and f"SOKOLOVA：{expiry}" not in early.body
        assert f"SOKOLOVA：{expiry}" in on_day.body
