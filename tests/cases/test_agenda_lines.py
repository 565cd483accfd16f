"""The agenda's lines as read for a large office (columns from the index, long parts read on first use):
what a user sees must not depend on whether the whole agenda or a page of it was asked for."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zairyu.cases import db
from zairyu.cases import services as sv

from .conftest import ACTOR, ON, DBHandle

PEOPLE = [("Over", "temporary_visitor", "P90D", "2026-07-01", None),  # stay over: overdue and passed lines
          ("Soon", "student", "P1Y", "2025-12-01", 10), ("Mid", "student", "P1Y", "2025-12-20", 20),
          ("Late", "engineer_humanities_intl", "P1Y", "2026-01-10", 28)]


def _office(tdb: DBHandle) -> int:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Agenda office", ACTOR).id
        for name, status, period, granted, days in PEOPLE:
            pid = sv.add_person(s, org, {"family_name": name, "given_name": "Test", "nationality": "VN"}, ACTOR).id
            stay = {"status": status, "period": period, "granted_on": granted}
            if days is not None:
                stay["expires_on"] = (ON + timedelta(days=days)).isoformat()
            sv.add_stay(s, pid, stay, ACTOR, ON)
    return org


def test_pages_are_slices_of_the_whole_agenda(tdb: DBHandle) -> None:
    org = _office(tdb)
    with db.transaction(tdb.engine) as s:
        whole = [i.to_json() for i in sv.agenda(s, org, ON, 30)]
        pages = [[i.to_json() for i in sv.agenda(s, org, ON, 30, limit=3, offset=o)] for o in range(0, len(whole), 3)]
    assert len(whole) >= 8 and whole[0]["state"] == "overdue"
    assert [line for page in pages for line in page] == whole
    over = [i for i, line in enumerate(whole) if line["overdue"]]
    assert over == list(range(len(over)))  # overdue first
    rest = [line["date"] for line in whole[len(over):]]
    assert rest == sorted(rest)  # then by date


def test_agenda_lines_show_what_the_stored_deadlines_say(tdb: DBHandle) -> None:
    org = _office(tdb)
    with db.transaction(tdb.engine) as s:
        lines = sv.agenda(s, org, ON, 30)
        stored = {(d.person_id, d.kind, d.topic, d.date): d for i in lines for d in sv.deadlines_of(s, i.person.id)}
        for i in lines:
            d = stored[(i.person.id, i.deadline.kind, i.deadline.topic, i.deadline.date)]
            assert i.deadline.legal_basis == d.legal_basis and d.legal_basis
            assert i.deadline.trace == d.trace and d.trace
            assert [i.deadline.explanation(lang) for lang in ("ja", "en", "ru", "uk")] == [
                d.explanation(lang) for lang in ("ja", "en", "ru", "uk")]
            assert i.person.display_name == sv.get_person(s, i.person.id).display_name
        untraced = sv.agenda(s, org, ON, 30, with_trace=False)
        assert [i.to_json() for i in untraced] == [{k: v for k, v in i.to_json().items() if k != "trace"}
                                                  for i in lines]
        assert all("trace" in i.to_json() for i in lines)


def test_a_line_recomputed_before_it_is_shown_asks_for_a_reload(tdb: DBHandle) -> None:
    org = _office(tdb)
    with db.transaction(tdb.engine) as s:
        lines = sv.agenda(s, org, ON, 30)
        sv.recompute_deadlines(s, lines[0].person.id, ON)  # as another user's recompute would, between two reads
        with pytest.raises(sv.StaleRecordError, match="reload"):
            lines[0].to_json()


def test_agenda_line_columns_and_states_match_the_stored_deadlines(tdb: DBHandle) -> None:
    """The agenda reads its lines straight from the driver (SQLite gives dates as text and booleans as 0/1):
    each line must still carry real dates and booleans, and the state a person's own page shows."""
    org = _office(tdb)
    cols = ("id", "person_id", "kind", "topic", "date", "filing_date", "when_past", "risk", "fact_status",
            "computed_for")
    with db.transaction(tdb.engine) as s:
        lines = sv.agenda(s, org, ON, 30)
        assert {i.state for i in lines} >= {"overdue", "upcoming"}
        for i in lines:
            d = next(d for d in sv.deadlines_of(s, i.person.id) if d.id == i.deadline.id)
            assert tuple(getattr(i.deadline, c) for c in cols) == tuple(getattr(d, c) for c in cols)
            assert type(i.deadline.date) is type(d.date) and type(i.deadline.computed_for) is type(d.computed_for)
            assert type(i.deadline.risk) is bool
            assert i.state == sv.state_on(d, ON)
            assert i.person.display_name == sv.get_person(s, i.person.id).display_name
            # what `zairyu agenda --json` prints for the line is what the person's own page prints for it
            assert i.to_json() == sv.AgendaItem(d, sv.get_person(s, i.person.id), i.state).to_json()
        one = lines[-1].person.id
        assert [i.deadline.id for i in sv.agenda(s, org, ON, 30, person_id=one)] == [
            i.deadline.id for i in lines if i.person.id == one]


def test_each_agenda_line_is_one_object_with_its_person_and_state(tdb: DBHandle) -> None:
    """An agenda line carries its deadline's columns, its state and its person itself (``deadline`` is the
    line): what the agenda page, the calendar feed and the API read from it, and one person object is shared
    by all of a person's lines."""
    org = _office(tdb)
    with db.transaction(tdb.engine) as s:
        lines = sv.agenda(s, org, ON, 30)
        by_person: dict[int, object] = {}
        for i in lines:
            assert i.deadline is i and i.person_id == i.person.id
            assert i.overdue == (i.state == "overdue")
            assert by_person.setdefault(i.person.id, i.person) is i.person
            assert i.to_json()["person"]["name"] == i.person.display_name
        assert len(by_person) == len(PEOPLE)


def test_the_agenda_lists_exactly_what_is_due_or_gone_by_overdue_first(tdb: DBHandle) -> None:
    """The agenda of the next ``days`` is every stored deadline whose day to act is within them, plus the
    overdue and passed ones whose day to act has gone by; overdue first, then by date, person and kind —
    whether read whole or a page at a time (the overdue and passed lines are read in one query)."""
    org = _office(tdb)
    for on, days in ((ON, 30), (ON + timedelta(days=20), 10), (ON - timedelta(days=200), 400)):
        with db.transaction(tdb.engine) as s:
            expected = []
            for p in sv.list_people(s, org):
                for i in sv.person_deadlines(s, p.id, on):
                    d = i.deadline
                    act = d.filing_date or d.date
                    if (act >= on and d.date <= on + timedelta(days=days)) or (
                            act < on and d.when_past in ("overdue", "passed")):
                        expected.append((i.state != "overdue", d.date, d.person_id, d.kind, d.id, i.state))
            expected.sort()
            got = [(i.state != "overdue", i.date, i.person_id, i.kind, i.id, i.state)
                   for i in sv.agenda(s, org, on, days)]
            assert got == expected and got
            paged = [(i.id, i.state) for o in range(0, len(got), 2) for i in sv.agenda(s, org, on, days, limit=2,
                                                                                          offset=o)]
            assert paged == [(g[4], g[5]) for g in got]
