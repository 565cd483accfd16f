"""Every deadline kind from a person's facts: date, provisions, explanation (ja/en), trace, certainty."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zairyu.calendar.deadlines import KINDS, Deadline, compute_deadlines
from zairyu.facts import parse_facts

D = date.fromisoformat


def deadlines(facts: dict[str, Any], on: str) -> list[Deadline]:
    return compute_deadlines(parse_facts(facts), D(on))


def one(items: list[Deadline], kind: str, topic: str | None = None) -> Deadline:
    found = [d for d in items if d.kind == kind and (topic is None or d.topic == topic)]
    assert len(found) == 1, [(d.kind, d.topic, d.date) for d in items]
    return found[0]


def kinds(items: list[Deadline]) -> list[str]:
    return [d.kind for d in items]


def provisions(d: Deadline) -> set[str]:
    return {b.provision for b in d.legal_basis}


TV = {"person": {"nationality": "RU", "birth_date": "1999-08-21"},
      "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2022-11-15", "granted_by": "landing"}}


def with_(base: dict[str, Any], **parts: Any) -> dict[str, Any]:
    return {**base, **parts}


def test_every_deadline_is_explained_in_both_languages_with_provisions_and_trace() -> None:
    items = deadlines(with_(TV, pending_application={"procedure": "extension_of_stay", "filed_on": "2023-02-06"}),
                      "2023-02-10")
    assert items
    for d in items:
        assert d.kind in KINDS
        assert d.legal_basis and d.trace_lines() and d.explanation("ja") and d.explanation("en")
        assert d.fact_status in ("law", "isa", "practice", "unverified")
        j = d.to_json()
        assert j["date"] == d.date.isoformat() and j["explanation"] == {
            "ja": d.explanation("ja"), "en": d.explanation("en"), "ru": d.explanation("ru"), "uk": d.explanation("uk")}
        assert j["legal_basis"][0]["provision"]


# --- the motivating case (law.md §7, synthetic timeline) -------------------------------------------

def test_temporary_visitor_90_days_expiry_and_any_time_filing() -> None:
    items = deadlines(TV, "2023-01-10")
    exp = one(items, "expiry_of_stay")
    assert exp.date == D("2023-02-13") and exp.fact_status == "practice" and exp.filing_date is None
    assert "Civil Code" in {b.law for b in exp.legal_basis}
    early = one(items, "earliest_filing_day")
    assert early.fact_status == "unverified" and early.state == "open"
    assert "any time before expiry" in early.explanation("en")
    last = one(items, "last_filing_day")
    assert last.date == D("2023-02-13") and last.filing_date is None and last.state == "upcoming"
    assert last.days_left == 34
    # a Temporary Visitor is not a mid/long-term resident: no card, no address duties
    assert not {"card_expiry", "notification", "revocation_risk"} & set(kinds(items))


def test_pending_extension_gives_the_special_period_and_meets_the_filing_deadline() -> None:
    facts = with_(TV, pending_application={"procedure": "extension_of_stay", "filed_on": "2023-02-06"})
    items = deadlines(facts, "2023-02-10")
    sp = one(items, "special_period_end")
    assert sp.date == D("2023-04-13")
    assert {"Art. 20(6)", "Art. 21(4)"} <= provisions(sp)
    assert "Art. 19-5(2)" not in provisions(sp)  # no residence card for a Temporary Visitor
    assert "whichever is earlier" in sp.explanation("en")
    assert "last_filing_day" not in kinds(items)
    # after the old expiry: the stay has passed, the special period is what counts
    later = deadlines(facts, "2023-03-01")
    assert one(later, "expiry_of_stay").state == "passed"
    assert one(later, "special_period_end").state == "upcoming"


def test_an_application_filed_after_the_as_of_date_is_not_yet_pending() -> None:
    facts = with_(TV, pending_application={"procedure": "extension_of_stay", "filed_on": "2023-02-06"})
    items = deadlines(facts, "2023-02-01")
    assert "special_period_end" not in kinds(items)
    assert one(items, "last_filing_day").state == "upcoming"


def test_a_decision_ends_the_special_period_early() -> None:
    facts = with_(TV, pending_application={"procedure": "extension_of_stay", "filed_on": "2023-02-06",
                                           "decided_on": "2023-03-01"})
    assert one(deadlines(facts, "2023-03-10"), "special_period_end").date == D("2023-03-01")
    # before the decision is known, the two-month limit is shown
    assert one(deadlines(facts, "2023-02-20"), "special_period_end").date == D("2023-04-13")


def test_no_special_period_for_a_period_of_30_days_or_less() -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P30D", "granted_on": "2023-01-10",
                      "granted_by": "landing"},
             "pending_application": {"procedure": "extension_of_stay", "filed_on": "2023-02-01"}}
    items = deadlines(facts, "2023-02-02")
    assert "special_period_end" not in kinds(items)
    exp = one(items, "expiry_of_stay")
    assert exp.date == D("2023-02-09")
    assert "no special period" in exp.explanation("en") and "Art. 20(6)" in exp.explanation("en")


def test_a_late_application_gets_no_special_period() -> None:
    facts = with_(TV, pending_application={"procedure": "change_of_status", "target_status": "student",
                                           "filed_on": "2023-02-20"})
    items = deadlines(facts, "2023-02-21")
    assert "special_period_end" not in kinds(items)
    last = one(items, "last_filing_day")
    assert last.state == "overdue" and "no special period" in last.explanation("en")


def test_a_pending_permanent_residence_application_gives_no_special_period() -> None:
    facts = {"stay": {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2023-06-01",
                      "granted_by": "extension", "previous_expires_on": "2023-07-01"},
             "pending_application": {"procedure": "permanent_residence", "filed_on": "2025-10-01"}}
    items = deadlines(facts, "2026-01-10")
    assert "special_period_end" not in kinds(items)
    last = one(items, "last_filing_day")
    assert last.date == D("2026-07-01")
    assert "Arts. 22, 22-2" in last.explanation("en")


# --- filing window and the administrative calendar ------------------------------------------------

STUDENT = {"person": {"nationality": "VN", "birth_date": "2002-06-18"},
           "stay": {"status": "student", "period": "P1Y3M", "granted_on": "2025-01-20", "granted_by": "extension",
                    "previous_expires_on": "2025-02-03", "card_issued_on": "2025-01-20"}}


def test_extension_counts_from_the_old_expiry_and_filing_rolls_over_golden_week() -> None:
    items = deadlines(STUDENT, "2026-01-15")
    exp = one(items, "expiry_of_stay")
    assert exp.date == D("2026-05-03") and exp.filing_date is None
    last = one(items, "last_filing_day")
    assert (last.date, last.filing_date) == (D("2026-05-03"), D("2026-05-07"))
    assert "Art. 2" in provisions(last) and last.fact_status == "practice"
    assert "2026-05-07" in last.explanation("en") and "still ends on 2026-05-03" in last.explanation("en")
    assert "2026-05-07" in last.explanation("ja")
    assert any("Constitution Memorial Day" in t for t in last.trace_lines())  # 憲法記念日, named in English (issue 13)
    early = one(items, "earliest_filing_day")
    assert early.date == D("2026-02-03") and early.fact_status == "isa" and early.state == "upcoming"
    assert one(items, "card_expiry").date == D("2026-05-03")


def test_expiry_as_printed_on_the_card_wins_over_arithmetic() -> None:
    facts = {"stay": {"status": "student", "granted_on": "2023-05-22", "granted_by": "change",
                      "expires_on": "2025-03-31"}}
    items = deadlines(facts, "2024-06-01")
    exp = one(items, "expiry_of_stay")
    assert exp.date == D("2025-03-31") and exp.fact_status == "law"
    # 1 year 10 months: ≥ 6 months, so the window opens about 3 months before (on a closed day)
    early = one(items, "earliest_filing_day")
    assert early.date == D("2024-12-31") and early.filing_date == D("2025-01-06")


# --- notifications ---------------------------------------------------------------------------------

def test_became_mid_long_term_by_change_address_notification_and_90_day_risk() -> None:
    facts = {"person": {"nationality": "RU"},
             "stay": {"status": "student", "granted_on": "2023-05-22", "granted_by": "change",
                      "expires_on": "2025-03-31", "card_issued_on": "2023-05-22"},
             "history": [{"status": "temporary_visitor", "from": "2022-11-15", "to": "2023-05-14"}]}
    items = deadlines(facts, "2023-05-25")
    note = one(items, "notification", "address")
    assert note.date == D("2023-06-05") and "Art. 19-8(1)" in provisions(note)
    assert note.filing_date is None  # municipal office: the date is not moved
    risk = one(items, "revocation_risk", "address")
    assert risk.date == D("2023-08-20") and risk.risk and "justifiable reason" in risk.explanation("en")
    assert "正当な理由" in risk.explanation("ja")
    # once notified, both disappear
    done = deadlines({**facts, "events": [{"kind": "address_notified", "on": "2023-05-30"}]}, "2023-06-01")
    assert not [d for d in done if d.topic == "address"]
    # and without history the change cannot be judged: no guessed deadline
    unknown = deadlines({k: v for k, v in facts.items() if k != "history"}, "2023-05-25")
    assert not [d for d in unknown if d.topic == "address"]


def test_a_move_needs_an_address_notification_within_14_days() -> None:
    facts = {**STUDENT, "events": [{"kind": "moved", "on": "2026-03-01"}]}
    note = one(deadlines(facts, "2026-03-05"), "notification", "address")
    assert note.date == D("2026-03-15") and "Art. 19-9(1)" in provisions(note)
    assert note.state == "upcoming"
    assert one(deadlines(facts, "2026-03-16"), "notification", "address").state == "overdue"
    # a move after the as-of date has not happened yet
    assert not [d for d in deadlines(facts, "2026-02-28") if d.kind == "notification"]


def test_new_arrival_notifies_within_14_days_of_fixing_a_residence() -> None:
    facts = {"stay": {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2024-04-01",
                      "granted_by": "landing", "card_issued_on": "2024-04-01"},
             "events": [{"kind": "moved", "on": "2024-04-05"}]}
    items = deadlines(facts, "2024-04-06")
    note = one(items, "notification", "address")
    assert note.date == D("2024-04-19") and "Art. 19-7(1)" in provisions(note)
    assert one(items, "revocation_risk", "address").date == D("2024-06-30")


@pytest.mark.parametrize(("status", "item"), [("student", "Art. 19-16(i)"),
                                              ("engineer_humanities_intl", "Art. 19-16(ii)")])
def test_leaving_an_organisation_is_notified_to_isa_with_holiday_roll_forward(status: str, item: str) -> None:
    facts = {"stay": {"status": status, "period": "P1Y", "granted_on": "2024-01-10", "granted_by": "landing"},
             "events": [{"kind": "left_organization", "on": "2024-03-02"}]}
    items = deadlines(facts, "2024-03-05")
    note = one(items, "notification", "organization")
    assert item in provisions(note)
    assert note.date == D("2024-03-16")        # a Saturday
    assert note.filing_date == D("2024-03-18")  # Monday: Act on Holidays of Administrative Organs Art. 2
    # and three months without the activity is a revocation risk
    risk = one(items, "revocation_risk", "activity")
    assert risk.date == D("2024-06-02") and risk.risk and "Art. 22-4(1)" in provisions(risk)
    done = deadlines({**facts, "events": facts["events"] + [{"kind": "organization_notified", "on": "2024-03-04"},
                                                            {"kind": "joined_organization", "on": "2024-03-04"}]},
                     "2024-03-05")
    assert not [d for d in done if d.topic in ("organization", "activity")]


def test_divorce_for_a_spouse_status_is_notified() -> None:
    facts = {"stay": {"status": "dependent", "period": "P1Y", "granted_on": "2020-06-01", "granted_by": "landing"},
             "marriage": {"spouse": "foreign_resident"},
             "events": [{"kind": "divorce", "on": "2020-10-26"}]}
    note = one(deadlines(facts, "2020-10-30"), "notification", "spouse")
    assert note.date == D("2020-11-09") and "Art. 19-16(iii)" in provisions(note)


def test_a_lost_card_is_reissued_within_14_days() -> None:
    facts = {**STUDENT, "events": [{"kind": "card_lost", "on": "2025-06-10"}]}
    note = one(deadlines(facts, "2025-06-11"), "notification", "lost_card")
    assert note.date == D("2025-06-24") and "Art. 19-12(1)" in provisions(note)
    assert "within 14 days of returning" in note.explanation("en")
    done = {**STUDENT, "events": facts["events"] + [{"kind": "card_reissue_applied", "on": "2025-06-12"}]}
    assert not [d for d in deadlines(done, "2025-06-13") if d.topic == "lost_card"]


def test_leaving_the_notified_address_starts_90_days() -> None:
    facts = {**STUDENT, "events": [{"kind": "left_address", "on": "2025-08-01"}]}
    risk = one(deadlines(facts, "2025-08-02"), "revocation_risk", "address")
    assert risk.date == D("2025-10-30")


def test_a_stopped_activity_risk_ends_when_the_activity_resumes() -> None:
    facts = {**STUDENT, "events": [{"kind": "stopped_activity", "on": "2025-04-30"}]}
    risk = one(deadlines(facts, "2025-05-01"), "revocation_risk", "activity")
    assert risk.date == D("2025-07-30")
    assert one(deadlines(facts, "2025-08-01"), "revocation_risk", "activity").state == "passed"
    resumed = {**STUDENT, "events": facts["events"] + [{"kind": "activity_resumed", "on": "2025-06-01"}]}
    assert not [d for d in deadlines(resumed, "2025-06-02") if d.kind == "revocation_risk"]


# --- birth in Japan ----------------------------------------------------------------------------------

def test_birth_in_japan_acquisition_within_30_days_and_60_days_without_status() -> None:
    facts = {"person": {"nationality": "MM", "birth_date": "2024-01-05", "born_in_japan": True}}
    items = deadlines(facts, "2024-01-10")
    acq = one(items, "acquisition_filing")
    assert acq.date == D("2024-02-04") and acq.filing_date == D("2024-02-05")  # Sunday → Monday
    assert "Art. 22-2(2)" in provisions(acq)
    end = one(items, "stay_without_status_end")
    assert end.date == D("2024-03-05") and "Art. 22-2(1)" in provisions(end)
    pending = {**facts, "pending_application": {"procedure": "acquisition_of_status", "filed_on": "2024-01-20"}}
    items = deadlines(pending, "2024-02-10")
    assert "acquisition_filing" not in kinds(items)
    end = one(items, "stay_without_status_end")
    assert "does not extend" in end.explanation("en") and "special_period_end" not in kinds(items)


# --- re-entry ----------------------------------------------------------------------------------------

def test_special_re_entry_is_one_year_after_departure() -> None:
    facts = {"stay": {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2019-04-01",
                      "granted_by": "landing"},
             "departure": {"departed_on": "2020-10-12", "intends_to_return": True}}
    d = one(deadlines(facts, "2020-11-01"), "re_entry_deadline")
    assert d.date == D("2021-10-12") and "Art. 26-2(1)" in provisions(d) and "Art. 26-2(3)" in provisions(d)


def test_special_re_entry_ends_with_the_period_of_stay_if_earlier() -> None:
    facts = {**STUDENT, "departure": {"departed_on": "2025-08-01", "intends_to_return": True}}
    d = one(deadlines(facts, "2025-08-02"), "re_entry_deadline")
    assert d.date == D("2026-05-03") and any("period of stay ends earlier" in t for t in d.trace_lines())
    back = {**facts, "events": [{"kind": "arrived", "on": "2025-09-01"}]}
    assert "re_entry_deadline" not in kinds(deadlines(back, "2025-09-02"))


def test_a_re_entry_permit_has_its_own_validity() -> None:
    facts = {"stay": {"status": "hsp_2", "granted_on": "2020-01-10", "granted_by": "change"},
             "departure": {"departed_on": "2024-02-01", "re_entry_permit_until": "2027-01-31"}}
    d = one(deadlines(facts, "2024-03-01"), "re_entry_deadline")
    assert d.date == D("2027-01-31") and "Art. 26(1)" in provisions(d)


def test_no_re_entry_deadline_without_the_declaration() -> None:
    facts = {**STUDENT, "departure": {"departed_on": "2025-08-01"}}
    assert "re_entry_deadline" not in kinds(deadlines(facts, "2025-08-02"))


# --- residence card ----------------------------------------------------------------------------------

def test_seven_year_card_and_renewal_window() -> None:
    facts = {"person": {"birth_date": "1980-01-01"},
             "stay": {"status": "hsp_2", "granted_on": "2020-04-01", "granted_by": "change",
                      "card_issued_on": "2020-04-01"}}
    items = deadlines(facts, "2026-12-01")
    card = one(items, "card_expiry")
    # Art. 19-5(1) "交付の日から起算して七年を経過する日": the issue day counted (law.md §12, unverified) → the
    # 7 years run 2020-04-01 … 2027-03-31 (Civil Code Art. 143(2)); the other reading (not counted) is 04-01
    assert card.date == D("2027-03-31") and card.topic == "seven_year" and card.fact_status == "unverified"
    assert "2027-04-01" in card.explanation("en")
    assert {"Art. 19-5(1)", "Art. 19-11(1)"} <= provisions(card)
    renew = one(items, "card_renewal_from")
    assert renew.date == D("2027-01-31") and renew.state == "upcoming"  # Art. 19-11(1): from 2 months before
    assert one(deadlines(facts, "2027-03-01"), "card_renewal_from").state == "open"
    assert "expiry_of_stay" not in kinds(items)  # indefinite


@pytest.mark.parametrize(("issued", "expected", "rule"), [
    # ICRRA Art. 19-5(1) as amended in force 2023-11-01 (Act No. 56 of 2023; law.md §4.3)
    ("2024-01-10", "2026-06-14", "day before"),   # issued since 2023-11-01: the day before the 16th birthday
    ("2023-10-01", "2026-06-15", "16th birthday"),  # issued before: the birthday itself
])
def test_under_16_card_ends_before_the_stay(issued: str, expected: str, rule: str) -> None:
    facts = {"person": {"birth_date": "2010-06-15"},
             "stay": {"status": "dependent", "period": "P3Y", "granted_on": issued, "granted_by": "landing",
                      "card_issued_on": issued}}
    items = deadlines(facts, "2026-01-05")
    card = one(items, "card_expiry")
    assert card.date == D(expected) and card.topic == "under_16" and rule in card.explanation("en")
    renew = one(items, "card_renewal_from")
    assert renew.fact_status == ("unverified" if issued >= "2023-11-01" else "isa")


def test_card_of_an_adult_ends_with_the_period_of_stay() -> None:
    card = one(deadlines(STUDENT, "2026-01-15"), "card_expiry")
    assert card.topic == "period_of_stay" and card.date == D("2026-05-03")


# --- certificate of eligibility ---------------------------------------------------------------------

def test_coe_is_valid_three_months_unverified_article() -> None:
    facts = {"events": [{"kind": "coe_issued", "on": "2020-10-12"}]}
    d = one(deadlines(facts, "2020-10-20"), "coe_expiry")
    assert d.date == D("2021-01-12") and d.fact_status == "unverified" and "Art. 7-2" in provisions(d)
    tv = with_(TV, events=[{"kind": "coe_issued", "on": "2023-01-20"}])
    assert one(deadlines(tv, "2023-01-25"), "coe_expiry").date == D("2023-04-20")


def test_deadlines_are_sorted_by_date() -> None:
    facts = {**STUDENT, "events": [{"kind": "moved", "on": "2026-03-01"}, {"kind": "card_lost", "on": "2026-02-20"}]}
    items = deadlines(facts, "2026-03-02")
    assert [d.date for d in items] == sorted(d.date for d in items)


# --- Appended Table II statuses and special permanent residents -----------------------------------

def test_divorce_on_a_spouse_of_japanese_status_notification_and_six_month_risk() -> None:
    facts = {"stay": {"status": "spouse_child_of_japanese", "period": "P3Y", "granted_on": "2022-04-01",
                      "granted_by": "change"},
             "marriage": {"spouse": "japanese_national", "married_on": "2021-10-01"},
             "events": [{"kind": "divorce", "on": "2024-02-29"}]}
    items = deadlines(facts, "2024-03-01")
    assert one(items, "notification", "spouse").date == D("2024-03-14")
    risk = one(items, "revocation_risk", "spouse_activity")
    assert risk.date == D("2024-08-29") and risk.risk
    assert {"Art. 22-4(1)", "Art. 22-5"} <= provisions(risk)
    assert "justifiable reason" in risk.explanation("en") and "Long-Term Resident" in risk.explanation("en")
    # Long-Term Residents have no divorce notification under Art. 19-16 and no spouse-activity ground
    ltr = {**facts, "stay": {**facts["stay"], "status": "long_term_resident"}}
    assert not [d for d in deadlines(ltr, "2024-03-01") if d.topic in ("spouse", "spouse_activity")]


def test_separation_also_starts_the_six_months() -> None:
    facts = {"stay": {"status": "spouse_child_of_pr", "period": "P1Y", "granted_on": "2024-01-15",
                      "granted_by": "extension", "previous_expires_on": "2024-02-01"},
             "events": [{"kind": "separated", "on": "2024-06-30"}]}
    risk = one(deadlines(facts, "2024-07-01"), "revocation_risk", "spouse_activity")
    assert risk.date == D("2024-12-30")


def test_permanent_resident_seven_year_card_and_one_year_special_re_entry() -> None:
    facts = {"person": {"birth_date": "1985-05-05"},
             "stay": {"status": "permanent_resident", "granted_on": "2019-03-01", "granted_by": "permanent_residence",
                      "card_issued_on": "2019-03-01"},
             "departure": {"departed_on": "2025-06-01", "intends_to_return": True}}
    items = deadlines(facts, "2025-07-01")
    # Art. 19-5(1), 7 years counted from the day of issue 2019-03-01 (that day counted, law.md §12, unverified):
    # the period starts on the 1st of a month and ends at the end of 2026-02 (Civil Code Art. 143)
    assert one(items, "card_expiry").date == D("2026-02-28")
    assert one(items, "card_renewal_from").date == D("2025-12-28")  # Art. 19-11(1): 2 months before
    assert one(items, "re_entry_deadline").date == D("2026-06-01")
    assert "expiry_of_stay" not in kinds(items) and "last_filing_day" not in kinds(items)


def test_permanent_resident_child_card_ends_before_the_sixteenth_birthday() -> None:
    facts = {"person": {"birth_date": "2012-02-29"},
             "stay": {"status": "permanent_resident", "granted_on": "2024-01-10", "granted_by": "permanent_residence",
                      "card_issued_on": "2024-01-10"}}
    card = one(deadlines(facts, "2025-01-10"), "card_expiry")
    assert card.date == D("2028-02-28") and card.topic == "under_16"


def test_special_permanent_resident_has_two_years_to_return_and_no_residence_card() -> None:
    facts = {"stay": {"status": "special_permanent_resident"},
             "departure": {"departed_on": "2024-09-10", "intends_to_return": True}}
    items = deadlines(facts, "2024-10-01")
    d = one(items, "re_entry_deadline")
    assert d.date == D("2026-09-10") and "Special Act" in d.legal_basis[0].law
    assert kinds(items) == ["re_entry_deadline"]


def test_becoming_mid_long_term_by_extension_needs_an_address_notification() -> None:
    facts = {"stay": {"status": "designated_activities", "period": "P6M", "granted_on": "2024-04-01",
                      "granted_by": "extension", "previous_expires_on": "2024-04-10"},
             "history": [{"status": "designated_activities", "from": "2024-01-10", "to": "2024-04-10",
                          "period": "P3M"}]}  # 3 months: not a mid/long-term resident before (Art. 19-3(i))
    items = deadlines(facts, "2024-04-02")
    note = one(items, "notification", "address")
    assert note.date == D("2024-04-15") and "Art. 19-8(1)" in provisions(note)
    assert one(items, "expiry_of_stay").date == D("2024-10-10")


# --- the motivating case as a timeline (law.md §7, synthetic) ---------------------------------------

RU_TIMELINE = [
    # file, as of, kind, expected date — and its basis
    ("ru_temporary_visitor_2023-02.json", "2023-02-10", "expiry_of_stay", "2023-02-13"),  # law.md §3.1, 90 days
    ("ru_temporary_visitor_2023-02.json", "2023-02-10", "special_period_end", "2023-04-13"),  # Art. 20(6), §2.9
    ("ru_temporary_visitor_extended_2023-04.json", "2023-04-25", "expiry_of_stay", "2023-05-14"),  # law.md §3.2
    ("ru_temporary_visitor_extended_2023-04.json", "2023-04-25", "special_period_end", "2023-07-14"),  # Art. 20(6)
    ("ru_student_2023-05.json", "2023-05-25", "notification", "2023-06-05"),  # Art. 19-8: 14 days from 05-22
    ("ru_student_2023-05.json", "2023-05-25", "revocation_risk", "2023-08-20"),  # Art. 22-4: 90 days, law.md §4.2
    ("ru_student_2023-05.json", "2023-05-25", "expiry_of_stay", "2025-03-31"),  # the granted expiry, law.md §3.2
    ("ru_student_2023-05.json", "2023-05-25", "card_expiry", "2025-03-31"),  # Art. 19-5(1): the stay's expiry
]


@pytest.mark.parametrize(("file", "on", "kind", "expected"), RU_TIMELINE)
def test_motivating_case_timeline(file: str, on: str, kind: str, expected: str) -> None:
    from pathlib import Path

    from zairyu.facts import load_facts

    path = Path(__file__).resolve().parents[2] / "examples" / "facts" / file
    items = compute_deadlines(load_facts(path), D(on))
    assert one(items, kind).date == D(expected)


def test_an_extension_granted_as_30_days_gets_no_special_period_for_the_change() -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P30D", "granted_on": "2023-03-01",
                      "granted_by": "extension", "previous_expires_on": "2023-02-13"},
             "pending_application": {"procedure": "change_of_status", "target_status": "student",
                                     "filed_on": "2023-03-10"}}
    items = deadlines(facts, "2023-03-11")
    assert one(items, "expiry_of_stay").date == D("2023-03-15")
    assert "special_period_end" not in kinds(items)
