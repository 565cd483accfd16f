"""The command line and moving offices, on SQLite and PostgreSQL: migrations and the schema check, the
demo office, the walk-through of docs/cases.md, export → import → export, and CSV import."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.exchange import CsvImportError, dumps, export_office, import_csv, import_office
from zairyu.errors import ZairyuError
from zairyu.glossary import term
from zairyu.law import catalogue

from .conftest import ACTOR, ON, DBHandle

ON_TEXT = ON.isoformat()


def _ok(cli: Any, *args: str) -> str:
    res = cli(*args)
    assert res.exit_code == 0, res.output
    return str(res.stdout)


# --------------------------------------------------------------------------- migrations


def test_schema_behind_is_refused_with_what_to_run(empty_db: DBHandle, cli: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(db.SchemaError, match="no zairyu schema yet: run `zairyu db upgrade`"):
        db.check_schema(empty_db.engine)
    db.upgrade(empty_db.engine, "0001")
    with pytest.raises(db.SchemaError, match="at revision 0001, zairyu needs .*: run `zairyu db upgrade`"):
        db.check_schema(empty_db.engine)
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", empty_db.url)
    res = cli("agenda")
    assert res.exit_code == 2
    assert "run `zairyu db upgrade`" in res.stderr
    out = _ok(cli, "db", "upgrade")
    assert "upgraded: 0001 →" in out
    assert "is up to date" in _ok(cli, "db", "upgrade")
    db.check_schema(empty_db.engine)


# --------------------------------------------------------------------------- demo and walk-through


def test_demo_office_is_lively_and_refuses_to_run_twice(cli_db: DBHandle, cli: Any) -> None:
    out = _ok(cli, "demo", "--on", ON_TEXT)
    assert "demo office 'Sakura Immigration Office (demo)' created" in out
    with db.transaction(cli_db.engine) as s:
        n_people = s.scalar(select(func.count()).select_from(m.Person)) or 0
        assert n_people >= 30
        statuses = {st.status for st in s.scalars(select(m.Stay))}
        assert {"student", "engineer_humanities_intl", "temporary_visitor", "dependent"} <= statuses
        # every designation the demo records is one the law catalogue knows (law/data/designations.yaml)
        known = {d.code for d in catalogue(ON).designations}
        used = {st.designation for st in s.scalars(select(m.Stay)) if st.designation}
        assert used and used <= known, used - known
        # the motivating case: two Russian Temporary Visitors changing to Student
        changes = s.execute(select(m.Person.nationality, m.Application.stage)
                            .join(m.Application, m.Application.person_id == m.Person.id)
                            .where(m.Application.procedure == "change_of_status",
                                   m.Application.target_status == "student")).all()
        assert sorted(changes) == [("RU", "prepared"), ("RU", "under_examination")]
    res = cli("demo", "--on", ON_TEXT)
    assert res.exit_code == 2 and "the demo office already exists" in res.stderr
    agenda = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))
    items = agenda["deadlines"]
    assert len(items) >= 20
    states = [i["state"] for i in items]
    assert "overdue" in states and states.index("upcoming") > max(
        i for i, st in enumerate(states) if st == "overdue")  # overdue first
    assert all(i["person"]["name"] and i["legal_basis"] for i in items)
    assert all(i["date"] <= "2026-12-25" for i in items)


def test_walk_through_add_person_stay_file_decide_and_see_deadlines_change(cli_db: DBHandle, cli: Any) -> None:
    add = json.loads(_ok(cli, "people", "add", "--family-name", "Ivanova", "--given-name", "Olga",
                         "--family-name-kana", "イワノワ", "--nationality", "RU", "--birth-date", "1998-07-01",
                         "--json"))
    pid = str(add["id"])
    out = _ok(cli, "stays", "add", pid, "--status", "temporary_visitor", "--period", "P90D",
              "--granted-on", "2026-10-01", "--granted-by", "landing", "--on", ON_TEXT)
    assert "expires 2026-12-30" in out
    first = json.loads(_ok(cli, "people", "show", pid, "--json", "--on", ON_TEXT))
    assert {d["kind"] for d in first["deadlines"]} >= {"expiry_of_stay", "last_filing_day"}
    added = _ok(cli, "applications", "add", pid, "--procedure", "change_of_status", "--target-status", "student",
                "--on", ON_TEXT)
    app_id = re.search(r"application (\d+) added", added).group(1)  # type: ignore[union-attr]
    _ok(cli, "applications", "move", app_id, "prepared", "--on", ON_TEXT)
    out = _ok(cli, "applications", "file", app_id, "--filed-on", "2026-12-01", "--channel", "online",
              "--on", "2026-12-01")
    assert "filed on 2026-12-01" in out
    filed = json.loads(_ok(cli, "people", "show", pid, "--json", "--on", "2026-12-01"))
    kinds = {d["kind"] for d in filed["deadlines"]}
    assert "special_period_end" in kinds and "last_filing_day" not in kinds
    bad = cli("applications", "move", app_id, "draft", "--on", "2026-12-01")
    assert bad.exit_code == 2 and "cannot move from 'filed' to 'draft'" in bad.stderr
    out = _ok(cli, "applications", "decide", app_id, "--decision", "granted", "--date", "2027-01-20",
              "--period", "P1Y3M", "--card-number", "AB12345678CD", "--on", "2027-01-20")
    assert "new expiry 2028-04-20" in out
    decided = json.loads(_ok(cli, "people", "show", pid, "--json", "--on", "2027-01-20"))
    assert decided["stays"][-1]["status"] == "student"
    expiry = [d["date"] for d in decided["deadlines"] if d["kind"] == "expiry_of_stay"]
    assert expiry == ["2028-04-20"]


def test_cli_errors_name_the_field_and_store_nothing(cli_db: DBHandle, cli: Any) -> None:
    res = cli("people", "add", "--family-name", "X", "--birth-date", "1990-02-30")
    assert res.exit_code == 2 and "birth_date" in res.stderr and "not a valid date" in res.stderr
    pid = json.loads(_ok(cli, "people", "add", "--family-name", "Y", "--json"))["id"]
    res = cli("stays", "add", str(pid), "--status", "student", "--granted-on", "2026-04-01", "--period", "P1Y",
              "--card-number", "ab123")
    assert res.exit_code == 2
    assert res.stderr.startswith(f"zairyu: error: stay of person {pid}: card_number:")
    res = cli("stays", "add", str(pid), "--status", "wizard", "--granted-on", "2026-04-01")
    assert res.exit_code == 2 and "unknown status code 'wizard'" in res.stderr
    with db.transaction(cli_db.engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Stay)) == 0


# --------------------------------------------------------------------------- export / import


def _second_db(tdb: DBHandle, tmp_path: Path) -> tuple[str, Any]:
    from .conftest import create_pg_database

    if tdb.kind == "postgres":
        url = create_pg_database("second")
    else:
        url = f"sqlite:///{tmp_path / 'second.db'}"
    eng = db.get_engine(url)
    db.upgrade(eng)
    return url, eng


def test_export_import_export_is_lossless(tdb: DBHandle, tmp_path: Path) -> None:
    from zairyu.cases.demo import create_demo

    up1, up2 = tmp_path / "up1", tmp_path / "up2"
    with db.transaction(tdb.engine) as s:
        create_demo(s, ON, ACTOR)
        org = s.scalar(select(m.Organisation.id))
        pid = s.scalar(select(m.Person.id).order_by(m.Person.id))
        assert org is not None and pid is not None
        sv.store_document(s, pid, "admission.pdf", "application/pdf", b"%PDF-1.4 admission letter", ACTOR,
                          upload_dir=up1, max_bytes=10_000)
        # a feed keeps its maker through the round trip (issue 12: a feed goes with its maker's access)
        maker = s.scalar(select(m.User.id).where(m.User.organisation_id == org).order_by(m.User.id.desc()))
        assert maker is not None
        sv.create_calendar_token(s, person_id=pid, created_by=maker)
        first = export_office(s, org, upload_dir=up1)
    url, eng = _second_db(tdb, tmp_path)
    try:
        with db.transaction(eng) as s:
            new = import_office(s, json.loads(dumps(first)), ACTOR, ON, upload_dir=up2)
            again = export_office(s, new.id, upload_dir=up2)
            n_deadlines = s.scalar(select(func.count()).select_from(m.Deadline))
        with db.transaction(tdb.engine) as s:
            assert n_deadlines == s.scalar(select(func.count()).select_from(m.Deadline))
        # the import adds one entry to the timeline; everything else is identical, byte for byte
        extra = again["timeline"].pop()
        assert (extra["action"], extra["entity"]) == ("import", "organisations")
        assert dumps(again) == dumps(first)
        assert first["format"] == "zairyu-office" and first["format_version"] == 1
        assert len(first["people"]) >= 30 and first["documents"][0]["content_base64"]
        users = {u["ref"]: u["email"] for u in first["users"]}
        # who handles each case survives the round trip (people refer to users, which come after them)
        handlers = [users[p["assignee_id"]] for p in again["people"] if p["assignee_id"] is not None]
        assert "caseworker@demo.zairyu.example" in handlers and "supporter@demo.zairyu.example" in handlers
        assert [users[t["created_by"]] for t in first["calendar_tokens"]] == \
            [u["email"] for u in again["users"] for t in again["calendar_tokens"] if t["created_by"] == u["ref"]]
        with db.transaction(eng) as s, pytest.raises(sv.DuplicateError, match="already exists here"):
            import_office(s, first, ACTOR, ON, upload_dir=up2)
        # a renamed copy (new e-mails) back into the database it came from: its feeds are already here, and the
        # import says so, naming the record, instead of failing inside the database
        copy = {**json.loads(dumps(first)), "organisation": {**first["organisation"], "name": "Copy"}}
        for u in copy["users"]:
            u["email"] = "copy-" + u["email"]
        with db.transaction(tdb.engine) as s, pytest.raises(sv.DuplicateError, match="calendar feed already exists"):
            import_office(s, copy, ACTOR, ON, upload_dir=up1)
    finally:
        if tdb.kind == "postgres":
            from .conftest import drop_pg_database

            drop_pg_database(url)
        else:
            db.dispose_engine(url)


def test_import_refuses_a_bad_file_and_stores_nothing(tdb: DBHandle, tmp_path: Path) -> None:
    from zairyu.cases.demo import create_demo

    with db.transaction(tdb.engine) as s:
        create_demo(s, ON, ACTOR)
        doc = export_office(s, 1, upload_dir=tmp_path)
    doc["organisation"]["name"] = "Copy"
    doc["stays"][3]["card_number"] = "123"
    url, eng = _second_db(tdb, tmp_path)
    try:
        with pytest.raises(ZairyuError) as exc, db.transaction(eng) as s:
            import_office(s, doc, ACTOR, ON, upload_dir=tmp_path)
        assert exc.value.field == "card_number" and "stays ref 4" in (exc.value.where or "")
        with db.transaction(eng) as s:
            assert s.scalar(select(func.count()).select_from(m.Person)) == 0
            assert s.scalar(select(func.count()).select_from(m.Organisation)) == 0
        doc["stays"][3]["card_number"] = None
        doc["people"].append(dict(doc["people"][0], ref=999))
        with pytest.raises(sv.DuplicateError, match="appears twice"), db.transaction(eng) as s:
            import_office(s, doc, ACTOR, ON, upload_dir=tmp_path)
    finally:
        if tdb.kind == "postgres":
            from .conftest import drop_pg_database

            drop_pg_database(url)
        else:
            db.dispose_engine(url)


CSV_GOOD = """family_name,given_name,nationality,birth_date,status,period,granted_on,granted_by,card_number
Tran,Thi Mai,VN,2003-03-03,student,P1Y3M,2026-04-01,landing,VN12345678AB
Gurung,Bishal,NP,2001-01-15,student,P1Y,2026-01-10,change,
Tanaka,Hiroshi,JP,1980-04-01,,,,,
"""

CSV_BAD = """family_name,given_name,nationality,birth_date,status,period,granted_on,granted_by,card_number
Tran,Thi Mai,VN,2003-03-03,student,P1Y3M,2026-04-01,landing,VN12345678AB
Gurung,Bishal,NP,2001-02-30,student,P1Y,2026-01-10,change,
Perera,Nimal,LK,2000-12-24,wizard,P1Y,2026-01-10,landing,
Tran,Thi Mai,VN,2003-03-03,,,,,
Silva,Carlos,BR,1979-11-11,long_term_resident,P3Y,2026-01-10,landing,XX
"""


def test_csv_import_people_and_stays(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "CSV office", ACTOR).id
        rep = import_csv(s, org, CSV_GOOD, ACTOR, ON)
        assert (rep.people, rep.stays) == (3, 2)
    with db.transaction(tdb.engine) as s:
        people = {p.family_name: p for p in sv.list_people(s, org)}
        tran = sv.current_stay(s, people["Tran"].id)
        assert tran is not None and tran.expires_on.isoformat() == "2027-07-01"
        assert {d.kind for d in sv.deadlines_of(s, people["Tran"].id)} >= {"expiry_of_stay", "last_filing_day"}
        assert sv.timeline_of(s, people["Tran"].id)[0].action == "import"
    with pytest.raises(CsvImportError) as exc, db.transaction(tdb.engine) as s:
        import_csv(s, org, CSV_GOOD, ACTOR, ON)
    assert "row 2 (Tran Thi Mai): family_name: this person is already in the office" in exc.value.errors[0]


def test_csv_import_reports_every_bad_row_and_stores_nothing(tdb: DBHandle) -> None:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "CSV office", ACTOR).id
    with pytest.raises(CsvImportError) as exc, db.transaction(tdb.engine) as s:
        import_csv(s, org, CSV_BAD, ACTOR, ON, where="people.csv")
    errs = exc.value.errors
    assert len(errs) == 4
    assert errs[0].startswith("row 3 (Gurung Bishal): birth_date:")
    assert errs[1].startswith("row 4 (Perera Nimal): status: unknown status code 'wizard'")
    assert errs[2] == "row 5 (Tran Thi Mai): family_name: the same person is on row 2"
    assert errs[3].startswith("row 6 (Silva Carlos): card_number:")
    assert "4 row(s) have errors; nothing was imported" in exc.value.one_line()
    with db.transaction(tdb.engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Person)) == 0


def test_cli_export_and_import_files(cli_db: DBHandle, cli: Any, tmp_path: Path) -> None:
    _ok(cli, "demo", "--on", ON_TEXT)
    out = tmp_path / "office.json"
    assert "exported" in _ok(cli, "export", str(out), "--unencrypted")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "zairyu-office"
    res = cli("import", str(out), "--on", ON_TEXT)
    assert res.exit_code == 2 and "already exists here" in res.stderr
    csv_path = tmp_path / "people.csv"
    csv_path.write_text(CSV_BAD, encoding="utf-8")
    res = cli("import", str(csv_path), "--on", ON_TEXT)
    assert res.exit_code == 2 and "5 row(s) have errors; nothing was imported" in res.stderr
    assert "row 6 (Silva Carlos): family_name: this person is already in the office" in res.stderr
    csv_path.write_text(CSV_GOOD.replace("Tran", "Le").replace("Gurung", "Rai").replace("Tanaka", "Sato"),
                        encoding="utf-8")
    assert "imported 3 people and 2 stays" in _ok(cli, "import", str(csv_path), "--on", ON_TEXT)


def test_csv_rows_the_calendar_refuses_are_reported_and_nothing_stored(tdb: DBHandle) -> None:
    text = ("family_name,given_name,status,period,granted_on\n"
            "Ok,One,student,P1Y,2026-04-01\n"
            "Long,Two,student,P5Y,2026-04-01\n")
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "CSV office", ACTOR).id
    with pytest.raises(CsvImportError) as exc, db.transaction(tdb.engine) as s:
        import_csv(s, org, text, ACTOR, ON)
    assert exc.value.errors == ["row 3 (Long Two): stay.period: Student (student) does not allow a period of P5Y "
                                "on 2026-04-01 (allowed: any period up to P4Y3M)"]
    with db.transaction(tdb.engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Person)) == 0


def test_cli_documents_and_notes(cli_db: DBHandle, cli: Any, tmp_path: Path) -> None:
    pid = str(json.loads(_ok(cli, "people", "add", "--family-name", "Doc", "--json"))["id"])
    pdf = tmp_path / "passport.pdf"
    pdf.write_bytes(b"%PDF-1.4 passport copy")
    assert "stored: passport.pdf (application/pdf, 22 bytes" in _ok(cli, "documents", "add", pid, str(pdf))
    page = tmp_path / "page.html"
    page.write_text("<script>alert(1)</script>")
    res = cli("documents", "add", pid, str(page))
    assert res.exit_code == 2 and "content_type: type 'text/html' is not accepted" in res.stderr
    assert _ok(cli, "documents", "list", pid).count("passport.pdf") == 1
    assert "note 1 added" in _ok(cli, "notes", "add", pid, "Passport copy received")
    assert "(shared with the client)" in _ok(cli, "notes", "add", pid, "Bring two photos", "--shared")
    with db.transaction(cli_db.engine) as s:
        assert [(n.body, n.shared) for n in sv.notes_of(s, int(pid))] == [("Passport copy received", False),
                                                                        ("Bring two photos", True)]
        assert [n.body for n in sv.notes_of(s, int(pid), shared_only=True)] == ["Bring two photos"]


def test_office_moves_from_sqlite_to_postgres_unchanged(tmp_path: Path) -> None:
    from zairyu.cases.demo import create_demo

    from .conftest import create_pg_database, drop_pg_database

    lite_url = f"sqlite:///{tmp_path / 'office.db'}"
    lite = db.get_engine(lite_url)
    db.upgrade(lite)
    pg_url = create_pg_database("move")
    try:
        pg = db.get_engine(pg_url)
        db.upgrade(pg)
        with db.transaction(lite) as s:
            create_demo(s, ON, ACTOR)
            first = dumps(export_office(s, 1, upload_dir=tmp_path))
        with db.transaction(pg) as s:
            org = import_office(s, json.loads(first), ACTOR, ON, upload_dir=tmp_path)
            again = export_office(s, org.id, upload_dir=tmp_path)
        again["timeline"].pop()  # the import's own entry
        assert dumps(again) == first
    finally:
        db.dispose_engine(lite_url)
        drop_pg_database(pg_url)


def test_cli_agenda_limit(cli_db: DBHandle, cli: Any) -> None:
    _ok(cli, "demo", "--on", ON_TEXT)
    full = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))["deadlines"]
    first = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json", "--limit", "5"))["deadlines"]
    assert len(full) > 5 and first == full[:5]


def test_cli_long_agenda_is_a_plain_listing_with_every_line(cli_db: DBHandle, cli: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A large office's agenda is printed as plain aligned columns (a table of tens of thousands of lines took
    the table library ~20 s); the threshold is lowered here so that the demo office counts as large."""
    from zairyu.cli import cases_cmds

    _ok(cli, "demo", "--on", ON_TEXT)
    full = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))["deadlines"]
    table = _ok(cli, "agenda", "--on", ON_TEXT)
    monkeypatch.setattr(cases_cmds, "LONG_LISTING", 10)
    plain = _ok(cli, "agenda", "--on", ON_TEXT).splitlines()
    assert "┃" in table and not any("┃" in line or "│" in line for line in plain)
    assert plain[0].startswith(f"Agenda {ON_TEXT} + 30 days: {len(full)} deadlines")
    header, rule, body = plain[1], plain[2], plain[3:]
    assert header.split() == ["date", "state", "kind", "person", "provision"]
    assert len(body) == len(full)
    for line, item in zip(body, full, strict=True):
        # the kind by its English term (glossary), not its code
        kind = term("deadline", item["kind"], "en")
        assert line.startswith(item["date"]) and kind in line and f"[{item['person']['id']}]" in line
        if item["state"] == "overdue":
            assert "OVERDUE" in line
    # the provision column (after the names) starts at the same terminal cell on every line, although kana
    # and kanji in the names take two cells each
    from rich.cells import cell_len

    prov_at = header.index("provision")
    assert any(cell_len(i["person"]["name"]) > len(i["person"]["name"]) for i in full)  # some names are CJK
    for line, item in zip(body, full, strict=True):
        prov = "; ".join(f"{b['law']} {b['provision']}" for b in item["legal_basis"])
        assert cell_len(line[:line.rindex(prov)]) == prov_at, line
    assert rule.startswith("-" * 10)


