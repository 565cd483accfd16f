"""The office's day in the web app (issue 13): tasks, assignees, family links, the agenda's filters and its done
and snooze marks, through the pages (forms, as a browser without JavaScript) and the JSON API, for every role.

The office (tests/web/conftest.py): Anna, Maria and Ivan each landed as Temporary Visitors on 2026-10-01 for 90
days, so their period of stay ends on 2026-12-30 (ICRRA Art. 2-2(3), the first day not counted; the same date as
tests/web/test_pages.py). Today is 2026-11-25; the agenda page shows 31 days by default, so these tests ask for
the range up to 2026-12-31 (the "to" filter widens the agenda).
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from tests.web.conftest import Office

EXPIRY = "2026-12-30"
"""90 days from landing on 2026-10-01, the first day not counted (ICRRA Art. 2-2(3))."""
RANGE = "to=2026-12-31"


def csrf(c: TestClient) -> str:
    return c.cookies.get("zairyu_csrf") or ""


def agenda_json(c: TestClient, query: str = "") -> dict[str, Any]:
    r = c.get(f"/api/v1/agenda?{RANGE}&{query}")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def people_on(body: dict[str, Any], kind: str = "expiry_of_stay") -> set[int]:
    return {i["person"]["id"] for i in body["items"] if i["kind"] == kind}


def expiry_line(body: dict[str, Any], pid: int) -> dict[str, Any]:
    return next(i for i in body["items"] if i["person"]["id"] == pid and i["kind"] == "expiry_of_stay")


def snooze_form(o: Office, b: TestClient, pid: int, until: str, topic: str) -> dict[str, str]:
    return {"csrf_token": csrf(b), "person_id": str(pid), "kind": "expiry_of_stay", "topic": topic,
            "date": EXPIRY, "mark": "snoozed", "until": until, "back": f"/?{RANGE}&lang=ja"}


# --------------------------------------------------------------------------- the agenda: filters


def test_the_agenda_filters_narrow_the_page_and_the_api_and_keep_their_values(fresh_office: Office) -> None:
    o = fresh_office
    ids = o.ids
    api = o.client("caseworker")
    assert people_on(agenda_json(api)) == {ids["anna"], ids["maria"], ids["ivan"]}
    assert people_on(agenda_json(api, f"person_id={ids['maria']}")) == {ids["maria"]}
    assert {i["kind"] for i in agenda_json(api, "kind=expiry_of_stay")["items"]} == {"expiry_of_stay"}
    assert agenda_json(api, "from=2026-12-31")["items"] == []  # nothing dated after the expiry
    r = api.put(f"/api/v1/people/{ids['ivan']}/assignee", json={"assignee_id": ids["user_caseworker"]})
    assert r.status_code == 200 and r.json()["assignee_name"] == "Caseworker"
    assert people_on(agenda_json(api, "assignee=mine")) == {ids["ivan"]}
    assert people_on(agenda_json(api, "assignee=none")) == {ids["anna"], ids["maria"]}
    # the page: a GET form whose values stay in the address (a filtered agenda can be bookmarked)
    b = o.browser("caseworker")
    page = b.get(f"/?{RANGE}&person={ids['maria']}&kind=expiry_of_stay&lang=en").text
    assert "KUZNETSOVA Maria" in page and "SOKOLOVA Anna" not in page.split('id="h-overdue"')[1]
    assert f'<option value="{ids["maria"]}" selected>' in page
    assert '<option value="expiry_of_stay" selected>' in page and 'value="2026-12-31"' in page
    # a bad filter is named next to its field, in the reader's language
    r = b.get("/?to=2026-13-45&kind=holiday&lang=en")
    assert r.status_code == 200
    assert "Choose kinds of deadline from the list." in r.text
    assert "A real calendar date (year, month, day), not before the start of the range." in r.text


def test_a_supporter_only_ever_sees_their_people_whatever_the_filter(office: Office) -> None:
    sup = office.client("supporter")
    assert people_on(agenda_json(sup)) == {office.ids["anna"]}
    assert agenda_json(sup, f"person_id={office.ids['ivan']}")["items"] == []
    assert api_error(sup.get("/api/v1/agenda?kind=holiday"), "kind")


def api_error(r: Any, field: str) -> bool:
    assert r.status_code == 422, r.text
    return field in r.text


# --------------------------------------------------------------------------- done and snooze


def test_a_caseworker_snoozes_a_deadline_on_the_page_and_it_comes_back_on_its_day(fresh_office: Office) -> None:
    o = fresh_office
    ids = o.ids
    api = o.client("caseworker")
    topic = expiry_line(agenda_json(api), ids["anna"])["topic"] or ""
    b = o.browser("caseworker")
    page = b.get(f"/?{RANGE}").text
    assert "保留にした法定期限も、その期限日当日と期限を過ぎている間は" in page  # the rule, said on the page
    r = b.post("/agenda/marks", data=snooze_form(o, b, ids["anna"], "2027-01-10", topic), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/?{RANGE}&lang=ja"
    body = agenda_json(api)
    assert ids["anna"] not in people_on(body) and body["hidden"] >= 1
    page = b.get(f"/?{RANGE}&lang=en").text
    assert "line hidden (done or snoozed)" in page or "lines hidden (done or snoozed)" in page
    # on the deadline's own day the snooze (until 2027-01-10) gives way
    on_day = api.get(f"/api/v1/agenda?on={EXPIRY}&days=5").json()
    line = expiry_line(on_day, ids["anna"])
    assert line["mark"]["mark"] == "snoozed" and line["mark"]["until"] == "2027-01-10"
    assert line["mark"]["by_name"] == "Caseworker"
    # undo: back on the agenda, and both steps in the person's timeline
    mark_id = line["mark"]["id"]
    r = b.post(f"/agenda/marks/{mark_id}/undo", data={"csrf_token": csrf(b), "back": "/"}, follow_redirects=False)
    assert r.status_code == 303
    assert ids["anna"] in people_on(agenda_json(api))
    timeline = api.get(f"/api/v1/people/{ids['anna']}/timeline").json()["timeline"]
    assert [t["action"] for t in timeline if t["entity"] == "deadline_marks"] == ["create", "delete"]


def test_a_snooze_that_is_not_in_the_future_is_refused_next_to_the_field(fresh_office: Office) -> None:
    o = fresh_office
    topic = expiry_line(agenda_json(o.client("caseworker")), o.ids["anna"])["topic"] or ""
    b = o.browser("caseworker")
    form = snooze_form(o, b, o.ids["anna"], "2026-11-25", topic)  # today: not after today
    r = b.post(f"/agenda/marks?{RANGE}&lang=en", data=form)
    assert r.status_code == 422
    assert "Snooze until a date after today." in r.text
    assert o.ids["anna"] in people_on(agenda_json(o.client("caseworker")))  # nothing stored


def test_done_in_the_api_show_done_and_the_digest_rule(fresh_office: Office) -> None:
    o = fresh_office
    api = o.client("caseworker")
    line = expiry_line(agenda_json(api), o.ids["maria"])
    r = api.post("/api/v1/agenda/marks", json={"person_id": o.ids["maria"], "kind": line["kind"],
                                               "topic": line["topic"], "date": EXPIRY, "mark": "done"})
    assert r.status_code == 201, r.text
    assert o.ids["maria"] not in people_on(agenda_json(api))
    shown = agenda_json(api, "show_done=true")
    assert expiry_line(shown, o.ids["maria"])["mark"]["mark"] == "done"
    assert api.delete(f"/api/v1/agenda/marks/{r.json()['id']}").status_code == 204
    assert o.ids["maria"] in people_on(agenda_json(api))


def test_a_supporter_cannot_mark_a_deadline_of_someone_not_assigned_to_them(office: Office) -> None:
    sup = office.client("supporter")
    body = {"person_id": office.ids["ivan"], "kind": "expiry_of_stay", "topic": None, "date": EXPIRY, "mark": "done"}
    assert sup.post("/api/v1/agenda/marks", json=body).status_code == 404  # as if Ivan did not exist
    b = office.browser("supporter")
    form = {"csrf_token": csrf(b), "person_id": str(office.ids["ivan"]), "kind": "expiry_of_stay", "topic": "",
            "date": EXPIRY, "mark": "done"}
    assert b.post("/agenda/marks", data=form, follow_redirects=False).status_code == 404


def test_a_client_sees_no_tasks_assignees_or_marks(fresh_office: Office) -> None:
    o = fresh_office
    api = o.client("caseworker")
    api.put(f"/api/v1/people/{o.ids['anna']}/assignee", json={"assignee_id": o.ids["user_caseworker"]})
    api.post("/api/v1/tasks", json={"title": "Internal: check tax papers", "person_id": o.ids["anna"],
                                    "due_on": "2026-11-30"})
    line = expiry_line(agenda_json(api), o.ids["anna"])
    api.post("/api/v1/agenda/marks", json={"person_id": o.ids["anna"], "kind": "expiry_of_stay",
                                           "topic": line["topic"], "date": EXPIRY, "mark": "done"})
    client = o.client("client")
    assert client.get("/api/v1/tasks").status_code == 403
    assert client.post("/api/v1/tasks", json={"title": "x"}).status_code == 403
    assert client.post("/api/v1/agenda/marks", json={"person_id": o.ids["anna"], "kind": "expiry_of_stay",
                                                     "date": EXPIRY, "mark": "done"}).status_code == 403
    assert client.put(f"/api/v1/people/{o.ids['anna']}/assignee", json={"assignee_id": None}).status_code == 403
    me = client.get(f"/api/v1/people/{o.ids['anna']}").json()
    assert me["assignee_id"] is None and me["assignee_name"] is None
    mine = agenda_json(client)
    assert o.ids["anna"] in people_on(mine)  # the office's "done" does not hide the client's own date
    assert all(i.get("mark") is None for i in mine["items"]) and mine["tasks"] == [] and mine["hidden"] == 0
    b = o.browser("client")
    page = b.get(f"/people/{o.ids['anna']}?lang=ru").text
    assert "Internal: check tax papers" not in page and "Ответственный" not in page and "Caseworker" not in page
    assert b.get("/tasks").status_code == 403
    agenda_page = b.get(f"/?{RANGE}&lang=ru").text
    assert "Отложить" not in agenda_page and "Задачи" not in agenda_page
    # nor in the people list (review 2026-12-05: the list's rows and its Assignee column gave the name), nor by
    # asking the list who handles her
    rows = client.get("/api/v1/people").json()["people"]
    assert [r["assignee"] for r in rows] == [None]
    assert client.get(f"/api/v1/people?assignee={o.ids['user_caseworker']}").json()["total"] == 1
    listing = b.get("/people?lang=ru").text
    assert "Caseworker" not in listing and "Ответственный" not in listing


def test_a_task_about_a_person_goes_only_to_someone_who_may_see_them(office: Office) -> None:
    """Review 2026-12-05: a task about Ivan given to a supporter not assigned to him told her his name."""
    api = office.client("caseworker")
    r = api.post("/api/v1/tasks", json={"title": "Call about the renewal", "person_id": office.ids["ivan"],
                                        "owner_id": office.ids["user_supporter"]})
    assert r.status_code == 422 and "owner_id" in r.text
    assert "PETROV" not in office.client("supporter").get("/api/v1/tasks").text
    ok = api.post("/api/v1/tasks", json={"title": "Call about the renewal", "person_id": office.ids["anna"],
                                         "owner_id": office.ids["user_supporter"]})
    assert ok.status_code == 201, ok.text


def test_a_task_keeps_its_owner_but_not_the_name_of_someone_no_longer_assigned(fresh_office: Office) -> None:
    """Review 2026-12-05 (second): the supporter still owns a task about Anna after her assignment to Anna ended;
    the API lists it (hers) without Anna's name, as the tasks page does."""
    o = fresh_office
    api = o.client("caseworker")
    t = api.post("/api/v1/tasks", json={"title": "Call about the renewal", "person_id": o.ids["anna"],
                                        "owner_id": o.ids["user_supporter"]}).json()
    sup = o.client("supporter")
    assert sup.get("/api/v1/tasks").json()["tasks"][0]["person_name"] == "SOKOLOVA Anna"
    gone = o.client("admin").delete(f"/api/v1/users/{o.ids['user_supporter']}/assignments/{o.ids['anna']}")
    assert gone.status_code == 204, gone.text
    listed = sup.get("/api/v1/tasks").json()["tasks"]
    assert [(x["id"], x["person_name"]) for x in listed] == [(t["id"], None)]
    assert "SOKOLOVA" not in sup.get(f"/api/v1/tasks/{t['id']}").text


