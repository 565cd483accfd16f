"""The case manager's services on SQLite and PostgreSQL: validation, stays and applications, derived
deadlines, optimistic locking, all-or-nothing transactions, the timeline, documents and the agenda."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.services.common import _flush
from zairyu.errors import InvalidInputError, UnknownCodeError, ZairyuError

from .conftest import ACTOR, ON, DBHandle

ANNA = {"family_name": "Sokolova", "given_name": "Anna", "family_name_kana": "ソコロワ", "given_name_kana": "アンナ",
        "nationality": "RU", "birth_date": "2000-03-14", "preferred_language": "ru"}


def _org(tdb: DBHandle) -> int:
    with db.transaction(tdb.engine) as s:
        return sv.create_organisation(s, "Test office", ACTOR).id


def _person(tdb: DBHandle, org: int, data: dict[str, object] | None = None) -> int:
    with db.transaction(tdb.engine) as s:
        return sv.add_person(s, org, data or ANNA, ACTOR).id


def _count(tdb: DBHandle, model: type[m.Base]) -> int:
    with db.transaction(tdb.engine) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _kinds(tdb: DBHandle, pid: int, on: date = ON) -> dict[str, date]:
    with db.transaction(tdb.engine) as s:
        return {d.kind: d.date for d in sv.deadlines_of(s, pid)}


# --------------------------------------------------------------------------- people


def test_person_is_stored_with_names_in_both_scripts(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        p = sv.get_person(s, pid)
        assert p.display_name == "SOKOLOVA Anna (ソコロワ アンナ)"
        assert p.nationality == "RU" and p.birth_date == date(2000, 3, 14) and p.version == 1
        assert [x.id for x in sv.list_people(s, org, search="ソコロ")] == [pid]


def test_a_name_is_found_whatever_its_case_in_any_script_on_both_databases(tdb: DBHandle) -> None:
    """SQLite's own lower() folds ASCII only; zairyu gives it Unicode's (PostgreSQL's folds them already)."""
    org = _org(tdb)
    with db.transaction(tdb.engine) as s:
        elodie = sv.add_person(s, org, {"family_name": "Élodie", "nationality": "FR"}, ACTOR).id
        taras = sv.add_person(s, org, {"family_name": "ШЕВЧЕНКО", "given_name": "Тарас", "nationality": "UA"},
                              ACTOR).id
        for text, want in (("ÉLODIE", [elodie]), ("élodie", [elodie]), ("шевченко тарас", [taras]),
                           ("Шевченко", [taras]), ("ТАРАС", [taras]), ("100%", [])):
            assert [x.id for x in sv.list_people(s, org, search=text)] == want, text
            q = sv.people_query({"search": text})
            assert [r.person.id for r in sv.list_page(s, org, q, date(2026, 11, 25)).rows] == want, text


# refused input, naming the field and storing nothing (docs/cases.md)
@pytest.mark.parametrize(("field", "value", "message"), [
    ("nationality", "XQ", "ISO 3166-1 alpha-2"),
    ("birth_date", "2001-02-30", "date"),
    ("preferred_language", "de", "allowed: ja|en|ru|uk"),
    ("family_name", "", "at least 1 character"),
    # a person born in 2030 was created from the web form
    # (after the as-of day given by the form, the API or the command line; an import records what an office holds)
    ("birth_date", (ON + timedelta(days=400)).isoformat(), "after today"),
])
def test_bad_person_input_names_the_field_and_stores_nothing(tdb: DBHandle, field: str, value: str,
                                                             message: str) -> None:
    org = _org(tdb)
    with pytest.raises(InvalidInputError) as exc, db.transaction(tdb.engine) as s:
        sv.add_person(s, org, {**ANNA, field: value}, ACTOR, on=ON)
    assert exc.value.field == field and exc.value.where == "person"
    assert message in exc.value.message
    assert _count(tdb, m.Person) == 0


def test_duplicate_person_is_refused(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with pytest.raises(sv.DuplicateError, match=f"person {pid} already has the same names"), \
            db.transaction(tdb.engine) as s:
        sv.add_person(s, org, {**ANNA, "family_name": "SOKOLOVA"}, ACTOR)


# --------------------------------------------------------------------------- stays


def test_stay_expiry_is_computed_from_the_period_and_deadlines_follow(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        st = sv.add_stay(s, pid, {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15",
                                  "granted_by": "landing"}, ACTOR, date(2023, 1, 20))
        assert st.expires_on == date(2023, 2, 13)  # law.md §7: 2022-11-15 + 90 days
    kinds = _kinds(tdb, pid)
    assert kinds["expiry_of_stay"] == date(2023, 2, 13)
    assert kinds["last_filing_day"] == date(2023, 2, 13)


# refused input, naming the record and the field (docs/cases.md)
@pytest.mark.parametrize(("change", "field", "error", "text"), [
    ({"card_number": "AB1234567CD"}, "card_number", InvalidInputError, "not a residence card number"),
    ({"status": "studnet"}, "status", UnknownCodeError, "did you mean student"),
    ({"period": "90 days"}, "period", InvalidInputError, "ISO 8601"),
    ({"granted_on": "2023-02-29"}, "granted_on", InvalidInputError, "date"),
    ({"status": "engineer_humanities_intl", "granted_on": "2014-05-01"}, "status", InvalidInputError,
     "not in force on 2014-05-01"),
])
def test_bad_stay_is_refused_naming_record_and_field(tdb: DBHandle, change: dict[str, str], field: str,
                                                     error: type[ZairyuError], text: str) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    data = {"status": "student", "period": "P1Y", "granted_on": "2023-04-01", "card_number": "AB12345678CD",
            **change}
    with pytest.raises(error) as exc, db.transaction(tdb.engine) as s:
        sv.add_stay(s, pid, data, ACTOR, ON)
    assert exc.value.field == field
    assert text in exc.value.one_line()
    if not isinstance(exc.value, UnknownCodeError) and field != "status":
        assert exc.value.where == f"stay of person {pid}"
    assert _count(tdb, m.Stay) == 0 and _count(tdb, m.TimelineEntry) == 2  # organisation + person only


# --------------------------------------------------------------------------- applications


def _motivating(tdb: DBHandle) -> tuple[int, int]:
    """law.md §7 (synthetic dates): landing 2022-11-15 as Temporary Visitor for 90 days."""
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, pid, {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15",
                             "granted_by": "landing"}, ACTOR, date(2023, 1, 20))
    return org, pid


def test_motivating_case_extension_then_change_to_student(tdb: DBHandle) -> None:
    _, pid = _motivating(tdb)
    on = date(2023, 2, 1)
    with db.transaction(tdb.engine) as s:
        ext = sv.add_application(s, pid, {"procedure": "extension_of_stay", "channel": "counter"}, ACTOR, on)
        sv.file_application(s, ext.id, date(2023, 2, 1), ACTOR, on)
    kinds = _kinds(tdb, pid)
    assert "last_filing_day" not in kinds  # filed in time
    assert kinds["special_period_end"] == date(2023, 4, 13)  # Art. 20(6)/21(4): expiry + 2 months
    on = date(2023, 2, 10)
    with db.transaction(tdb.engine) as s:
        sv.decide_application(s, ext.id, "granted", date(2023, 2, 10), ACTOR, on, new_period="P90D")
        # extension: the new period runs from the day after the old expiry (law.md §3.2)
        assert sv.current_stay(s, pid).expires_on == date(2023, 5, 14)  # type: ignore[union-attr]
    on = date(2023, 4, 20)
    with db.transaction(tdb.engine) as s:
        ch = sv.add_application(s, pid, {"procedure": "change_of_status", "target_status": "student"}, ACTOR, on)
        sv.move_application(s, ch.id, "prepared", ACTOR, on)
        sv.file_application(s, ch.id, date(2023, 4, 20), ACTOR, on, channel="counter", receipt_number="R-1")
        sv.move_application(s, ch.id, "under_examination", ACTOR, on)
    on = date(2023, 5, 25)
    with db.transaction(tdb.engine) as s:
        app = sv.decide_application(s, ch.id, "granted", date(2023, 5, 25), ACTOR, on, new_period="P1Y10M",
                                    card_number="AB12345678CD")
        stays = sv.stays_of(s, pid)
        assert [x.status for x in stays] == ["temporary_visitor", "temporary_visitor", "student"]
        # change: the new period runs from the decision date (ICRRA Art. 20)
        assert stays[-1].granted_on == date(2023, 5, 25) and stays[-1].expires_on == date(2025, 3, 25)
        assert stays[-1].application_id == app.id and app.new_expires_on == date(2025, 3, 25)
        assert app.stage == "decided" and app.decision == "granted"
    assert _kinds(tdb, pid)["expiry_of_stay"] == date(2025, 3, 25)


def test_a_pending_change_of_status_says_which_status_the_person_wants(tdb: DBHandle) -> None:
    """The motivating case: a change to Student filed and under examination. The assessment asked "which status
    do you want?" (goal unknown) while the person page showed the application "→ 留学"; the pending change gives
    the goal, unless the record's own facts name another (those win), and a refused change gives none."""
    from zairyu.rules import assess

    _, pid = _motivating(tdb)
    on = date(2023, 2, 1)
    with db.transaction(tdb.engine) as s:
        ch = sv.add_application(s, pid, {"procedure": "change_of_status", "target_status": "student"}, ACTOR, on)
        sv.file_application(s, ch.id, date(2023, 2, 1), ACTOR, on, channel="counter")
        facts = sv.facts_for_person(s, pid)
        assert facts.goal is not None and facts.goal.status == "student"
        # the option is assessed towards Student: the target is not among what is still unknown
        opt = assess(facts, on).option("change_of_status:student")
        assert opt is not None and "goal.status" not in opt.missing_facts
        sv.edit_person(s, pid, {"extra_facts": {"goal": {"status": "engineer_humanities_intl"}}}, ACTOR, on)
        assert sv.facts_for_person(s, pid).goal.status == "engineer_humanities_intl"  # type: ignore[union-attr]
        sv.edit_person(s, pid, {"extra_facts": {}}, ACTOR, on)
        sv.decide_application(s, ch.id, "denied", date(2023, 2, 10), ACTOR, date(2023, 2, 10))
        assert sv.facts_for_person(s, pid).goal is None or sv.facts_for_person(s, pid).goal.status is None  # type: ignore[union-attr]


def test_a_stay_granted_after_a_departure_ends_that_departure(tdb: DBHandle) -> None:
    """A resident left on a re-entry permit (valid to 2025-06-01), stayed away past it and came back later on a new
    landing (2026-06-01), with no "returned" event recorded: the person page said the status was lost abroad while
    the people list did not. A status granted after the departure was granted in Japan: the departure is over."""
    from zairyu.calendar.lawful_stay import holds_status_on
    from zairyu.law.catalogue import catalogue

    org = _org(tdb)
    pid = _person(tdb, org)
    on = date(2026, 11, 25)
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2024-01-10",
                             "granted_by": "landing"}, ACTOR, on)
        sv.add_event(s, pid, {"kind": "departed", "on": "2025-01-01", "until": "2025-06-01"}, ACTOR, on)
        assert sv.facts_for_person(s, pid).departure is not None  # abroad, while no later grant says otherwise
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2026-06-01",
                             "granted_by": "landing"}, ACTOR, on)
        facts = sv.facts_for_person(s, pid)
        assert facts.departure is None
        assert holds_status_on(facts, on, catalogue(on)).holds is True  # within the new period (to 2027-06-01)


