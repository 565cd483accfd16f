"""Limits and inputs (issue 12, findings 6, 8, 9, 12, 13, 14, 15): every input path holds dates, periods, body
sizes and nesting to the bounds of :mod:`zairyu.limits`; a client sees neither staff notes nor the change log;
an edit without its version is refused; imports pass the upload rules; every answer carries the security
headers. Stored data is exercised on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from tests.cases.conftest import create_pg_database, drop_pg_database
from tests.conftest import Cli
from tests.web.conftest import Office, build_office
from tests.web.test_browser import running_server

from zairyu.cases import db, exchange
from zairyu.cases import services as sv
from zairyu.errors import ZairyuError
from zairyu.limits import DATES_ALLOWED, EARLIEST, LATEST, MAX_JSON_DEPTH


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """The test office on each database (module-wide: each test adds its own people)."""
    if request.param == "postgres":
        url = create_pg_database("limits")
        o = build_office(tmp_path_factory.mktemp("pglimits"), url)
        try:
            yield o
        finally:
            db.dispose_engine(o.settings.db_url)
            drop_pg_database(url)
    else:
        o = build_office(tmp_path_factory.mktemp("limits"))
        yield o
        db.dispose_engine(o.settings.db_url)


def token(b: TestClient) -> str:
    return str(b.cookies.get("zairyu_csrf"))


_names = iter(range(1, 10**6))


def new_person(c: TestClient, name: str) -> int:
    r = c.post("/api/v1/people", json={"family_name": name, "given_name": f"N{next(_names)}", "nationality": "UA"})
    assert r.status_code == 201, r.text
    pid = int(r.json()["id"])
    r = c.post(f"/api/v1/people/{pid}/stays", json={"status": "temporary_visitor", "period": "P90D",
                                                    "granted_on": "2026-10-01", "granted_by": "landing"})
    assert r.status_code == 201, r.text
    return pid


# --------------------------------------------------------------------------- finding 8: dates and periods

def test_the_date_bound_is_the_covered_range_widened() -> None:
    # basis: zairyu.law.models COVERED_FROM 2012-07-09 and COVERED_TO 2027-12-31, widened by 100 years before
    # (birth dates) and 10 years after (expiries, cards) — zairyu.limits
    assert (EARLIEST.isoformat(), LATEST.isoformat()) == ("1912-01-01", "2037-12-31")


# basis: the refused inputs of issue 12, finding 8 (9999-12-31, P99999999Y), against the bounds of docs/security.md
# ("Limits and inputs": dates 1912-01-01..2037-12-31, periods up to P10Y)
@pytest.mark.parametrize(("path", "body", "field"), [
    ("stays", {"status": "temporary_visitor", "period": "P90D", "granted_on": "9999-12-01",
               "granted_by": "landing"}, "granted_on"),
    ("stays", {"status": "temporary_visitor", "period": "P99999999Y", "granted_on": "2026-10-01",
               "granted_by": "landing"}, "period"),
    ("stays", {"status": "temporary_visitor", "granted_on": "2026-10-01", "expires_on": "9999-12-31"},
     "expires_on"),
    ("events", {"kind": "moved", "on": "9999-12-31"}, "on"),
    ("events", {"kind": "moved", "on": "0001-01-01"}, "on"),
])
def test_out_of_bounds_values_are_refused_and_the_assessment_keeps_working(office: Office, path: str,
                                                                           body: dict[str, Any], field: str) -> None:
    c = office.client("caseworker")
    pid = new_person(c, f"Bounds{path}{field}")
    r = c.post(f"/api/v1/people/{pid}/{path}", json=body)
    assert r.status_code == 422, r.text
    err = r.json()
    assert err["field"] == field
    assert err["allowed"] in (DATES_ALLOWED, "up to P10Y (or P120M, or the same length in days)")
    assert c.get(f"/api/v1/people/{pid}/assessment").status_code == 200
    assert c.get(f"/api/v1/people/{pid}/deadlines").status_code == 200


def test_extra_facts_and_birth_dates_out_of_bounds_are_refused(office: Office) -> None:
    c = office.client("caseworker")
    pid = new_person(c, "Extrafacts")
    r = c.get(f"/api/v1/people/{pid}")
    r = c.patch(f"/api/v1/people/{pid}", json={"changes": {"extra_facts": {"residence_in_japan_since": "9999-12-31"}},
                                               "expected_version": r.json()["version"]})
    assert r.status_code == 422 and r.json()["field"] == "residence_in_japan_since"
    assert r.json()["allowed"] == DATES_ALLOWED
    r = c.post("/api/v1/people", json={"family_name": "Old", "birth_date": "1066-10-14"})
    assert r.status_code == 422 and r.json()["field"] == "birth_date"
    assert c.get(f"/api/v1/people/{pid}/assessment").status_code == 200


def test_posted_facts_out_of_bounds_name_the_field(office: Office) -> None:
    c = office.client("caseworker")
    for stay, field in (({"status": "temporary_visitor", "period": "P99999999Y", "granted_on": "2026-10-01"},
                         "stay.period"),
                        ({"status": "temporary_visitor", "period": "P90D", "granted_on": "9999-12-01"},
                         "stay.granted_on")):
        for route in ("/api/v1/assess", "/api/v1/deadlines"):
            r = c.post(route, json={"stay": stay})
            assert r.status_code == 422, r.text
            assert r.json()["field"] == field and r.json()["allowed"]
    r = c.post("/api/v1/expiry", json={"start": "9999-12-31", "period": "P1Y"})
    assert r.status_code == 422 and r.json()["field"] == "start"


def test_a_decision_with_an_absurd_period_is_refused(office: Office) -> None:
    c = office.client("caseworker")
    pid = new_person(c, "Decision")
    a = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()
    f = c.post(f"/api/v1/applications/{a['id']}/transition",
               json={"to": "filed", "date": "2026-11-20", "expected_version": a["version"]})
    assert f.status_code == 200, f.text
    r = c.post(f"/api/v1/applications/{a['id']}/transition",
               json={"to": "decided", "date": "2026-11-24", "decision": "granted", "new_period": "P99999999Y",
                     "expected_version": f.json()["version"]})
    assert r.status_code == 422 and r.json()["field"] == "new_period"
    assert c.get(f"/api/v1/people/{pid}/assessment").status_code == 200


def test_page_forms_hold_the_same_bounds(office: Office) -> None:
    pid = new_person(office.client("caseworker"), "Pageform")
    b = office.browser("caseworker")
    r = b.post(f"/people/{pid}/events", data={"csrf_token": token(b), "kind": "moved", "on": "9999-12-31"})
    assert r.status_code == 422
    assert "1912-01-01" in r.text and "2037-12-31" in r.text
    assert b.get(f"/people/{pid}").status_code == 200


def test_deeply_nested_json_is_refused_before_parsing(office: Office) -> None:
    c = office.client("caseworker")
    deep = "[" * 100_000 + "]" * 100_000
    r = c.post("/api/v1/assess", content=deep, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["field"] == "body" and str(MAX_JSON_DEPTH) in r.json()["allowed"]
    ok = json.dumps({"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01"}})
    assert c.post("/api/v1/assess", content=ok, headers={"content-type": "application/json"}).status_code == 200


def test_a_name_with_a_line_break_keeps_the_feed_valid(office: Office) -> None:
    c = office.client("caseworker")
    r = c.post("/api/v1/people", json={"family_name": "Line\r\nBEGIN:VEVENT", "given_name": "Break;, \\"})
    pid = r.json()["id"]
    c.post(f"/api/v1/people/{pid}/stays", json={"status": "temporary_visitor", "period": "P90D",
                                                "granted_on": "2026-10-01", "granted_by": "landing"})
    url = c.post("/api/v1/calendar/tokens", json={"person_id": pid}).json()["url"]
    feed = c.get(url.replace("http://testserver", ""))
    assert feed.status_code == 200, feed.text
    cal = Calendar.from_ical(feed.content)
    events = [e for e in cal.walk("VEVENT")]
    assert events and all("line" in str(e["summary"]).lower() for e in events)
    assert "BEGIN:VEVENT" in str(cal["x-wr-calname"])  # kept as text, not as a line of its own
    assert feed.content.count(b"\r\nBEGIN:VEVENT\r\n") == len(events)


# --------------------------------------------------------------------------- the command line

@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", f"sqlite:///{tmp_path / 'zairyu.db'}")
    yield tmp_path
    db.dispose_engine(f"sqlite:///{tmp_path / 'zairyu.db'}")


def test_the_cli_answers_every_bad_file_with_one_line_and_status_2(cli: Cli, data_dir: Path) -> None:
    assert cli("db", "upgrade").exit_code == 0
    bad = data_dir / "latin1.json"
    bad.write_bytes(b'{"stay": {"status": "caf\xe9"}}')
    deep = data_dir / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    big = data_dir / "big.csv"
    big.write_text('family_name\n"' + "x" * 200_000 + '"\n')
    far = data_dir / "far.json"
    far.write_text(json.dumps({"stay": {"status": "temporary_visitor", "period": "P99999999Y",
                                        "granted_on": "2026-10-01"}}))
    for args in (("assess", str(bad)), ("assess", str(deep)), ("assess", str(far)), ("deadlines", str(far)),
                 ("import", str(bad)), ("import", str(deep)), ("import", str(big)),
                 ("expiry", "--from", "9999-12-31", "--period", "P1Y"),
                 ("expiry", "--from", "2026-01-01", "--period", "P99999999Y")):
        r = cli(*args)
        assert r.exit_code == 2, (args, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("zairyu: error:"), (args, r.output)
        assert "Traceback" not in r.output


def test_csv_and_json_imports_hold_the_date_bound(cli: Cli, data_dir: Path) -> None:
    assert cli("db", "upgrade").exit_code == 0
    rows = data_dir / "people.csv"
    rows.write_text("family_name,birth_date\nAncient,0001-01-01\n")
    r = cli("import", str(rows))
    assert r.exit_code == 2 and "birth_date" in r.output and DATES_ALLOWED in r.output
    assert "Traceback" not in r.output


# --------------------------------------------------------------------------- finding 6: request size

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``zairyu serve`` as an office starts it."""
    data = tmp_path_factory.mktemp("limits-server")
    env = {**os.environ, "ZAIRYU_DATA_DIR": str(data), "ZAIRYU_DATABASE_URL": f"sqlite:///{data / 'zairyu.db'}"}
    run = [sys.executable, "-c", "from zairyu.cli import main; main()"]
    subprocess.run([*run, "db", "upgrade"], env=env, check=True, capture_output=True, timeout=120)
    with running_server(env) as url:
        yield url.removeprefix("http://")