# --------------------------------------------------------------------------- tasks


def test_tasks_through_the_api(fresh_office: Office) -> None:
    o = fresh_office
    api = o.client("caseworker")
    r = api.post("/api/v1/tasks", json={"title": "Collect the admission letter", "person_id": o.ids["anna"],
                                        "application_id": o.ids["anna_app"], "owner_id": o.ids["user_supporter"],
                                        "due_on": "2026-11-24"})
    assert r.status_code == 201, r.text
    t = r.json()
    assert t["overdue"] is True and t["owner_name"] == "Supporter" and t["person_name"] == "SOKOLOVA Anna"
    assert [x["id"] for x in api.get("/api/v1/tasks?overdue=true").json()["tasks"]] == [t["id"]]
    assert [x["id"] for x in o.client("supporter").get("/api/v1/tasks?owner=mine").json()["tasks"]] == [t["id"]]
    r = api.patch(f"/api/v1/tasks/{t['id']}", json={"due_on": "2026-12-02", "owner_id": None,
                                                    "expected_version": t["version"]})
    assert r.status_code == 200 and r.json()["owner_id"] is None and r.json()["overdue"] is False
    stale = api.patch(f"/api/v1/tasks/{t['id']}", json={"due_on": "2026-12-03", "expected_version": t["version"]})
    assert stale.status_code == 409
    # due within the agenda's range: on the agenda too, apart from the legal deadlines
    assert [x["title"] for x in agenda_json(api)["tasks"]] == ["Collect the admission letter"]
    r = api.post(f"/api/v1/tasks/{t['id']}/done", json={"expected_version": t["version"] + 1})
    assert r.status_code == 200 and r.json()["done"] is True
    assert api.get("/api/v1/tasks").json()["tasks"] == []
    bad = api.post("/api/v1/tasks", json={"title": "x", "owner_id": o.ids["user_client"]})
    assert bad.status_code == 422 and "owner_id" in bad.text
    # a supporter cannot set a task on someone not assigned to them
    assert o.client("supporter").post("/api/v1/tasks", json={"title": "x", "person_id": o.ids["ivan"]}
                                      ).status_code == 404


