"""The refugee procedure's steps, the refugee travel document's fee and the designations of Designated Activities
as law data (issue 11, "Procedures and duties still missing"). Each expected value names its source in law.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zairyu.errors import LawDataError
from zairyu.law.catalogue import catalogue
from zairyu.law.loader import DATA_DIR, load_dir
from zairyu.rules.common import fee_for


def test_refugee_procedures_are_in_the_catalogue_with_their_provisions() -> None:
    law = catalogue(date(2026, 1, 1))
    # law.md §6.2: 審査請求 within 7 days, Art. 61-2-9 (text in force 2024-04-01); free (§8.2: refugee
    # applications are free, the review is part of the same procedure)
    review = law.procedure("refugee_review_request")
    assert {b.provision for b in review.legal_basis} >= {"Art. 61-2-9(1)", "Art. 61-2-9(2)"}
    assert review.free
    # law.md §6.2: provisional stay, Art. 61-2-4(1) (confirmed for the 2024-04-01 text)
    assert "Art. 61-2-4(1)" in {b.provision for b in law.procedure("provisional_stay").legal_basis}
    # law.md §6.2: refugee travel document, Art. 61-2-12
    assert "Art. 61-2-12" in {b.provision for b in law.procedure("refugee_travel_document").legal_basis}


def test_refugee_travel_document_costs_5000_yen() -> None:
    # law.md §12: refugee travel document fee ¥5,000 (visa-consultation.jp fee page) — practice, not the Order
    fee = fee_for("refugee_travel_document", date(2026, 1, 1))
    assert (fee["counter"], fee["online"], fee["fact_status"]) == (5000, None, "practice")
    # the review request and provisional stay cost nothing (law.md §8.2: refugee applications are free)
    assert fee_for("refugee_review_request", date(2026, 1, 1))["counter"] == 0


def test_designations_say_which_are_public_notice_items() -> None:
    law = catalogue(date(2026, 1, 1))
    # 告示第46号 (visa-agent.net; tlg-visa.law) and 告示第5号 (xn--gmq34r9ubz2f8q4bhsf7n1d.com news-column)
    grad = law.designation("japanese_university_graduate")
    assert grad is not None and (grad.kokuji, grad.number, grad.period_row) == ("kokuji", "46", "一")
    wh = law.designation("working_holiday")
    assert wh is not None and wh.number == "5"
    # law.md §1.3: refugee-applicant, departure-preparation and country designations are outside the 告示 (row 三)
    for code in ("refugee_applicant", "departure_preparation", "ukraine_evacuee", "myanmar_measure"):
        d = law.designation(code)
        assert d is not None and (d.kokuji, d.number, d.period_row) == ("non_kokuji", None, "三"), code
    # law.md §2.8 / §12: Ordinance Art. 29-4 excludes refugee applicants from special re-entry
    ref = law.designation("refugee_applicant")
    assert ref is not None and ref.special_re_entry is False


def test_covid_designation_ended_by_2022_11_01() -> None:
    # law.md §12: the COVID-19 "unable to return" designations all ended by 2022-11-01 (nyukan-bengoshi.com)
    before = {d.code for d in catalogue(date(2022, 10, 31)).designations}
    after = {d.code for d in catalogue(date(2022, 11, 1)).designations}
    assert "covid_unable_to_return" in before and "covid_unable_to_return" not in after
    covid = catalogue(date(2022, 11, 1)).designation("covid_unable_to_return")
    assert covid is not None and covid.unverified_fields == ["valid_to"]


def test_a_designation_naming_an_unknown_measure_is_refused(tmp_path: Path) -> None:
    for f in DATA_DIR.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    p = tmp_path / "designations.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("measure: ukraine_evacuees", "measure: ukraine_evacuee_x"),
                 encoding="utf-8")
    with pytest.raises(LawDataError) as exc:
        load_dir(tmp_path)
    assert exc.value.field == "measure" and "ukraine_evacuee" in str(exc.value)


def test_a_number_on_a_designation_outside_the_notice_is_refused(tmp_path: Path) -> None:
    for f in DATA_DIR.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    p = tmp_path / "designations.yaml"
    old = "    kokuji: non_kokuji\n    period_row: 三\n    period: P6M"
    new = "    kokuji: non_kokuji\n    number: \"99\"\n    period_row: 三\n    period: P6M"
    p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(LawDataError) as exc:
        load_dir(tmp_path)
    assert "public notice" in str(exc.value)


def test_law_check_lists_the_designations_left_unverified() -> None:
    # law.md §12: the COVID designation's end ("ended by 2022-11-01") and job hunting's place outside the 告示 are
    # not confirmed; `zairyu law check` must say so
    from zairyu.law.check import check_law

    report = check_law(today=date(2026, 12, 5))
    found = {f.what: f.why for f in report.unverified}
    assert found["designation covid_unable_to_return fields"] == "valid_to"
    assert found["designation job_hunting fields"] == "kokuji"
    assert "designation afghanistan_measure" in found
