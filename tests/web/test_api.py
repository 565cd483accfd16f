"""The JSON API as a client program uses it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, Office


def test_token_then_me(office: Office) -> None:
    r = office.client("caseworker").get("/api/v1/me")
    assert r.status_code == 200
    assert r.json()["role"] == "caseworker"


def test_wrong_password_is_401_without_saying_which(office: Office) -> None:
    c = TestClient(office.app)
    r = c.post("/api/v1/auth/token", json={"email": "admin@office.example", "password": "nope"})
    assert r.status_code == 401
    r2 = c.post("/api/v1/auth/token", json={"email": "nobody@office.example", "password": "nope"})
    assert r2.status_code == 401
    assert r.json()["message"] == r2.json()["message"]


def test_not_signed_in_is_401(office: Office) -> None:
    r = office.client().get("/api/v1/people")
    assert r.status_code == 401
    assert r.json()["error"] == "AuthRequired"


def test_law_on_a_date_has_provisions_and_names_in_four_languages(office: Office) -> None:
    r = office.client("client").get("/api/v1/law/statuses", params={"on": "2023-04-20", "lang": "all"})
    assert r.status_code == 200
    student = next(s for s in r.json()["statuses"] if s["code"] == "student")
    assert student["names"]["ja"] == "留学"
    assert student["names"]["ru"] == "Учёба"
    assert student["legal_basis"]


def test_unknown_status_names_the_field_and_suggests(office: Office) -> None:
    r = office.client("caseworker").get("/api/v1/law/statuses/studnt")
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == "code"
    assert "student" in body["suggestions"]


def test_date_outside_the_law_data_is_422_with_field(office: Office) -> None:
    r = office.client("caseworker").get("/api/v1/law/statuses", params={"on": "1999-01-01"})
    assert r.status_code == 422
    assert r.json()["field"] == "on"


def test_expiry_of_90_days_excludes_the_first_day(office: Office) -> None:
    r = office.client("caseworker").post("/api/v1/expiry", json={"start": "2022-09-01", "period": "P90D"})
    assert r.status_code == 200
    assert r.json()["expires_on"] == "2022-11-30"
    assert r.json()["legal_basis"]


def test_bad_period_is_422_naming_period(office: Office) -> None:
    r = office.client("caseworker").post("/api/v1/expiry", json={"start": "2022-09-01", "period": "90 days"})
    assert r.status_code == 422
    assert r.json()["field"] == "period"


def test_deadlines_on_posted_facts(office: Office) -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15",
                      "granted_by": "landing"}}
    r = office.client("supporter").post("/api/v1/deadlines", json=facts, params={"on": "2023-01-10"})
    assert r.status_code == 200
    kinds = {d["kind"]: d for d in r.json()["deadlines"]}
    assert kinds["expiry_of_stay"]["date"] == "2023-02-13"


def test_assessment_of_the_motivating_case_finds_change_to_student(office: Office) -> None:
    facts = {"person": {"nationality": "RU"},
             "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-02-13",
                      "granted_by": "extension", "previous_expires_on": "2023-02-13"},
             "goal": {"status": "student", "activity_fits": True, "meets_landing_criteria": True},
             "circumstances": {"cannot_return_safely": True, "school_admission": True}}
    r = office.client("caseworker").post("/api/v1/assess", json=facts, params={"on": "2023-04-20"})
    assert r.status_code == 200
    opt = next(o for o in r.json()["options"] if o["procedure"] == "change_of_status"
               and o["target_status"] == "student")
    assert opt["verdict"] == "discretionary"
    assert opt["file_by"] == "2023-05-15"
    assert any(b["provision"].startswith("Art. 20(3)") for r_ in opt["requirements"] + opt["discretionary_factors"]
               for b in r_["legal_basis"])


def test_interview_asks_one_question_then_applies_the_answer(office: Office) -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-02-13",
                      "granted_by": "landing"}, "goal": {"status": "student"}}
    c = office.client("caseworker")
    r = c.post("/api/v1/interview", json={"facts": facts}, params={"on": "2023-04-20"})
    q = r.json()["question"]
    assert q is not None and q["settles"]
    r2 = c.post("/api/v1/interview", params={"on": "2023-04-20"},
                json={"facts": r.json()["facts"], "answer": {"fact": q["fact"], "value": "yes" if q["type"] == "bool"
                                                             else "2023-04-01"}})
    assert r2.status_code == 200
    assert r2.json()["question"] is None or r2.json()["question"]["fact"] != q["fact"]


def test_people_add_then_stay_then_application_through_filing(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    r = c.post("/api/v1/people", json={"family_name": "Ivanova", "given_name": "Olga", "nationality": "RU"})
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    r = c.post(f"/api/v1/people/{pid}/stays", json={"status": "temporary_visitor", "period": "P90D",
                                                    "granted_on": "2026-10-01", "granted_by": "landing"})
    assert r.status_code == 201, r.text
    assert r.json()["expires_on"] == "2026-12-30"
    r = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "change_of_status",
                                                           "target_status": "student"})
    assert r.status_code == 201
    aid = r.json()["id"]
    assert r.json()["stage"] == "draft"
    r = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                               "channel": "counter", "expected_version": 1})
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "filed"
    version = r.json()["version"]
    kinds = {d["kind"] for d in c.get(f"/api/v1/people/{pid}/deadlines").json()["deadlines"]}
    assert "expiry_of_stay" in kinds
    r = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "draft", "expected_version": version})
    assert r.status_code == 409
    assert r.json()["field"] == "stage"


def test_decision_creates_the_new_stay(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    aid = fresh_office.ids["anna_app"]
    filed = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "filed", "date": "2026-11-20",
                                                                   "expected_version": 1})
    r = c.post(f"/api/v1/applications/{aid}/transition", json={"to": "decided", "date": "2026-11-24",
                                                               "decision": "granted", "new_period": "P1Y",
                                                               "expected_version": filed.json()["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["new_expires_on"] == "2027-11-24"
    st = c.get(f"/api/v1/people/{fresh_office.ids['anna']}").json()["current_stay"]
    assert st["status"] == "student"


def test_upload_and_download_is_an_attachment_never_inline(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    pid = fresh_office.ids["anna"]
    r = c.post(f"/api/v1/people/{pid}/documents", files={"file": ("scan.png", b"\x89PNG\r\n\x1a\nxx", "image/png")})
    assert r.status_code == 201, r.text
    r = c.get(r.json()["download"])
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.content == b"\x89PNG\r\n\x1a\nxx"


def test_html_upload_is_refused(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    pid = fresh_office.ids["anna"]
    r = c.post(f"/api/v1/people/{pid}/documents", files={"file": ("x.html", b"<script>1</script>", "text/html")})
    assert r.status_code == 422
    assert r.json()["field"] == "content_type"


def test_oversized_upload_is_refused(fresh_office: Office) -> None:
    fresh_office.app.state.settings.max_upload_bytes = 100
    c = fresh_office.client("caseworker")
    r = c.post(f"/api/v1/people/{fresh_office.ids['anna']}/documents",
               files={"file": ("big.pdf", b"%PDF" + b"0" * 200, "application/pdf")})
    assert r.status_code == 422
    assert r.json()["field"] == "file"


def test_notes_and_agenda(fresh_office: Office) -> None:
    c = fresh_office.client("supporter")
    pid = fresh_office.ids["anna"]
    assert c.post(f"/api/v1/people/{pid}/notes", json={"body": "called the school"}).status_code == 201
    assert "called the school" in [n["body"] for n in c.get(f"/api/v1/people/{pid}/notes").json()["notes"]]
    items = c.get("/api/v1/agenda", params={"days": 60}).json()["items"]
    assert items and {i["person"]["id"] for i in items} == {pid}


def test_calendar_feed_by_token_and_revocation(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    r = c.post("/api/v1/calendar/tokens", json={"person_id": fresh_office.ids["anna"]})
    assert r.status_code == 201
    url = r.json()["url"]
    path = url[url.index("/api/"):]
    anon = TestClient(fresh_office.app)
    feed = anon.get(path)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in feed.content
    tid = c.get("/api/v1/calendar/tokens").json()["tokens"][0]["id"]
    assert c.delete(f"/api/v1/calendar/tokens/{tid}").status_code == 204
    assert anon.get(path).status_code == 404
    assert anon.get("/api/v1/ical/not-a-token.ics").status_code == 404


def test_cookie_session_needs_csrf_for_writes(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    r = b.post(f"/api/v1/people/{pid}/notes", json={"body": "x"})
    assert r.status_code == 403
    assert r.json()["error"] == "CsrfFailed"
    r = b.post(f"/api/v1/people/{pid}/notes", json={"body": "x"},
               headers={"X-CSRF-Token": b.cookies.get("zairyu_csrf") or ""})
    assert r.status_code == 201


def test_changing_the_password_ends_old_sessions(fresh_office: Office) -> None:
    c = fresh_office.client("caseworker")
    other = fresh_office.browser("caseworker")
    r = c.patch("/api/v1/me", json={"current_password": PASSWORD, "new_password": "another long password"})
    assert r.status_code == 200
    assert other.get("/api/v1/me").status_code == 401  # every other session ends (this one goes on)


def test_login_is_throttled_after_repeated_failures(fresh_office: Office) -> None:
    c = TestClient(fresh_office.app)
    for _ in range(5):
        assert c.post("/api/v1/auth/token", json={"email": "admin@office.example", "password": "x"}).status_code == 401
    r = c.post("/api/v1/auth/token", json={"email": "admin@office.example", "password": PASSWORD})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0


def test_admin_creates_a_user_who_can_sign_in(fresh_office: Office) -> None:
    c = fresh_office.client("admin")
    r = c.post("/api/v1/users", json={"email": "new@office.example", "display_name": "New", "role": "caseworker",
                                      "password": "a long enough password"})
    assert r.status_code == 201, r.text
    r = TestClient(fresh_office.app).post("/api/v1/auth/token", json={"email": "new@office.example",
                                                                      "password": "a long enough password"})
    assert r.status_code == 200
