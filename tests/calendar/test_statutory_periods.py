"""Statutory periods by the Civil Code, the residence card's 7 years, re-entry permits extended abroad and the
notifications the calendar was missing (issue 11: "Readings to settle", "Procedures and duties still missing").

Each test fails on the calendar before this change. Every expected value says where it comes from: law.md
(§2.7, §2.8, §3.3, §4.2, §4.3, §12), the Civil Code (Arts. 140, 143) or the law data's cited sources
(rules.yaml ``card_reissue_order_notice``, ``personal_details_notice``, ``re_entry_permit_extension_*``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from zairyu.calendar.deadlines import Deadline, compute_deadlines
from zairyu.calendar.lawful_stay import holds_status_on, re_entry_deadline, special_period
from zairyu.calendar.periods import civil_code_period_end, statutory_period_end
from zairyu.errors import InvalidInputError
from zairyu.facts import parse_facts
from zairyu.law.catalogue import catalogue
from zairyu.rules import assess

D = date.fromisoformat


def deadlines(facts: dict[str, Any], on: str) -> list[Deadline]:
    return compute_deadlines(parse_facts(facts), D(on))


def of(items: list[Deadline], kind: str, topic: str | None = None) -> list[Deadline]:
    return [d for d in items if d.kind == kind and (topic is None or d.topic == topic)]


def provisions(d: Deadline) -> set[str]:
    return {b.provision for b in d.legal_basis}


# --- the arithmetic: Civil Code Arts. 140 and 143 ---------------------------------------------------

@pytest.mark.parametrize(("event", "months", "law", "same_day"), [
    # law.md §12: expiry 2023-02-28 → special period ends 2023-04-30; expiry 06-30 → 08-31
    ("2023-02-28", 2, "2023-04-30", "2023-04-28"),
    ("2023-06-30", 2, "2023-08-31", "2023-08-30"),
    # law.md §12: departure 2023-02-28 → re-entry by 2024-02-29
    ("2023-02-28", 12, "2024-02-29", "2024-02-28"),
    # law.md §3.3: expiry 2024-05-15 → end of 2024-07-15; departure 2020-10-12 → 2021-10-12 (readings agree)
    ("2024-05-15", 2, "2024-07-15", "2024-07-15"),
    ("2020-10-12", 12, "2021-10-12", "2021-10-12"),
    # Art. 143(2) proviso: no corresponding day (2023-01-31 start, February) → the last day of that month
    ("2023-01-30", 1, "2023-02-28", "2023-02-28"),
])
def test_statutory_periods_follow_the_civil_code(event: str, months: int, law: str, same_day: str) -> None:
    end = statutory_period_end(D(event), months=months)
    assert (end.law, end.same_day) == (D(law), D(same_day))
    assert end.act_by == min(D(law), D(same_day))


def test_a_period_in_days_has_one_reading() -> None:
    # law.md §3.3: divorce 2020-10-26 → the 14-day notice is due 2020-11-09 (Civil Code Art. 140)
    end = statutory_period_end(D("2020-10-26"), days=14)
    assert end.law == end.same_day == D("2020-11-09") and not end.differs


# --- the special period (Art. 20(6), Art. 21(4)) --------------------------------------------------------

PENDING_FEB = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2026-02-28", "granted_by": "change"},
               "pending_application": {"procedure": "extension_of_stay", "filed_on": "2027-02-10"}}


def test_expiry_on_28_february_gives_a_special_period_to_30_april() -> None:
    # ICRRA Art. 20(6) "二月を経過する日が終了する時" with Civil Code Arts. 140, 143 (law.md §12): expiry
    # 2027-02-28 → the two months run from 03-01 and end at the end of 2027-04-30
    facts = parse_facts(PENDING_FEB)
    law = catalogue(D("2027-04-29"))
    sp = special_period(facts, D("2027-04-29"), law)
    assert sp.until == D("2027-04-30")
    # the same-day count (periods of stay, law.md §3.1) gives 04-28: the day to act by
    assert sp.act_by == D("2027-04-28")
    # in law the person holds the status on 04-29 and 04-30, not on 05-01
    assert holds_status_on(facts, D("2027-04-30"), law).holds is True
    assert holds_status_on(facts, D("2027-05-01"), catalogue(D("2027-05-01"))).holds is False


def test_the_special_period_deadline_shows_the_earlier_day_and_states_the_other() -> None:
    (sp,) = of(deadlines(PENDING_FEB, "2027-03-01"), "special_period_end")
    assert sp.date == D("2027-04-28")  # the earlier reading: the date to act by (issue 11)
    assert {"Art. 20(6)", "Art. 21(4)", "Art. 140", "Art. 143(2)"} <= provisions(sp)
    for lang in ("ja", "en", "ru", "uk"):
        assert "2027-04-30" in sp.explanation(lang), lang  # the Civil Code's day, stated
    assert any("2027-04-30" in line for line in sp.trace_lines())


def test_the_assessment_reads_the_same_special_period() -> None:
    answer = assess(parse_facts(PENDING_FEB), D("2027-04-29")).to_json()
    ext = next(o for o in answer["options"] if o["procedure"] == "extension_of_stay")
    assert ext["pending"]["special_period_end"] == "2027-04-30"  # Art. 20(6) with Civil Code Art. 143
    assert ext["pending"]["special_period_act_by"] == "2027-04-28"  # the earlier, same-day reading
    held = next(r for o in answer["options"] for r in o["requirements"] if r["id"] == "holds_valid_status")
    assert held["result"] == "met"


def test_a_mid_month_expiry_has_one_reading() -> None:
    # law.md §3.3: expiry 2024-05-15 → end of 2024-07-15; no second day is stated
    facts = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-05-15", "granted_by": "change"},
             "pending_application": {"procedure": "extension_of_stay", "filed_on": "2024-05-01"}}
    (sp,) = of(deadlines(facts, "2024-05-20"), "special_period_end")
    assert sp.date == D("2024-07-15") and "Civil Code" not in sp.explanation("en")


# --- special re-entry (Art. 26-2(2): one year from the day of departure) ----------------------------------

PR_ABROAD = {"stay": {"status": "permanent_resident", "granted_on": "2020-01-10", "granted_by": "permanent_residence"},
             "departure": {"departed_on": "2023-02-28", "intends_to_return": True}}


def test_special_re_entry_from_28_february_shows_the_earlier_day_and_loses_the_status_after_the_later() -> None:
    # law.md §12: departure 2023-02-28 → re-entry by 2024-02-29 (Civil Code Arts. 140, 143); same-day: 02-28
    (d,) = of(deadlines(PR_ABROAD, "2023-03-01"), "re_entry_deadline")
    assert d.date == D("2024-02-28")
    assert "2024-02-29" in d.explanation("en") and "2024-02-29" in d.explanation("ja")
    assert {"Art. 26-2(1)", "Art. 140", "Art. 143(2)"} <= provisions(d)
    facts = parse_facts(PR_ABROAD)
    r = re_entry_deadline(facts, D("2023-03-01"), catalogue(D("2023-03-01")))
    assert r is not None and (r.by, r.law_by) == (D("2024-02-28"), D("2024-02-29"))
    # the status is lost only after the day in law (Art. 26-2(3), 19-14(iv))
    assert holds_status_on(facts, D("2024-02-29"), catalogue(D("2024-02-29"))).holds is True
    lost = holds_status_on(facts, D("2024-03-01"), catalogue(D("2024-03-01")))
    assert (lost.holds, lost.reason) == (False, "lost_abroad")


# --- the residence card's 7 years (Art. 19-5(1)) ---------------------------------------------------------

def test_a_seven_year_card_shows_the_conservative_day_unverified() -> None:
    # law.md §12: "交付の日から起算して" counts the issue day — a card issued 2022-03-01 → 2029-02-28; UNVERIFIED
    facts = {"person": {"birth_date": "1980-01-01"},
             "stay": {"status": "permanent_resident", "granted_on": "2022-03-01", "granted_by": "permanent_residence",
                      "card_issued_on": "2022-03-01"}}
    (card,) = of(deadlines(facts, "2026-12-01"), "card_expiry")
    assert card.date == D("2029-02-28") and card.fact_status == "unverified"
    assert "2029-03-01" in card.explanation("en") and "2029-03-01" in card.explanation("uk")  # the other reading
    assert civil_code_period_end(D("2022-03-01"), months=84, first_day_counted=True) == D("2029-02-28")


def test_a_printed_card_validity_wins_under_either_reading() -> None:
    facts = {"stay": {"status": "permanent_resident", "granted_on": "2022-03-01", "granted_by": "permanent_residence",
                      "card_issued_on": "2022-03-01", "card_valid_until": "2029-03-01"}}
    (card,) = of(deadlines(facts, "2026-12-01"), "card_expiry")
    assert (card.date, card.topic, card.fact_status) == (D("2029-03-01"), "seven_year", "law")


# --- a re-entry permit extended abroad (Art. 26(5)) -------------------------------------------------------

def _permit(**departure: Any) -> dict[str, Any]:
    return {"stay": {"status": "permanent_resident", "granted_on": "2015-01-10", "granted_by": "permanent_residence"},
            "departure": {"departed_on": "2021-04-10", "re_entry_permit_until": "2026-03-31", **departure}}


def test_an_extension_abroad_moves_the_day_to_be_back() -> None:
    # law.md §2.7: extended abroad by up to 1 year, not beyond 6 years from the day the permit took effect
    facts = _permit(re_entry_permit_effective_on="2021-04-01", re_entry_permit_extensions=["2027-03-15"])
    (d,) = of(deadlines(facts, "2026-03-20"), "re_entry_deadline")
    assert d.date == D("2027-03-15") and "Art. 26(5)" in provisions(d)
    # 6 years counted from 2021-04-01 (that day counted, the earlier reading) end on 2027-03-31
    assert "2027-03-31" in d.explanation("en")
    assert holds_status_on(parse_facts(facts), D("2026-06-01"), catalogue(D("2026-06-01"))).holds is True


def test_a_permit_abroad_says_it_can_be_extended_and_until_when() -> None:
    (d,) = of(deadlines(_permit(re_entry_permit_effective_on="2021-04-01"), "2022-01-10"), "re_entry_deadline")
    assert d.date == D("2026-03-31") and "2027-03-31" in d.explanation("en")
    # without the extension the status is lost after 2026-03-31 (Art. 26(3), law.md §2.7)
    lost = holds_status_on(parse_facts(_permit()), D("2026-04-01"), catalogue(D("2026-04-01")))
    assert (lost.holds, lost.reason) == (False, "lost_abroad")


@pytest.mark.parametrize(("extensions", "field"), [
    (["2027-04-01"], "departure.re_entry_permit_extensions[0]"),  # more than 1 year (Art. 26(5))
    (["2026-03-01"], "departure.re_entry_permit_extensions[0]"),  # not later than what it extends (Art. 26(5))
    (["2027-03-31", "2027-04-02"], "departure.re_entry_permit_extensions[1]"),  # > 6 years from 2021-04-01 (Art. 26(5))
])
def test_an_impossible_extension_is_refused_naming_the_field(extensions: list[str], field: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        deadlines(_permit(re_entry_permit_effective_on="2021-04-01", re_entry_permit_extensions=extensions),
                  "2026-03-20")
    assert err.value.field == field


def test_special_re_entry_cannot_be_extended() -> None:
    # Art. 26-2(3): 「前条第五項の規定は、適用しない」 (law.md §2.8)
    facts = {**PR_ABROAD, "departure": {"departed_on": "2023-02-28", "intends_to_return": True,
                                         "re_entry_permit_extensions": ["2024-06-01"]}}
    with pytest.raises(InvalidInputError) as err:
        deadlines(facts, "2023-03-01")
    assert err.value.field == "departure.re_entry_permit_extensions"


def test_a_permit_while_an_extension_is_pending_runs_to_the_end_of_the_special_period() -> None:
    # law.md §2.7: the permit cannot outlast the (special) period of stay; Art. 26(4) (iuris.jp): its validity
    # may run to the end of the special period; expiry 2027-05-15 → special period to 2027-07-15 (Art. 20(6))
    facts = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2026-05-15", "granted_by": "change"},
             "pending_application": {"procedure": "extension_of_stay", "filed_on": "2027-05-01"},
             "departure": {"departed_on": "2027-05-05", "re_entry_permit_until": "2027-12-31"}}
    (d,) = of(deadlines(facts, "2027-05-20"), "re_entry_deadline")
    assert d.date == D("2027-07-15") and {"Art. 20(6)", "Art. 26(4)"} <= provisions(d)


# --- notifications: Arts. 19-10, 19-12 (abroad), 19-13, 19-16 -------------------------------------------

ENGINEER = {"stay": {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2025-04-01",
                     "granted_by": "landing"}}
STUDENT = {"stay": {"status": "student", "period": "P2Y", "granted_on": "2025-04-01", "granted_by": "landing"}}


def with_events(base: dict[str, Any], *events: tuple[str, str]) -> dict[str, Any]:
    return {**base, "events": [{"kind": k, "on": on} for k, on in events]}


def test_a_change_of_name_is_notified_within_14_days() -> None:
    # law.md §4.2: Art. 19-10, within 14 days (to ISA); 2026-03-02 + 14 → 2026-03-16 (Civil Code Art. 140)
    items = deadlines(with_events(ENGINEER, ("personal_details_changed", "2026-03-02")), "2026-03-05")
    (n,) = of(items, "notification", "personal_details")
    assert n.date == D("2026-03-16") and {"Art. 19-10(1)", "Art. 140"} <= provisions(n)
    done = with_events(ENGINEER, ("personal_details_changed", "2026-03-02"),
                       ("personal_details_notified", "2026-03-09"))
    assert of(deadlines(done, "2026-03-10"), "notification", "personal_details") == []


def test_a_card_lost_abroad_is_due_14_days_after_the_return() -> None:
    # law.md §4.2 / Art. 19-12(1): learned abroad → 14 days from the first entry after it (2026-08-20 + 14)
    facts = with_events(ENGINEER, ("card_lost_abroad", "2026-08-01"), ("arrived", "2026-08-20"))
    (n,) = of(deadlines(facts, "2026-08-21"), "notification", "lost_card")
    assert n.date == D("2026-09-03") and "Art. 19-12(1)" in provisions(n)
    assert "2026-08-20" in n.explanation("ru")
    # not back yet: no date can be given
    assert of(deadlines(with_events(ENGINEER, ("card_lost_abroad", "2026-08-01")), "2026-08-10"),
              "notification", "lost_card") == []


def test_an_order_to_replace_a_damaged_card_is_due_in_14_days() -> None:
    # Art. 19-13(3) (rules.yaml card_reissue_order_notice: ISA page, visa-center110.com): 2026-06-01 + 14 →
    # 2026-06-15 (a Monday, an open day)
    (n,) = of(deadlines(with_events(ENGINEER, ("card_reissue_ordered", "2026-06-01")), "2026-06-02"),
              "notification", "damaged_card")
    assert n.date == D("2026-06-15") and {"Art. 19-13(2)", "Art. 19-13(3)"} <= provisions(n)
    done = with_events(ENGINEER, ("card_reissue_ordered", "2026-06-01"), ("card_reissue_applied", "2026-06-05"))
    assert of(deadlines(done, "2026-06-06"), "notification", "damaged_card") == []


@pytest.mark.parametrize(("base", "event", "item"), [
    # law.md §4.2: Art. 19-16(ii) contract organisation (Engineer), 19-16(i) activity organisation (Student):
    # name/location change and dissolution are notified within 14 days
    (ENGINEER, "organization_dissolved", "Art. 19-16(ii)"),
    (ENGINEER, "organization_renamed", "Art. 19-16(ii)"),
    (STUDENT, "organization_relocated", "Art. 19-16(i)"),
])
def test_the_organisations_dissolution_or_new_name_or_address_is_notified(base: dict[str, Any], event: str,
                                                                          item: str) -> None:
    # 2026-05-11 + 14 → 2026-05-25 (a Monday)
    (n,) = of(deadlines(with_events(base, (event, "2026-05-11")), "2026-05-12"), "notification", "organization")
    assert n.date == D("2026-05-25") and item in provisions(n)
    assert all(n.explanation(lang) for lang in ("ja", "en", "ru", "uk"))


def test_a_dissolved_employer_starts_the_three_month_clock() -> None:
    # law.md §5.1 / Art. 22-4(1)(vi): 3 months without the activity (rules.yaml table_i_no_activity_revocation)
    (r,) = of(deadlines(with_events(ENGINEER, ("organization_dissolved", "2026-05-11")), "2026-05-12"),
              "revocation_risk", "activity")
    assert r.date == D("2026-08-11")


def test_the_new_notifications_reach_the_assessment() -> None:
    facts = parse_facts(with_events(ENGINEER, ("personal_details_changed", "2026-03-02")))
    answer = assess(facts, D("2026-03-05")).to_json()
    assert any(d["topic"] == "personal_details" and d["date"] == "2026-03-16" for d in answer["deadlines"])
