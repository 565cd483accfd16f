"""What a refugee applicant facing removal, a permanent resident after 2027-04-01, a person whose status was
revoked and a Business Manager applicant are told (issue 11, "Procedures and duties still missing"). Each
expected value names its source in the fact reference (law.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.errors import InvalidInputError
from zairyu.facts import parse_facts
from zairyu.messages import render
from zairyu.rules import assess
from zairyu.rules.interview import QUESTIONS, designation_choices, parse_answer

OVERSTAYER = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2024-05-01"}}


def _refugee_text(facts: dict[str, Any], on: date, lang: str = "en") -> str:
    o = assess(parse_facts(facts), on).option("refugee_recognition:long_term_resident")
    assert o is not None
    return render(o.explanation(), lang)


def test_before_2024_06_10_removal_is_suspended_without_exceptions() -> None:
    # law.md §6.3: until 2024-06-09 Art. 61-2-6(3) suspended removal while pending, with no exceptions
    text = _refugee_text({**OVERSTAYER, "stay": {**OVERSTAYER["stay"], "granted_on": "2024-01-05"},
                          "circumstances": {"refugee_application_number": 3}}, date(2024, 6, 7))
    assert "not removed" in text and "Art. 61-2-6(3)" in text and "NOT" not in text


def test_third_application_without_materials_does_not_suspend_removal_from_2024_06_10() -> None:
    # law.md §6.3: from 2024-06-10 a third or later application suspends removal only with materials showing
    # reasonable grounds for recognition
    facts = {**OVERSTAYER, "circumstances": {"refugee_application_number": 3, "reasonable_grounds_materials": False}}
    text = _refugee_text(facts, date(2024, 9, 2))
    assert "NOT suspended" in text and "no. 3" in text
    assert "送還は停止されません" in _refugee_text(facts, date(2024, 9, 2), "ja")
    with_materials = {**OVERSTAYER, "circumstances": {"refugee_application_number": 3,
                                                      "reasonable_grounds_materials": True}}
    assert "still suspends removal" in _refugee_text(with_materials, date(2024, 9, 2))
    # the second application is not an exception (the count starts at the third)
    second = {**OVERSTAYER, "circumstances": {"refugee_application_number": 2},
              "conduct": {"sentenced_three_years_or_more": False}}
    text = _refugee_text(second, date(2024, 9, 2))
    assert "you are not removed" in text and "NOT" not in text


def test_sentence_of_three_years_does_not_suspend_removal_from_2024_06_10() -> None:
    # law.md §6.3: life imprisonment or 3 years or more (actual, not suspended)
    facts = {**OVERSTAYER, "circumstances": {"refugee_application_number": 1},
             "conduct": {"sentenced_three_years_or_more": True}}
    assert "NOT suspended" in _refugee_text(facts, date(2024, 9, 2))


def test_unknown_application_count_shows_the_exceptions_honestly() -> None:
    # law.md §6.3: the exceptions are stated when the facts that decide them are not known
    text = _refugee_text(OVERSTAYER, date(2024, 9, 2))
    assert "third or later application" in text and "3 years" in text


def test_a_lawful_resident_is_not_told_about_removal() -> None:
    # removal is a question only for a person without status or in deportation proceedings (law.md §6.3)
    facts = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2024-04-01"}}
    assert "removal" not in _refugee_text(facts, date(2024, 9, 2))


def test_permanent_resident_sees_the_new_revocation_grounds_from_2027_04_01() -> None:
    # law.md §5.2: Act No. 60 of 2024, in force 2027-04-01 — wilful non-payment, certain crimes; Art. 22-6
    facts = parse_facts({"stay": {"status": "permanent_resident", "granted_on": "2015-05-01"},
                         "conduct": {"taxes_paid": False}})
    assert assess(facts, date(2027, 3, 31)).notes == ()
    notes = [render(n, "en") for n in assess(facts, date(2027, 4, 1)).notes]
    assert len(notes) == 1
    assert "2027-04-01" in notes[0] and "wilful non-payment" in notes[0]
    assert "settle them" in notes[0] and "ex officio" in notes[0] and "Art. 22-6" in notes[0]


def test_permanent_residence_obligations_are_in_the_act_from_2027_04_01() -> None:
    # law.md §2.6: from 2027-04-01 Art. 22(2) adds compliance and payment of taxes/social charges
    facts = parse_facts({"stay": {"status": "engineer_humanities_intl", "period": "P5Y", "granted_on": "2024-05-01"}})
    for on, fact in ((date(2027, 3, 31), "isa"), (date(2027, 4, 1), "law")):
        o = assess(facts, on).option("permanent_residence:permanent_resident")
        assert o is not None
        req = next(r for r in o.requirements if r.id == "public_obligations")
        assert req.fact_status == fact, on


def test_after_a_revocation_only_the_departure_is_listed() -> None:
    # law.md §5.1: Art. 22-4(7) — the revoked status has no period, filing or card deadlines left
    facts = parse_facts({"stay": {"status": "student", "period": "P1Y", "granted_on": "2025-04-01"},
                         "events": [{"kind": "status_revoked", "on": "2025-09-01", "until": "2025-09-20"}]})
    kinds = {d.kind for d in compute_deadlines(facts, date(2025, 9, 2))}
    assert kinds == {"departure_deadline"}
    before = {d.kind for d in compute_deadlines(facts, date(2025, 8, 31))}
    assert "departure_deadline" not in before and "expiry_of_stay" in before


def test_a_designated_day_beyond_30_days_is_flagged() -> None:
    # law.md §5.1: Art. 22-4(7) allows at most 30 days (2025-09-01 + 30 → 2025-10-01)
    facts = parse_facts({"stay": {"status": "student", "period": "P1Y", "granted_on": "2025-04-01"},
                         "events": [{"kind": "status_revoked", "on": "2025-09-01", "until": "2025-10-15"}]})
    d = next(d for d in compute_deadlines(facts, date(2025, 9, 2)) if d.kind == "departure_deadline")
    assert d.date == date(2025, 10, 15) and "2025-10-01" in d.explanation("en")


def test_until_is_only_for_a_revocation_and_not_before_it() -> None:
    with pytest.raises(InvalidInputError) as exc:
        parse_facts({"events": [{"kind": "moved", "on": "2025-09-01", "until": "2025-09-20"}]})
    assert exc.value.field.startswith("events") and "status_revoked" in exc.value.message
    with pytest.raises(InvalidInputError):
        parse_facts({"events": [{"kind": "status_revoked", "on": "2025-09-01", "until": "2025-08-20"}]})


def test_departure_preparation_holder_is_told_what_31_days_allow() -> None:
    # law.md §2.9 [PRACTICE]: 30 or 31 days; 31 days → a change filed before expiry gets the special period
    facts = parse_facts({"stay": {"status": "designated_activities", "period": "P31D", "granted_on": "2025-05-01",
                                  "designation": "departure_preparation"}})
    a = assess(facts, date(2025, 5, 2))
    notes = [render(n, "en") for n in a.notes]
    assert any("departure-preparation" in n and "2025-06-01" in n for n in notes)
    exp = next(d for d in a.deadlines if d.kind == "expiry_of_stay")
    assert "31 days" in exp.explanation("en")
    assert "Art. 20(6)" in {b.provision for b in exp.legal_basis}


def test_business_manager_change_names_the_2025_criteria_and_the_transition() -> None:
    # law.md §1.4: criteria from 2025-10-16 (¥30 million, ...); §12: transition to 2028-10-16 (unverified)
    base = {"stay": {"status": "student", "period": "P2Y", "granted_on": "2024-04-01"},
            "goal": {"status": "business_manager"}}
    before = assess(parse_facts(base), date(2025, 10, 15)).option("change_of_status:business_manager")
    after = assess(parse_facts(base), date(2025, 10, 16)).option("change_of_status:business_manager")
    assert before is not None and after is not None
    assert "¥30 million" not in render(before.explanation(), "en")
    assert "¥30 million" in render(after.explanation(), "en") and "3,000万円" in render(after.explanation(), "ja")
    holder = parse_facts({"stay": {"status": "business_manager", "period": "P1Y", "granted_on": "2025-06-01"}})
    ext = assess(holder, date(2026, 4, 1)).option("extension_of_stay:business_manager")
    assert ext is not None and "2028-10-16" in render(ext.explanation(), "en")


def test_the_designation_question_offers_the_law_datas_designations() -> None:
    # the designations are law data (designations.yaml), not a list in the interview
    choices = designation_choices()
    assert {"refugee_applicant", "japanese_university_graduate", "covid_unable_to_return", "other"} <= set(choices)
    assert QUESTIONS["stay.designation"].type == "choice"
    assert parse_answer("stay.designation", "japanese_university_graduate") == "japanese_university_graduate"
    with pytest.raises(InvalidInputError) as exc:
        parse_answer("stay.designation", "nonsense")
    assert "japanese_university_graduate" in (exc.value.allowed or "")
