"""The command-line contract (`zairyu expiry`, `zairyu deadlines`) and the iCalendar export."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.ics import PRODID, deadlines_to_ics
from zairyu.facts import load_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "facts"
STUDENT = EXAMPLES / "student_moved_pending_extension.json"
RU_TV = EXAMPLES / "ru_temporary_visitor_2023-02.json"
D = date.fromisoformat


def test_expiry_json_contract(cli: Any) -> None:
    out = cli.json("expiry", "--from", "2022-11-15", "--period", "P90D", "--json")
    assert out["expires_on"] == "2023-02-13"
    assert out["last_filing_day"] == "2023-02-13" and out["earliest_filing_day"] is None
    assert any("first day is not counted" in t for t in out["trace"])
    assert {"law": "Civil Code", "provision": "Art. 140", "note": "the first day is not counted"} in out["legal_basis"]


def test_expiry_of_an_extension_and_a_closed_expiry(cli: Any) -> None:
    out = cli.json("expiry", "--from", "2025-02-03", "--period", "P1Y3M", "--kind", "extension", "--json",
                   "--status", "student")
    assert out["expires_on"] == "2026-05-03" and out["last_filing_day"] == "2026-05-07"
    assert out["expiry_closed_reason"] == "憲法記念日" and out["earliest_filing_day"] == "2026-02-03"
    assert out["status_checked"] == "student"
    assert any("day after the old expiry" in t for t in out["trace"])
    assert {"law": "ICRRA", "provision": "Art. 21", "note": "extension of period of stay"} in out["legal_basis"]


def test_expiry_works_outside_the_law_data_range(cli: Any) -> None:
    # after COVERED_TO (2027-12-31) but within the input bound (to 2037-12-31, zairyu.limits); basis: Civil Code
    # Arts. 140/143, a year from 2031-02-28 ends on 2032-02-28
    assert cli.json("expiry", "--from", "2031-02-28", "--period", "P1Y", "--json")["expires_on"] == "2032-02-28"


def test_expiry_readable_output(cli: Any) -> None:
    res = cli("expiry", "--from", "2024-02-29", "--period", "P1Y", "--lang", "en")
    assert res.exit_code == 0
    assert "Period of stay ends: 2025-02-28" in res.stdout and "Civil Code Art. 143" in res.stdout


def test_deadlines_json_contract(cli: Any) -> None:
    out = cli.json("deadlines", str(RU_TV), "--on", "2023-02-10", "--json")
    assert out["as_of"] == "2023-02-10"
    by_kind = {d["kind"]: d for d in out["deadlines"]}
    assert by_kind["expiry_of_stay"]["date"] == "2023-02-13"
    sp = by_kind["special_period_end"]
    assert sp["date"] == "2023-04-13" and sp["state"] == "upcoming" and sp["days_left"] == 62
    assert {"law": "ICRRA", "provision": "Art. 20(6)", "note": "special period"} in sp["legal_basis"]
    assert set(sp) >= {"kind", "date", "filing_date", "legal_basis", "explanation", "trace", "fact_status", "risk"}


def test_deadlines_readable_output_has_explanation_and_provision(cli: Any) -> None:
    res = cli("deadlines", str(STUDENT), "--on", "2026-03-05", "--lang", "en")
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "notify the new address" in text and "ICRRA Art. 19-9(1)" in text
    assert "Filing accepted on (holiday roll-forward): 2026-05-07" in text
    ja = cli("deadlines", str(STUDENT), "--on", "2026-03-05")
    assert "根拠" in ja.stdout and "在留期間の満了日" in " ".join(ja.stdout.split())


def test_deadlines_ics_imports_with_events_alarms_and_dates(cli: Any, tmp_path: Path) -> None:
    ics = tmp_path / "student.ics"
    facts = tmp_path / "student.json"
    shutil.copy(STUDENT, facts)
    res = cli("deadlines", str(facts), "--on", "2026-03-05", "--ics", str(ics), "--lang", "en")
    assert res.exit_code == 0, res.output
    cal = Calendar.from_ical(ics.read_bytes())
    assert str(cal["PRODID"]) == PRODID and str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    expected = compute_deadlines(load_facts(STUDENT), D("2026-03-05"))
    assert len(events) == len(expected) > 3
    for ev, d in zip(sorted(events, key=lambda e: (e["DTSTART"].dt, str(e["SUMMARY"]))),
                     sorted(expected, key=lambda x: x.date), strict=False):
        start = ev["DTSTART"].dt
        assert type(start) is date  # all-day
        assert ev["DTEND"].dt == start + timedelta(days=1)
        alarms = [a for a in ev.walk("VALARM")]
        assert sorted(a["TRIGGER"].dt for a in alarms) == [timedelta(days=-14), timedelta(days=-1)]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)
        assert str(ev["UID"]).endswith("@zairyu")
        assert d.date in {e["DTSTART"].dt for e in events}
    last = next(e for e in events if "Last day to file" in str(e["SUMMARY"]))
    assert last["DTSTART"].dt == D("2026-05-03")
    desc = str(last["DESCRIPTION"])
    assert "2026-05-07" in desc and "Ordinance Art. 21(1)" in desc and "Act on Holidays" in desc


def test_ics_uids_are_stable_per_person_kind_and_date() -> None:
    items = compute_deadlines(load_facts(STUDENT), D("2026-03-05"))
    a = Calendar.from_ical(deadlines_to_ics(items, person_label="p1", lang="ja"))
    b = Calendar.from_ical(deadlines_to_ics(items, person_label="p1", lang="en"))
    c = Calendar.from_ical(deadlines_to_ics(items, person_label="p2", lang="ja"))
    uids = [str(e["UID"]) for e in a.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in b.walk("VEVENT")]
    assert not set(uids) & {str(e["UID"]) for e in c.walk("VEVENT")}
    # a later as-of date changes no UID of a deadline that is still there
    later = compute_deadlines(load_facts(STUDENT), D("2026-03-10"))
    d = Calendar.from_ical(deadlines_to_ics(later, person_label="p1", lang="ja"))
    assert {str(e["UID"]) for e in d.walk("VEVENT")} <= set(uids) | {str(e["UID"]) for e in d.walk("VEVENT")
                                                                      if "特例期間" in str(e["SUMMARY"])}
    # the same facts on the same day give the same bytes (DTSTAMP is the as-of date, not the clock)
    assert deadlines_to_ics(items, person_label="p1", lang="ja") == deadlines_to_ics(items, person_label="p1",
                                                                                     lang="ja")


def test_unwritable_ics_path_exits_2(cli: Any, tmp_path: Path) -> None:
    res = cli("deadlines", str(STUDENT), "--on", "2026-03-05", "--ics", str(tmp_path / "missing" / "x.ics"))
    assert res.exit_code == 2 and "--ics" in res.stderr


def test_sample_files_are_valid_and_tell_their_story() -> None:
    for f in EXAMPLES.glob("*.json"):
        json.loads(f.read_text())
        load_facts(f)
    ru_student = compute_deadlines(load_facts(EXAMPLES / "ru_student_2023-05.json"), D("2023-05-25"))
    assert {d.kind for d in ru_student} >= {"expiry_of_stay", "notification", "revocation_risk", "card_expiry"}


def test_deadlines_trace_option_shows_the_computation(cli: Any) -> None:
    res = cli("deadlines", str(EXAMPLES / "ru_temporary_visitor_extended_2023-04.json"), "--on", "2023-04-25",
              "--lang", "en", "--trace")
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.replace("│", " ").split())  # panel borders wrap the lines
    assert "the new period still counts from the day after the old expiry" in text
    assert "old expiry 2023-05-14 + 2 months → end of 2023-07-14" in text


def test_ics_computation_lines_are_in_the_calendars_language() -> None:
    items = compute_deadlines(load_facts(STUDENT), D("2026-03-05"))
    lines = [t for d in items for t in d.trace_lines()]
    written = {lang: [t for d in items for t in d.trace_lines(lang)] for lang in ("ru", "uk", "ja")}
    assert lines
    for lang, script in (("ru", "[а-яА-Я]"), ("uk", "[а-яА-ЯіїєІЇЄ]"), ("ja", "[ぁ-んァ-ン一-龯]")):
        desc = "\n".join(str(e["DESCRIPTION"]) for e in
                         Calendar.from_ical(deadlines_to_ics(items, person_label="p1", lang=lang)).walk("VEVENT"))
        for t, own in zip(lines, written[lang], strict=True):
            assert own != t and re.search(script, own), (lang, t)
            assert own in desc and t not in desc, (lang, t)
    en = "\n".join(str(e["DESCRIPTION"]) for e in
                   Calendar.from_ical(deadlines_to_ics(items, person_label="p1", lang="en")).walk("VEVENT"))
    assert all(t in en for t in lines)
