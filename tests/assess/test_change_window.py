"""A change of status may be filed from when its reason arises up to the expiry; the "about 3 months before
expiry" window is ISA's rule for extensions only (law.md §12 [PRACTICE: hiroseoffice.com,
visa.hakobune-gyosei.net/change]; law.md §2.4 for the extension window)."""

from __future__ import annotations

from datetime import date

from zairyu.facts import parse_facts
from zairyu.messages import render
from zairyu.rules import assess

FACTS = {"stay": {"status": "student", "period": "P2Y", "granted_on": "2023-04-01"},
         "goal": {"status": "engineer_humanities_intl", "activity_fits": True, "meets_landing_criteria": True}}


def _result() -> dict:
    return assess(parse_facts(FACTS), date(2024, 6, 3)).to_json()


def test_the_change_option_does_not_carry_the_extension_window() -> None:
    opt = next(o for o in _result()["options"]
               if (o["procedure"], o["target_status"]) == ("change_of_status", "engineer_humanities_intl"))
    assert opt["earliest_filing_day"] == "2024-06-03"
    assert not any("3 months before expiry →" in line for line in opt["trace"]), opt["trace"]
    assert any("when its reason arises" in line for line in opt["trace"]), opt["trace"]
    for lang, words in (("en", "as soon as its reason arises"), ("ja", "変更の事由"), ("ru", "как только возникло"),
                        ("uk", "щойно виникла")):
        assert words in opt["explanation"][lang], (lang, opt["explanation"][lang])


def test_the_earliest_filing_deadline_speaks_of_extensions_only() -> None:
    deadlines = assess(parse_facts(FACTS), date(2024, 6, 3)).deadlines
    d = next(d for d in deadlines if d.kind == "earliest_filing_day")
    en = render(d.text, "en") if not isinstance(d.text, str) else d.text
    assert "extension application is accepted" in en and "extension or change" not in en
