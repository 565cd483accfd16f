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


# --- 7. special re-entry while an application is pending ---------------------------------------------

def test_special_re_entry_while_an_extension_is_pending_runs_to_the_end_of_the_special_period() -> None:
    # Student expiring 2025-03-31, extension filed 2025-03-01, left 2025-03-10 declaring a return.
    # law.md §12 "Special re-entry while an application is pending" (ISA Q&A as reported): the earlier of
    # one year after departure (2026-03-10, Art. 26-2(1)) and the end of the special period (2025-05-31,
    # two months after the old expiry, Art. 20(6)) — not the old expiry 2025-03-31.
    facts = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2024-03-31", "granted_by": "change"},
             "pending_application": {"procedure": "extension_of_stay", "target_status": "student",
                                     "filed_on": "2025-03-01"},
             "departure": {"departed_on": "2025-03-10", "intends_to_return": True}}
    (d,) = of(deadlines(facts, "2025-03-15"), "re_entry_deadline")
    assert d.date == D("2025-05-31")
    assert d.fact_status == "isa"  # law.md §12 is labelled "[ISA Q&A as reported]"
    assert {"Art. 26-2(1)", "Art. 20(6)"} <= provisions(d)


def test_special_re_entry_without_an_application_still_ends_with_the_period_of_stay() -> None:
    # law.md §2.8: 1 year after departure or the expiry, whichever is earlier
    facts = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2024-03-31", "granted_by": "change"},
             "departure": {"departed_on": "2025-03-10", "intends_to_return": True}}
    (d,) = of(deadlines(facts, "2025-03-15"), "re_entry_deadline")
    assert d.date == D("2025-03-31") and d.fact_status == "law"


# --- 16. no special re-entry for refugee applicants on Designated Activities -------------------------

def test_no_special_re_entry_for_a_refugee_applicant_designation_and_the_explanation_says_why() -> None:
    # law.md §2.8 / §12 "Special re-entry exclusions": Ordinance Art. 29-4 excludes refugee applicants
    facts = {"stay": {"status": "designated_activities", "period": "P6M", "granted_on": "2025-03-01",
                      "granted_by": "change", "designation": "refugee_applicant"},
             "departure": {"departed_on": "2025-05-01", "intends_to_return": True}}
    items = deadlines(facts, "2025-05-02")
    assert of(items, "re_entry_deadline") == []
    (exp,) = of(items, "expiry_of_stay")
    assert "Art. 29-4" in provisions(exp)
    assert "Ordinance Art. 29-4" in exp.explanation("en") and "施行規則第29条の4" in exp.explanation("ja")


# --- 19. special re-entry scope: Diplomat and Official qualify ---------------------------------------

def test_an_official_with_one_year_has_special_re_entry_without_a_card() -> None:
    # law.md §12 "Special re-entry exclusions": Art. 26-2(1) excludes only Art. 19-3(i)/(ii) persons, so an
    # Official holder (1 year, law.md §1.2) qualifies: re-enter by 1 year after departure or the expiry
    facts = {"stay": {"status": "official", "period": "P1Y", "granted_on": "2025-01-10", "granted_by": "landing"},
             "departure": {"departed_on": "2025-06-01", "intends_to_return": True}}
    items = deadlines(facts, "2025-06-02")
    (d,) = of(items, "re_entry_deadline")
    assert d.date == D("2026-01-10")  # the expiry 2026-01-10 comes before 2026-06-01
    assert "Art. 19-14(iv)" not in provisions(d)  # no residence card (Art. 19-3(iii))
    assert of(items, "card_expiry") == []


def test_a_diplomat_has_special_re_entry_for_one_year() -> None:
    # law.md §12: Diplomat qualifies; its period is the duration of the mission (law.md §1.2), so 1 year
    facts = {"stay": {"status": "diplomat", "granted_on": "2024-04-01", "granted_by": "landing"},
             "departure": {"departed_on": "2025-02-28", "intends_to_return": True}}
    (d,) = of(deadlines(facts, "2025-03-01"), "re_entry_deadline")
    assert d.date == D("2026-02-28")  # Art. 26-2(1): 1 year after departure


def test_an_official_with_thirty_days_has_no_special_re_entry() -> None:
    # Art. 26-2(1) with Art. 19-3(i): a period of 3 months or less is excluded (law.md §12)
    facts = {"stay": {"status": "official", "period": "P30D", "granted_on": "2025-01-10", "granted_by": "landing"},
             "departure": {"departed_on": "2025-01-20", "intends_to_return": True}}
    assert of(deadlines(facts, "2025-01-21"), "re_entry_deadline") == []


# --- 18. a status lost abroad is lost ----------------------------------------------------------------

PR_ABROAD = {"person": {"birth_date": "1980-01-01"},
             "stay": {"status": "permanent_resident", "granted_on": "2020-01-10", "granted_by": "change",
                      "card_issued_on": "2020-01-10"},
             "departure": {"departed_on": "2024-05-01", "intends_to_return": True}}