def test_illegal_transition_is_refused_with_what_is_allowed(tdb: DBHandle) -> None:
    _, pid = _motivating(tdb)
    with db.transaction(tdb.engine) as s:
        a = sv.add_application(s, pid, {"procedure": "extension_of_stay"}, ACTOR, ON)
    with pytest.raises(sv.TransitionError) as exc, db.transaction(tdb.engine) as s:
        sv.decide_application(s, a.id, "granted", date(2023, 2, 1), ACTOR, ON, new_period="P90D")
    assert exc.value.one_line() == (f"application {a.id}: stage: cannot move from 'draft' to 'decided' "
                                    "(allowed: prepared|withdrawn)")
    with db.transaction(tdb.engine) as s:
        sv.move_application(s, a.id, "withdrawn", ACTOR, ON)
    with pytest.raises(sv.TransitionError) as exc, db.transaction(tdb.engine) as s:
        sv.move_application(s, a.id, "prepared", ACTOR, ON)
    assert exc.value.allowed == "none: the application is closed"


def test_failed_decision_leaves_nothing_half_written(tdb: DBHandle) -> None:
    _, pid = _motivating(tdb)
    with db.transaction(tdb.engine) as s:
        a = sv.add_application(s, pid, {"procedure": "change_of_status", "target_status": "student"}, ACTOR, ON)
        sv.file_application(s, a.id, date(2023, 1, 25), ACTOR, date(2023, 1, 25))
    before = (_count(tdb, m.Stay), _count(tdb, m.TimelineEntry), _kinds(tdb, pid))
    with pytest.raises(InvalidInputError) as exc, db.transaction(tdb.engine) as s:
        sv.decide_application(s, a.id, "granted", date(2023, 2, 5), ACTOR, ON, new_period="P1Y",
                              card_number="12345678")
    assert exc.value.field == "card_number"
    assert (_count(tdb, m.Stay), _count(tdb, m.TimelineEntry), _kinds(tdb, pid)) == before
    with db.transaction(tdb.engine) as s:
        assert sv.get_application(s, a.id).stage == "filed"


