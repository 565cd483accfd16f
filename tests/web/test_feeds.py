"""Calendar feeds: one calendar per user with each person's events, written by the calendar's own ICS writer."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from icalendar import Calendar

from .conftest import Office


def _feed(office: Office, role: str, person_id: int | None = None) -> Calendar:
    c = office.client(role)
    url = c.post("/api/v1/calendar/tokens", json={"person_id": person_id} if person_id else {}).json()["url"]
    r = TestClient(office.app).get(url[url.index("/api/"):])
    assert r.status_code == 200
    return Calendar.from_ical(r.content)


def test_office_feed_names_each_persons_events_with_the_same_uids_as_their_own_feed(fresh_office: Office) -> None:
    office = _feed(fresh_office, "caseworker")
    assert str(office["X-WR-CALNAME"]) == "zairyu: Caseworker"
    events = office.walk("VEVENT")
    people = {str(e["SUMMARY"]).rsplit(" — ", 1)[1] for e in events}
    assert {"SOKOLOVA Anna", "KUZNETSOVA Maria", "PETROV Ivan"} <= people and "OUTSIDER" not in people
    assert all(len(e.walk("VALARM")) == 2 for e in events)
    anna = _feed(fresh_office, "caseworker", fresh_office.ids["anna"])
    anna_uids = {str(e["UID"]) for e in anna.walk("VEVENT")}
    assert anna_uids and anna_uids == {str(e["UID"]) for e in events if str(e["SUMMARY"]).endswith("SOKOLOVA Anna")}
    supporter = _feed(fresh_office, "supporter")  # assigned to Anna only
    assert {str(e["UID"]) for e in supporter.walk("VEVENT")} == anna_uids


def test_a_clients_feed_is_in_their_language(fresh_office: Office) -> None:
    feed = _feed(fresh_office, "client")  # the client (Anna) reads Russian
    titles = [str(e["SUMMARY"]) for e in feed.walk("VEVENT")]
    assert titles and all(t.endswith("SOKOLOVA Anna") for t in titles)
    assert all(re.search("[а-яё]", t.rsplit(" — ", 1)[0]) for t in titles), titles