def test_a_permanent_resident_abroad_past_the_special_re_entry_deadline_has_lost_the_status() -> None:
    # law.md §2.8 / §12 "Lapse abroad": not back by 2025-05-01 (1 year, Art. 26-2(1), not extendable abroad,
    # Art. 26-2(3)) → the status is lost and the card invalid (Art. 19-14(iv)): no card renewal is listed
    from zairyu.calendar.lawful_stay import holds_status_on
    from zairyu.law.catalogue import catalogue

    before = deadlines(PR_ABROAD, "2025-04-01")
    assert of(before, "card_expiry")  # the 7-year card (2027-01-10) while the status is still held
    after = deadlines(PR_ABROAD, "2025-06-01")
    assert [(d.kind, d.date, d.state) for d in after] == [("re_entry_deadline", D("2025-05-01"), "passed")]
    assert "Art. 19-14(iv)" in provisions(after[0])
    held = holds_status_on(parse_facts(PR_ABROAD), D("2025-06-01"), catalogue(D("2025-06-01")))
    assert held.holds is False and held.reason == "lost_abroad" and held.until == D("2025-05-01")
    assert holds_status_on(parse_facts(PR_ABROAD), D("2025-05-01"), catalogue(D("2025-05-01"))).holds is True


def test_coming_back_in_time_keeps_the_status() -> None:
    facts = {**PR_ABROAD, "events": [{"kind": "arrived", "on": "2025-04-20"}]}
    from zairyu.calendar.lawful_stay import holds_status_on
    from zairyu.law.catalogue import catalogue

    assert holds_status_on(parse_facts(facts), D("2025-06-01"), catalogue(D("2025-06-01"))).holds is True
    assert of(deadlines(facts, "2025-06-01"), "re_entry_deadline") == []


# --- 13. the spouse notice of Art. 19-16(iii) for Designated Activities ------------------------------

def _da_divorced(designation: str | None) -> dict[str, Any]:
    stay: dict[str, Any] = {"status": "designated_activities", "period": "P1Y", "granted_on": "2025-01-10",
                            "granted_by": "change"}
    if designation:
        stay["designation"] = designation
    return {"stay": stay, "events": [{"kind": "divorce", "on": "2025-06-02"}]}


def test_the_spouse_notice_is_owed_under_a_spouse_designation_only() -> None:
    # law.md §12 "Art. 19-16(iii) spouse notice" and §4.2: Designated Activities (spouse) notifies a divorce
    # within 14 days; an evacuee or refugee-applicant designation owes none
    (d,) = of(deadlines(_da_divorced("spouse"), "2025-06-03"), "notification", "spouse")
    assert d.date == D("2025-06-16") and "Art. 19-16(iii)" in provisions(d)
    assert of(deadlines(_da_divorced("ukraine_evacuee"), "2025-06-03"), "notification", "spouse") == []
    assert of(deadlines(_da_divorced("refugee_applicant"), "2025-06-03"), "notification", "spouse") == []


def test_an_unknown_designation_keeps_the_notice_and_says_it_depends_on_the_designation() -> None:
    (d,) = of(deadlines(_da_divorced(None), "2025-06-03"), "notification", "spouse")
    assert "spouse designation" in d.explanation("en")


# --- 3. HSP (ii): 6 months without the activity ------------------------------------------------------

def test_hsp_ii_has_six_months_without_its_activity_before_a_revocation_ground() -> None:
    # law.md §12 "HSP (ii) revocation clock" [LAW]: 6 months, not the Table I 3 months (Art. 22-4(1)(vi));
    # law data: statuses_i2.yaml hsp_2 no_activity_revocation_after: P6M
    facts = {"stay": {"status": "hsp_2", "granted_on": "2022-04-01", "granted_by": "change"},
             "events": [{"kind": "left_organization", "on": "2025-01-15"}]}
    (risk,) = of(deadlines(facts, "2025-01-20"), "revocation_risk", "activity")
    assert risk.date == D("2025-07-15") and "6 months" in risk.explanation("en")


def test_other_table_i_statuses_keep_three_months() -> None:
    # law.md §5.1 ground 7: 3 months (rules.yaml table_i_no_activity_revocation: P3M)
    facts = {"stay": {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2024-04-01",
                      "granted_by": "change"},
             "events": [{"kind": "left_organization", "on": "2025-01-15"}]}
    (risk,) = of(deadlines(facts, "2025-01-20"), "revocation_risk", "activity")
    assert risk.date == D("2025-04-15")


def test_the_no_activity_lengths_are_law_data() -> None:
    from zairyu.law.catalogue import catalogue

    law = catalogue(D("2025-01-20"))
    assert law.rule_entry("table_i_no_activity_revocation").period == "P3M"
    assert law.status("hsp_2").status.no_activity_revocation_after == "P6M"


# --- 20. a divorce ends a Dependent spouse's activity ------------------------------------------------

def test_a_dependent_spouse_divorced_has_three_months_from_the_divorce() -> None:
    # law.md §12 "Dependent after divorce" [LAW]: divorce ends the activity; Art. 22-4(1)(vi) — 3 months
    # (law.md §5.1 ground 7) from the divorce on 2025-03-10
    facts = {"stay": {"status": "dependent", "period": "P1Y", "granted_on": "2024-10-01", "granted_by": "change"},
             "events": [{"kind": "divorce", "on": "2025-03-10"}]}
    items = deadlines(facts, "2025-03-12")
    (risk,) = of(items, "revocation_risk", "activity")
    assert risk.date == D("2025-06-10") and "Art. 22-4(1)" in provisions(risk)
    (note,) = of(items, "notification", "spouse")  # and the 14-day spouse notice, Art. 19-16(iii)
    assert note.date == D("2025-03-24")
