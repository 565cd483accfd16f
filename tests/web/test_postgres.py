"""The web app on PostgreSQL (the server scripts/test.sh starts): the same office, the same answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.cases.conftest import create_pg_database, drop_pg_database
from tests.web.conftest import Office, build_office

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    url = create_pg_database("web")
    try:
        yield build_office(tmp_path_factory.mktemp("pgoffice"), url)
    finally:
        drop_pg_database(url)


def test_visibility_on_postgres(pg_office: Office) -> None:
    ids = pg_office.ids
    sup = pg_office.client("supporter")
    assert {p["family_name"] for p in sup.get("/api/v1/people").json()["people"]} == {"Sokolova"}
    assert sup.get(f"/api/v1/people/{ids['ivan']}").status_code == 404
    assert pg_office.client("caseworker").get(f"/api/v1/people/{ids['foreign']}").status_code == 404
    assert pg_office.client("client").post(f"/api/v1/people/{ids['anna']}/notes", json={"body": "x"}).status_code == 403


def test_person_to_filed_application_on_postgres(pg_office: Office) -> None:
    c = pg_office.client("caseworker")
    pid = c.post("/api/v1/people", json={"family_name": "Petrenko", "nationality": "UA"}).json()["id"]
    st = c.post(f"/api/v1/people/{pid}/stays", json={"status": "temporary_visitor", "period": "P90D",
                                                     "granted_on": "2026-10-01", "granted_by": "landing"})
    assert st.json()["expires_on"] == "2026-12-30"
    aid = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()["id"]
    r = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                                   "expected_version": 1})
    assert r.status_code == 200 and r.json()["stage"] == "filed"
    kinds = {d["kind"] for d in c.get(f"/api/v1/people/{pid}/deadlines").json()["deadlines"]}
    assert "special_period_end" in kinds
    items = c.get("/api/v1/agenda", params={"days": 60}).json()["items"]
    assert pid in {i["person"]["id"] for i in items}


def test_pages_on_postgres(pg_office: Office) -> None:
    b = pg_office.browser("caseworker")
    assert b.get("/?lang=en").status_code == 200
    assert "SOKOLOVA Anna" in b.get(f"/people/{pg_office.ids['anna']}").text
