"""An office's decided application proposed to the shared register: consent required, anonymised (no name,
card number, birth date, address or free text; the month only), refused while it would be the only record of
the office sharing nationality, month and statuses, approved by a second person before it appears."""

from __future__ import annotations

import json
from datetime import date

from tests.web.conftest import TODAY, Office

from zairyu.cases import db
from zairyu.cases import services as sv

ACT = sv.Actor("test")
SECRETS = ("Sokolova", "Kuznetsova", "Anna", "AB12345678CD", "1995-04-03", "Chiba-shi 1-2-3", "met the officer")


def _decided(office: Office, who: str) -> int:
    """A change of status to Student, filed 2026-10-10, granted 2026-11-20 for one year, card AB12345678CD."""
    with db.transaction(db.get_engine(office.settings.db_url)) as s:
        pid = office.ids[who]
        sv.edit_person(s, pid, {"birth_date": date(1995, 4, 3), "address": "Chiba-shi 1-2-3",
                                "extra_facts": {"circumstances": {"grounds": ["mobilisation"]}}}, ACT, TODAY)
        app_id = office.ids["anna_app"] if who == "anna" else sv.add_application(
            s, pid, {"procedure": "change_of_status", "target_status": "student", "notes": "met the officer"},
            ACT, TODAY).id
        sv.move_application(s, app_id, "prepared", ACT, TODAY)
        sv.file_application(s, app_id, date(2026, 10, 10), ACT, TODAY)
        sv.decide_application(s, app_id, "granted", date(2026, 11, 20), ACT, TODAY, new_period="P1Y",
                              new_expires_on=date(2027, 11, 20), card_number="AB12345678CD")
        return app_id


def test_propose_anonymise_wait_for_a_second_case_and_a_second_person(fresh_office: Office) -> None:
    anna_app = _decided(fresh_office, "anna")
    cw, admin = fresh_office.client("caseworker"), fresh_office.client("admin")
    url = f"/api/v1/applications/{anna_app}/precedent-proposal"
    # the client's consent is required
    r = cw.post(url, json={"consent": False, "consent_on": "2026-11-24"})
    assert r.status_code in (400, 422) and "consent" in r.text
    assert fresh_office.client("client").post(url, json={"consent": True, "consent_on": "2026-11-24"}) \
        .status_code == 403
    r = cw.post(url, json={"consent": True, "consent_on": "2026-11-24"})
    assert r.status_code == 201, r.text
    first = r.json()
    rec = first["record"]
    text = json.dumps(rec, ensure_ascii=False)
    assert not [x for x in SECRETS if x in text], text  # nothing that names or locates the client
    assert rec["date"] == "2026-11" and rec["kind"] == "office_report"  # the month only
    assert rec["from_status"] == "temporary_visitor" and rec["to_status"] == "student"
    assert rec["nationality"] == ["RU"] and rec["circumstances"] == ["mobilisation"]
    assert rec["outcome"] == "granted" and rec["period_granted"] == "P1Y"
    assert rec["summary_ru"] and rec["summary_uk"] and rec["summary_ja"]
    # alone: RU, 2026-11, Temporary Visitor → Student is this office's only such case
    assert "only record" in first["waiting"]
    r = admin.post(f"/api/v1/precedents/proposals/{first['id']}/approve")
    assert r.status_code in (400, 422) and "only record" in r.text
    assert cw.post(url, json={"consent": True, "consent_on": "2026-11-24"}).status_code in (400, 422)  # once
    # a second such case of the office: both may be approved now
    maria_app = _decided(fresh_office, "maria")
    second = cw.post(f"/api/v1/applications/{maria_app}/precedent-proposal",
                     json={"consent": True, "consent_on": "2026-11-25"}).json()
    assert second["waiting"] is None
    # the proposer cannot approve; another person can
    r = cw.post(f"/api/v1/precedents/proposals/{first['id']}/approve")
    assert r.status_code in (400, 422) and "second person" in r.text
    assert fresh_office.client("client").get(f"/api/v1/precedents/{first['code']}").status_code == 404
    r = admin.post(f"/api/v1/precedents/proposals/{first['id']}/approve")
    assert r.status_code == 201, r.text
    shown = fresh_office.client("client").get(f"/api/v1/precedents/{first['code']}")
    assert shown.status_code == 200 and shown.json()["date"] == "2026-11"
    listed = cw.get("/api/v1/precedents/proposals").json()["proposals"]
    assert {p["id"]: p["state"] for p in listed} == {first["id"]: "approved", second["id"]: "proposed"}


def test_proposal_pages(fresh_office: Office) -> None:
    anna_app = _decided(fresh_office, "anna")
    cw = fresh_office.browser("caseworker")
    page = cw.get(f"/applications/{anna_app}", params={"lang": "en"})
    assert "Propose to the register" in page.text
    r = cw.post(f"/applications/{anna_app}/propose", data={"consent_on": "2026-11-24",
                                                          "csrf_token": cw.cookies.get("zairyu_csrf")})
    assert r.status_code in (400, 422) and "consent" in r.text  # the box not ticked
    r = cw.post(f"/applications/{anna_app}/propose", data={"consent": "yes", "consent_on": "2026-11-24",
                                                          "csrf_token": cw.cookies.get("zairyu_csrf")},
                follow_redirects=False)
    assert r.status_code == 303
    listing = cw.get("/precedents/proposals", params={"lang": "en"})
    assert "only record" in listing.text and "Approve" not in listing.text
