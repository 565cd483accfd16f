"""/api/v1/precedents: search with facets, one record, add (admin and caseworker); clients see only the public
register; the assessment of posted facts and of a person carries the precedents."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml
from tests.web.conftest import Office

from zairyu.cases import db
from zairyu.cases.services import Actor
from zairyu.precedents import store
from zairyu.precedents.register import dataset_text, packaged_register

ROOT = Path(__file__).resolve().parents[2]
FACTS = json.loads((ROOT / "examples" / "facts" / "motivating_case_2023-01.json").read_text())
TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"


def _load(office: Office) -> None:
    with db.transaction(db.get_engine(office.settings.db_url)) as s:
        store.load_records(s, packaged_register().records, Actor("test"))


def test_search_show_and_facets(fresh_office: Office) -> None:
    _load(fresh_office)
    c = fresh_office.client("client")
    r = c.get("/api/v1/precedents", params={"q": "留学"})
    assert r.status_code == 200 and [x["id"] for x in r.json()["results"]] == [TOKYO]
    r = c.get("/api/v1/precedents", params={"procedure": "refugee_recognition", "kind": "statistic",
                                            "sort": "date"})
    body = r.json()
    assert body["total"] == 4 and body["facets"]["kind"] == {"statistic": 4}
    assert c.get(f"/api/v1/precedents/{TOKYO}").json()["version"] == 1
    bad = c.get("/api/v1/precedents", params={"outcome": "maybe"})
    assert bad.status_code in (400, 422) and "outcome" in bad.text


def test_add_is_for_the_office_and_private_records_stay_in_it(fresh_office: Office) -> None:
    good = yaml.safe_load(dataset_text())[0]
    rec = {**copy.deepcopy(good), "id": "ru-2026-10-office-own-record"}
    assert fresh_office.client("client").post("/api/v1/precedents", json=rec).status_code == 403
    bad = fresh_office.client("caseworker").post("/api/v1/precedents", json={**rec, "procedure": "wishing"})
    assert bad.status_code in (400, 422) and "procedure" in bad.text
    r = fresh_office.client("caseworker").post("/api/v1/precedents", params={"private": "true"}, json=rec)
    assert r.status_code == 201, r.text
    assert fresh_office.client("admin").get(f"/api/v1/precedents/{rec['id']}").status_code == 200
    assert fresh_office.client("client").get(f"/api/v1/precedents/{rec['id']}").status_code == 404


def test_assessment_of_posted_facts_carries_precedents(office: Office) -> None:
    r = office.client("client").post("/api/v1/assess", params={"on": "2023-09-01"}, json=FACTS)
    assert r.status_code == 200, r.text
    change = next(o for o in r.json()["options"] if o["procedure"] == "change_of_status")
    assert change["precedents"]["similar"][0]["id"] == TOKYO
    r = office.client("client").post("/api/v1/assess", params={"on": "2023-01-20"}, json=FACTS)
    change = next(o for o in r.json()["options"] if o["procedure"] == "change_of_status")
    assert change["precedents"]["similar"] == []


def test_a_persons_assessment_uses_the_office_register(fresh_office: Office) -> None:
    good = yaml.safe_load(dataset_text())[0]
    with db.transaction(db.get_engine(fresh_office.settings.db_url)) as s:
        store.add_precedent(s, {**good, "id": "ru-2026-10-office-only-record", "date": "2026-10-20",
                                "reported_on": "2026-10-21", "procedure": "refugee_recognition",
                                "to_status": "long_term_resident"}, Actor("test"))
    r = fresh_office.client("caseworker").get(f"/api/v1/people/{fresh_office.ids['anna']}/assessment",
                                              params={"on": "2026-11-25"})
    assert r.status_code == 200, r.text
    refugee = next(o for o in r.json()["options"] if o["procedure"] == "refugee_recognition")
    # the database holds one record: the packaged dataset's are not mixed in
    assert [s["id"] for s in refugee["precedents"]["similar"]] == ["ru-2026-10-office-only-record"]
