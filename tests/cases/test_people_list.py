"""The office's list of people (issue 13): sorting, filters, paging and the next deadline, on SQLite and
PostgreSQL. The stay facts are chosen so that each filter has a known answer; the expected values say where
they come from (the calendar's rules, cited)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zairyu.calendar.lawful_stay import holds_status_on
from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import catalogue

from .conftest import ACTOR, ON, DBHandle

# ON is 2026-11-25 (Wednesday).
EXPIRED = "2026-11-16"
"""Nine days before ON: the period of stay of Ivanova and Petrov ended (ICRRA Art. 2-2(3))."""


def _stay(s: Any, pid: int, status: str, expires: str | None, granted: str, period: str | None = "P1Y") -> None:
    by = "permanent_residence" if status == "permanent_resident" else "change"
    sv.add_stay(s, pid, {"status": status, "period": period, "granted_on": granted, "granted_by": by,
                         "expires_on": expires}, ACTOR, ON)


def _office(tdb: DBHandle) -> dict[str, int]:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        ids: dict[str, int] = {"org": org}
        ids["ken"] = sv.add_user(s, org, email="ken@example.org", display_name="Ken", role="caseworker",
                                 actor=ACTOR).id
        ids["sup"] = sv.add_user(s, org, email="sup@example.org", display_name="Sup", role="supporter",
                                 actor=ACTOR).id

        def person(key: str, family: str, given: str | None, nat: str, **kw: Any) -> int:
            ids[key] = sv.add_person(s, org, {"family_name": family, "given_name": given, "nationality": nat, **kw},
                                     ACTOR).id
            return ids[key]

        # names whose case-sensitive order (ABE, Dupont, de Souza) differs from the alphabet's
        _stay(s, person("souza", "de Souza", "Maria", "BR"), "engineer_humanities_intl", "2027-12-31",
              "2024-12-31", "P3Y")
        _stay(s, person("dupont", "Dupont", "Jean", "FR"), "permanent_resident", None, "2020-04-01",
              period=None)  # permanent residence: no period of stay (Art. 2-2(3) proviso)
        _stay(s, person("abe", "ABE", "Taro", "CN", family_name_kanji="阿部", given_name_kanji="太郎"),
              "student", "2026-12-20", "2025-12-20")
        # Ivanova filed an extension before her stay ended: the special period runs to 2027-01-16, two months
        # after the expiry (ICRRA Art. 20(6), Art. 21(4); Civil Code Arts. 140, 143) — she holds her status
        pid = person("ivanova", "Ivanova", "Olga", "RU")
        _stay(s, pid, "engineer_humanities_intl", EXPIRED, "2025-11-16")
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACTOR, date(2026, 11, 10))
        sv.file_application(s, app.id, date(2026, 11, 10), ACTOR, ON)
        # Petrov's stay ended on the same day and nothing was filed: no status since 11-17 (Art. 24(iv)(b))
        _stay(s, person("petrov", "Petrov", "Ivan", "RU"), "engineer_humanities_intl", EXPIRED, "2025-11-16")
        # Sokolova: no stay recorded
        person("sokolova", "Sokolova", "Anna", "UA")
        sv.assign_people(s, [ids["abe"], ids["petrov"]], ids["ken"], ACTOR, organisation_id=org)
        sv.assign_people(s, [ids["ivanova"]], ids["sup"], ACTOR, organisation_id=org)
    return ids


def _names(tdb: DBHandle, ids: dict[str, int], on: date = ON, *, user: int | None = None,
           supporter: int | None = None, **params: Any) -> list[str]:
    with db.transaction(tdb.engine) as s:
        page = sv.list_page(s, ids["org"], sv.people_query(params), on, user_id=user, only_assigned_to=supporter)
        return [r.person.family_name for r in page.rows]


def test_names_sort_without_regard_to_case(tdb: DBHandle) -> None:
    ids = _office(tdb)
    # the alphabet, not the case: ABE < de Souza < Dupont (a byte order would give ABE, Dupont, … de Souza)
    assert _names(tdb, ids) == ["ABE", "de Souza", "Dupont", "Ivanova", "Petrov", "Sokolova"]
    assert _names(tdb, ids, order="desc") == ["Sokolova", "Petrov", "Ivanova", "Dupont", "de Souza", "ABE"]


def test_names_in_any_script_sort_without_regard_to_case(tdb: DBHandle) -> None:
    """SQLite's own lower() folds ASCII only: ШЕВЧЕНКО and Élodie sorted by byte before their lower-case peers."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        ids = {n: sv.add_person(s, org, {"family_name": n, "nationality": "UA"}, ACTOR).id
               for n in ("ШЕВЧЕНКО", "абрамова", "Борисов", "ÉMILE", "éa")}
        q = sv.people_query({"search": None, "page_size": 500})
        got = [r.person.family_name for r in sv.list_page(s, org, q, ON).rows if r.person.id in ids.values()]
    # Latin é (U+00E9) before Cyrillic, then а < б < ш (code point order of the lower-case letters, on both databases)
    assert got == ["éa", "ÉMILE", "абрамова", "Борисов", "ШЕВЧЕНКО"]


