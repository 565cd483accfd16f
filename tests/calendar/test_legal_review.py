"""The calendar corrections of the legal review (law.md §12, review of 2026-12-04): each test fails on the
calendar before its correction and passes after it. Every expected value says where it comes from."""

from __future__ import annotations

from datetime import date
from typing import Any

from zairyu.calendar.deadlines import Deadline, compute_deadlines
from zairyu.facts import parse_facts

D = date.fromisoformat


def deadlines(facts: dict[str, Any], on: str) -> list[Deadline]:
    return compute_deadlines(parse_facts(facts), D(on))


def of(items: list[Deadline], kind: str, topic: str | None = None) -> list[Deadline]:
    return [d for d in items if d.kind == kind and (topic is None or d.topic == topic)]


def provisions(d: Deadline) -> set[str]:
    return {b.provision for b in d.legal_basis}


# --- 6. Art. 19-8 after a change between mid/long-term statuses --------------------------------------

def _student_to_engineer(history_period: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"status": "student", "from": "2024-04-01", "to": "2024-06-01"}
    if history_period:
        entry["period"] = history_period
    return {"stay": {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2024-06-01",
                     "granted_by": "change"},
            "history": [entry]}


def test_a_change_between_mid_long_term_statuses_starts_no_address_clock() -> None:
    # law.md §12 "Address notice after a change of status": Art. 19-8 is for a person who *becomes* a
    # mid/long-term resident; a 1-year Student (Art. 19-3(i): more than 3 months) already was one, however
    # short the time on Student (2 months here).
    items = deadlines(_student_to_engineer("P1Y"), "2024-06-03")
    assert of(items, "notification", "address") == []  # no Art. 19-8(1) notice
    assert of(items, "revocation_risk", "address") == []  # no 90-day clock, Art. 22-4(1)


def test_a_change_from_a_three_month_stay_starts_the_address_clock() -> None:
    # law.md §4.1 / Art. 19-3(i): a period of 3 months or less is not mid/long-term → the change makes one
    items = deadlines(_student_to_engineer("P3M"), "2024-06-03")
    (note,) = of(items, "notification", "address")
    assert note.date == D("2024-06-15") and "Art. 19-8(1)" in provisions(note)  # 14 days, law.md §4.2
    (risk,) = of(items, "revocation_risk", "address")
    assert risk.date == D("2024-08-30")  # 90 days, law.md §5.1 ground 9


def test_an_unknown_previous_period_guesses_no_address_clock() -> None:
    # docs/calendar.md "Limits": without the previous period (Student allows periods ≤ 3 months) nothing is guessed
    items = deadlines(_student_to_engineer(None), "2024-06-03")
    assert of(items, "notification", "address") == []
