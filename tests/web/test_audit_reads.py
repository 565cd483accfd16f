"""Accountability (issue 12, finding 7): a read of a person, a document download and feed changes are recorded in
the audit timeline (who, when, what), and the chain still verifies."""

from __future__ import annotations

from sqlalchemy import select

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases.services.audit import verify_chain

from .conftest import Office


def _entries(office: Office, action: str) -> list[m.TimelineEntry]:
    with db.transaction(db.get_engine(office.settings.db_url)) as s:
        return list(s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.action == action)
                              .order_by(m.TimelineEntry.id)))


def test_reads_downloads_and_feed_changes_are_recorded(fresh_office: Office) -> None:
    o = fresh_office
    anna = o.ids["anna"]
    assert o.client("caseworker").get(f"/api/v1/people/{anna}").status_code == 200
    reads = _entries(o, "read")
    assert [(e.actor, e.entity, e.entity_id, e.person_id) for e in reads] == [
        ("caseworker@office.example", "people", anna, anna)]
    assert reads[0].at is not None
    page = o.browser("supporter").get(f"/people/{anna}")
    assert page.status_code == 200
    assert [e.actor for e in _entries(o, "read")][-1] == "supporter@office.example"
    r = o.client("client").get(f"/api/v1/documents/{o.ids['anna_doc']}/download")
    assert r.status_code == 200
    dl = _entries(o, "download")
    assert [(e.actor, e.entity_id, e.after) for e in dl] == [
        ("client@office.example", o.ids["anna_doc"], {"filename": "letter.pdf"})]
    c = o.client("caseworker")
    r = c.post("/api/v1/calendar/tokens", json={"person_id": anna})
    assert r.status_code == 201, r.text
    tid = c.get("/api/v1/calendar/tokens").json()["tokens"][0]["id"]
    assert c.delete(f"/api/v1/calendar/tokens/{tid}").status_code == 204
    assert [e.person_id for e in _entries(o, "feed_created")] == [anna]
    assert [e.entity_id for e in _entries(o, "feed_revoked")] == [tid]
    with db.transaction(db.get_engine(o.settings.db_url)) as s:
        assert verify_chain(s).problems == []