def _raw(server: str, head: bytes, body: bytes) -> tuple[bytes, dict[str, Any]]:
    """Send a request's head and (the start of) its body on a plain socket; read the answer."""
    host, port = server.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + head
                     + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    status, _, payload = answer.partition(b"\r\n\r\n")
    return status, json.loads(payload)


def test_an_oversized_sign_in_body_is_refused_before_it_is_read(server: str) -> None:
    # a declared 200 MB body: refused on its Content-Length, before the body is read (only its start is sent)
    status, body = _raw(server, b"Content-Length: " + str(200 * 1024 * 1024).encode() + b"\r\n", b'{"email": "a')
    assert status.startswith(b"HTTP/1.1 413"), status
    assert body["field"] == "body" and body["allowed"].startswith("up to")
    # the same without a length (chunked): counted as it streams, refused at the limit
    piece = b"x" * 100_000
    chunks = b"".join(b"%x\r\n" % len(piece) + piece + b"\r\n" for _ in range(12))
    status, body = _raw(server, b"Transfer-Encoding: chunked\r\n", chunks)
    assert status.startswith(b"HTTP/1.1 413"), status
    # an ordinary sign-in still goes through
    ok = json.dumps({"email": "x@y.z", "password": "wrong password"}).encode()
    status, body = _raw(server, b"Content-Length: %d\r\n" % len(ok), ok)
    assert status.startswith(b"HTTP/1.1 401"), status


