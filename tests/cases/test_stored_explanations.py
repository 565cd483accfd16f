"""Derived deadlines are stored as message keys and parameters (migration 0009), never as sentences: each
reader gets the calendar's own words in their language, and a new language needs no migration. Rows
written by an older version are kept readable through the migration and recomputed by `zairyu db upgrade`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv

from .conftest import ACTOR, DBHandle

ON = date(2023, 1, 20)
STAY = {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15", "granted_by": "landing"}


def test_stored_deadlines_keep_keys_and_read_in_every_language(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Test office", ACTOR).id
        pid = sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU"}, ACTOR).id
        sv.add_stay(s, pid, STAY, ACTOR, ON)
    with db.transaction(tdb.engine) as s:
        expected = {d.kind: d for d in compute_deadlines(sv.facts_for_person(s, pid), ON)}
        stored = {d.kind: d for d in sv.deadlines_of(s, pid)}
        lines = {i.to_json()["kind"]: i.to_json() for i in sv.person_deadlines(s, pid, ON)}
        raw = s.execute(sa.text("SELECT explanation, trace FROM deadlines WHERE kind = 'expiry_of_stay'")).one()
    expiry = stored["expiry_of_stay"]
    # what the database holds: keys and parameters (90 days from 2022-11-15 → 2023-02-13), no sentence
    text = raw[0] if isinstance(raw[0], list) else json.loads(raw[0])
    assert [msg["key"] for msg in text] == ["deadline.expiry_of_stay"] and text[0]["params"] == {"exp": "2023-02-13"}
    assert "ends" not in json.dumps(text) and "Срок" not in json.dumps(text)
    for lang in ("ja", "en", "ru", "uk"):
        assert expiry.explanation(lang) == expected["expiry_of_stay"].explanation(lang)
        assert lines["expiry_of_stay"]["explanation"][lang] == expiry.explanation(lang)
    assert expiry.explanation("ru") != expiry.explanation("en") and "2023-02-13" in expiry.explanation("ru")
    assert expiry.trace_lines("en") == expected["expiry_of_stay"].trace_lines("en")
    assert expiry.trace_lines("uk") != expiry.trace_lines("en")


def test_migration_0009_keeps_old_sentences_readable_until_the_upgrade_recomputes(tmp_path: Path) -> None:
    """A database at revision 0008 with a deadline stored as four sentences and an English trace: the
    migration keeps every language's sentence and trace line, and marks the row for recomputing."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = db.get_engine(url)
    try:
        db.upgrade(engine, "0008")
        with engine.begin() as c:
            c.execute(sa.text("INSERT INTO organisations (id, name, created_at, version) "
                              "VALUES (1, 'o', '2023-01-01', 1)"))
            c.execute(sa.text("INSERT INTO people (id, organisation_id, family_name, version, created_at, updated_at)"
                              " VALUES (1, 1, 'Sokolova', 1, '2023-01-01', '2023-01-01')"))
            c.execute(sa.text(
                "INSERT INTO deadlines (person_id, organisation_id, kind, date, legal_basis, explanation_ja, "
                "explanation_en, explanation_ru, explanation_uk, trace, risk, fact_status, computed_at, "
                "computed_for, computed_by, state, when_past) VALUES (1, 1, 'expiry_of_stay', '2023-02-13', '[]', "
                "'在留期間は2023-02-13に満了します', 'Your stay ends on 2023-02-13.', "
                "'Срок заканчивается 2023-02-13.', NULL, '[\"old line\"]', 0, 'law', '2023-01-20 00:00:00', "
                "'2023-01-20', 'v-old', 'upcoming', 'passed')"))
        db.upgrade(engine)
        with db.transaction(engine) as s:
            d = s.scalars(sa.select(m.Deadline)).one()
            assert d.explanation("ja") == "在留期間は2023-02-13に満了します"
            assert d.explanation("ru") == "Срок заканчивается 2023-02-13."
            assert d.explanation("uk") == "Your stay ends on 2023-02-13."  # it had none: English, as before
            assert d.trace_lines("ru") == ["old line"] and d.computed_by is None
            assert sv.stale_people(s) == [1]
    finally:
        db.dispose_engine(url)


def test_down_to_0008_and_up_again_keeps_every_record(tmp_path: Path) -> None:
    """An office taken back to revision 0008 (to run an older zairyu) and upgraded again keeps its people, stays
    and deadlines: the SQLite table rebuilds of 0010 and 0009 cascade to nothing; after 0008 the deadlines hold
    their four sentences, after the upgrade messages again, recomputed by `zairyu db upgrade`'s recompute."""
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    engine = db.get_engine(url)
    try:
        db.upgrade(engine)
        with db.transaction(engine) as s:
            org = sv.create_organisation(s, "Office", ACTOR).id
            pid = sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU"}, ACTOR).id
            sv.add_stay(s, pid, STAY, ACTOR, ON)
            english = {d.kind: d.explanation("en") for d in sv.deadlines_of(s, pid)}
        assert db.downgrade(engine, "0008") == (db.head_revision(), "0008")
        with engine.connect() as c:
            assert c.scalar(sa.text("SELECT count(*) FROM stays")) == 1
            old = dict(c.execute(sa.text("SELECT kind, explanation_en FROM deadlines")).all())
        assert old == english
        db.upgrade(engine)
        with db.transaction(engine) as s:
            assert sv.stale_people(s) == [pid]
            sv.recompute_many(s, sv.stale_people(s), ON)
        with db.transaction(engine) as s:
            assert {d.kind: d.explanation("en") for d in sv.deadlines_of(s, pid)} == english
            assert sv.stale_people(s) == [] and len(sv.stays_of(s, pid)) == 1
    finally:
        db.dispose_engine(url)