def test_db_upgrade_recomputes_deadlines_another_version_computed(cli_db: DBHandle, cli: Any) -> None:
    """A new zairyu may correct the law data or the calendar: deadlines stored by another version (another
    fingerprint, or none: rows from before migration 0008) are recomputed by `zairyu db upgrade`; others are
    left alone."""
    _ok(cli, "demo", "--on", ON_TEXT)
    assert "recomputed" not in _ok(cli, "db", "upgrade", "--on", ON_TEXT)  # all computed by this version
    with db.transaction(cli_db.engine) as s:
        assert sv.stale_people(s) == []
        first, second = s.scalars(select(m.Person.id).order_by(m.Person.id).limit(2)).all()
        good = {(d.kind, d.topic, d.date) for d in sv.deadlines_of(s, first)}
        assert good
        # what an older version would have left: a wrong date, computed by other rules (and a pre-0008 row)
        s.execute(m.Deadline.__table__.update().where(m.Deadline.person_id == first)
                  .values(date=ON.replace(year=ON.year + 5), computed_by="an older version"))
        s.execute(m.Deadline.__table__.update().where(m.Deadline.person_id == second).values(computed_by=None))
        untouched = s.scalar(select(func.min(m.Deadline.computed_at)).where(m.Deadline.person_id != first,
                                                                            m.Deadline.person_id != second))
        assert sv.stale_people(s) == [first, second]
    out = _ok(cli, "db", "upgrade", "--on", ON_TEXT)
    assert "2 people's deadlines were computed by other law data or calendar rules: recomputed as of " \
           f"{ON_TEXT}" in out
    with db.transaction(cli_db.engine) as s:
        assert {(d.kind, d.topic, d.date) for d in sv.deadlines_of(s, first)} == good
        assert sv.stale_people(s) == []
        assert s.scalar(select(func.min(m.Deadline.computed_at)).where(m.Deadline.person_id != first,
                                                                       m.Deadline.person_id != second)) == untouched
    assert "recomputed" not in _ok(cli, "db", "upgrade", "--on", ON_TEXT)