# --------------------------------------------------------------------------- locking


def test_stale_update_is_refused_not_overwritten(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    factory = db.session_factory(tdb.engine)
    with factory() as s1, factory() as s2:
        p1 = s1.get(m.Person, pid)
        p2 = s2.get(m.Person, pid)
        assert p1 is not None and p2 is not None
        p1.phone = "090-1111-1111"
        s1.commit()
        p2.phone = "090-2222-2222"
        with pytest.raises(sv.StaleRecordError, match=f"person {pid} was changed by someone else"):
            _flush(s2, f"person {pid}")
        s2.rollback()
    with db.transaction(tdb.engine) as s:
        p = sv.get_person(s, pid)
        assert p.phone == "090-1111-1111" and p.version == 2


def test_edit_with_an_old_version_number_is_refused(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        sv.edit_person(s, pid, {"address": "Chiba"}, ACTOR, ON, expected_version=1)
    with pytest.raises(sv.StaleRecordError) as exc, db.transaction(tdb.engine) as s:
        sv.edit_person(s, pid, {"address": "Tokyo"}, ACTOR, ON, expected_version=1)
    assert exc.value.where == f"person {pid}" and "version 2" in exc.value.message
    with db.transaction(tdb.engine) as s:
        assert sv.get_person(s, pid).address == "Chiba"


# --------------------------------------------------------------------------- timeline, family, events


def test_timeline_records_who_and_before_after_without_secrets(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        sv.edit_person(s, pid, {"phone": "090-0000-0000"}, sv.Actor("web:yamada", None), ON)
        sv.add_user(s, org, email="c@example.org", display_name="C", role="client", person_id=pid,
                    password_hash="$argon2id$secret", actor=ACTOR)
    with db.transaction(tdb.engine) as s:
        entries = sv.timeline_of(s, pid)
        upd = [e for e in entries if e.action == "update"][0]
        assert upd.actor == "web:yamada" and upd.before is not None and upd.after is not None
        assert upd.before["phone"] is None and upd.after["phone"] == "090-0000-0000"
        users = list(s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.entity == "users")))
        assert users and all("password_hash" not in (e.after or {}) for e in users)


def test_principal_change_re_evaluates_dependants(tdb: DBHandle) -> None:
    org = _org(tdb)
    principal = _person(tdb, org, {"family_name": "Li", "given_name": "Wei", "nationality": "CN"})
    child = _person(tdb, org, {"family_name": "Li", "given_name": "Xiaoming", "nationality": "CN"})
    on1, on2 = date(2026, 1, 10), date(2026, 2, 10)
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, principal, {"status": "engineer_humanities_intl", "period": "P1Y",
                                   "granted_on": "2025-06-01"}, ACTOR, on1)
        sv.add_stay(s, child, {"status": "dependent", "period": "P1Y", "granted_on": "2025-06-01"}, ACTOR, on1)
        sv.link_family(s, principal, child, "child", ACTOR, on1)
    with db.transaction(tdb.engine) as s:
        assert {d.computed_for for d in sv.deadlines_of(s, child)} == {on1}
        sv.add_event(s, principal, {"kind": "left_organization", "on": "2026-02-01"}, ACTOR, on2)
    with db.transaction(tdb.engine) as s:
        assert {d.computed_for for d in sv.deadlines_of(s, child)} == {on2}
        facts = sv.facts_for_person(s, child)
        assert [(f.relation, f.status) for f in facts.family] == [("parent", "engineer_humanities_intl")]