def test_tasks_screen_and_the_person_page_set_a_task_and_mark_it_done(fresh_office: Office) -> None:
    o = fresh_office
    b = o.browser("caseworker")
    r = b.post(f"/people/{o.ids['anna']}/tasks", data={"csrf_token": csrf(b), "title": "Phone the school",
                                                       "owner_id": str(o.ids["user_caseworker"]),
                                                       "due_on": "2026-11-27"}, follow_redirects=False)
    assert r.status_code == 303
    page = b.get(f"/people/{o.ids['anna']}?lang=en").text
    assert "Phone the school" in page and "Caseworker" in page
    tasks = b.get("/tasks?owner=mine&lang=en").text
    assert "Phone the school" in tasks and "SOKOLOVA Anna" in tasks
    assert "Phone the school" in b.get("/?lang=en").text  # due in the agenda's range, marked as a task
    # a refused value keeps the form as it was, the error next to the field
    r = b.post("/tasks?lang=en", data={"csrf_token": csrf(b), "title": "Write to the embassy",
                                       "person_id": str(o.ids["foreign"])})
    assert r.status_code in (404, 422)
    r = b.post("/tasks?lang=en", data={"csrf_token": csrf(b), "title": "Write to the embassy", "due_on": "2026-02-30"})
    assert r.status_code == 422 and 'value="Write to the embassy"' in r.text
    assert "A real calendar date (year, month, day)." in r.text
    t = o.client("caseworker").get("/api/v1/tasks").json()["tasks"][0]
    r = b.post(f"/tasks/{t['id']}/done", data={"csrf_token": csrf(b), "version": str(t["version"]), "back": "/tasks"},
               follow_redirects=False)
    assert r.status_code == 303
    assert "Phone the school" not in b.get("/tasks?lang=en").text