def test_the_special_period_is_not_overstaying(tdb: DBHandle) -> None:
    """The product's most important question: Ivanova (extension filed in time) holds her status in the special
    period; Petrov (nothing filed) does not. The list says what the calendar says."""
    ids = _office(tdb)
    assert _names(tdb, ids, overstaying=True) == ["Petrov"]
    with db.transaction(tdb.engine) as s:
        law = catalogue(ON)
        held = {k: holds_status_on(sv.facts_for_person(s, ids[k]), ON, law) for k in ("ivanova", "petrov")}
    assert (held["ivanova"].holds, held["ivanova"].reason) == (True, "special_period")
    assert held["petrov"].holds is False
    # on the last day of the special period (2027-01-16) Ivanova still holds it; the day after, she does not
    # (ABE's student stay ended 2026-12-20 with nothing filed: no status from 12-21, Art. 24(iv)(b))
    assert _names(tdb, ids, date(2027, 1, 16), overstaying=True) == ["ABE", "Petrov"]
    assert _names(tdb, ids, date(2027, 1, 17), overstaying=True) == ["ABE", "Ivanova", "Petrov"]


def test_expiring_soon_reads_when_the_stay_ends(tdb: DBHandle) -> None:
    ids = _office(tdb)
    # within 90 days of 2026-11-25 (to 2027-02-23): ABE (expiry 2026-12-20) and Ivanova, whose stay ends with the
    # special period on 2027-01-16 (Art. 20(6)); not Petrov (already ended), Dupont (no period), de Souza (2027-12)
    assert _names(tdb, ids, expiring=90) == ["ABE", "Ivanova"]
    # within 30 days (to 2026-12-25): ABE only — Ivanova's stay no longer ends on her old expiry
    assert _names(tdb, ids, expiring=30) == ["ABE"]
    with db.transaction(tdb.engine) as s:
        rows = {r.person.family_name: r for r in sv.list_page(s, ids["org"], sv.people_query({}), ON).rows}
    assert rows["Ivanova"].expiry == date(2026, 11, 16) and rows["Ivanova"].stay_ends == date(2027, 1, 16)
    assert rows["Ivanova"].special_period is True
    assert rows["Dupont"].expiry is None and rows["Dupont"].stay_ends is None


def test_filters_combine(tdb: DBHandle) -> None:
    ids = _office(tdb)
    assert _names(tdb, ids, nationality="RU") == ["Ivanova", "Petrov"]
    assert _names(tdb, ids, nationality="Russia") == ["Ivanova", "Petrov"]  # a name, resolved to RU
    assert _names(tdb, ids, status="engineer_humanities_intl") == ["de Souza", "Ivanova", "Petrov"]
    assert _names(tdb, ids, status="engineer_humanities_intl", nationality="RU", assignee=str(ids["ken"])) == [
        "Petrov"]
    assert _names(tdb, ids, assignee="unassigned") == ["de Souza", "Dupont", "Sokolova"]
    assert _names(tdb, ids, assignee="mine", user=ids["sup"]) == ["Ivanova"]
    assert _names(tdb, ids, search="阿部") == ["ABE"]
    assert _names(tdb, ids, expiring=90, overstaying=True) == []


def test_sorting_by_the_other_columns(tdb: DBHandle) -> None:
    ids = _office(tdb)
    # next deadline: Petrov's last filing day (2026-11-16, overdue: an obligation not done, Ordinance Art. 21(1))
    # comes first; people without any deadline ahead (Sokolova: no stay) come last in both orders
    by_next = _names(tdb, ids, sort="next_deadline")
    assert by_next[0] == "Petrov" and by_next[-1] == "Sokolova"
    assert _names(tdb, ids, sort="next_deadline", order="desc")[-1] == "Sokolova"
    # the stored expiry of the period of stay; no expiry (permanent residence, no stay) last
    assert _names(tdb, ids, sort="stay_expiry") == ["Ivanova", "Petrov", "ABE", "de Souza", "Dupont", "Sokolova"]
    assert _names(tdb, ids, sort="nationality") == ["de Souza", "ABE", "Dupont", "Ivanova", "Petrov", "Sokolova"]
    assert _names(tdb, ids, sort="assignee") == ["ABE", "Petrov", "Ivanova", "de Souza", "Dupont", "Sokolova"]
    with db.transaction(tdb.engine) as s:
        row = sv.list_page(s, ids["org"], sv.people_query({"search": "Petrov"}), ON).rows[0]
    assert row.next_deadline is not None and row.next_deadline.state == "overdue"
    assert row.assignee is not None and row.assignee.display_name == "Ken"


