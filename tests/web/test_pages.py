"""The server-rendered pages as a browser without JavaScript sees them (forms post, pages answer)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import Office


def token(c: TestClient) -> str:
    return c.cookies.get("zairyu_csrf") or ""


def test_sign_in_page_then_agenda(office: Office) -> None:
    b = office.browser("caseworker")
    r = b.get("/?lang=en")
    assert r.status_code == 200
    assert 'href="#main"' in r.text  # skip link
    assert "Overdue" in r.text and "This week" in r.text and "This month" in r.text


def test_anonymous_pages_redirect_to_sign_in_and_back(office: Office) -> None:
    r = TestClient(office.app).get("/people", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/people"


def test_wrong_password_on_the_sign_in_page(office: Office) -> None:
    c = TestClient(office.app)
    c.get("/login")
    r = c.post("/login", data={"email": "admin@office.example", "password": "wrong", "csrf_token": token(c)})
    assert r.status_code == 401
    assert "メールアドレスまたはパスワードが違います" in r.text


def test_add_a_person_with_a_stay_through_the_form(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    r = b.post("/people/new", data={"csrf_token": token(b), "family_name": "Ivanova", "given_name": "Olga",
                                    "nationality": "ru", "stay_status": "temporary_visitor", "stay_period": "P90D",
                                    "stay_granted_on": "2026-10-01", "stay_granted_by": "landing"},
               follow_redirects=False)
    assert r.status_code == 303
    page = b.get(r.headers["location"].replace("?saved=1", "?saved=1&lang=en")).text
    assert "IVANOVA Olga" in page and "Saved." in page
    assert "December 30, 2026" in page  # 90 days from 2026-10-01, first day not counted


def test_invalid_form_input_names_the_field(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    r = b.post("/people/new", data={"csrf_token": token(b), "family_name": "X", "nationality": "XX"})
    assert r.status_code == 422
    assert "nationality" in r.text


def test_notes_are_added_with_htmx_as_a_fragment(fresh_office: Office) -> None:
    b = fresh_office.browser("supporter")
    r = b.post(f"/people/{fresh_office.ids['anna']}/notes", data={"body": "met at the school", "csrf_token": token(b)},
               headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<div id="notes-box">')
    assert "met at the school" in r.text


def test_people_search_fragment(office: Office) -> None:
    b = office.browser("caseworker")
    r = b.get("/people?q=kuz", headers={"HX-Request": "true", "HX-Target": "people-results"})
    assert "KUZNETSOVA" in r.text and "SOKOLOVA" not in r.text
    assert "<html" not in r.text


def test_person_assessment_interview_saves_the_answer(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    page = b.get(f"/people/{pid}/assess?lang=en").text
    assert 'name="fact"' in page
    r = b.post(f"/people/{pid}/assess", data={"csrf_token": token(b), "fact": "goal.status", "value": "student"},
               follow_redirects=False)
    assert r.status_code == 303
    facts = fresh_office.client("caseworker").get(f"/api/v1/people/{pid}/facts").json()
    assert facts["goal"]["status"] == "student"


def test_start_and_file_an_application_from_pages(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["ivan"]
    r = b.post(f"/people/{pid}/applications", data={"csrf_token": token(b), "procedure": "extension_of_stay"},
               follow_redirects=False)
    assert r.status_code == 303
    app_url = r.headers["location"]
    r = b.post(app_url + "/transition", data={"csrf_token": token(b), "to": "filed", "date": "2026-11-24",
                                               "channel": "online", "expected_version": "1"}, follow_redirects=False)
    assert r.status_code == 303
    page = b.get(app_url + "?lang=ja").text
    assert "申請済み" in page and "在留期間更新許可申請" in page


def test_upload_through_the_page_and_download_as_attachment(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    r = b.post(f"/people/{pid}/documents", data={"csrf_token": token(b)},
               files={"file": ("passport.pdf", b"%PDF-1.7 x", "application/pdf")}, follow_redirects=False)
    assert r.status_code == 303
    docs = fresh_office.client("caseworker").get(f"/api/v1/people/{pid}/documents").json()["documents"]
    new = next(d for d in docs if d["filename"] == "passport.pdf")
    r = b.get(f"/documents/{new['id']}")
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["content-type"] == "application/pdf"


def test_law_browser_on_a_date_with_provisions(office: Office) -> None:
    b = office.browser("client")
    r = b.get("/law?on=2023-04-20&lang=en")
    assert r.status_code == 200
    assert "April 20, 2023" in r.text
    assert 'id="status-student"' in r.text and "Ordinance" in r.text
    r = b.get("/law?on=not-a-date")
    assert r.status_code == 422


def test_security_headers_on_pages(office: Office) -> None:
    r = office.browser("caseworker").get("/")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_session_cookie_flags(office: Office) -> None:
    c = TestClient(office.app)
    c.get("/login")
    r = c.post("/login", data={"email": "caseworker@office.example", "password": "correct horse battery",
                               "csrf_token": token(c)}, follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http here
    c2 = TestClient(office.app, base_url="https://testserver")
    c2.get("/login")
    r2 = c2.post("/login", data={"email": "caseworker@office.example", "password": "correct horse battery",
                                 "csrf_token": token(c2)}, follow_redirects=False)
    assert "secure" in r2.headers["set-cookie"].lower()


def test_admin_adds_a_supporter_and_assigns_a_person(fresh_office: Office) -> None:
    b = fresh_office.browser("admin")
    assert "Volunteer" not in b.get("/admin/users").text
    r = b.post("/admin/users", data={"csrf_token": token(b), "email": "vol@office.example", "display_name": "Volunteer",
                                     "role": "supporter", "language": "en", "password": "a long password 1"},
               follow_redirects=False)
    assert r.status_code == 303
    uid = next(u["id"] for u in fresh_office.client("admin").get("/api/v1/users").json()["users"]
               if u["email"] == "vol@office.example")
    r = b.post(f"/admin/users/{uid}/assignments", data={"csrf_token": token(b),
                                                        "person_id": str(fresh_office.ids["maria"])},
               follow_redirects=False)
    assert r.status_code == 303
    vol = TestClient(fresh_office.app)
    tok = vol.post("/api/v1/auth/token", json={"email": "vol@office.example", "password": "a long password 1"})
    vol.headers["Authorization"] = f"Bearer {tok.json()['access_token']}"
    assert {p["family_name"] for p in vol.get("/api/v1/people").json()["people"]} == {"Kuznetsova"}


def test_moving_house_creates_the_14_day_address_notification(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["maria"]
    # a mid/long-term resident (a Temporary Visitor has no address notification to make)
    r = b.post(f"/people/{pid}/stays", data={"csrf_token": token(b), "status": "student", "period": "P1Y",
                                             "granted_on": "2026-11-01", "granted_by": "change"},
               follow_redirects=False)
    assert r.status_code == 303
    r = b.post(f"/people/{pid}/events", data={"csrf_token": token(b), "kind": "moved", "on": "2026-11-20"},
               follow_redirects=False)
    assert r.status_code == 303
    deadlines = fresh_office.client("caseworker").get(f"/api/v1/people/{pid}/deadlines").json()["deadlines"]
    notif = [d for d in deadlines if d["kind"] == "notification"]
    moved = [d for d in notif if any(b["provision"].startswith("Art. 19-9") for b in d["legal_basis"])]
    assert [d["date"] for d in moved] == ["2026-12-04"]  # ICRRA Art. 19-9: within 14 days of moving
    page = b.get(f"/people/{pid}?lang=ru").text
    assert "Переезд" in page and "Срок уведомления" in page


def test_edit_person_with_a_stale_copy_is_refused(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["ivan"]
    form = b.get(f"/people/{pid}/edit").text
    assert 'name="version" value="1"' in form
    r = b.post(f"/people/{pid}/edit", data={"csrf_token": token(b), "version": "1", "family_name": "Petrov",
                                            "given_name": "Ivan", "nationality": "UA", "phone": "090-0000-0000"},
               follow_redirects=False)
    assert r.status_code == 303
    r = b.post(f"/people/{pid}/edit", data={"csrf_token": token(b), "version": "1", "family_name": "Petrov",
                                            "given_name": "Ivan", "nationality": "UA", "phone": "080"})
    assert r.status_code == 409
    assert fresh_office.client("caseworker").get(f"/api/v1/people/{pid}").json()["phone"] == "090-0000-0000"


def test_adhoc_interview_carries_the_facts_in_the_form(office: Office) -> None:
    import html
    import re

    b = office.browser("client")
    r = b.post("/assess?lang=en", data={"csrf_token": token(b), "nationality": "RU",
                                        "stay_status": "temporary_visitor", "stay_period": "P90D",
                                        "stay_granted_on": "2026-10-01", "stay_granted_by": "landing"})
    assert r.status_code == 200
    fact = re.search(r'name="fact" value="([^"]+)"', r.text)
    facts_json = re.search(r'name="facts_json" value="([^"]*)"', r.text)
    assert fact and facts_json
    assert '"temporary_visitor"' in html.unescape(facts_json.group(1))
    r2 = b.post("/assess?lang=en", data={"csrf_token": token(b), "facts_json": html.unescape(facts_json.group(1)),
                                         "fact": fact.group(1), "action": "skip"})
    assert r2.status_code == 200
    nxt = re.search(r'name="fact" value="([^"]+)"', r2.text)
    assert nxt is None or nxt.group(1) != fact.group(1)


def test_person_page_title_is_the_persons_name_and_the_history_is_in_the_page(office: Office) -> None:
    """The browser tab and a screen reader's page title name the person, nothing else."""
    import re

    html = office.browser("caseworker").get(f"/people/{office.ids['anna']}").text
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert "<" not in title.group(1) and "Sokolova" in title.group(1).title()
    assert title.group(1).endswith(" — zairyu")
    body = html[html.index("</head>"):]
    assert body.count('id="h-changes"') == 1  # the history of changes, once, in the page
