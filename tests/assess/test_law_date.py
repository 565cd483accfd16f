"""The law is a parameter: ``--law-date`` (CLI) and ``law_date`` (API) compute a situation under the law
of another date, and the calendar and the assessment both read the law they are given."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.facts import parse_facts
from zairyu.law.catalogue import LawView
from zairyu.law.loader import packaged_law
from zairyu.rules import assess

ROOT = Path(__file__).parents[2]
STUDENT = {"person": {"nationality": "VN"},
           "stay": {"status": "student", "period": "P1Y", "granted_on": "2024-03-10", "granted_by": "extension",
                    "previous_expires_on": "2024-04-10"}}
"""A student whose stay ends on 2025-04-10 (2024-04-10 + 1 year): the extension window opens 2025-01-10."""


def _extension_fee(answer: dict[str, Any]) -> dict[str, Any]:
    return next(o["fee"] for o in answer["options"] if o["procedure"] == "extension_of_stay")


def test_cli_assess_under_the_law_of_another_date(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = tmp_path / "student.json"
    facts.write_text(json.dumps(STUDENT))
    now = cli.json("assess", str(facts), "--on", "2025-01-10", "--json")
    later = cli.json("assess", str(facts), "--on", "2025-01-10", "--law-date", "2025-04-01", "--json")
    # law.md §8: extension ¥4,000 until 2025-03-31; from 2025-04-01 ¥6,000 at the counter, ¥5,500 online
    assert (_extension_fee(now)["counter"], "law_date" in now) == (4000, False)
    assert (_extension_fee(later)["counter"], _extension_fee(later)["online"]) == (6000, 5500)
    assert later["law_date"] == "2025-04-01" and later["as_of"] == "2025-01-10"
    # the person's dates do not move with the law's date: same expiry and filing window
    assert [d["date"] for d in now["deadlines"]] == [d["date"] for d in later["deadlines"]]


def test_an_application_already_filed_keeps_the_law_of_its_filing_day() -> None:
    # law.md §8 transitional rule: applications received by 2025-03-31 pay the old fee even if decided later
    facts = parse_facts({**STUDENT, "pending_application": {"procedure": "extension_of_stay",
                                                            "filed_on": "2025-03-20"}})
    from zairyu.law.catalogue import catalogue

    answer = assess(facts, date(2025, 3, 25), law=catalogue(date(2025, 4, 1))).to_json()
    assert _extension_fee(answer)["counter"] == 4000


def test_cli_law_date_outside_the_data_names_the_option(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = tmp_path / "student.json"
    facts.write_text(json.dumps(STUDENT))
    for cmd in ("assess", "deadlines"):
        res = cli(cmd, str(facts), "--on", "2025-01-10", "--law-date", "2031-01-01")
        assert res.exit_code == 2 and "--law-date" in res.output and "2027-12-31" in res.output, res.output


def test_cli_deadlines_say_which_law_they_ran_under(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    facts = tmp_path / "student.json"
    facts.write_text(json.dumps(STUDENT))
    out = cli.json("deadlines", str(facts), "--on", "2025-01-10", "--law-date", "2025-04-01", "--json")
    assert out["law_date"] == "2025-04-01"
    assert "law_date" not in cli.json("deadlines", str(facts), "--on", "2025-01-10", "--json")


def test_the_calendar_reads_the_law_it_is_given() -> None:
    """A draft law in which Student does not make a mid/long-term resident: the calendar computed under it
    asks no address notification after a move (Art. 19-9 binds mid/long-term residents only) and no card
    renewal — it reads the law it is given, not the packaged catalogue."""
    facts = parse_facts(json.loads((ROOT / "examples/facts/student_moved_pending_extension.json").read_text()))
    on = date(2026, 3, 5)
    law = packaged_law()
    files = law.model_copy(update={"statuses": [
        s.model_copy(update={"mid_long_term": False}) if s.code == "student" else s for s in law.statuses]})
    draft = LawView(files, on)
    assert not draft.packaged
    kinds = {d.kind for d in compute_deadlines(facts, on)}
    draft_kinds = {d.kind for d in compute_deadlines(facts, on, draft)}
    assert "notification" in kinds and "notification" not in draft_kinds


@pytest.mark.parametrize("role", ["caseworker"])
def test_api_law_date(role: str, tmp_path: Path) -> None:
    from tests.web.conftest import build_office

    from zairyu.cases import db

    office = build_office(tmp_path)
    try:
        c = office.client(role)
        r = c.post("/api/v1/assess", json=STUDENT, params={"on": "2025-01-10", "law_date": "2025-04-01"})
        assert r.status_code == 200, r.text
        assert r.json()["law_date"] == "2025-04-01" and _extension_fee(r.json())["counter"] == 6000
        r = c.post("/api/v1/deadlines", json=STUDENT, params={"on": "2025-01-10", "law_date": "2025-04-01"})
        assert r.status_code == 200 and r.json()["law_date"] == "2025-04-01"
        r = c.post("/api/v1/assess", json=STUDENT, params={"on": "2025-01-10", "law_date": "1999-01-01"})
        assert r.status_code == 422 and "law_date" in r.text
    finally:
        db.dispose_engine(office.settings.db_url)