def test_pages_hold_every_person_once(tdb: DBHandle) -> None:
    ids = _office(tdb)
    seen: list[str] = []
    with db.transaction(tdb.engine) as s:
        for page in (1, 2, 3):
            got = sv.list_page(s, ids["org"], sv.people_query({"page": page, "page_size": 2, "sort": "nationality"}),
                               ON)
            assert (got.total, got.pages) == (6, 3)
            seen += [r.person.family_name for r in got.rows]
    assert sorted(seen) == sorted(_names(tdb, ids)) and len(set(seen)) == 6


def test_a_supporter_lists_only_their_people(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        sv.assign_supporter(s, ids["sup"], ids["ivanova"], ACTOR)
    assert _names(tdb, ids, supporter=ids["sup"]) == ["Ivanova"]


@pytest.mark.parametrize(("params", "field"), [
    ({"page_size": 501}, "page_size"), ({"page": 0}, "page"), ({"sort": "age"}, "sort"),
    ({"assignee": "bob"}, "assignee"), ({"expiring": -1}, "expiring"), ({"nationality": "Atlantis"}, "nationality"),
    ({"status": "astronaut"}, "status")])
def test_bad_parameters_are_refused_naming_the_field(tdb: DBHandle, params: dict[str, Any], field: str) -> None:
    ids = _office(tdb)
    with pytest.raises(InvalidInputError) as e, db.transaction(tdb.engine) as s:
        sv.list_page(s, ids["org"], sv.people_query(params), ON)
    assert e.value.field == field


def test_the_command_line_lists_as_the_page_does(cli_db: DBHandle, cli: Any) -> None:
    import json

    ids = _office(cli_db)
    res = cli("people", "list", "--on", ON.isoformat(), "--overstaying", "--json")
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    # as test_the_special_period_is_not_overstaying: Petrov, not Ivanova (special period, ICRRA Art. 20(6))
    assert [p["id"] for p in got["people"]] == [ids["petrov"]] and got["total"] == 1
    res = cli("people", "list", "--on", ON.isoformat(), "--sort", "name", "--desc", "--page-size", "2", "--page",
              "3", "--json")
    got = json.loads(res.stdout)
    # the last page of the descending order (test_names_sort_without_regard_to_case)
    assert [p["name"] for p in got["people"]] == ["DE SOUZA Maria", "ABE Taro (阿部太郎)"] and got["pages"] == 3
    bad = cli("people", "list", "--sort", "age")
    assert bad.exit_code != 0 and "sort" in bad.output


def test_the_two_readings_of_two_months_do_not_make_anyone_overstay(tdb: DBHandle) -> None:
    """Expiry 2027-02-28 (the last day of a month), extension filed 2027-02-20: the special period ends in law at
    the end of 2027-04-30 (Civil Code Arts. 140, 143), while the same-day count gives 04-28, the day to act by that
    the stored deadline carries (law.md §12; calendar.lawful_stay.SpecialPeriod). On 04-29 the calendar says the
    status is held; the list must not say otherwise; on 05-01 it is no longer held (Art. 24(iv)(b))."""
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        pid = sv.add_person(s, org, {"family_name": "Lee", "nationality": "KR"}, ACTOR).id
        sv.add_stay(s, pid, {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2026-02-28",
                             "granted_by": "change", "expires_on": "2027-02-28"}, ACTOR, ON)
        app = sv.add_application(s, pid, {"procedure": "extension_of_stay",
                                          "target_status": "engineer_humanities_intl"}, ACTOR, date(2027, 2, 20))
        sv.file_application(s, app.id, date(2027, 2, 20), ACTOR, date(2027, 2, 20))
        stored = [i.deadline.date for i in sv.person_deadlines(s, pid, date(2027, 4, 29))
                  if i.deadline.kind == "special_period_end"]
        held = holds_status_on(sv.facts_for_person(s, pid), date(2027, 4, 29), catalogue(date(2027, 4, 29)))
    assert stored == [date(2027, 4, 28)] and (held.holds, held.until) == (True, date(2027, 4, 30))
    ids = {"org": org}
    assert _names(tdb, ids, date(2027, 4, 29), overstaying=True) == []
    assert _names(tdb, ids, date(2027, 4, 30), overstaying=True) == []
    assert _names(tdb, ids, date(2027, 5, 1), overstaying=True) == ["Lee"]


@pytest.mark.parametrize("sort", ["next_deadline", "stay_expiry"])
def test_a_long_list_sorts_as_a_short_one(tdb: DBHandle, monkeypatch: pytest.MonkeyPatch, sort: str) -> None:
    """Above NARROW people the sort keys come from one grouped query instead of a look-up per person: the same
    order either way (expected: the short list's order, test_sorting_by_the_other_columns)."""
    from zairyu.cases.services import people_list

    ids = _office(tdb)
    for order in ("asc", "desc"):
        short = _names(tdb, ids, sort=sort, order=order)
        monkeypatch.setattr(people_list, "NARROW", 0)
        assert _names(tdb, ids, sort=sort, order=order) == short
        monkeypatch.undo()
