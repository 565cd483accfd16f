"""Dated rules are data: every legal cut-over, length and list the rules use lives in ``law/data/rules.yaml``
(dated, cited, with a fact status), is read through the law view of a date, and is listed by ``zairyu law
rules``. Each expected value names the section of the fact reference (law.md) it comes from."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from zairyu.errors import LawDataError, UnknownCodeError
from zairyu.facts import parse_facts
from zairyu.law.catalogue import LawView, _change_points, catalogue
from zairyu.law.loader import load_dir, packaged_law
from zairyu.messages import catalogue as messages
from zairyu.rules import assess

D = date.fromisoformat

# code: (valid_from, valid_to, period, fact_status, a provision it cites)
EXPECTED = {
    # law.md §1.4: Ordinance Arts. 20-2 / 21-2, cap of 5 years since SSW (i) was created on 2019-04-01
    "ssw1_cumulative_cap": ("2019-04-01", None, "P5Y", "law", "Ordinance Art. 21-2"),
    # law.md §1.4: from 2025-09-30 (MOJ Ord. No. 47 of 2025) 6 years where there is reasonable ground
    "ssw1_six_year_ceiling": ("2025-09-30", None, "P6Y", "law", "Ordinance Art. 21-2"),
    # law.md §1.4 / §12: HSP (ii) after 3 years of HSP (i) activities (Art. 20-2), HSP a status from 2015-04-01
    "hsp2_three_years_on_hsp1": ("2015-04-01", None, "P3Y", "law", "ICRRA Art. 20-2"),
    # law.md §2.6: "for the time being" 3 years counts as the longest; ends 2027-04-01 (practice, UNVERIFIED)
    "pr_three_years_counts_as_longest": (None, "2027-03-31", "P3Y", "unverified",
                                         "ISA Guidelines on Permanent Residence Permission"),
    # law.md §2.6: J-Skip route, 1 year, added by the guideline's 2023-04-21 revision [ISA]
    "pr_j_skip_route": ("2023-04-21", None, "P1Y", "isa", "ISA Guidelines on Permanent Residence Permission"),
    # law.md §4.3 / §6.1: Arts. 19-5 and 19-11 as amended, in force 2023-11-01 (Act No. 56 of 2023)
    "card_under16_day_before_birthday": ("2023-11-01", None, None, "law", "ICRRA Art. 19-5(1)"),
    # law.md §2.4: ISA extension page, visa-waiver nationals may stay up to 6 months in total [ISA]
    "visa_waiver_six_month_extension": (None, None, None, "isa",
                                        "ISA Extension of period of stay (Temporary Visitor)"),
    # law.md §6.1 / §6.4: special permission to stay on application from 2024-06-10 (Art. 50(2))
    "special_permission_on_application": ("2024-06-10", None, None, "law", "ICRRA Art. 50(2)"),
    # law.md §5.1 ground 7: a Table I holder not doing the activity for 3 months (Art. 22-4(1)(vi), law.md §12)
    "table_i_no_activity_revocation": (None, None, "P3M", "law", "ICRRA Art. 22-4(1)(vi)"),
    # law.md §12: the Myanmar measure tightened for technical interns from 2024-10-01 [ISA as reported]
    "myanmar_measure_titp_conditions": ("2024-10-01", None, None, "isa", "ISA country-specific special measure"),
    # law.md §12: statutory periods by Civil Code Arts. 140 and 143 [LAW]
    "statutory_periods_civil_code": (None, None, None, "law", "Civil Code Art. 143(2)"),
    # law.md §4.3 / §12: "7 years counted from the day of issue", the counting UNVERIFIED
    "residence_card_seven_years": (None, None, "P7Y", "unverified", "ICRRA Art. 19-5(1)"),
    # law.md §2.7 / §2.8: extension abroad, 1 year each, 6 years in all (7 for SPRs) [PRACTICE]; Art. 26(5)
    "re_entry_permit_extension_abroad": (None, None, "P1Y", "practice", "ICRRA Art. 26(5)"),
    "re_entry_permit_extension_ceiling": (None, None, "P6Y", "practice", "ICRRA Art. 26(5)"),
    # the Special Act (入管特例法, law.md §1) named as every other entry names it
    "re_entry_permit_extension_ceiling_spr": (None, None, "P7Y", "practice", "Special Act Art. 23"),
    # Art. 19-13(3) from the ISA page cited in the entry (law.md §4.2 lists only Art. 19-12's lost card)
    "card_reissue_order_notice": (None, None, "P14D", "law", "ICRRA Art. 19-13(3)"),
    # law.md §4.2: Art. 19-10, 14 days
    "personal_details_notice": (None, None, "P14D", "law", "ICRRA Art. 19-10(1)"),
    # law.md §6.2: 審査請求 within 7 days of the notice, Art. 61-2-9(2) of the text in force 2024-04-01
    "refugee_review_request_period": (None, None, "P7D", "law", "ICRRA Art. 61-2-9(2)"),
    # law.md §6.3: suspensive effect, Art. 61-2-6(3) until 2024-06-09 (renumbered after, number unverified)
    "removal_suspended_while_pending": (None, None, None, "law", "ICRRA Art. 61-2-6(3)"),
    # law.md §6.3 / §6.1: exceptions from 2024-06-10 — third application onward; sentence of 3 years or more
    "removal_suspension_repeat_application": ("2024-06-10", None, None, "law", "Act No. 56 of 2023 Suppl. Art. 1"),
    "removal_suspension_sentence": ("2024-06-10", None, "P3Y", "law", "Act No. 56 of 2023 Suppl. Art. 1"),
    # law.md §6.2: provisional stay, Art. 61-2-4(1); "within 6 months of arrival" is UNVERIFIED detail
    "provisional_stay_six_months": (None, None, "P6M", "unverified", "ICRRA Art. 61-2-4(1)"),
    # law.md §2.9 [PRACTICE]: departure-preparation designation, 30 or 31 days (kissho-law.com; visa-com.jp)
    "departure_preparation_period": (None, None, "P31D", "practice", "ICRRA Art. 20(6)"),
    # law.md §5.1: Art. 22-4(7), a period of up to 30 days to leave on revocation
    "revocation_departure_period": (None, None, "P30D", "law", "ICRRA Art. 22-4(7)"),
    # law.md §5.2: Act No. 60 of 2024, in force 2027-04-01 — new PR revocation grounds; Art. 22-6 ex-officio change
    "pr_revocation_new_grounds": ("2027-04-01", None, None, "law", "ICRRA Art. 22-4(1)"),
    "pr_ex_officio_change": ("2027-04-01", None, None, "law", "ICRRA Art. 22-6"),
    # law.md §2.6: Art. 22(2) adds compliance and payment of taxes/social charges from 2027-04-01
    "pr_obligations_in_national_interest": ("2027-04-01", None, None, "law", "ICRRA Art. 22(2)"),
    # law.md §1.4 [ISA as reported]: Business Manager criteria from 2025-10-16; transition to 2028-10-16 (§12,
    # sakura-gyosei.or.jp; UNVERIFIED detail)
    "business_manager_2025_criteria": ("2025-10-16", None, None, "isa",
                                       "Landing-criteria Ordinance Business Manager row"),
    "business_manager_2025_transition": ("2025-10-16", "2028-10-16", None, "unverified",
                                         "Landing-criteria Ordinance Business Manager row, transitional measures"),
}
# law.md §2.4: Ireland, Austria, Switzerland, Germany, Liechtenstein, the UK and Mexico
VISA_WAIVER = {"IE": "Ireland", "AT": "Austria", "CH": "Switzerland", "DE": "Germany", "LI": "Liechtenstein",
               "GB": "the UK", "MX": "Mexico"}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def test_every_rule_parameter_is_dated_and_cited_as_in_law_md() -> None:
    rules = {r.code: r for r in packaged_law().rules}
    assert set(rules) == set(EXPECTED)
    for code, (frm, to, period, fact, provision) in EXPECTED.items():
        r = rules[code]
        assert (_iso(r.valid_from), _iso(r.valid_to), r.period, r.fact_status) == (frm, to, period, fact), code
        assert provision in {f"{b.law} {b.provision}" for b in r.legal_basis}, code
        assert r.sources and all(s.url for s in r.sources), code
        assert r.note and "law.md §" in r.note, code  # every entry names where its facts come from
    assert rules["visa_waiver_six_month_extension"].nationalities == list(VISA_WAIVER)
    assert rules["card_under16_day_before_birthday"].decided_on == "event"  # decided by the card's issue day


@pytest.mark.parametrize(("code", "day", "in_force"), [
    # law.md §1.4: MOJ Ord. No. 47 of 2025, from 2025-09-30
    ("ssw1_six_year_ceiling", "2025-09-29", False), ("ssw1_six_year_ceiling", "2025-09-30", True),
    # law.md §2.6: "for the time being" 3 years, reported to end on 2027-04-01 (unverified)
    ("pr_three_years_counts_as_longest", "2027-03-31", True), ("pr_three_years_counts_as_longest", "2027-04-01", False),
    # law.md §2.6: the guideline's revision of 2023-04-21
    ("pr_j_skip_route", "2023-04-20", False), ("pr_j_skip_route", "2023-04-21", True),
    # law.md §4.3: Art. 19-5 as amended in force 2023-11-01 (Act No. 56 of 2023)
    ("card_under16_day_before_birthday", "2023-10-31", False), ("card_under16_day_before_birthday", "2023-11-01", True),
    # law.md §6.1 / §6.4: Art. 50(2) from 2024-06-10
    ("special_permission_on_application", "2024-06-09", False),
    ("special_permission_on_application", "2024-06-10", True),
    # law.md §2.4 [ISA]: no start or end recorded, in force over the whole covered range
    ("visa_waiver_six_month_extension", "2012-07-09", True), ("visa_waiver_six_month_extension", "2027-12-31", True),
])
def test_the_law_view_of_a_date_says_whether_a_rule_is_in_force(code: str, day: str, in_force: bool) -> None:
    law = catalogue(D(day))
    assert law.in_force(code) is in_force
    assert (law.rule(code) is not None) is in_force
    assert (code in {r.code for r in law.rules}) is in_force
    assert law.rule_entry(code).code == code  # the whole entry, in force or not
    assert len(law.all_rules) == len(EXPECTED)


def test_an_unknown_rule_code_is_an_error_not_a_rule_out_of_force() -> None:
    with pytest.raises(UnknownCodeError, match="unknown rule code 'ssw1_six_year_cieling'; did you mean"):
        catalogue(D("2026-01-01")).rule("ssw1_six_year_cieling")


def test_rule_dates_are_change_points_and_epoch_views_match_fresh_views() -> None:
    points = set(_change_points())
    for r in packaged_law().rules:
        if r.valid_from:
            assert r.valid_from in points, r.code
        if r.valid_to:
            assert r.valid_to + timedelta(days=1) in points, r.code
    law = packaged_law()
    for p in sorted(points):
        for d in (p - timedelta(days=1), p):
            if date(2012, 7, 9) <= d <= date(2027, 12, 31):
                shared, fresh = catalogue(d), LawView(law, d)
                assert [r.code for r in shared.rules] == [r.code for r in fresh.rules], d


def test_a_bad_rule_parameter_fails_naming_file_entry_and_field(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - code: waiver\n    name_ja: x\n    name_en: x\n    nationalities: [de]\n"
        "    legal_basis: [{law: ISA, provision: x}]\n    sources: [{title: x, consulted: 2026-11-25}]\n"
        "    fact_status: isa\n", encoding="utf-8")
    with pytest.raises(LawDataError) as err:
        load_dir(tmp_path)
    assert err.value.where == "rules.yaml: rules[0] 'waiver'"
    assert err.value.field == "nationalities[0]"


# --------------------------------------------------------------------------------------------------
# each cut-over behaves by date as before (the day before and the day it changes)
# --------------------------------------------------------------------------------------------------

def _option(facts: dict[str, object], on: str, key: str) -> dict[str, Any]:
    """One option of the assessment by its key (procedure[:variant][:target_status], as in the scenarios)."""
    for o in assess(parse_facts(facts), D(on)).to_json()["options"]:
        if ":".join(x for x in (o["procedure"], o["variant"], o["target_status"]) if x) == key:
            return dict(o)
    raise AssertionError(f"option {key} not offered")


def _req(facts: dict[str, object], on: str, option: str, req: str) -> tuple[str, str]:
    r = next(r for r in _option(facts, on, option)["requirements"] if r["id"] == req)
    return r["result"], r["fact_status"]


SSW1 = {"stay": {"status": "ssw_1", "period": "P1Y", "granted_on": "2025-03-01"},
        "history": [{"status": "ssw_1", "from": "2020-06-01"}], "conduct": {"engaged_in_status_activity": True},
        "circumstances": {"ssw1_reasonable_ground_for_sixth_year": True}}


@pytest.mark.parametrize(("on", "result"), [
    ("2025-09-29", "unmet"),  # 5 years reached on 2025-06-01, no sixth year yet (law.md §1.4)
    ("2025-09-30", "met"),    # from 2025-09-30 up to 6 years where there is reasonable ground (law.md §1.4)
])
def test_ssw1_sixth_year_from_2025_09_30(on: str, result: str) -> None:
    assert _req(SSW1, on, "extension_of_stay:ssw_1", "ssw1_cumulative_cap") == (result, "law")


@pytest.mark.parametrize(("ground", "result"), [(True, "met"), (False, "unmet"), (None, "unknown")])
def test_ssw1_sixth_year_needs_its_reasonable_ground(ground: bool | None, result: str) -> None:
    # law.md §12: the 6-year ceiling applies only where a reasonable ground exists — a fact, unknown until given
    facts = {**SSW1, "circumstances": {"ssw1_reasonable_ground_for_sixth_year": ground}}
    assert _req(facts, "2025-12-10", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == result


def test_ssw1_cap_of_five_and_six_years_counted_in_total() -> None:
    # law.md §1.4: 5 years (met the day before 2025-06-01); 6 years end on 2026-06-01
    assert _req(SSW1, "2025-05-31", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == "met"
    assert _req(SSW1, "2026-05-31", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == "met"
    assert _req(SSW1, "2026-06-01", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == "unmet"
    # law.md §12 (通算): a year off SSW (i) in between moves the 5th year back by that year
    gap = {**SSW1, "history": [{"status": "ssw_1", "from": "2019-06-01"},
                               {"status": "designated_activities", "from": "2021-06-01"},
                               {"status": "ssw_1", "from": "2022-06-01"}],
           "stay": {"status": "ssw_1", "period": "P1Y", "granted_on": "2025-03-01"}}
    assert _req(gap, "2025-05-30", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == "met"  # days counted
    assert _req(gap, "2025-06-02", "extension_of_stay:ssw_1", "ssw1_cumulative_cap")[0] == "unmet"


PR = {"stay": {"status": "engineer_humanities_intl", "period": "P3Y", "granted_on": "2025-04-01"},
      "residence_in_japan_since": "2010-04-01",
      "history": [{"status": "engineer_humanities_intl", "from": "2010-04-01"}],
      "conduct": {"criminal_record": False, "independent_livelihood": True, "taxes_paid": True,
                  "pension_and_insurance_paid": True, "notifications_complied": True}}


@pytest.mark.parametrize(("on", "expected"), [
    ("2027-03-31", ("met", "unverified")),    # law.md §2.6: 3 years counts as longest up to 2027-03-31
    ("2027-04-01", ("unmet", "unverified")),  # law.md §2.6: from 2027-04-01 the actual longest (practice)
])
def test_pr_three_years_counts_as_longest_until_2027_03_31(on: str, expected: tuple[str, str]) -> None:
    assert _req(PR, on, "permanent_residence:permanent_resident", "longest_period") == expected


def test_pr_one_year_is_not_the_longest_before_2027_either() -> None:
    facts = {**PR, "stay": {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2026-04-01"}}
    # law.md §2.6: only a 3-year period is treated as the longest; the guideline item is ISA's
    assert _req(facts, "2027-01-10", "permanent_residence:permanent_resident", "longest_period") == ("unmet", "isa")


J_SKIP = {"stay": {"status": "engineer_humanities_intl", "period": "P5Y", "granted_on": "2022-04-01"},
          "residence_in_japan_since": "2020-04-01", "history": [{"status": "engineer_humanities_intl",
                                                                 "from": "2020-04-01"}],
          "conduct": {"criminal_record": False, "independent_livelihood": True, "taxes_paid": True,
                      "pension_and_insurance_paid": True, "notifications_complied": True,
                      "special_zone_researcher": False, "special_hsp_criteria_met": True,
                      "special_hsp_criteria_met_since": "2022-01-10"}}


@pytest.mark.parametrize(("on", "result"), [
    ("2023-04-20", "unmet"),  # law.md §2.6: no J-Skip route before the 2023-04-21 revision: 10 years needed
    ("2023-04-21", "met"),    # law.md §2.6: 1 year in Japan and the criteria met 1 year before (イ)
])
def test_j_skip_route_from_2023_04_21(on: str, result: str) -> None:
    assert _req(J_SKIP, on, "permanent_residence:permanent_resident", "residence_period")[0] == result


OVERSTAYER = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-01-10"},
              "circumstances": {"in_deportation_proceedings": True, "cannot_return_safely": True}}


@pytest.mark.parametrize(("on", "result", "eligible_from"), [
    ("2024-06-09", "unmet", "2024-06-10"),  # law.md §6.4: on application only since 2024-06-10
    ("2024-06-10", "met", None),            # law.md §6.4: Art. 50(2), the first day
])
def test_special_permission_on_application_from_2024_06_10(on: str, result: str, eligible_from: str | None) -> None:
    opt = _option(OVERSTAYER, on, "special_permission_to_stay")
    req = next(r for r in opt["requirements"] if r["id"] == "application_procedure")
    assert req["result"] == result
    assert opt.get("eligible_from") == eligible_from


@pytest.mark.parametrize("nationality", [*VISA_WAIVER, "FR", "US"])
def test_visa_waiver_six_month_list(nationality: str) -> None:
    facts = {"person": {"nationality": nationality},
             "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2024-04-15"}}
    opt = _option(facts, "2024-06-03", "extension_of_stay:temporary_visitor")
    ids = {r["id"] for r in opt["requirements"]}
    # law.md §2.4: only the seven listed nationalities; everyone else needs humanitarian grounds
    assert ("visa_waiver_six_months" in ids) is (nationality in VISA_WAIVER)
    assert ("humanitarian_grounds" in ids) is (nationality not in VISA_WAIVER)


@pytest.mark.parametrize(("issued", "expected"), [
    ("2023-10-31", "2026-06-15"),  # law.md §4.3: issued before 2023-11-01 → the 16th birthday
    ("2023-11-01", "2026-06-14"),  # law.md §4.3: issued from 2023-11-01 → the day before the 16th birthday
])
def test_under_16_card_rule_decided_by_the_issue_day(issued: str, expected: str) -> None:
    from zairyu.calendar.deadlines import compute_deadlines

    facts = parse_facts({"person": {"birth_date": "2010-06-15"},
                         "stay": {"status": "dependent", "period": "P3Y", "granted_on": issued,
                                  "granted_by": "landing", "card_issued_on": issued}})
    card = next(d for d in compute_deadlines(facts, D("2026-01-05")) if d.kind == "card_expiry")
    assert card.date == D(expected) and card.topic == "under_16"
    assert "2023-11-01" in " ".join(card.trace_lines())  # the trace names the cut-over from the data


# --------------------------------------------------------------------------------------------------
# texts that name a cut-over in words must agree with the data (a changed date fails here)
# --------------------------------------------------------------------------------------------------

def test_texts_naming_a_cut_over_agree_with_the_data() -> None:
    law = catalogue(D("2026-01-01"))

    def frm(code: str) -> str:
        d = law.rule_entry(code).valid_from
        assert d is not None
        return d.isoformat()

    end = law.rule_entry("pr_three_years_counts_as_longest").valid_to
    assert end is not None
    ends = (end + timedelta(days=1)).isoformat()
    cases = {
        "note.ssw1_six_years": frm("ssw1_six_year_ceiling"),
        "route.j_skip": frm("pr_j_skip_route"),
        "note.three_years_counts": ends,
        "note.three_years_ended": ends,
        "application_procedure": frm("special_permission_on_application"),
    }
    for key, day in cases.items():
        for lang in ("en", "ru", "uk"):
            assert day in messages(lang)[f"rule.{key}"], (key, lang, day)
    card = frm("card_under16_day_before_birthday")
    for lang in ("en", "ru", "uk"):
        assert card in messages(lang)["deadline.card_under16_new"], lang
    text = messages("en")["rule.extra.visa_waiver_nationals"]
    for code in law.rule_entry("visa_waiver_six_month_extension").nationalities:
        assert VISA_WAIVER[code] in text, code


# --------------------------------------------------------------------------------------------------
# zairyu law rules, law check, schema law
# --------------------------------------------------------------------------------------------------

RULE_FIELDS = ["code", "name_ja", "name_en", "in_force", "decided_on", "valid_from", "valid_to", "period",
               "nationalities", "legal_basis", "sources", "fact_status", "note",
               "name_ru", "name_uk"]  # the contract's fields, then its extensions (the names in ru and uk)


def test_law_rules_json_lists_every_rule_with_stable_fields(cli) -> None:
    data = cli.json("law", "rules", "--on", "2025-09-29", "--json")
    assert data["as_of"] == "2025-09-29"
    by_code = {r["code"]: r for r in data["rules"]}
    assert set(by_code) == set(EXPECTED)
    for code, r in by_code.items():
        assert list(r) == RULE_FIELDS, code
        frm, to, period, fact, provision = EXPECTED[code]
        assert (r["valid_from"], r["valid_to"], r["period"], r["fact_status"]) == (frm, to, period, fact)
        assert provision in {f"{b['law']} {b['provision']}" for b in r["legal_basis"]}
        assert r["sources"] and all({"title", "consulted"} <= set(s) for s in r["sources"])
    assert by_code["ssw1_six_year_ceiling"]["in_force"] is False  # from 2025-09-30 (law.md §1.4)
    assert by_code["special_permission_on_application"]["in_force"] is True
    assert by_code["visa_waiver_six_month_extension"]["nationalities"] == list(VISA_WAIVER)
    only = cli.json("law", "rules", "--on", "2025-09-29", "--in-force", "--json")
    # in force on 2025-09-29: every rule whose dates (EXPECTED, from law.md) include that day
    day = "2025-09-29"
    assert {r["code"] for r in only["rules"]} == {
        c for c, (frm, to, *_) in EXPECTED.items() if (frm is None or frm <= day) and (to is None or day <= to)}
    assert "ssw1_six_year_ceiling" not in {r["code"] for r in only["rules"]}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_law_rules_table_shows_every_code_whole(cli, monkeypatch, width: int, lang: str) -> None:
    from zairyu.cli.common import console

    monkeypatch.setattr(console, "width", width)
    res = cli("law", "rules", "--on", "2026-01-01", "--lang", lang)
    assert res.exit_code == 0, res.output
    words = set(res.stdout.split())
    assert set(EXPECTED) <= words
    # a rule whose fact is unverified is marked so, in the language asked for (fact_status.unverified)
    assert "2025-09-30" in res.stdout and "2027-03-31" in res.stdout
    assert ("[未確認]" if lang == "ja" else "[unverified]") in res.stdout
    assert ("施行規則第21条の2" if lang == "ja" else "Ordinance Art. 21-2") in res.stdout


def test_law_check_lists_rules_and_schema_covers_the_rules_file(cli) -> None:
    report = cli.json("law", "check", "--today", "2026-11-25", "--json")
    unverified = {f["what"]: f["why"] for f in report["unverified"]}
    assert unverified["rule pr_three_years_counts_as_longest"] == "Its end is unverified."
    strict = cli.json("law", "check", "--today", "2026-11-25", "--max-age-days", "100", "--json")
    stale = {f["what"] for f in strict["stale"]}
    assert "rule ssw1_six_year_ceiling" in stale  # its source was last read on 2026-03-31
    import json

    schema = json.loads(cli("schema", "law").stdout)
    assert set(schema["$defs"]["RuleParameter"]["required"]) >= {"code", "legal_basis", "sources", "fact_status"}
    whole = json.loads(cli("schema", "law", "--whole").stdout)
    assert "rules" in whole["properties"]
