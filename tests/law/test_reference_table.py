"""Every status on 2026-01-01 against the reference's master table (law.md §1.2), typed in by hand.

The expected values below are copied from the reference, not read back from the YAML, so a wrong
period, work rule or table in the data makes a row fail.
"""

from __future__ import annotations

from datetime import date

import pytest

from zairyu.duration import Duration
from zairyu.law import catalogue

ON = date(2026, 1, 1)
W, F, N, D = "within_activity", "unrestricted", "not_permitted", "by_designation"
Y5313 = ["P5Y", "P3Y", "P1Y", "P3M"]


def fixed(*values: str) -> dict[str, object]:
    return {"kind": "fixed", "values": list(values)}


def designated(max_: str, *values: str) -> dict[str, object]:
    out: dict[str, object] = {"kind": "designated", "max": max_}
    if values:
        out["values"] = list(values)
    return out


INDEFINITE = {"kind": "indefinite"}

# code: (table, employment, permission outside activity (SAP) can be granted, periods)
# Employment column: Full → unrestricted; Within → within_activity; No → not_permitted (SAP false);
# No/SAP → not_permitted (SAP true); Depends → by_designation.
REFERENCE: dict[str, tuple[str, str, bool, dict[str, object]]] = {
    "diplomat": ("I-1", W, True, {"kind": "indefinite", "ends": "with_activity"}),
    "official": ("I-1", W, True, fixed("P5Y", "P3Y", "P1Y", "P3M", "P30D", "P15D")),
    "professor": ("I-1", W, True, fixed(*Y5313)),
    "artist": ("I-1", W, True, fixed(*Y5313)),
    "religious_activities": ("I-1", W, True, fixed(*Y5313)),
    "journalist": ("I-1", W, True, fixed(*Y5313)),
    "hsp_1a": ("I-2", W, True, fixed("P5Y")),
    "hsp_1b": ("I-2", W, True, fixed("P5Y")),
    "hsp_1c": ("I-2", W, True, fixed("P5Y")),
    "hsp_2": ("I-2", W, True, INDEFINITE),
    "business_manager": ("I-2", W, True, fixed("P5Y", "P3Y", "P1Y", "P6M", "P4M", "P3M")),
    "legal_accounting_services": ("I-2", W, True, fixed(*Y5313)),
    "medical_services": ("I-2", W, True, fixed(*Y5313)),
    "researcher": ("I-2", W, True, fixed(*Y5313)),
    "instructor": ("I-2", W, True, fixed(*Y5313)),
    "engineer_humanities_intl": ("I-2", W, True, fixed(*Y5313)),
    "intra_company_transferee": ("I-2", W, True, fixed(*Y5313)),
    "nursing_care": ("I-2", W, True, fixed(*Y5313)),
    "entertainer": ("I-2", W, True, fixed("P3Y", "P1Y", "P6M", "P3M", "P30D")),
    "skilled_labor": ("I-2", W, True, fixed(*Y5313)),
    "ssw_1": ("I-2", W, True, designated("P3Y")),
    "ssw_2": ("I-2", W, True, fixed("P3Y", "P2Y", "P1Y", "P6M")),
    "titp_1a": ("I-2", W, True, designated("P1Y")),
    "titp_1b": ("I-2", W, True, designated("P1Y")),
    "titp_2a": ("I-2", W, True, designated("P2Y")),
    "titp_2b": ("I-2", W, True, designated("P2Y")),
    "titp_3a": ("I-2", W, True, designated("P2Y")),
    "titp_3b": ("I-2", W, True, designated("P2Y")),
    "cultural_activities": ("I-3", N, True, fixed("P3Y", "P1Y", "P6M", "P3M")),
    "temporary_visitor": ("I-3", N, False,
                          {"kind": "fixed", "values": ["P90D", "P30D"], "designated_up_to": "P15D", "unit": "days"}),
    "student": ("I-4", N, True, designated("P4Y3M")),
    "trainee": ("I-4", N, False, fixed("P1Y", "P6M", "P3M")),
    "dependent": ("I-4", N, True, designated("P5Y")),
    "designated_activities": ("I-5", D, True, designated("P5Y", "P5Y", "P3Y", "P1Y", "P6M", "P3M")),
    "permanent_resident": ("II", F, False, INDEFINITE),
    "spouse_child_of_japanese": ("II", F, False, fixed("P5Y", "P3Y", "P1Y", "P6M")),
    "spouse_child_of_pr": ("II", F, False, fixed("P5Y", "P3Y", "P1Y", "P6M")),
    "long_term_resident": ("II", F, False, designated("P5Y", "P5Y", "P3Y", "P1Y", "P6M")),
    "special_permanent_resident": ("special_act", F, False, INDEFINITE),
}


@pytest.mark.parametrize("code", sorted(REFERENCE))
def test_status_matches_reference_table(code: str) -> None:
    table, employment, sap, periods = REFERENCE[code]
    got = catalogue(ON).status(code).to_json()
    assert got["table"] == table
    assert got["employment"] == employment
    assert got["permission_outside_activity"] is sap
    assert got["periods"] == periods


def test_no_status_in_force_is_missing_from_the_reference_table() -> None:
    assert {s.code for s in catalogue(ON).statuses} == set(REFERENCE)


