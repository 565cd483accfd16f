"""The people list in the API and the page (issue 13): sorting, filters in the URL, paging, bulk assignment
(office staff only, all or none, in the timeline) and the CSV export (BOM, headers in the reader's language,
no formula cells, a supporter's own people, recorded as an access)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from tests.web.conftest import TODAY, Office

from zairyu.cases import db
from zairyu.cases import services as sv

ACT = sv.Actor("test")


def _add_people(o: Office) -> dict[str, int]:
    """Three more people whose names sort differently with and without regard to case, one named like a
    spreadsheet formula, and one whose stay ended nine days ago with an extension filed in time."""
    engine = db.get_engine(o.settings.db_url)
    ids: dict[str, int] = {}
    with db.transaction(engine) as s:
        org = o.ids["org"]
        for key, fam in (("abe", "ABE"), ("souza", "de Souza"), ("dupont", "Dupont"), ("formula", "=HYPERLINK(1)")):
            ids[key] = sv.add_person(s, org, {"family_name": fam, "nationality": "BR"}, ACT).id
        # Ivanova: expiry 2026-11-16, extension filed 11-10: special period to 2027-01-16 (ICRRA Art. 20(6), 21(4))
        pid = ids["ivanova"] = sv.add_person(s, org, {"family_name": "Ivanova", "nationality": "RU"}, ACT).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2025-11-16",
                             "granted_by": "change", "expires_on": "2026-11-16"}, ACT, TODAY)
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACT, date(2026, 11, 10))
        sv.file_application(s, app.id, date(2026, 11, 10), ACT, TODAY)
        # Orlov: the same expiry, nothing filed: no status since 2026-11-17 (Art. 2-2(3), Art. 24(iv)(b))
        pid = ids["orlov"] = sv.add_person(s, org, {"family_name": "Orlov", "nationality": "RU"}, ACT).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2025-11-16",
                             "granted_by": "change", "expires_on": "2026-11-16"}, ACT, TODAY)
    return ids


def _names(o: Office, query: str, role: str = "caseworker") -> list[str]:
    r = o.client(role).get(f"/api/v1/people?{query}")
    assert r.status_code == 200, r.text
    return [p["family_name"] for p in r.json()["people"]]


def test_api_sorts_filters_and_pages(fresh_office: Office) -> None:
    o = fresh_office
    _add_people(o)
    # without regard to case: ABE, de Souza, Dupont (a byte order puts "de Souza" after every capital)
    assert _names(o, "")[:3] == ["=HYPERLINK(1)", "ABE", "de Souza"]
    assert _names(o, "")[3] == "Dupont"
    # the product's question: Ivanova is in the special period of her filed extension, Orlov overstays
    assert _names(o, "overstaying=true") == ["Orlov"]
    # the office's people (conftest) hold Temporary Visitor for 90 days from 2026-10-01: expiry 2026-12-30,
    # within 90 days of 2026-11-25, as is Ivanova's special period (to 2027-01-16)
    assert _names(o, "expiring=90") == ["Ivanova", "Kuznetsova", "Petrov", "Sokolova"]
    assert _names(o, "expiring=40&nationality=RU") == ["Kuznetsova", "Sokolova"]
    r = o.client("caseworker").get("/api/v1/people?page_size=3&page=3&sort=nationality&order=desc").json()
    assert (r["total"], r["pages"], r["page"], len(r["people"])) == (9, 3, 3, 3)
    # the list's earlier parameters still work: limit and offset (a multiple of limit) name the same page
    old = o.client("caseworker").get("/api/v1/people?limit=3&offset=6&sort=nationality&order=desc").json()
    assert old["people"] == r["people"] and old["page"] == 3
    odd = o.client("caseworker").get("/api/v1/people?limit=3&offset=4")
    assert odd.status_code == 422 and "offset" in odd.text
    row = o.client("caseworker").get("/api/v1/people?q=Ivanova").json()["people"][0]
    assert row["stay_expires_on"] == "2026-11-16" and row["stay_ends_on"] == "2027-01-16" and row["special_period"]
    # a supporter lists only the people assigned to them (conftest: Sokolova)
    assert _names(o, "", "supporter") == ["Sokolova"]
    bad = o.client("caseworker").get("/api/v1/people?sort=age")
    assert bad.status_code == 422 and "sort" in bad.text


def test_bulk_assignment_is_all_or_nothing_and_for_the_office_only(fresh_office: Office) -> None:
    o = fresh_office
    ids = _add_people(o)
    body = {"person_ids": [ids["abe"], ids["souza"]], "assignee_id": o.ids["user_caseworker"]}
    for role in ("supporter", "client"):
        assert o.client(role).post("/api/v1/people/assign", json=body).status_code == 403
    # a person of another office in the lot: refused as not found, and nobody is assigned
    r = o.client("caseworker").post("/api/v1/people/assign", json={**body, "person_ids": [ids["abe"],
                                                                                          o.ids["foreign"]]})
    assert r.status_code == 404
    assert _names(o, f"assignee={o.ids['user_caseworker']}") == []
    # a client cannot be an assignee: refused naming the field
    r = o.client("caseworker").post("/api/v1/people/assign", json={**body, "assignee_id": o.ids["user_client"]})
    assert r.status_code == 422 and "assignee_id" in r.text
    r = o.client("caseworker").post("/api/v1/people/assign", json=body)
    assert r.status_code == 200 and r.json()["assigned"] == 2
    assert _names(o, "assignee=mine") == ["ABE", "de Souza"]
    assert "ABE" not in _names(o, "assignee=unassigned")
    with db.transaction(db.get_engine(o.settings.db_url)) as s:
        entries = [e for e in sv.timeline_of(s, ids["abe"]) if e.action == "update"]
    assert entries[-1].actor == "caseworker@office.example"
    assert entries[-1].after is not None and entries[-1].after["assignee_id"] == o.ids["user_caseworker"]


def test_the_page_assigns_the_ticked_people_with_the_csrf_token(fresh_office: Office) -> None:
    o = fresh_office
    ids = _add_people(o)
    b = o.browser("admin")
    page = b.get("/people?sort=name&nationality=BR")
    assert 'id="select-all"' in page.text and 'name="person_id"' in page.text
    form = {"person_id": [str(ids["abe"]), str(ids["dupont"])], "assignee_id": str(o.ids["user_supporter"]),
            "back": "?nationality=BR"}
    assert b.post("/people/assign", data=form, follow_redirects=False).status_code == 403  # no CSRF token
    r = b.post("/people/assign", data={**form, "csrf_token": b.cookies.get("zairyu_csrf")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/people?nationality=BR&assigned=2"
    assert _names(o, f"assignee={o.ids['user_supporter']}") == ["ABE", "Dupont"]
    # the supporter's page offers no bulk assignment
    assert 'name="person_id"' not in o.browser("supporter").get("/people").text


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel in Japan reads it as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_export(fresh_office: Office) -> None:
    o = fresh_office
    ids = _add_people(o)
    r = o.client("caseworker").get("/api/v1/people.csv?lang=en&nationality=RU&sort=name")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = _csv(r.content)
    assert rows[0][:3] == ["Family name", "Given name", "Family name (kana)"]
    assert [x[0] for x in rows[1:]] == ["Ivanova", "Kuznetsova", "Orlov", "Sokolova"]
    ivanova = rows[1]
    assert ivanova[8:10] == ["2026-11-16", "2027-01-16"]  # expiry and the special period's end (Art. 20(6))
    # every page, not only the first
    assert len(_csv(o.client("caseworker").get("/api/v1/people.csv?page_size=1").content)) == 1 + 9
    # the caseworker reads Japanese (conftest): the page's export has Japanese headers
    b = o.browser("caseworker")
    page_rows = _csv(b.get("/people.csv?q=HYPERLINK").content)
    assert page_rows[0][0] != "Family name" and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", page_rows[0][0])
    # a cell starting with = is written as text, not run as a formula
    assert page_rows[1][0] == "'=HYPERLINK(1)"
    # a supporter exports only their people; a client cannot export
    sup = _csv(o.client("supporter").get("/api/v1/people.csv").content)
    assert [x[0] for x in sup[1:]] == ["Sokolova"]
    assert o.client("client").get("/api/v1/people.csv").status_code == 403
    with db.transaction(db.get_engine(o.settings.db_url)) as s:
        from sqlalchemy import select

        from zairyu.cases import models as m
        exports = list(s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.action == "export",
                                                               m.TimelineEntry.entity == "people")))
    assert {e.actor for e in exports} >= {"caseworker@office.example", "supporter@office.example"}
    assert any(e.after and e.after["rows"] == 4 and e.after["filters"]["nationality"] == "RU" for e in exports)
    assert ids  # the people above were added


def test_the_page_keeps_the_filters_in_the_url_and_the_form(fresh_office: Office) -> None:
    o = fresh_office
    _add_people(o)
    b = o.browser("caseworker")
    html = b.get("/people?nationality=RU&expiring=on&days=90&sort=name&page_size=25").text
    # the form shows the filters it was asked with
    assert re.search(r'<option value="RU" selected>', html)
    assert 'id="expiring" name="expiring" type="checkbox" value="on" checked' in html
    # the column headers sort and keep the filters; the current sort is marked
    assert 'href="/people?nationality=RU&amp;expiring=on&amp;days=90&amp;sort=name&amp;page_size=25&amp;order=desc"' \
        in html
    assert 'aria-sort="ascending"' in html
    names = re.findall(r'<a href="/people/\d+">([^<(]+)', html)
    assert [n.strip() for n in names] == ["IVANOVA", "KUZNETSOVA Maria", "SOKOLOVA Anna"]
    # the overdue next deadline is highlighted (Orlov: last filing day 2026-11-16 gone, Ordinance Art. 21(1))
    orlov = b.get("/people?q=Orlov").text
    assert 'class="badge overdue"' in orlov
    # paging: 9 people, 4 a page: page 3 has one, and links back
    p3 = b.get("/people?page_size=4&page=3&sort=name").text
    assert 'rel="prev"' in p3 and 'rel="next"' not in p3 and 'aria-current="page">3<' in p3
    assert "/people.csv?page_size=4&amp;page=3&amp;sort=name" in p3


def test_a_bad_value_in_the_address_is_named_beside_its_field_and_the_list_still_shows(fresh_office: Office) -> None:
    o = fresh_office
    _add_people(o)
    b = o.browser("caseworker")
    r = b.get("/people?status=no_such_status&days=99999&expiring=on&page=0&nationality=RU&lang=en")
    assert r.status_code == 200
    html = r.text
    assert "A status of residence in force today: choose it from the list." in html
    assert "A number of days from 0 to 3660." in html and "A page number from 1." in html
    assert 'id="status" name="status" aria-invalid="true"' in html
    # what could be read still applies: the Russian nationals, all of them (no status or expiry filter left)
    names = [n.strip() for n in re.findall(r'<a href="/people/\d+">([^<(]+)', html)]
    assert names == ["IVANOVA", "KUZNETSOVA Maria", "ORLOV", "SOKOLOVA Anna"]
    ja = b.get("/people?page_size=9999&lang=ja").text
    assert "1ページあたりの人数は1から500までです。" in ja
    # the API keeps refusing bad values, naming the field (its callers are programs)
    bad = o.client("caseworker").get("/api/v1/people?page=0")
    assert bad.status_code == 422 and bad.json()["field"] == "page"


def test_the_person_page_says_when_no_status_is_held(fresh_office: Office) -> None:
    """The people list counted Orlov as overstaying while his own page showed his status with no word of it: the
    page now says, from the same answer of the calendar (holds_status_on), since when no status is held and
    why — and says nothing of the kind for Ivanova, in the special period of her filed extension."""
    o = fresh_office
    ids = _add_people(o)
    c = o.client("caseworker")
    page = c.get(f"/people/{ids['orlov']}?lang=ru").text
    # the period of stay ended 2026-11-16 (ICRRA Art. 2-2(3)): no status from 2026-11-17 (Art. 24(iv)(b))
    assert 'id="no-status"' in page and "Нет статуса пребывания с 17 ноября 2026\u202fг." in page
    assert "24(iv)(b)" in page and "16 ноября 2026" in page  # the provision, and the last day of the stay
    assert 'id="no-status"' not in c.get(f"/people/{ids['ivanova']}?lang=ru").text
    client = o.client("client")  # the client's own page (Anna: within her period of stay)
    assert 'id="no-status"' not in client.get(f"/people/{o.ids['anna']}").text
    # Volkov: expiry 2026-09-01, extension filed 08-20 and never decided: the special period ran to 11-01 (expiry
    # + 2 months, ICRRA Art. 20(6), 21(4)); the page names the special period's end, not "the period of stay"
    engine = db.get_engine(o.settings.db_url)
    with db.transaction(engine) as s:
        pid = sv.add_person(s, o.ids["org"], {"family_name": "Volkov", "nationality": "RU"}, ACT).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2025-09-01",
                             "granted_by": "change", "expires_on": "2026-09-01"}, ACT, TODAY)
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACT, date(2026, 8, 20))
        sv.file_application(s, app.id, date(2026, 8, 20), ACT, TODAY)
    page = c.get(f"/people/{pid}?lang=en").text
    assert "No status of residence since November 2, 2026" in page
    assert "The special period of the application filed in time ended on November 1, 2026" in page
    # and the pending application no longer says, in the present, that she may stay until a day gone by
    assert "at the latest until November 1, 2026" not in page and "The special period ended on November 1, 2026" in page