@pytest.mark.parametrize(("event", "field", "message"), [
    # a divorce dated after the as-of day, "until" a day before it: both were saved from the web form
    ({"kind": "divorce", "on": ON + timedelta(days=30)}, "on", "after today"),
    ({"kind": "re_entry_permit_extended", "on": ON - timedelta(days=10), "until": ON - timedelta(days=20)},
     "until", "before the event"),
])
def test_an_impossible_event_is_refused_naming_the_field(tdb: DBHandle, event: dict[str, object], field: str,
                                                         message: str) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with pytest.raises(InvalidInputError) as exc, db.transaction(tdb.engine) as s:
        sv.add_event(s, pid, event, ACTOR, ON)
    assert exc.value.field == field and message in exc.value.message
    assert _count(tdb, m.Event) == 0


def test_event_changes_deadlines_in_the_same_transaction(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "granted_on": "2026-04-01"}, ACTOR, ON)
        sv.add_event(s, pid, {"kind": "moved", "on": "2026-11-20"}, ACTOR, ON)
        notes = [d for d in sv.deadlines_of(s, pid) if d.kind == "notification"]
        assert [(d.topic, d.date) for d in notes] == [("address", date(2026, 12, 4))]  # 14 days (Art. 19-9)
    with pytest.raises(InvalidInputError, match="unknown event kind 'married'"), db.transaction(tdb.engine) as s:
        sv.add_event(s, pid, {"kind": "married", "on": "2026-11-20"}, ACTOR, ON)


