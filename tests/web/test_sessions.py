"""Server-side sessions (issue 12, findings 5 and 10): signing out, deactivation and a new password end a
session at once (the old cookie or token stops working); only the SHA-256 of a token is stored; a session
cookie sent with an empty ``Authorization: Bearer`` header is no way around the CSRF check."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text
from tests.web.conftest import PASSWORD, Office

from zairyu.cases import db
from zairyu.web.auth import SESSION_COOKIE


def _me(app: object, *, token: str | None = None, cookie: str | None = None) -> int:
    c = TestClient(app)
    if cookie is not None:
        c.cookies.set(SESSION_COOKIE, cookie)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return c.get("/api/v1/me", headers=headers).status_code


def test_signing_out_ends_the_session_and_the_old_cookie_stops_working(fresh_office: Office) -> None:
    # before the fix sign-out only deleted the cookie in the browser: a copy worked for 12 hours
    browser = fresh_office.browser("caseworker")
    old_cookie = browser.cookies.get(SESSION_COOKIE)
    assert old_cookie and _me(fresh_office.app, cookie=old_cookie) == 200
    r = browser.post("/logout", data={"csrf_token": browser.cookies.get("zairyu_csrf")}, follow_redirects=False)
    assert r.status_code == 303
    assert _me(fresh_office.app, cookie=old_cookie) == 401
    page = TestClient(fresh_office.app)
    page.cookies.set(SESSION_COOKIE, old_cookie)
    assert page.get("/", follow_redirects=False).headers["location"].startswith("/login")


def test_an_api_client_signs_out_its_token(fresh_office: Office) -> None:
    token = fresh_office.tokens["supporter"]
    assert _me(fresh_office.app, token=token) == 200
    r = TestClient(fresh_office.app).delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 204
    assert _me(fresh_office.app, token=token) == 401
    assert _me(fresh_office.app, token=fresh_office.tokens["caseworker"]) == 200  # others' sessions go on


def test_only_the_hash_of_a_session_token_is_stored(fresh_office: Office) -> None:
    token = fresh_office.tokens["admin"]
    with db.get_engine(fresh_office.settings.db_url).connect() as c:
        stored = [r[0] for r in c.execute(text("SELECT token_hash FROM user_sessions"))]
    assert token not in stored and len(stored) >= 4
    assert all(len(h) == 64 for h in stored)


def test_deactivation_ends_every_session_at_once(fresh_office: Office) -> None:
    admin = fresh_office.client("admin")
    browser = fresh_office.browser("caseworker")
    uid = fresh_office.ids["user_caseworker"]
    r = admin.patch(f"/api/v1/users/{uid}", json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert _me(fresh_office.app, token=fresh_office.tokens["caseworker"]) == 401
    assert browser.get("/", follow_redirects=False).status_code == 303  # to the sign-in page
    r = TestClient(fresh_office.app).post("/api/v1/auth/token",
                                          json={"email": "caseworker@office.example", "password": PASSWORD})
    assert r.status_code == 401
    # activated again: the password works, the old sessions stay ended
    assert admin.patch(f"/api/v1/users/{uid}", json={"active": True}).status_code == 200
    assert _me(fresh_office.app, token=fresh_office.tokens["caseworker"]) == 401
    r = TestClient(fresh_office.app).post("/api/v1/auth/token",
                                          json={"email": "caseworker@office.example", "password": PASSWORD})
    assert r.status_code == 200


def test_a_new_password_ends_the_other_sessions_but_not_this_one(fresh_office: Office) -> None:
    here = fresh_office.client("caseworker")
    elsewhere = fresh_office.browser("caseworker")
    r = here.patch("/api/v1/me", json={"current_password": PASSWORD, "new_password": "a new long passphrase"})
    assert r.status_code == 200, r.text
    assert here.get("/api/v1/me").status_code == 200
    assert elsewhere.get("/api/v1/me").status_code == 401


def test_an_empty_bearer_header_with_a_session_cookie_does_not_skip_csrf(fresh_office: Office) -> None:
    # before the fix: the cookie signed the request in and the (empty) Authorization header marked it as an
    # API client, so a cross-site form post with that header went through without a CSRF token
    browser = fresh_office.browser("caseworker")
    r = browser.post("/api/v1/people", json={"family_name": "Forged"}, headers={"Authorization": "Bearer "})
    assert r.status_code == 401
    r = browser.post("/api/v1/people", json={"family_name": "Forged"}, headers={"Authorization": "Bearer  "})
    assert r.status_code == 401
    r = browser.post("/api/v1/people", json={"family_name": "Forged"})
    assert r.status_code == 403 and r.json()["error"] == "CsrfFailed"
    names = [p["family_name"] for p in fresh_office.client("caseworker").get("/api/v1/people").json()["people"]]
    assert "Forged" not in names
