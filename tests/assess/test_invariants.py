"""Properties every assessment keeps, whatever the facts (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.calendar.admin_days import is_closed
from zairyu.errors import ZairyuError
from zairyu.facts import parse_facts
from zairyu.law.catalogue import catalogue
from zairyu.messages import render
from zairyu.rules import assess
from zairyu.rules.interview import QUESTIONS

STRUCTURED = {"history", "events", "family", "departure"}
TRI = st.sampled_from([True, False, None])
ON = date(2025, 6, 2)
CODES = sorted(s.code for s in catalogue(ON).statuses if s.periods.values and s.code != "diplomat")


@st.composite
def people(draw: st.DrawFn) -> tuple[dict[str, Any], date]:
    on = ON + timedelta(days=draw(st.integers(-1200, 600)))
    code = draw(st.sampled_from(CODES))
    sv = catalogue(on).status(code) if catalogue(on).has_status(code) else None
    if sv is None or not sv.periods.values:
        code, sv = "student", catalogue(on).status("student")
    period = draw(st.sampled_from(sv.periods.values)) if sv.periods.values else "P1Y"
    granted = on - timedelta(days=draw(st.integers(0, 400)))
    facts: dict[str, Any] = {
        "person": {"nationality": draw(st.sampled_from(["RU", "UA", "MM", "AF", "DE", "US", None]))},
        "stay": {"status": code, "period": period, "granted_on": granted.isoformat(), "granted_by": "change"},
        "goal": {"status": draw(st.sampled_from(["student", "engineer_humanities_intl", "permanent_resident",
                                                 "temporary_visitor", None])),
                 "activity_fits": draw(TRI), "meets_landing_criteria": draw(TRI)},
        "circumstances": {k: draw(TRI) for k in ("cannot_return_safely", "fear_of_persecution_convention_reason",
                                                 "serious_harm_feared", "medical_treatment",
                                                 "in_deportation_proceedings", "intends_to_leave_promptly")},
        "conduct": {k: draw(TRI) for k in ("criminal_record", "independent_livelihood", "taxes_paid",
                                           "pension_and_insurance_paid", "notifications_complied",
                                           "engaged_in_status_activity", "previously_deported", "has_passport")},
    }
    if draw(st.booleans()):
        facts["residence_in_japan_since"] = (granted - timedelta(days=draw(st.integers(0, 5000)))).isoformat()
    return facts, on


@settings(max_examples=120, deadline=None)
@given(people())
def test_verdicts_follow_from_requirements_and_dates_are_sound(case: tuple[dict[str, Any], date]) -> None:
    facts, on = case
    try:
        a = assess(parse_facts(facts), on)
    except ZairyuError:
        return  # a period the law did not allow on the grant date: an input error, named by the calendar
    for o in a.options:
        results = {r.result for r in o.requirements}
        assert o.requirements and all(r.legal_basis for r in o.requirements), o.key
        if "unmet" in results:
            assert o.verdict == "ineligible", o.key
        elif "unknown" in results:
            assert o.verdict == "needs_facts" and o.missing_facts, o.key
        else:
            assert o.verdict in ("eligible", "discretionary"), o.key
        assert set(o.missing_facts) - set(QUESTIONS) <= STRUCTURED, o.key
        if o.file_by and o.file_by_legal:
            assert o.file_by >= o.file_by_legal and not is_closed(o.file_by), o.key
        if o.cured_on:
            assert o.verdict == "ineligible" and o.cured_on > on, o.key
        ex = o.explanation()
        assert render(ex, "ja") and render(ex, "en")
        assert o.fee is not None and "counter" in o.fee and "online" in o.fee