# --------------------------------------------------------------------------- agenda


def test_agenda_overdue_first_then_by_date_with_window(tdb: DBHandle) -> None:
    org = _org(tdb)
    soon = _person(tdb, org, {"family_name": "Soon", "nationality": "VN"})
    later = _person(tdb, org, {"family_name": "Later", "nationality": "VN"})
    over = _person(tdb, org, {"family_name": "Over", "nationality": "PE"})
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, soon, {"status": "student", "expires_on": ON + timedelta(days=10), "period": "P1Y",
                              "granted_on": "2025-12-01"}, ACTOR, ON)
        sv.add_stay(s, later, {"status": "student", "expires_on": ON + timedelta(days=60), "period": "P1Y",
                               "granted_on": "2026-01-20"}, ACTOR, ON)
        sv.add_stay(s, over, {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-07-01"}, ACTOR, ON)
    with db.transaction(tdb.engine) as s:
        items = sv.agenda(s, org, ON, 30)
        got = [(i.person.family_name, i.deadline.kind, i.state) for i in items]
    assert got[0] == ("Over", "last_filing_day", "overdue")
    assert ("Over", "expiry_of_stay", "passed") in got
    assert all(name != "Later" for name, _, _ in got)  # beyond 30 days
    soon_items = [i for i in items if i.person.family_name == "Soon"]
    assert soon_items and all(i.state == "upcoming" for i in soon_items)
    dates = [i.deadline.date for i in items if i.state != "overdue"]
    assert dates == sorted(dates)
    with db.transaction(tdb.engine) as s:
        assert any(i.person.family_name == "Later" for i in sv.agenda(s, org, ON, 90))


def test_supporter_sees_only_assigned_people_in_the_agenda(tdb: DBHandle) -> None:
    org = _org(tdb)
    a = _person(tdb, org, {"family_name": "Assigned", "nationality": "UA"})
    b = _person(tdb, org, {"family_name": "Other", "nationality": "UA"})
    with db.transaction(tdb.engine) as s:
        for pid in (a, b):
            sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "expires_on": ON + timedelta(days=5),
                                 "granted_on": "2025-12-01"}, ACTOR, ON)
        sup = sv.add_user(s, org, email="sup@example.org", display_name="S", role="supporter", actor=ACTOR)
        sv.assign_supporter(s, sup.id, a, ACTOR)
    with db.transaction(tdb.engine) as s:
        names = {i.person.family_name for i in sv.agenda(s, org, ON, 30, only_assigned_to=sup.id)}
        assert names == {"Assigned"}
        assert [p.family_name for p in sv.list_people(s, org, only_assigned_to=sup.id)] == ["Assigned"]
        everyone = sv.agenda_counts(s, org, ON)
        mine = sv.agenda_counts(s, org, ON, only_assigned_to=sup.id)
        lines = sv.agenda(s, org, ON, 30, only_assigned_to=sup.id)
    assert mine["month"] == len(lines) and mine["week"] == len(lines) and mine["overdue"] == 0
    assert everyone["month"] == 2 * mine["month"]


