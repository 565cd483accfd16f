"""The dated history of the statuses (law.md §1.2–1.4): what is in force on which day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.law import catalogue
from zairyu.law.loader import packaged_law
from zairyu.law.models import COVERED_FROM, COVERED_TO


def codes(on: date) -> set[str]:
    return {s.code for s in catalogue(on).statuses}


def periods(code: str, on: date) -> dict[str, object]:
    return catalogue(on).status(code).to_json()["periods"]


# law.md §1.4 "Other creation/renaming dates": Nursing Care 2017-09-01 (Act No. 88 of 2016); HSP and the merged
# Engineer/Specialist 2015-04-01; SSW 2019-04-01 (Act No. 102 of 2018); TITP (iii) 2017-11-01 (Act No. 89 of 2016);
# Employment for Skill Development 2027-04-01 (Act No. 60 of 2024)
@pytest.mark.parametrize(("code", "first_day"), [
    ("nursing_care", date(2017, 9, 1)),
    ("hsp_1a", date(2015, 4, 1)),
    ("hsp_2", date(2015, 4, 1)),
    ("engineer_humanities_intl", date(2015, 4, 1)),
    ("ssw_1", date(2019, 4, 1)),
    ("ssw_2", date(2019, 4, 1)),
    ("titp_3a", date(2017, 11, 1)),
    ("titp_3b", date(2017, 11, 1)),
    ("employment_skill_development", date(2027, 4, 1)),
])
def test_status_appears_on_its_first_day(code: str, first_day: date) -> None:
    assert code not in codes(first_day - timedelta(days=1))
    assert code in codes(first_day)


# law.md §1.4: Engineer and Specialist merged on 2015-04-01; TITP replaced on 2027-04-01 (Act No. 60 of 2024)
@pytest.mark.parametrize(("code", "last_day"), [
    ("engineer", date(2015, 3, 31)),
    ("specialist_humanities_intl", date(2015, 3, 31)),
    *[(f"titp_{n}", date(2027, 3, 31)) for n in ("1a", "1b", "2a", "2b", "3a", "3b")],
])
def test_status_ends_on_its_last_day(code: str, last_day: date) -> None:
    assert code in codes(last_day)
    assert code not in codes(last_day + timedelta(days=1))


def test_titp_ends_with_a_transitional_life_and_names_its_successor() -> None:
    # law.md §12 (issue 5): after 2027-03-31 TITP lives on under the transitional measures of Act No. 60 of 2024
    # (Supplementary Provisions): it is no longer granted anew (not in force, not listed) but its holders are
    # assessed under it, not refused
    s = catalogue(date(2027, 3, 31)).status("titp_2b").status
    assert s.transitional_note and "transitional" in s.transitional_note and "unverified" in s.transitional_note
    assert s.replaced_by == ["employment_skill_development"]
    law = catalogue(date(2027, 4, 1))
    assert not law.has_status("titp_2b") and law.holdable("titp_2b")
    assert "titp_2b" not in {v.code for v in law.statuses}
    view = law.status("titp_2b")
    t = view.transitional
    assert t is not None and t.extension and t.change_from == ["titp_1b"] and t.fact_status == "isa"
    assert view.periods.max == "P2Y" and view.fact_status == "isa"
    assert law.transitional("titp_3a") is not None and law.transitional("titp_3a").change_from_held_for == "P1Y"
    assert str(law.transitional("titp_1a").entry_until) == "2027-06-30"
    assert catalogue(date(2027, 3, 31)).transitional("titp_2b") is None


def test_a_status_not_in_force_without_a_transitional_life_is_refused() -> None:
    with pytest.raises(InvalidInputError) as err:
        catalogue(date(2027, 3, 31)).status("employment_skill_development")
    assert "not in force" in err.value.message


def test_hsp_before_2015_ran_as_designated_activities() -> None:
    law = catalogue(date(2015, 3, 31))
    assert not law.group("hsp")
    note = law.status("designated_activities").status.note
    assert note is not None and "2012-05-07" in note


def test_investor_business_manager_renamed_on_2015_04_01() -> None:
    before = catalogue(date(2015, 3, 31)).status("business_manager")
    after = catalogue(date(2015, 4, 1)).status("business_manager")
    assert (before.name_ja, before.name_en) == ("投資・経営", "Investor/Business Manager")
    assert (after.name_ja, after.name_en) == ("経営・管理", "Business Manager")


def test_investor_business_manager_periods_before_2015_04_01() -> None:
    # basis: law.md §12 (Business Manager before 2015-04-01, PRACTICE: shine-kokusai.com): 5y/3y/1y/3m;
    # the 4-month period begins on 2015-04-01; 6 months since 2015-04-01 is UNVERIFIED (law.md §12)
    before = catalogue(date(2015, 3, 31)).status("business_manager").to_json()
    assert before["periods"] == {"kind": "fixed", "values": ["P5Y", "P3Y", "P1Y", "P3M"]}
    assert before["fact_status"] == "practice"
    after = catalogue(date(2015, 4, 1)).status("business_manager").to_json()
    assert "P4M" in after["periods"]["values"]
    assert after["fact_status"] == "unverified" and "periods" in after["unverified_fields"]


def test_entertainer_shortest_period_15_then_30_days() -> None:
    before = periods("entertainer", date(2023, 7, 31))["values"]
    after = periods("entertainer", date(2023, 8, 1))["values"]
    assert "P15D" in before and "P30D" not in before
    assert "P30D" in after and "P15D" not in after


# law.md §1.3: Student and Dependent individually designated from 2021-03-30 (≤ 4y3m, ≤ 5y), a fixed list before
@pytest.mark.parametrize(("code", "old_list", "new_max"), [
    ("student", ["P4Y3M", "P4Y", "P3Y3M", "P3Y", "P2Y3M", "P2Y", "P1Y3M", "P1Y", "P6M", "P3M"], "P4Y3M"),
    ("dependent", None, "P5Y"),
])
def test_student_and_dependent_fixed_list_then_designated(code: str, old_list: list[str] | None,
                                                          new_max: str) -> None:
    old = periods(code, date(2021, 3, 29))
    assert old["kind"] == "fixed"
    if old_list is not None:
        assert old["values"] == old_list
    assert periods(code, date(2021, 3, 30)) == {"kind": "designated", "max": new_max}


def test_dependent_old_list_is_marked_unverified() -> None:
    # the reference elides the middle of the old list ("5y, 4y3m, … 3m")
    view = catalogue(date(2020, 1, 1)).status("dependent")
    assert view.to_json()["fact_status"] == "unverified"
    assert view.periods.values[0] == "P5Y" and view.periods.values[-1] == "P3M"


def test_ssw_1_three_eras() -> None:
    # basis: law.md §1.2 (history) and §12 (SSW (i) individually designated ≤1 year took effect in April 2023,
    # ISA operating guidelines revised 2023-04-20, not 2023-01-01; the exact day UNVERIFIED)
    assert periods("ssw_1", date(2019, 4, 1)) == {"kind": "fixed", "values": ["P1Y", "P6M", "P4M"]}
    jan = catalogue(date(2023, 1, 1)).status("ssw_1")
    assert jan.to_json()["periods"] == {"kind": "fixed", "values": ["P1Y", "P6M", "P4M"]}
    assert jan.to_json()["fact_status"] == "practice"
    for day, kind in ((date(2023, 4, 1), "fixed"), (date(2023, 4, 19), "fixed"), (date(2023, 4, 20), "designated"),
                      (date(2023, 4, 30), "designated")):
        april = catalogue(day).status("ssw_1").to_json()
        assert april["periods"]["kind"] == kind and april["fact_status"] == "unverified", day
    mid = catalogue(date(2024, 6, 1)).status("ssw_1")
    assert mid.to_json()["periods"] == {"kind": "designated", "max": "P1Y"}
    assert mid.to_json()["fact_status"] == "practice"
    assert periods("ssw_1", date(2025, 9, 29)) == {"kind": "designated", "max": "P1Y"}
    now = catalogue(date(2025, 9, 30)).status("ssw_1")
    assert now.to_json()["periods"] == {"kind": "designated", "max": "P3Y"}
    assert now.to_json()["fact_status"] == "practice"


def test_ssw_2_gains_two_years_on_2025_09_30() -> None:
    assert periods("ssw_2", date(2025, 9, 29))["values"] == ["P3Y", "P1Y", "P6M"]
    assert periods("ssw_2", date(2025, 9, 30))["values"] == ["P3Y", "P2Y", "P1Y", "P6M"]


def test_employment_skill_development_periods_are_unverified() -> None:
    view = catalogue(date(2027, 4, 1)).status("employment_skill_development")
    data = view.to_json()
    assert data["fact_status"] == "unverified"
    assert "periods" in data["unverified_fields"]


def test_designated_activities_rows_since_2021() -> None:
    p = catalogue(date(2021, 3, 30)).status("designated_activities").periods
    rows = {r.row: r for r in p.rows}
    assert rows["一"].kind == "fixed" and rows["一"].values == ["P5Y", "P3Y", "P1Y", "P6M", "P3M"]
    assert "except" in rows["一"].applies_to_en
    assert rows["二"].fact_status == "unverified" and rows["二"].kind is None
    assert rows["三"].kind == "designated" and rows["三"].max == "P5Y"
    before = catalogue(date(2021, 3, 29)).status("designated_activities").periods
    assert "except" not in {r.row: r for r in before.rows}["一"].applies_to_en


def test_designated_activities_rows_validate_a_grant() -> None:
    rows = {r.row: r for r in catalogue(date(2026, 1, 1)).status("designated_activities").periods.rows}
    assert rows["一"].allows(Duration.parse("P1Y")) is True
    assert rows["一"].allows(Duration.parse("P2Y")) is False  # 告示 activities: only the fixed list
    assert rows["三"].allows(Duration.parse("P2Y")) is True  # others: any period up to 5 years
    assert rows["三"].allows(Duration.parse("P5Y1M")) is False
    assert rows["二"].allows(Duration.parse("P1Y")) is None  # unknown: a warning, not an answer


# law.md §12: the 2012-07-09 .. 2015-03-31 periods confirmed by practitioners (kitaguchi-gyosei.com,
# nakamatch.ti-da.net, nagasaki-gaigo.ac.jp): Student's list, the spouse statuses and the work statuses
UPGRADED_2012 = {
    "professor": ["P5Y", "P3Y", "P1Y", "P3M"], "engineer": ["P5Y", "P3Y", "P1Y", "P3M"],
    "skilled_labor": ["P5Y", "P3Y", "P1Y", "P3M"],
    "student": ["P4Y3M", "P4Y", "P3Y3M", "P3Y", "P2Y3M", "P2Y", "P1Y3M", "P1Y", "P6M", "P3M"],
    "spouse_child_of_japanese": ["P5Y", "P3Y", "P1Y", "P6M"], "spouse_child_of_pr": ["P5Y", "P3Y", "P1Y", "P6M"],
}


@pytest.mark.parametrize("code", sorted(UPGRADED_2012))
def test_2012_era_periods_confirmed_by_practitioners(code: str) -> None:
    early = catalogue(date(2013, 1, 1)).status(code)
    assert early.periods.values == UPGRADED_2012[code]
    assert early.periods.fact_status == "practice"
    assert any("kitaguchi-gyosei.com" in (s.url or "") for s in early.periods.sources)


def test_2012_era_periods_not_confirmed_stay_unverified() -> None:
    # law.md §12 names only Student, the spouse statuses and the work statuses; Entertainer (not a "work
    # status" in the practitioners' list), Temporary Visitor, Long-Term Resident stay best readings
    for code in ("entertainer", "temporary_visitor", "long_term_resident", "official", "cultural_activities"):
        early = catalogue(date(2013, 1, 1)).status(code)
        assert early.periods.fact_status == "unverified", code
    assert catalogue(date(2016, 1, 1)).status("professor").to_json()["fact_status"] == "law"


def test_count_of_statuses_on_2026_01_01() -> None:
    # 29 statuses of the Act (6 + 13 + 2 + 3 + 1 + 4) once HSP, SSW and TITP are folded into their
    # group; expanded into sub-categories (HSP 4, SSW 2, TITP 6) that is 38 codes, plus SPR = 39.
    law = catalogue(date(2026, 1, 1))
    assert len(law.statuses) == 39
    in_act = [s for s in law.statuses if not s.status.outside_act]
    assert len({s.status.parent or s.code for s in in_act}) == 29
    per_table = {t: len({s.status.parent or s.code for s in in_act if s.status.table == t})
                 for t in ("I-1", "I-2", "I-3", "I-4", "I-5", "II")}
    assert per_table == {"I-1": 6, "I-2": 13, "I-3": 2, "I-4": 3, "I-5": 1, "II": 4}


def test_count_after_employment_for_skill_development_replaces_titp() -> None:
    law = catalogue(date(2027, 4, 1))
    in_act = [s for s in law.statuses if not s.status.outside_act]
    assert len({s.status.parent or s.code for s in in_act}) == 29
    assert len(law.statuses) == 39 - 6 + 1


def test_every_status_has_periods_on_every_month_of_the_covered_range() -> None:
    entries = packaged_law().statuses
    day = COVERED_FROM
    while day <= COVERED_TO:
        law = catalogue(day)
        for s in entries:
            if s.in_force(day):
                assert law.has_status(s.code), (s.code, day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