# --------------------------------------------------------------------------- assignees and family links


def test_staff_set_the_assignee_on_the_person_and_application_pages(fresh_office: Office) -> None:
    o = fresh_office
    b = o.browser("caseworker")
    person = o.client("caseworker").get(f"/api/v1/people/{o.ids['anna']}").json()
    r = b.post(f"/people/{o.ids['anna']}/assignee", data={"csrf_token": csrf(b), "version": str(person["version"]),
                                                          "assignee_id": str(o.ids["user_supporter"])},
               follow_redirects=False)
    assert r.status_code == 303
    page = b.get(f"/people/{o.ids['anna']}?lang=en").text
    assert f'<option value="{o.ids["user_supporter"]}" selected>Supporter</option>' in page
    app = o.client("caseworker").get(f"/api/v1/applications/{o.ids['anna_app']}").json()
    r = b.post(f"/applications/{o.ids['anna_app']}/assignee",
               data={"csrf_token": csrf(b), "version": str(app["version"]), "assignee_id": str(o.ids["user_admin"])},
               follow_redirects=False)
    assert r.status_code == 303
    assert o.client("admin").get(f"/api/v1/applications/{o.ids['anna_app']}").json()["assignee_name"] == "Admin"
    # a supporter sees who handles the case but cannot change it
    s = o.browser("supporter")
    assert "Supporter" in s.get(f"/people/{o.ids['anna']}?lang=en").text
    assert s.post(f"/people/{o.ids['anna']}/assignee", data={"csrf_token": csrf(s), "version": "1",
                                                             "assignee_id": ""}).status_code == 403