def test_cli_marks_done_snooze_undo_and_the_agenda_limit(cli_db: DBHandle, cli: Any) -> None:
    """`zairyu marks`: the agenda's done and snooze from the command line, by the one rule the web agenda uses
    (``marks.mark_hides``); `zairyu agenda --limit N` still gives N lines when marks hide some of the first."""
    _ok(cli, "demo", "--on", ON_TEXT)
    full = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))["deadlines"]
    demo_marks = json.loads(_ok(cli, "marks", "list", "--json"))["marks"]  # the demo office snoozed one line
    future = [i for i in full if i["date"] > ON_TEXT]
    done, snoozed = future[0], future[1]

    def args(line: dict[str, Any]) -> list[str]:
        return [str(line["person"]["id"]), line["kind"], line["date"], *(["--topic", line["topic"]] if line["topic"]
                                                                      else [])]

    out = _ok(cli, "marks", "done", *args(done), "--on", ON_TEXT)
    assert re.match(r"mark \d+: .* done$", out.strip()), out
    until = snoozed["date"]  # shows again on its own date whatever the snooze says
    out = _ok(cli, "marks", "snooze", *args(snoozed), "--until", until, "--on", ON_TEXT)
    assert f"snoozed until {until}" in out

    def keys(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(i["person"]["id"], i["kind"], i["topic"], i["date"]) for i in items]

    after = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))["deadlines"]
    assert keys(after) == [k for k in keys(full) if k not in keys([done, snoozed])]
    shown_done = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json", "--show-done"))["deadlines"]
    assert keys([done])[0] in keys(shown_done) and keys([snoozed])[0] not in keys(shown_done)
    # on the snoozed deadline's own day it is back (the agenda read on that day)
    on_its_day = json.loads(_ok(cli, "agenda", "--on", snoozed["date"], "--json"))["deadlines"]
    assert keys([snoozed])[0] in keys(on_its_day)

    # --limit counts the lines shown, not the lines read: the two marked ones are among the first ones read
    n = full.index(snoozed) + 2
    limited = json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json", "--limit", str(n)))["deadlines"]
    assert keys(limited) == keys(after)[:n] and len(limited) == n

    listed = [k for k in json.loads(_ok(cli, "marks", "list", "--json"))["marks"] if k not in demo_marks]
    assert sorted((k["mark"], k["until"], k["kind"], k["date"]) for k in listed) == [
        ("done", None, done["kind"], done["date"]), ("snoozed", until, snoozed["kind"], snoozed["date"])]
    assert "snoozed until" in _ok(cli, "marks", "list")

    # bad input: a snooze not in the future, a deadline that does not exist
    res = cli("marks", "snooze", *args(done), "--until", ON_TEXT, "--on", ON_TEXT)
    assert res.exit_code == 2 and "--until:" in res.stderr and "not in the future" in res.stderr
    res = cli("marks", "done", str(done["person"]["id"]), done["kind"], "1999-01-01", "--on", ON_TEXT)
    assert res.exit_code != 0 and "KIND DATE --topic:" in res.stderr and "no deadline" in res.stderr
    res = cli("marks", "done", "999999", done["kind"], done["date"], "--on", ON_TEXT)
    assert res.exit_code != 0 and "PERSON:" in res.stderr
    res = cli("marks", "undo", "999999")
    assert res.exit_code != 0 and "MARK_ID:" in res.stderr

    for k in listed:
        assert "shows on the agenda again" in _ok(cli, "marks", "undo", str(k["id"]))
    assert keys(json.loads(_ok(cli, "agenda", "--on", ON_TEXT, "--json"))["deadlines"]) == keys(full)
    mine = sorted(k["id"] for k in listed)
    with db.transaction(cli_db.engine) as s:
        actions = [(e.entity_id, e.action) for e in s.scalars(select(m.TimelineEntry).where(
            m.TimelineEntry.entity == "deadline_marks", m.TimelineEntry.entity_id.in_(mine)))]
    assert sorted(actions) == sorted([(i, "create") for i in mine] + [(i, "delete") for i in mine])


