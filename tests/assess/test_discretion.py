"""Judgments left to the Minister come out ``discretionary`` (never ``met``), with what supports them."""

from __future__ import annotations

from datetime import date

from zairyu.facts import parse_facts
from zairyu.rules import assess


def _req(facts: dict, on: date, proc: str, rid: str) -> dict:
    j = assess(parse_facts(facts), on).to_json()
    opt = next(o for o in j["options"] if o["procedure"] == proc)
    return next(r for r in opt["requirements"] if r["id"] == rid)


def test_special_permission_names_what_supports_it() -> None:
    """ICRRA Art. 50(1); SPS guideline's positive factors (law.md §6.4)."""
    facts = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-01-10"},
             "circumstances": {"in_deportation_proceedings": True, "cannot_return_safely": True},
             "family": [{"relation": "child", "nationality": "JP"}]}
    r = _req(facts, date(2024, 6, 10), "special_permission_to_stay", "special_circumstances")
    assert r["result"] == "discretionary" and r["discretionary"] is True
    assert "cannot return safely" in r["note"]["en"] and "family in Japan" in r["note"]["en"]
    assert "安全に帰国できない" in r["note"]["ja"]


def test_special_permission_without_support_says_so() -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-01-10"},
             "circumstances": {"in_deportation_proceedings": True}}
    r = _req(facts, date(2024, 6, 10), "special_permission_to_stay", "special_circumstances")
    assert r["result"] == "discretionary"
    assert "nothing in the facts" in r["note"]["en"]