# --------------------------------------------------------------------------- finding 9: what a client sees

def test_a_client_reads_neither_staff_notes_nor_the_change_log(office: Office) -> None:
    ids = office.ids
    staff = office.client("caseworker")
    assert staff.post(f"/api/v1/people/{ids['anna']}/notes", json={"body": "claim weak"}).status_code == 201
    client = office.client("client")
    notes = client.get(f"/api/v1/people/{ids['anna']}/notes")
    assert notes.status_code == 200 and "claim weak" not in notes.text  # only notes shared with her
    assert client.get(f"/api/v1/people/{ids['anna']}/timeline").status_code == 403
    assert client.get(f"/api/v1/people/{ids['anna']}").status_code == 200
    page = office.browser("client").get(f"/people/{ids['anna']}").text
    assert "claim weak" not in page and "@office.example" not in page
    staff_page = office.browser("caseworker").get(f"/people/{ids['anna']}").text
    assert "claim weak" in staff_page and "caseworker@office.example" in staff_page


def test_notes_are_internal_unless_shared_with_the_client(office: Office) -> None:
    """Issue 13: notes are marked internal (the default) or shared; the client sees only the shared ones, in
    the API and on her page, and a shared note can be made internal again (recorded in the timeline)."""
    ids = office.ids
    staff = office.client("caseworker")
    internal = staff.post(f"/api/v1/people/{ids['anna']}/notes", json={"body": "fee not paid yet"}).json()
    assert internal["shared"] is False
    shared = staff.post(f"/api/v1/people/{ids['anna']}/notes",
                        json={"body": "Bring the school's admission letter on Monday", "shared": True}).json()
    assert shared["shared"] is True
    client, page_of = office.client("client"), office.browser("client")
    bodies = [n["body"] for n in client.get(f"/api/v1/people/{ids['anna']}/notes").json()["notes"]]
    assert "Bring the school's admission letter on Monday" in bodies and "fee not paid yet" not in bodies
    page = page_of.get(f"/people/{ids['anna']}?lang=ru").text
    assert "Сообщения от вашего бюро" in page and "admission letter on Monday" in page
    assert "fee not paid yet" not in page and "Сделать внутренней" not in page  # no staff controls for her
    assert client.patch(f"/api/v1/notes/{shared['id']}", json={"shared": False, "expected_version":
                                                               shared["version"]}).status_code == 403
    # staff make it internal again, through the page's button; a stale version is refused
    b = office.browser("caseworker")
    staff_page = b.get(f"/people/{ids['anna']}?lang=ja").text
    assert "依頼者と共有" in staff_page and "内部メモ" in staff_page
    r = b.post(f"/notes/{shared['id']}/share", data={"csrf_token": token(b), "shared": "no",
                                                     "expected_version": shared["version"]},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    assert staff.patch(f"/api/v1/notes/{shared['id']}", json={"shared": True, "expected_version":
                                                              shared["version"]}).status_code == 409
    assert "admission letter" not in page_of.get(f"/people/{ids['anna']}").text
    entries = staff.get(f"/api/v1/people/{ids['anna']}/timeline").json()["timeline"]
    assert any(e["entity"] == "notes" and e["action"] == "update" and e["entity_id"] == shared["id"]
               for e in entries)


def test_a_client_reads_no_staff_note_on_the_record_itself(office: Office) -> None:
    """Re-review (docs/security.md, 2026-12-05): the person's own ``notes`` field and an application's
    ``notes`` are staff notes too (encrypted as such), but the API gave them to the client with the record."""
    ids = office.ids
    staff = office.client("caseworker")
    v = staff.get(f"/api/v1/people/{ids['anna']}").json()["version"]
    r = staff.patch(f"/api/v1/people/{ids['anna']}", json={"changes": {"notes": "person note: claim weak"},
                                                             "expected_version": v})
    assert r.status_code == 200, r.text
    r = staff.post(f"/api/v1/people/{ids['anna']}/applications",
                   json={"procedure": "extension_of_stay", "notes": "application note: claim weak"})
    assert r.status_code == 201, r.text
    app_id = r.json()["id"]
    assert "claim weak" in staff.get(f"/api/v1/people/{ids['anna']}").text  # staff still read them
    client = office.client("client")
    for path in (f"/api/v1/people/{ids['anna']}", "/api/v1/people", f"/api/v1/people/{ids['anna']}/applications",
                 f"/api/v1/applications/{app_id}"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text)
        assert "claim weak" not in r.text, path
    for path in (f"/people/{ids['anna']}", f"/applications/{app_id}"):
        page = office.browser("client").get(path)
        assert page.status_code == 200 and "claim weak" not in page.text, path


# --------------------------------------------------------------------------- finding 12: versions required

def test_an_api_edit_without_its_version_is_refused(office: Office) -> None:
    c = office.client("caseworker")
    pid = new_person(c, "Versioned")
    r = c.patch(f"/api/v1/people/{pid}", json={"changes": {"phone": "090"}})
    assert r.status_code == 422 and r.json()["field"] == "expected_version"
    v = c.get(f"/api/v1/people/{pid}").json()["version"]
    assert c.patch(f"/api/v1/people/{pid}", json={"changes": {"phone": "090"},
                                                  "expected_version": v}).status_code == 200
    assert c.patch(f"/api/v1/people/{pid}", json={"changes": {"phone": "080"},
                                                  "expected_version": v}).status_code == 409
    a = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()
    r = c.post(f"/api/v1/applications/{a['id']}/transition", json={"to": "prepared"})
    assert r.status_code == 422 and r.json()["field"] == "expected_version"
    assert c.get(f"/api/v1/applications/{a['id']}").json()["stage"] == "draft"


@pytest.mark.parametrize("version", ["", "0", None])
def test_a_page_edit_without_its_version_is_refused(office: Office, version: str | None) -> None:
    c = office.client("caseworker")
    pid = new_person(c, f"Pageversion{version!r}")
    b = office.browser("caseworker")
    form = {"csrf_token": token(b), "family_name": f"Pageversion{version!r}", "nationality": "UA", "phone": "070"}
    if version is not None:
        form["version"] = version
    r = b.post(f"/people/{pid}/edit", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert c.get(f"/api/v1/people/{pid}").json()["phone"] is None
    a = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()
    move = {"csrf_token": token(b), "to": "prepared"}
    if version is not None:
        move["expected_version"] = version
    r = b.post(f"/applications/{a['id']}/transition", data=move, follow_redirects=False)
    assert r.status_code == 422
    assert c.get(f"/api/v1/applications/{a['id']}").json()["stage"] == "draft"


def test_page_refusals_speak_the_readers_language(office: Office) -> None:
    b = office.browser("caseworker")
    pid = office.ids["ivan"]
    r = b.post(f"/people/{pid}/edit?lang=ru", data={"csrf_token": token(b), "family_name": "Petrov", "version": ""})
    assert r.status_code == 422 and "с какой версии записи" in r.text  # the ru catalogue's text
    r = b.post(f"/people/{pid}/notes?lang=uk", content=b"body=" + b"x" * 2_000_000,
               headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "Запит більший" in r.text  # the uk catalogue's text


def test_a_stale_stage_change_from_the_page_is_refused(office: Office) -> None:
    c = office.client("caseworker")
    pid = new_person(c, "Stalestage")
    a = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()
    b = office.browser("caseworker")
    page = b.get(f"/applications/{a['id']}").text
    assert f'name="expected_version" value="{a["version"]}"' in page
    # someone else moves it first
    assert c.post(f"/api/v1/applications/{a['id']}/transition",
                  json={"to": "prepared", "expected_version": a["version"]}).status_code == 200
    r = b.post(f"/applications/{a['id']}/transition",
               data={"csrf_token": token(b), "to": "withdrawn", "confirm": "yes",
                     "expected_version": str(a["version"])})
    assert r.status_code == 409
    assert c.get(f"/api/v1/applications/{a['id']}").json()["stage"] == "prepared"


def test_irreversible_steps_ask_for_a_confirmation_in_the_page(office: Office) -> None:
    """Issue 13: withdrawing an application or deleting a record from a page needs its box ticked; without it
    nothing changes and the page says why, next to the box, in the reader's language."""
    c = office.client("caseworker")
    pid = new_person(c, "Withdrawing")
    a = c.post(f"/api/v1/people/{pid}/applications", json={"procedure": "extension_of_stay"}).json()
    b = office.browser("caseworker")
    page = b.get(f"/applications/{a['id']}?lang=ja").text
    assert 'id="withdraw"' in page and "理解しました：この申請を取り下げる" in page
    r = b.post(f"/applications/{a['id']}/transition?lang=ja",
               data={"csrf_token": token(b), "to": "withdrawn", "expected_version": str(a["version"])})
    assert r.status_code == 422
    assert 'id="err-confirm"' in r.text and "この操作は元に戻せません" in r.text
    assert c.get(f"/api/v1/applications/{a['id']}").json()["stage"] == "draft"
    r = b.post(f"/applications/{a['id']}/transition",
               data={"csrf_token": token(b), "to": "withdrawn", "confirm": "yes",
                     "expected_version": str(a["version"])}, follow_redirects=False)
    assert r.status_code == 303
    assert c.get(f"/api/v1/applications/{a['id']}").json()["stage"] == "withdrawn"
    admin = office.browser("admin")
    r = admin.post(f"/people/{pid}/delete", data={"csrf_token": token(admin)}, follow_redirects=False)
    assert r.status_code == 422
    assert c.get(f"/api/v1/people/{pid}").status_code == 200  # still there
    r = admin.post(f"/people/{pid}/delete", data={"csrf_token": token(admin), "confirm": "yes"},
                   follow_redirects=False)
    assert r.status_code == 303 and c.get(f"/api/v1/people/{pid}").status_code == 404


# --------------------------------------------------------------------------- finding 13: import rules

def _export(office: Office) -> dict[str, Any]:
    engine = db.get_engine(office.settings.db_url)
    with db.transaction(engine) as s:
        doc = exchange.export_office(s, office.ids["org"], upload_dir=office.settings.uploads_path)
    return json.loads(exchange.dumps(doc))


def _import(office: Office, doc: dict[str, Any]) -> ZairyuError:
    engine = db.get_engine(office.settings.db_url)
    before = _count_orgs(office)
    with pytest.raises(ZairyuError) as err, db.transaction(engine) as s:
        exchange.import_office(s, doc, sv.Actor("test"), office.app.state.today(),
                               upload_dir=office.settings.uploads_path)
    assert _count_orgs(office) == before  # nothing half-written
    return err.value


def _count_orgs(office: Office) -> int:
    from sqlalchemy import func, select

    from zairyu.cases import models as m
    with db.transaction(db.get_engine(office.settings.db_url)) as s:
        return int(s.scalar(select(func.count()).select_from(m.Organisation)) or 0)


def test_an_import_holds_documents_to_the_upload_rules(office: Office) -> None:
    doc = _export(office)
    doc["organisation"]["name"] = "Imported office"
    for u in doc["users"]:
        u["email"] = "imported-" + u["email"]
    doc["calendar_tokens"] = []
    d = doc["documents"][0]
    html = b"<html><script>alert(1)</script></html>"
    import base64
    import hashlib
    d.update(filename="../../evil.html", content_type="text/html", content_base64=base64.b64encode(html).decode(),
             sha256=hashlib.sha256(html).hexdigest(), size=len(html))
    err = _import(office, doc)
    assert err.field == "filename"
    d["filename"] = "evil.html"
    assert _import(office, doc).field == "content_type"


def test_an_office_import_holds_the_date_bound(office: Office) -> None:
    doc = _export(office)
    doc["organisation"]["name"] = "Imported far office"
    for u in doc["users"]:
        u["email"] = "far-" + u["email"]
    doc["calendar_tokens"] = []
    doc["stays"][0]["expires_on"] = "9999-12-31"
    err = _import(office, doc)
    assert err.field == "expires_on" and err.allowed == DATES_ALLOWED


def test_an_import_needs_the_office_name(office: Office) -> None:
    doc = _export(office)
    for name in ("", "   ", None):
        doc["organisation"]["name"] = name
        assert _import(office, doc).field == "organisation.name"


# --------------------------------------------------------------------------- finding 14: headers

def test_every_answer_carries_the_security_headers_and_no_store(office: Office) -> None:
    c = TestClient(office.app, raise_server_exceptions=False)
    c.headers["Authorization"] = f"Bearer {office.tokens['caseworker']}"
    answers = [c.get("/api/v1/nothing-here"), c.get("/api/v1/people/999999"),
               c.post("/api/v1/people", json={"family_name": ""}), c.get("/api/v1/people"),
               c.get(f"/api/v1/people/{office.ids['anna']}"), TestClient(office.app).get("/api/v1/me"),
               office.browser("caseworker").get(f"/people/{office.ids['anna']}")]
    for r in answers:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], r.url
        assert r.headers["cache-control"] == "no-store", r.url
        assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS


def test_a_server_error_carries_the_headers_too(tmp_path: Path) -> None:
    o = build_office(tmp_path)
    try:
        c = TestClient(o.app, raise_server_exceptions=False)
        c.headers["Authorization"] = f"Bearer {o.tokens['caseworker']}"

        def broken() -> Any:
            raise RuntimeError("a stand-in for any unexpected bug")

        o.app.state.today = broken
        err = c.get("/api/v1/agenda")
        assert err.status_code == 500
        assert err.headers["x-content-type-options"] == "nosniff"
        assert err.headers["cache-control"] == "no-store"
    finally:
        db.dispose_engine(o.settings.db_url)


def test_hsts_under_https(office: Office) -> None:
    r = TestClient(office.app, base_url="https://testserver").get("/login")
    assert r.headers["strict-transport-security"].startswith("max-age=")


def test_the_api_reference_loads_nothing_from_elsewhere(office: Office) -> None:
    c = TestClient(office.app)
    r = c.get("/docs")
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "http" not in csp
    assert "<script>" not in r.text and "cdn" not in r.text
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css",
                  "/static/swagger/init.js"):
        assert asset in r.text and c.get(asset).status_code == 200


# --------------------------------------------------------------------------- finding 15: upload answers

def test_an_upload_under_another_persons_application_answers_as_a_missing_one(office: Office) -> None:
    c = office.client("caseworker")
    ids = office.ids
    files = {"file": ("letter.pdf", b"%PDF-1.4 test", "application/pdf")}
    other = c.post(f"/api/v1/people/{ids['anna']}/documents", files=files,
                   data={"application_id": str(ids["ivan_app"])})
    missing = c.post(f"/api/v1/people/{ids['anna']}/documents", files=files, data={"application_id": "999999"})
    assert other.status_code == missing.status_code == 422
    assert other.json()["field"] == missing.json()["field"] == "application_id"
    assert other.json()["message"].replace(str(ids["ivan_app"]), "N") == missing.json()["message"].replace(
        "999999", "N")
    assert "another person" not in other.text
