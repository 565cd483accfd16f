"""Derived deadlines keep their explanation in all four languages (migration 0006), so a Russian or
Ukrainian reader gets the calendar's own words, not English read back."""

from __future__ import annotations

from datetime import date

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.facts import parse_facts

from .conftest import ACTOR, DBHandle

ON = date(2023, 1, 20)
STAY = {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15", "granted_by": "landing"}


def test_stored_deadlines_carry_the_calendars_russian_and_ukrainian_text(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Test office", ACTOR).id
        pid = sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU"}, ACTOR).id
        sv.add_stay(s, pid, STAY, ACTOR, ON)
    expected = {d.kind: d for d in compute_deadlines(parse_facts({"stay": STAY}), ON)}
    with db.transaction(tdb.engine) as s:
        stored = {d.kind: d for d in sv.deadlines_of(s, pid)}
        lines = {i.to_json()["kind"]: i.to_json() for i in sv.person_deadlines(s, pid, ON)}
    expiry = stored["expiry_of_stay"]
    assert expiry.explanation_ru == expected["expiry_of_stay"].explanation_ru
    assert expiry.explanation_uk == expected["expiry_of_stay"].explanation_uk
    assert expiry.explanation_ru != expiry.explanation_en and "2023-02-13" in expiry.explanation_ru
    assert lines["expiry_of_stay"]["explanation"]["ru"] == expiry.explanation_ru
    assert lines["expiry_of_stay"]["explanation"]["uk"] == expiry.explanation_uk
