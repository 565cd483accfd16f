"""Beside the assessment: the public precedents sharing a discretionary route's procedure and target status,
most similar first, counted; only what was public on the as-of date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from zairyu.facts import load_facts
from zairyu.precedents.register import packaged_register
from zairyu.rules import assess

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "examples" / "facts" / "motivating_case_2023-01.json"
TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"


def _change(on: date) -> dict:
    a = assess(load_facts(FACTS), on, precedents=packaged_register())
    o = a.option("change_of_status:student")
    assert o is not None
    out = o.to_json()
    assert "precedents" in out
    return out["precedents"]


def test_the_2023_tokyo_decision_is_beside_the_change_to_student_once_public() -> None:
    # basis: the record's reported_on is 2023-07-30 (Kyodo News), decision May 2023 (law.md §7)
    p = _change(date(2023, 9, 1))
    assert [s["id"] for s in p["similar"]][:1] == [TOKYO]
    assert p["granted"] >= 1 and p["refused"] == 0 and p["public_on"] == "2023-09-01"
    first = p["similar"][0]
    assert set(first["shared_circumstances"]) == {"mobilisation", "political_opinion"}
    assert first["summary"]["ja"]["lang"] == "ja" and first["summary"]["ru"]["lang"] == "en"  # visible fallback
    assert first["sources"][0]["url"].startswith("https://english.kyodonews.net/")


def test_before_it_was_public_it_is_neither_shown_nor_counted() -> None:
    p = _change(date(2023, 1, 20))
    assert p == {"similar": [], "granted": 0, "refused": 0, "public_on": "2023-01-20"}
    # between the decision (May 2023) and its first report (2023-07-30) it was not public either
    assert _change(date(2023, 6, 15))["similar"] == []


def test_refugee_recognition_carries_the_base_rate_of_the_latest_published_year() -> None:
    a = assess(load_facts(FACTS), date(2023, 9, 1), precedents=packaged_register())
    o = a.option("refugee_recognition:long_term_resident") or next(
        x for x in a.options if x.procedure == "refugee_recognition")
    br = o.to_json()["precedents"]["base_rate"]
    # basis: law.md §9.3, 2022: 3,772 applications, 202 recognised (published 2023-03-24)
    assert (br["year"], br["applications"], br["recognised"]) == (2022, 3772, 202)


def test_without_a_register_the_answer_is_unchanged() -> None:
    a = assess(load_facts(FACTS), date(2023, 9, 1))
    assert all("precedents" not in o.to_json() for o in a.options)


def test_cli_assess_shows_them_in_the_four_languages(cli) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(cli("assess", str(FACTS), "--on", "2023-09-01", "--json").stdout)
    change = next(o for o in out["options"] if o["procedure"] == "change_of_status")
    assert change["precedents"]["similar"][0]["id"] == TOKYO
    ja = cli("assess", str(FACTS), "--on", "2023-09-01", "--lang", "ja").stdout
    assert "先例（2023-09-01時点で公表済み）" in ja and TOKYO in ja.replace("\n", "").replace("│", "").replace(" ", "")
    early = cli("assess", str(FACTS), "--on", "2023-01-20", "--lang", "en").stdout
    assert "No precedent on this route was public on 2023-01-20." in early and TOKYO not in early
