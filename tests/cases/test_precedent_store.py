"""The precedent register in the database, on SQLite and PostgreSQL: loading is idempotent, an edit keeps the
previous version and is in the timeline, bad input stores nothing, and search (two-character Japanese terms
included) and facets answer the same on both databases."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from tests.cases.conftest import ACTOR, DBHandle, create_pg_database, drop_pg_database

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.errors import InvalidInputError
from zairyu.precedents import store
from zairyu.precedents.register import dataset_text, packaged_register

TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"


def _load(engine: Any) -> None:
    with db.transaction(engine) as s:
        store.load_records(s, packaged_register().records, ACTOR)


def test_load_twice_changes_nothing(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        assert store.load_records(s, packaged_register().records, ACTOR) == {"added": 44, "updated": 0,
                                                                            "unchanged": 0}
    with db.transaction(tdb.engine) as s:
        assert store.load_records(s, packaged_register().records, ACTOR) == {"added": 0, "updated": 0,
                                                                            "unchanged": 44}
        assert store.count_precedents(s) == 44


def test_edit_keeps_the_previous_version_and_is_in_the_timeline(tdb: DBHandle) -> None:
    _load(tdb.engine)
    with db.transaction(tdb.engine) as s:
        p, version = store.get_precedent(s, TOKYO)
        changed = {**p.to_json(), "summary_ru": "Две россиянки сменили статус на «Студент» (мобилизация)."}
        store.edit_precedent(s, TOKYO, changed, ACTOR, expected_version=version)
    with db.transaction(tdb.engine) as s:
        p2, v2 = store.get_precedent(s, TOKYO)
        assert v2 == version + 1 and p2.summary("ru") == ("ru", changed["summary_ru"])
        vs = store.versions_of(s, TOKYO)
        assert [v.version for v in vs] == [1, 2] and "summary_ru" not in (vs[0].data.get("summary_ru") or "")
        entries = s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.entity == "precedents")
                            .order_by(m.TimelineEntry.id)).all()
        last = entries[-1]
        assert last.action == "update" and last.actor == ACTOR.name
        assert last.before is not None and last.after is not None
        assert last.after["data"]["summary_ru"] and not last.before["data"].get("summary_ru")
        # the Russian summary is searchable at once
        assert [x.id for x, _ in store.search(s, "мобилизация").items] == [TOKYO]


def test_bad_record_is_refused_and_nothing_is_stored(tdb: DBHandle) -> None:
    good = yaml.safe_load(dataset_text())[0]
    bad = copy.deepcopy(good)
    bad["id"] = "ru-2099-bad-record"
    bad["to_status"] = "wizard"
    with pytest.raises(InvalidInputError) as e, db.transaction(tdb.engine) as s:
        store.add_precedent(s, {**good, "id": "ru-2099-good-record"}, ACTOR)
        store.add_precedent(s, bad, ACTOR)
    assert e.value.field == "to_status"
    with db.transaction(tdb.engine) as s:
        assert store.count_precedents(s) == 0
        assert s.scalar(select(func.count()).select_from(m.PrecedentTerm)) == 0


def _answers(engine: Any) -> list[Any]:
    out: list[Any] = []
    with db.transaction(engine) as s:
        for q in ("留学", "永住", "難民", "難民認定", "mobilisation", "Kyodo", "ISA 2023"):
            for sort in ("relevance", "date"):
                r = store.search(s, q, sort=sort, limit=50)  # type: ignore[arg-type]
                out.append((q, sort, r.total, [(p.id, sc) for p, sc in r.items]))
        r = store.search(s, None, {"procedure": ["refugee_recognition"], "nationality": ["MM"]}, sort="date",
                         facet_counts=True)
        out.append((r.total, [p.id for p, _ in r.items], r.facets))
        r = store.search(s, "難民", {"kind": ["court_judgment"], "year": ["2023", "2024"], "tag": ["lgbt"]},
                         facet_counts=True)
        out.append((r.total, [p.id for p, _ in r.items], r.facets))
    return out


def test_search_answers_the_same_on_sqlite_and_postgresql(tmp_path: Path) -> None:
    lite = db.get_engine(f"sqlite:///{tmp_path / 'p.db'}")
    pg_url = create_pg_database("precsame")
    try:
        pg = db.get_engine(pg_url)
        for e in (lite, pg):
            db.upgrade(e)
            _load(e)
        a, b = _answers(lite), _answers(pg)
        assert a == b
        first = {x[0]: x for x in a if isinstance(x[0], str) and x[1] == "relevance"}
        # the 2023 Tokyo decision is the register's one record saying 留学 (its summary_ja: 「留学」への在留資格変更)
        assert [i for i, _ in first["留学"][3]] == [TOKYO]
        assert first["永住"][2] >= 1 and first["難民"][2] >= 20
    finally:
        db.dispose_engine(f"sqlite:///{tmp_path / 'p.db'}")
        drop_pg_database(pg_url)


def test_facets_filter_and_count(tdb: DBHandle) -> None:
    _load(tdb.engine)
    with db.transaction(tdb.engine) as s:
        r = store.search(s, None, {"procedure": ["change_of_status"], "nationality": ["RU"]}, facet_counts=True)
        assert [p.id for p, _ in r.items] == [TOKYO]
        assert r.facets["tag"]["mobilisation"] == 1 and r.facets["year"] == {"2023": 1}
        with pytest.raises(InvalidInputError) as e:
            store.search(s, None, {"colour": ["red"]})
        assert e.value.field == "colour"