# --------------------------------------------------------------------------- documents and tokens


def test_documents_are_stored_by_sha256_with_limits(tdb: DBHandle, tmp_path: Path) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    pdf = b"%PDF-1.7\n" + b"x" * 100
    with db.transaction(tdb.engine) as s:
        d = sv.store_document(s, pid, "passport.pdf", "application/pdf", pdf, ACTOR, upload_dir=tmp_path,
                              max_bytes=1000)
        assert d.size == len(pdf) and len(d.sha256) == 64
        assert sv.read_document(d, tmp_path) == pdf
    cases = [("page.html", "text/html", b"<html>", "content_type"), ("big.pdf", "application/pdf", pdf * 20, "size"),
             ("fake.pdf", "application/pdf", b"MZ\x90\x00", "content_type"),
             ("photo.exe", "image/png", b"\x89PNG....", "filename")]
    for name, ctype, data, field in cases:
        with pytest.raises(InvalidInputError) as exc, db.transaction(tdb.engine) as s:
            sv.store_document(s, pid, name, ctype, data, ACTOR, upload_dir=tmp_path, max_bytes=1000)
        assert exc.value.field == field, name
    assert _count(tdb, m.Document) == 1


def test_calendar_tokens_are_hashed_and_revocable(tdb: DBHandle) -> None:
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        maker = sv.add_user(s, org, email="cw@example.org", display_name="CW", role="caseworker", actor=ACTOR,
                            password_hash=sv.hash_password("long enough password")).id
        token = sv.create_calendar_token(s, person_id=pid, created_by=maker)
    with db.transaction(tdb.engine) as s:
        t = sv.resolve_calendar_token(s, token)
        assert t is not None and t.person_id == pid and t.token_hash != token
        sv.revoke_calendar_token(s, t.id)
    with db.transaction(tdb.engine) as s:
        assert sv.resolve_calendar_token(s, token) is None


def test_agenda_keeps_a_last_filing_day_rolled_over_new_year(tdb: DBHandle) -> None:
    # expiry Saturday 2025-12-27; closed through the weekend and New Year (12/29–1/3, then a weekend):
    # filing is accepted on Monday 2026-01-05, nine days later (Act on Holidays of Administrative Organs Art. 2)
    org = _org(tdb)
    pid = _person(tdb, org)
    with db.transaction(tdb.engine) as s:
        sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "granted_on": "2024-12-27"}, ACTOR,
                    date(2025, 12, 1))
    with db.transaction(tdb.engine) as s:
        items = sv.agenda(s, org, date(2026, 1, 5), 30)
    last = [i for i in items if i.deadline.kind == "last_filing_day"]
    assert [(i.deadline.date, i.deadline.filing_date, i.state) for i in last] == [
        (date(2025, 12, 27), date(2026, 1, 5), "today")]