def test_landing_criteria_apply_exactly_to_tables_i2_and_i4() -> None:
    for s in catalogue(ON).statuses:
        assert s.status.landing_criteria is (s.status.table in ("I-2", "I-4")), s.code


def test_not_mid_long_term_residents() -> None:
    # Art. 19-3: Temporary Visitor, Diplomat, Official; SPRs are outside the regime
    out = {s.code for s in catalogue(ON).statuses if not s.status.mid_long_term}
    assert out == {"temporary_visitor", "diplomat", "official", "special_permanent_resident"}


def test_special_permanent_resident_is_outside_the_act() -> None:
    law = catalogue(ON)
    assert [s.code for s in law.statuses if s.status.outside_act] == ["special_permanent_resident"]
    assert law.status("special_permanent_resident").to_json()["table"] == "special_act"


def test_sub_categories_name_their_group() -> None:
    law = catalogue(ON)
    assert [s.code for s in law.group("hsp")] == ["hsp_1a", "hsp_1b", "hsp_1c", "hsp_2"]
    assert [s.code for s in law.group("ssw")] == ["ssw_1", "ssw_2"]
    assert [s.code for s in law.group("titp")] == ["titp_1a", "titp_1b", "titp_2a", "titp_2b", "titp_3a", "titp_3b"]


# law.md §4.2: who must notify what under Art. 19-16 within 14 days
ACTIVITY_ORG = {"professor", "hsp_1c", "business_manager", "legal_accounting_services", "medical_services",
                "instructor", "intra_company_transferee", "titp_1a", "titp_1b", "titp_2a", "titp_2b", "titp_3a",
                "titp_3b", "student", "trainee"}
CONTRACT_ORG = {"hsp_1a", "hsp_1b", "hsp_2", "researcher", "engineer_humanities_intl", "nursing_care", "entertainer",
                "skilled_labor", "ssw_1", "ssw_2"}
SPOUSE = {"dependent", "designated_activities", "spouse_child_of_japanese", "spouse_child_of_pr"}


@pytest.mark.parametrize("code", sorted(REFERENCE))
def test_notification_duty_per_reference(code: str) -> None:
    s = catalogue(ON).status(code).status
    if code in ACTIVITY_ORG:
        assert s.notification == "activity_organization"
    elif code in CONTRACT_ORG:
        assert s.notification == "contract_organization"
    elif code in SPOUSE:
        # the spouse duty binds only those who hold the status as a spouse, not children
        assert (s.notification, s.notification_scope) == ("spouse", "spouses_only")
        assert s.notification_note and "spouse" in s.notification_note
    else:
        assert s.notification is None


def test_hsp_2_notification_depends_on_the_activity() -> None:
    s = catalogue(ON).status("hsp_2").status
    assert s.notification_scope == "depends_on_activity"
    assert s.notification_note is not None and "activity organisation" in s.notification_note


def test_long_term_residents_do_not_notify_divorce() -> None:
    s = catalogue(ON).status("long_term_resident").status
    assert s.notification is None


def test_permanent_residence_guideline_counting() -> None:
    # 5 years on a work status (excluding TITP and SSW (i)) or a residence (Table II) status
    law = catalogue(ON)
    counts = {s.code for s in law.statuses if s.status.counts_toward_pr_five_years}
    for code in ("titp_1a", "titp_3b", "ssw_1", "student", "dependent", "temporary_visitor"):
        assert code not in counts
    for code in ("engineer_humanities_intl", "ssw_2", "hsp_1b", "skilled_labor", "permanent_resident",
                 "spouse_child_of_japanese", "spouse_child_of_pr", "long_term_resident"):
        assert code in counts
    assert law.status("spouse_child_of_japanese").status.work_status is False  # counts as a residence status


@pytest.mark.parametrize(("code", "period", "allowed"), [
    # law.md §1.3: individually designated periods accept any month count up to the maximum
    ("student", "P1Y10M", True), ("student", "P4Y3M", True), ("student", "P4Y4M", False),
    ("dependent", "P2Y4M", True), ("dependent", "P5Y1M", False),
    ("designated_activities", "P11M", True), ("long_term_resident", "P4Y2M", True),
    ("ssw_1", "P2Y7M", True), ("ssw_1", "P3Y1M", False), ("titp_1a", "P10M", True), ("titp_1a", "P1Y1M", False),
    # fixed lists accept only their values (Ordinance App. Table II, law.md §1.2; Entertainer 30 days since
    # 2023-08-01, MOJ Ord. No. 29 of 2023; SSW (ii) 2 years since 2025-09-30)
    ("professor", "P3Y", True), ("professor", "P2Y", False), ("entertainer", "P30D", True),
    ("entertainer", "P15D", False), ("ssw_2", "P2Y", True),
    # Temporary Visitor: 90 or 30 days, or up to 15 days counted in days (Ordinance App. Table II, law.md §1.2)
    ("temporary_visitor", "P90D", True), ("temporary_visitor", "P15D", True), ("temporary_visitor", "P7D", True),
    ("temporary_visitor", "P20D", False), ("temporary_visitor", "P3M", False),
    # no period to validate against: Permanent Resident is indefinite (Ordinance App. Table II, law.md §1.2)
    ("permanent_resident", "P5Y", False),
])
def test_period_conforms_to_the_ordinance_on_2026(code: str, period: str, allowed: bool) -> None:
    assert catalogue(ON).status(code).periods.allows(Duration.parse(period)) is allowed