def test_the_case_commands_speak_the_language_asked_for(cli_db: DBHandle, cli: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`zairyu agenda`, `people list|show`, `tasks list`, `marks list` and `documents list` wrote English only, and
    `people show` wrote codes (temporary_visitor, landing, change_of_status, under_examination) where `people list`
    wrote names. With --lang they write the labels, states, statuses, grants, procedures, stages and provisions in
    that language (the catalogues' cli.cases.*, cli.state.*, the glossary, legal citations)."""
    from zairyu.cli.common import console

    monkeypatch.setattr(console, "width", 250)  # each cell on one line: the words are read whole
    _ok(cli, "demo", "--on", ON_TEXT)
    anna = next(p for p in json.loads(_ok(cli, "people", "list", "--on", ON_TEXT, "--json"))["people"]
                if p["name"].startswith("SOKOLOVA"))
    # the demo's Anna: a Temporary Visitor landed, extended, her change to Student under examination
    ja = " ".join(_ok(cli, "people", "show", str(anna["id"]), "--on", ON_TEXT, "--lang", "ja").split())
    for words in ("短期滞在", "上陸許可", "在留期間更新", "在留資格変更許可申請", "審査中", "留学", "入管法第20条第6項",
                  "特例期間の終了"):
        assert words in ja, words
    ru = " ".join(_ok(cli, "people", "show", str(anna["id"]), "--on", ON_TEXT, "--lang", "ru").split())
    assert "Краткосрочное пребывание" in ru and "Разрешение на въезд" in ru and "Учёба" in ru
    for text in (ja, ru):
        assert not re.search(r"\b(temporary_visitor|landing|change_of_status|under_examination|ICRRA)\b", text)
    agenda = " ".join(_ok(cli, "agenda", "--on", ON_TEXT, "--lang", "uk").split())
    assert agenda.startswith(f"Строки {ON_TEXT} + 30 дн.:") and "ПРОСТРОЧЕНО" in agenda
    assert "Закон про імміграційний контроль" in agenda and "OVERDUE" not in agenda
    tasks = _ok(cli, "tasks", "list", "--on", ON_TEXT, "--lang", "ja")
    assert tasks.lstrip().startswith(f"{ON_TEXT}時点のタスク") and "期限超過" in tasks
    docs = _ok(cli, "documents", "list", str(anna["id"]), "--lang", "ru")
    assert docs.startswith("Документы: SOKOLOVA Anna")  # a title line, also when there are none
    # English stays as it was, and is the default
    assert _ok(cli, "agenda", "--on", ON_TEXT).lstrip().startswith(f"Agenda {ON_TEXT} + 30 days:")


def test_the_demo_office_can_be_made_for_a_day_to_come(cli_db: DBHandle, cli: Any) -> None:
    """`zairyu demo --on` a day after the machine's clock (as docs/web.md shows the office on a chosen day): its
    baby is born ten days before that day — the date of birth is checked against the as-of day of a form, the API
    or `people add`, never against the clock for what the demo or an import records."""
    from datetime import date, timedelta

    later = (date.today() + timedelta(days=90)).isoformat()
    assert "demo office" in _ok(cli, "demo", "--on", later)