def test_family_links_on_the_person_page_show_only_people_the_reader_may_see(fresh_office: Office) -> None:
    o = fresh_office
    b = o.browser("caseworker")
    r = b.post(f"/people/{o.ids['anna']}/family", data={"csrf_token": csrf(b), "related_person_id": str(o.ids["ivan"]),
                                                        "relation": "child"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Child: " in b.get(f"/people/{o.ids['anna']}?lang=en").text
    ivan = b.get(f"/people/{o.ids['ivan']}?lang=ja").text
    assert "親" in ivan and f'href="/people/{o.ids["anna"]}"' in ivan  # Anna is Ivan's parent, in Japanese
    assert o.client("caseworker").get(f"/api/v1/people/{o.ids['ivan']}/family").json()["family"][0]["relation"] \
        == "parent"
    # the supporter sees Anna but not Ivan: the link is not shown to them
    assert o.client("supporter").get(f"/api/v1/people/{o.ids['anna']}/family").json()["family"] == []
    # linking the same two people again is refused next to the field
    r = b.post(f"/people/{o.ids['ivan']}/family?lang=en", data={"csrf_token": csrf(b), "relation": "parent",
                                                               "related_person_id": str(o.ids["anna"])})
    assert r.status_code == 422
    assert "Choose another person from the list, not already linked to this one." in r.text


def test_the_new_routes_are_documented_in_openapi(office: Office) -> None:
    paths = office.client().get("/openapi.json").json()["paths"]
    for p in ("/api/v1/tasks", "/api/v1/tasks/{task_id}", "/api/v1/tasks/{task_id}/done", "/api/v1/staff",
              "/api/v1/people/{person_id}/assignee", "/api/v1/applications/{application_id}/assignee",
              "/api/v1/people/{person_id}/family", "/api/v1/agenda/marks", "/api/v1/agenda/marks/{mark_id}"):
        assert p in paths, p
    params = {x["name"] for x in paths["/api/v1/agenda"]["get"]["parameters"]}
    assert {"person_id", "kind", "assignee", "from", "to", "show_done"} <= params


def test_the_users_calendar_feed_follows_the_snooze_rule(fresh_office: Office) -> None:
    from icalendar import Calendar

    o = fresh_office
    api = o.client("caseworker")
    url = api.post("/api/v1/calendar/tokens", json={}).json()["url"]
    feed_path = url[url.index("/api/"):]

    def anna_events() -> list[str]:
        cal = Calendar.from_ical(TestClient(o.app).get(feed_path).content)
        return [str(e["DTSTART"].to_ical().decode()) for e in cal.walk("VEVENT")
                if str(e["SUMMARY"]).endswith("SOKOLOVA Anna")]

    before = anna_events()
    assert "20261230" in before  # the period of stay ends on 2026-12-30 (ICRRA Art. 2-2(3))
    line = expiry_line(agenda_json(api), o.ids["anna"])
    r = api.post("/api/v1/agenda/marks", json={"person_id": o.ids["anna"], "kind": "expiry_of_stay",
                                               "topic": line["topic"], "date": EXPIRY, "mark": "snoozed",
                                               "until": "2026-12-05"})
    assert r.status_code == 201, r.text
    # today (2026-11-25) is before both the snooze's end and the deadline: one event fewer until then
    assert len(anna_events()) == len(before) - 1
