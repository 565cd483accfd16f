"""The permission matrix: every route of the app, for every role and for an anonymous visitor.

The table below is the specification. The test fails if the app has a route the table does not list,
so a new route cannot slip past the permission check. A person-scoped route asked about a person the
user may not see answers 404 (as if the person did not exist).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import ROLES, Office

ALL = set(ROLES)
STAFF = {"admin", "caseworker", "supporter"}
OFFICE = {"admin", "caseworker"}
ADMIN = {"admin"}

PUBLIC = {
    ("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/healthz"),
    ("POST", "/api/v1/auth/token"), ("GET", "/api/v1/ical/{token}.ics"),
    ("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/docs/oauth2-redirect"),
    # the public register: served only while an admin has turned it on (test_precedent_pages)
    ("GET", "/public/precedents"), ("GET", "/public/precedents/stats"), ("GET", "/public/precedents/{code}"),
}

# (method, path) -> (roles allowed, scope: the kind of record in the path, or None)
MATRIX: dict[tuple[str, str], tuple[set[str], str | None]] = {
    ("GET", "/api/v1/me"): (ALL, None),
    ("PATCH", "/api/v1/me"): (ALL, None),
    ("GET", "/api/v1/law/statuses"): (ALL, None),
    ("GET", "/api/v1/law/statuses/{code}"): (ALL, None),
    ("GET", "/api/v1/law/procedures"): (ALL, None),
    ("GET", "/api/v1/law/measures"): (ALL, None),
    ("POST", "/api/v1/expiry"): (ALL, None),
    ("POST", "/api/v1/deadlines"): (ALL, None),
    ("POST", "/api/v1/assess"): (ALL, None),
    ("POST", "/api/v1/interview"): (ALL, None),
    ("GET", "/api/v1/agenda"): (ALL, None),
    ("GET", "/api/v1/people"): (ALL, None),
    ("POST", "/api/v1/people"): (OFFICE, None),
    ("GET", "/api/v1/people/{person_id}"): (ALL, "person"),
    ("PATCH", "/api/v1/people/{person_id}"): (STAFF, "person"),
    ("GET", "/api/v1/people/{person_id}/facts"): (ALL, "person"),
    ("GET", "/api/v1/people/{person_id}/timeline"): (STAFF, "person"),
    ("GET", "/api/v1/people/{person_id}/stays"): (ALL, "person"),
    ("POST", "/api/v1/people/{person_id}/stays"): (STAFF, "person"),
    ("GET", "/api/v1/people/{person_id}/deadlines"): (ALL, "person"),
    ("GET", "/api/v1/people/{person_id}/assessment"): (ALL, "person"),
    ("GET", "/api/v1/people/{person_id}/applications"): (ALL, "person"),
    ("POST", "/api/v1/people/{person_id}/applications"): (STAFF, "person"),
    ("GET", "/api/v1/applications/{application_id}"): (ALL, "application"),
    ("POST", "/api/v1/applications/{application_id}/transition"): (STAFF, "application"),
    ("GET", "/api/v1/people/{person_id}/documents"): (ALL, "person"),
    ("POST", "/api/v1/people/{person_id}/documents"): (STAFF, "person"),
    ("GET", "/api/v1/documents/{document_id}/download"): (ALL, "document"),
    ("GET", "/api/v1/people/{person_id}/events"): (ALL, "person"),
    ("POST", "/api/v1/people/{person_id}/events"): (STAFF, "person"),
    ("GET", "/api/v1/people/{person_id}/notes"): (ALL, "person"),  # a client: only the notes shared with her
    ("PATCH", "/api/v1/notes/{note_id}"): (STAFF, "note"),
    ("POST", "/notes/{note_id}/share"): (STAFF, "note"),
    ("POST", "/api/v1/people/{person_id}/notes"): (STAFF, "person"),
    ("GET", "/api/v1/calendar/tokens"): (ALL, None),
    ("POST", "/api/v1/calendar/tokens"): (ALL, None),
    ("DELETE", "/api/v1/calendar/tokens/{token_id}"): (ALL, None),
    ("GET", "/api/v1/users"): (ADMIN, None),
    ("POST", "/api/v1/users"): (ADMIN, None),
    ("POST", "/api/v1/users/{user_id}/assignments"): (ADMIN, None),
    ("GET", "/api/v1/precedents"): (ALL, None),
    ("GET", "/api/v1/precedents/{code}"): (ALL, None),
    ("POST", "/api/v1/precedents"): (OFFICE, None),
    # pages
    ("GET", "/"): (ALL, None),
    ("GET", "/law"): (ALL, None),
    ("GET", "/assess"): (ALL, None),
    ("POST", "/assess"): (ALL, None),
    ("GET", "/account"): (ALL, None),
    ("POST", "/account"): (ALL, None),
    ("POST", "/account/calendar"): (ALL, None),
    ("POST", "/account/calendar/{token_id}/revoke"): (ALL, None),
    ("GET", "/people"): (ALL, None),
    # the people list (issue 13): export by staff (a supporter: their people), bulk assignment by the office
    ("GET", "/people.csv"): (STAFF, None),
    ("GET", "/api/v1/people.csv"): (STAFF, None),
    ("POST", "/people/assign"): (OFFICE, None),
    ("POST", "/api/v1/people/assign"): (OFFICE, None),
    ("GET", "/forms/stay-options"): (ALL, None),
    ("GET", "/forms/people-choices"): (ALL, None),
    ("GET", "/people/new"): (OFFICE, None),
    ("POST", "/people/new"): (OFFICE, None),
    ("GET", "/people/{person_id}"): (ALL, "person"),
    ("POST", "/people/{person_id}/stays"): (STAFF, "person"),
    ("POST", "/people/{person_id}/notes"): (STAFF, "person"),
    ("POST", "/people/{person_id}/events"): (STAFF, "person"),
    ("GET", "/people/{person_id}/edit"): (STAFF, "person"),
    ("POST", "/people/{person_id}/edit"): (STAFF, "person"),
    ("POST", "/people/{person_id}/documents"): (STAFF, "person"),
    ("POST", "/people/{person_id}/calendar"): (ALL, "person"),
    ("POST", "/people/{person_id}/applications"): (STAFF, "person"),
    ("GET", "/people/{person_id}/assess"): (ALL, "person"),
    ("POST", "/people/{person_id}/assess"): (STAFF, "person"),
    ("GET", "/documents/{document_id}"): (ALL, "document"),
    ("GET", "/applications/{application_id}"): (ALL, "application"),
    ("GET", "/admin/users"): (ADMIN, None),
    ("GET", "/precedents"): (ALL, None),
    ("GET", "/precedents/proposals"): (OFFICE, None),
    ("GET", "/precedents/extract"): (OFFICE, None),
    ("POST", "/precedents/extract"): (OFFICE, None),
    ("POST", "/precedents/proposals/{proposal_id}/approve"): (OFFICE, None),
    ("POST", "/applications/{application_id}/propose"): (OFFICE, "application"),
    ("GET", "/api/v1/precedents/proposals"): (OFFICE, None),
    ("POST", "/api/v1/precedents/proposals/{proposal_id}/approve"): (OFFICE, None),
    ("POST", "/api/v1/applications/{application_id}/precedent-proposal"): (OFFICE, "application"),
    ("GET", "/precedents/stats"): (ALL, None),
    ("GET", "/precedents/{code}"): (ALL, None),
    ("GET", "/admin/precedents"): (ADMIN, None),
    ("POST", "/admin/precedents"): (ADMIN, None),
    ("POST", "/admin/users"): (ADMIN, None),
    ("POST", "/admin/users/{user_id}/assignments"): (ADMIN, None),
    ("POST", "/applications/{application_id}/transition"): (STAFF, "application"),
    # taking access away (issue 12); with an empty body these change nothing
    ("PATCH", "/api/v1/users/{user_id}"): (ADMIN, None),
    ("POST", "/admin/users/{user_id}"): (ADMIN, None),
    # the office's day (issue 13): tasks, assignees, family links, done / snooze; never the client's
    ("GET", "/api/v1/tasks"): (STAFF, None),
    ("POST", "/api/v1/tasks"): (STAFF, None),
    ("GET", "/api/v1/tasks/{task_id}"): (STAFF, None),
    ("PATCH", "/api/v1/tasks/{task_id}"): (STAFF, None),
    ("POST", "/api/v1/tasks/{task_id}/done"): (STAFF, None),
    ("GET", "/api/v1/staff"): (STAFF, None),
    ("PUT", "/api/v1/people/{person_id}/assignee"): (OFFICE, "person"),
    ("PUT", "/api/v1/applications/{application_id}/assignee"): (OFFICE, "application"),
    ("GET", "/api/v1/people/{person_id}/family"): (ALL, "person"),
    ("POST", "/api/v1/people/{person_id}/family"): (STAFF, "person"),
    ("POST", "/api/v1/agenda/marks"): (STAFF, None),
    ("DELETE", "/api/v1/agenda/marks/{mark_id}"): (STAFF, None),
    ("GET", "/tasks"): (STAFF, None),
    ("POST", "/tasks"): (STAFF, None),
    ("POST", "/tasks/{task_id}/done"): (STAFF, None),
    ("POST", "/tasks/{task_id}/edit"): (STAFF, None),
    ("POST", "/people/{person_id}/tasks"): (STAFF, "person"),
    ("POST", "/people/{person_id}/assignee"): (OFFICE, "person"),
    ("POST", "/applications/{application_id}/assignee"): (OFFICE, "application"),
    ("POST", "/people/{person_id}/family"): (STAFF, "person"),
    ("POST", "/agenda/marks"): (STAFF, None),
    ("POST", "/agenda/marks/{mark_id}/undo"): (STAFF, None),
}

DESTRUCTIVE: dict[tuple[str, str], tuple[set[str], str | None]] = {
    # routes that take something away: each checked on an office of its own (test_destructive_route_...)
    ("DELETE", "/api/v1/auth/token"): (ALL, None),
    ("DELETE", "/api/v1/people/{person_id}"): (ADMIN, "person"),
    ("DELETE", "/api/v1/documents/{document_id}"): (ADMIN, "document"),
    ("DELETE", "/api/v1/users/{user_id}/assignments/{person_id}"): (ADMIN, None),
    ("POST", "/people/{person_id}/delete"): (ADMIN, "person"),
    ("POST", "/documents/{document_id}/delete"): (ADMIN, "document"),
    ("POST", "/admin/users/{user_id}/assignments/{person_id}/end"): (ADMIN, None),
}


def app_routes(app: Any) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()

    def walk(routes: Any) -> None:
        for r in routes:
            if hasattr(r, "effective_route_contexts"):
                for c in r.effective_route_contexts():
                    for m in c.methods or ():
                        if m != "HEAD":
                            out.add((m, c.path))
            elif hasattr(r, "methods") and r.methods:
                for m in r.methods:
                    if m != "HEAD":
                        out.add((m, r.path))
    walk(app.router.routes)
    return out


def test_every_route_is_in_the_matrix(office: Office) -> None:
    routes = app_routes(office.app)
    assert routes, "no routes found"
    missing = routes - set(MATRIX) - set(DESTRUCTIVE) - PUBLIC
    assert not missing, f"routes without a permission entry: {sorted(missing)}"
    stale = (set(MATRIX) | set(DESTRUCTIVE)) - routes
    assert not stale, f"matrix entries for routes that do not exist: {sorted(stale)}"


def fill(path: str, office: Office, which: str) -> str:
    """Fill path parameters with the record named ``which`` ('anna' visible to every role, 'ivan' not
    assigned to the supporter nor the client's own, 'foreign' in another organisation)."""
    ids = office.ids
    return (path.replace("{person_id}", str(ids[which]))
            .replace("{application_id}", str(ids[f"{which}_app"]))
            .replace("{document_id}", str(ids[f"{which}_doc"])).replace("{note_id}", str(ids[f"{which}_note"]))
            .replace("{code}", "student").replace("{token_id}", "999999").replace("{proposal_id}", "999999")
            .replace("{task_id}", "999999").replace("{mark_id}", "999999")
            .replace("{user_id}", str(ids["user_supporter"])))


def call(c: TestClient, method: str, url: str, *, api: bool) -> int:
    if api:
        kw: dict[str, Any] = {"json": {}} if method in ("POST", "PATCH") else {}
    else:
        kw = {"data": {"csrf_token": c.cookies.get("zairyu_csrf") or ""}} if method == "POST" else {}
    return c.request(method, url, follow_redirects=False, **kw).status_code


@pytest.fixture(scope="module")
def browsers(office: Office) -> dict[str, TestClient]:
    return {role: office.browser(role) for role in ROLES}


CASES = sorted(MATRIX)


@pytest.mark.parametrize(("method", "path"), CASES, ids=[f"{m} {p}" for m, p in CASES])
def test_route_for_every_role(office: Office, browsers: dict[str, TestClient], method: str, path: str) -> None:
    check_route(office, browsers, method, path, MATRIX[(method, path)])


DESTRUCTIVE_CASES = sorted(DESTRUCTIVE)


@pytest.mark.parametrize(("method", "path"), DESTRUCTIVE_CASES, ids=[f"{m} {p}" for m, p in DESTRUCTIVE_CASES])
def test_destructive_route_for_every_role(fresh_office: Office, method: str, path: str) -> None:
    # the roles that may not are refused first; the admin's call (which takes something away) comes last
    browsers = {role: fresh_office.browser(role) for role in ROLES}
    check_route(fresh_office, browsers, method, path, DESTRUCTIVE[(method, path)],
                roles=sorted(ROLES, key=lambda r: r in DESTRUCTIVE[(method, path)][0]))


def check_route(office: Office, browsers: dict[str, TestClient], method: str, path: str,
                rule: tuple[set[str], str | None], roles: Any = ROLES) -> None:
    allowed, scope = rule
    api = path.startswith("/api/")
    anon = TestClient(office.app)
    status = call(anon, method, fill(path, office, "anna"), api=api)
    if api:
        assert status == 401, f"anonymous {method} {path}: {status}"
    else:
        assert status == 303, f"anonymous {method} {path}: {status}"
    for role in roles:
        c = office.client(role) if api else browsers[role]
        if scope is not None and role in allowed:  # the hidden records first: the visible one may go away
            hidden = ["foreign"] + (["ivan"] if role in ("supporter", "client") else [])
            for who in hidden:
                s = call(c, method, fill(path, office, who), api=api)
                assert s == 404, f"{role} {method} {path} for {who}: {s}"
        status = call(c, method, fill(path, office, "anna"), api=api)
        if role not in allowed:
            assert status == 403, f"{role} {method} {path}: {status}"
            continue
        assert status not in (401, 403), f"{role} {method} {path}: {status}"
        if scope is not None:
            assert status != 404, f"{role} {method} {path}: own/visible record answered 404"


def test_supporter_lists_only_assigned_people(office: Office) -> None:
    names = {p["family_name"] for p in office.client("supporter").get("/api/v1/people").json()["people"]}
    assert names == {"Sokolova"}


def test_client_sees_only_their_own_record(office: Office) -> None:
    names = {p["family_name"] for p in office.client("client").get("/api/v1/people").json()["people"]}
    assert names == {"Sokolova"}


def test_caseworker_never_sees_another_organisation(office: Office) -> None:
    names = {p["family_name"] for p in office.client("caseworker").get("/api/v1/people").json()["people"]}
    assert "Outsider" not in names and {"Sokolova", "Kuznetsova", "Petrov"} <= names


def test_page_forms_need_the_csrf_token(office: Office, browsers: dict[str, TestClient]) -> None:
    c = browsers["caseworker"]
    r = c.post(f"/people/{office.ids['anna']}/notes", data={"body": "no token"}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post("/login", data={"email": "x@y.z", "password": "p"}, follow_redirects=False)
    assert r.status_code == 403
