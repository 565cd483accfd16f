"""Forms that keep what was typed (issue 13): a value the server refuses shows the same form again, with what was
typed and the reason next to the field in the reader's language (422; 409 for a stale copy), never a separate
error page. The pages call the same services as the API: the field named is the API error's ``field``."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.conftest import Office


def token(c: TestClient) -> str:
    return c.cookies.get("zairyu_csrf") or ""


def field_error(html: str, name: str) -> str:
    m = re.search(rf'<span class="field-error" id="err-{name}" role="alert">([^<]*)</span>', html)
    return m.group(1) if m else ""


def test_thirtieth_of_february_keeps_the_new_person_form(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    r = b.post("/people/new", data={"csrf_token": token(b), "family_name": "Wang", "given_name": "Fang",
                                    "nationality": "中国", "birth_date": "1990-02-30"})
    assert r.status_code == 422
    assert 'id="person-form"' in r.text  # the same form, not the error page
    assert 'value="Wang"' in r.text and 'value="Fang"' in r.text and 'value="中国"' in r.text
    assert "実在する日付" in field_error(r.text, "birth_date")  # the ja catalogue's text for a date field
    # the API names the same field for the same input (one validation)
    api = fresh_office.client("caseworker").post("/api/v1/people", json={"family_name": "Wang",
                                                                         "birth_date": "1990-02-30"})
    assert api.status_code == 422 and api.json()["field"] == "birth_date"
    assert b.get("/api/v1/people?q=Wang", headers={"Authorization": ""}).status_code in (401, 200)


def test_too_long_name_and_expiry_before_grant_keep_the_form_in_russian(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    long = "A" * 201
    r = b.post("/people/new?lang=ru", data={"csrf_token": token(b), "family_name": long, "nationality": "Китай"})
    assert r.status_code == 422 and f'value="{long}"' in r.text
    assert "200" in field_error(r.text, "family_name") and "Фамилия" in field_error(r.text, "family_name")
    r = b.post("/people/new?lang=ru", data={"csrf_token": token(b), "family_name": "Li", "nationality": "China",
                                            "stay_status": "student", "stay_period": "P1Y",
                                            "stay_granted_on": "2026-10-01", "stay_granted_by": "landing",
                                            "stay_expires_on": "2026-09-01"})
    assert r.status_code == 422
    assert "раньше" in field_error(r.text, "stay_expires_on")
    assert 'value="2026-09-01"' in r.text and 'value="student" selected' in r.text
    # nothing half-written: no Li was created
    people = fresh_office.client("caseworker").get("/api/v1/people?q=Li").json()
    assert not [p for p in people["people"] if p["family_name"] == "Li"]


def test_stay_event_and_upload_refusals_stay_on_the_person_page(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["ivan"]
    r = b.post(f"/people/{pid}/stays?lang=en", data={"csrf_token": token(b), "status": "student",
                                                     "granted_on": "2026-10-01", "expires_on": "2026-09-30",
                                                     "card_number": "AB12345678CD"})
    assert r.status_code == 422 and "<details open>" in r.text
    assert "cannot be before the date of grant" in field_error(r.text, "expires_on")
    assert 'value="AB12345678CD"' in r.text
    r = b.post(f"/people/{pid}/events?lang=uk", data={"csrf_token": token(b), "kind": "moved", "on": "2026-02-30",
                                                      "note": "нова адреса"})
    assert r.status_code == 422 and 'value="нова адреса"' in r.text and field_error(r.text, "on")
    r = b.post(f"/people/{pid}/documents?lang=en", data={"csrf_token": token(b)},
               files={"file": ("virus.exe", b"MZ...", "application/x-msdownload")})
    assert r.status_code == 422 and "accepted type" in field_error(r.text, "file")


def test_a_stale_edit_keeps_what_was_typed(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["ivan"]
    data = {"csrf_token": token(b), "version": "1", "family_name": "Petrov", "given_name": "Ivan",
            "nationality": "Украина", "phone": "090-0000-0000"}
    assert b.post(f"/people/{pid}/edit", data=data, follow_redirects=False).status_code == 303
    r = b.post(f"/people/{pid}/edit?lang=en", data={**data, "phone": "080-1111-2222"})
    assert r.status_code == 409 and 'id="edit-form"' in r.text
    assert 'value="080-1111-2222"' in r.text and "Someone else saved this record" in r.text


def test_nationality_by_name_shown_in_the_readers_language(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    r = b.post("/people/new", data={"csrf_token": token(b), "family_name": "Zhang", "nationality": "中国"},
               follow_redirects=False)
    assert r.status_code == 303
    pid = int(r.headers["location"].split("/")[2].split("?")[0])
    # basis: ISO 3166-1 — China is CN (never CH, Switzerland)
    assert fresh_office.client("caseworker").get(f"/api/v1/people/{pid}").json()["nationality"] == "CN"
    assert "中国" in b.get(f"/people/{pid}?lang=ja").text
    assert "Китай" in b.get(f"/people/{pid}?lang=ru").text
    form = b.get("/people/new?lang=en").text
    assert 'maxlength="2"' not in form and '<datalist id="nationality-names">' in form
    assert '<option value="China">' in form


def test_stay_form_offers_the_catalogue_statuses_and_their_periods(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    form = b.get("/people/new?lang=en").text
    # basis: law data — Nursing Care, Professor, Intra-company Transferee are in force in 2026
    for code in ("nursing_care", "professor", "intra_company_transferee", "hsp_1a"):
        assert f'<option value="{code}"' in form, code
    frag = b.get("/forms/stay-options", params={"lang": "en", "prefix": "stay_", "stay_status": "student",
                                                         "stay_granted_on": "2026-10-01"}).text
    # basis: Ordinance App. Table II — Student: 4y3m, 4y, 3y3m, 3y, 2y3m, 2y, 1y3m, 1y, 6m, 3m (law data)
    assert '<option value="P1Y3M"' in frag and "1 year 3 months" in frag
    assert '<select name="stay_period"' in frag and '<input name="stay_period"' not in frag  # a select, not ISO text


def test_another_period_is_chosen_as_numbers_not_iso_text(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["maria"]
    frag = b.get("/forms/stay-options", params={"lang": "en", "prefix": "", "status": "student",
                                                         "granted_on": "2026-10-01"}).text
    # basis: law data — Student since 2021-03-30: a designated period not exceeding 4 years 3 months
    assert "Another period (up to 4 years 3 months)" in frag and 'name="period_m"' in frag
    r = b.post(f"/people/{pid}/stays", data={"csrf_token": token(b), "status": "student", "granted_on": "2026-10-01",
                                             "granted_by": "change", "period": "other", "period_y": "1",
                                             "period_m": "6"}, follow_redirects=False)
    assert r.status_code == 303
    stays = fresh_office.client("caseworker").get(f"/api/v1/people/{pid}/stays").json()
    assert any(s["period"] == "P1Y6M" for s in (stays["stays"] if isinstance(stays, dict) else stays))


def test_a_decision_dated_tomorrow_keeps_the_decision_form(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    aid = fresh_office.ids["anna_app"]
    c = fresh_office.client("caseworker")
    a = c.get(f"/api/v1/applications/{aid}").json()
    a = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                               "expected_version": a["version"]}).json()
    # basis: the test server's today is 2026-11-25 (tests/web/conftest.py); a decision of 2026-11-26 is refused
    r = b.post(f"/applications/{aid}?lang=ru".replace("?lang=ru", "/transition?lang=ru"),
               data={"csrf_token": token(b), "to": "decided", "expected_version": str(a["version"]),
                     "date": "2026-11-26", "decision": "granted", "new_period": "P1Y"})
    assert r.status_code == 422
    assert 'value="2026-11-26"' in r.text and "не позже сегодняшнего дня" in r.text
    assert '<option value="P1Y" selected>' in r.text
    assert c.get(f"/api/v1/applications/{aid}").json()["stage"] == "filed"


def test_the_client_sees_what_is_pending_and_the_special_period_in_russian(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    aid, pid = fresh_office.ids["anna_app"], fresh_office.ids["anna"]
    a = c.get(f"/api/v1/applications/{aid}").json()
    assert c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                                  "expected_version": a["version"]}).status_code == 200
    b = fresh_office.browser("client")  # Anna, language ru
    page = re.sub(r"\s+", " ", b.get(f"/people/{pid}").text)  # Russian dates hold no-break spaces
    assert "Что ожидает решения" in page
    # basis: ICRRA Art. 20(6), Civil Code Arts. 140/143 — Temporary Visitor P90D from 2026-10-01 expires
    # 2026-12-30; filed before it, the special period ends two months after: 2027-02-28
    assert "не позднее 28 февраля 2027 г." in page
    assert "Закон об иммиграционном контроле, ст. 20(6)" in page
    for internal in ("first meeting", "cli:", "UTC", "conduct.", "ICRRA"):
        assert internal not in page, internal
    r = b.get("/people/new")
    assert r.status_code == 403 and "Ваша роль не позволяет это сделать." in r.text


def test_the_assessment_shows_the_filed_change_as_pending_and_first(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    aid, pid = fresh_office.ids["anna_app"], fresh_office.ids["anna"]
    a = c.get(f"/api/v1/applications/{aid}").json()
    c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                           "expected_version": a["version"]})
    p = c.get(f"/api/v1/people/{pid}").json()
    assert c.patch(f"/api/v1/people/{pid}", json={"changes": {"extra_facts": {"goal": {"status": "student"}}},
                                                  "expected_version": p["version"]}).status_code == 200
    b = fresh_office.browser("caseworker")
    page = b.get(f"/people/{pid}/assess?lang=en").text
    first = page.split("<article")[1]
    assert "在留資格変更許可申請" in first and "留学" in first  # the stated goal, the change filed, comes first
    assert "Already filed" in first and "Start this application" not in first
    # basis: ICRRA Art. 20(6) — expiry 2026-12-30 (Temporary Visitor, 90 days from 2026-10-01), two months after
    assert "at the latest until February 28, 2027" in first
    # the API gives the same order (rules.assess.rank, one place)
    opts = c.get(f"/api/v1/people/{pid}/assessment").json()["options"]
    assert (opts[0]["procedure"], opts[0]["target_status"]) == ("change_of_status", "student")
    page = b.get(f"/people/{pid}/assess?lang=en&on=2026-11-01").text
    assert "Options on November 1, 2026" in page and 'name="on"' in page
