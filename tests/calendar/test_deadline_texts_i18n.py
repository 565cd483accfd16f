"""Every deadline explanation exists in Japanese, English, Russian and Ukrainian, from one catalogue; a
deadline stored with only ja/en (before ru/uk existed) is read back into Russian and Ukrainian."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.assess.test_scenarios import load

from zairyu.calendar.deadlines import KINDS, Deadline, compute_deadlines
from zairyu.calendar.ics import deadlines_to_ics
from zairyu.calendar.texts import DEADLINE_TEXTS, LANGS, describe_period, localize, plural
from zairyu.duration import Duration
from zairyu.facts import parse_facts

SCENARIOS = sorted((Path(__file__).parent.parent / "assess" / "scenarios").glob("*.yaml"))
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
UKRAINIAN_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
RUSSIAN_ONLY = re.compile(r"[ЫыЭэЁёЪъ]")

# facts for the kinds the scenarios do not produce: a permanent resident's 7-year card and its renewal
# window; an engineer who moved and left the employer (notifications, revocation risk)
PR_CARD = {"person": {"nationality": "CN", "birth_date": "1980-05-01"},
           "stay": {"status": "permanent_resident", "granted_on": "2020-04-01", "granted_by": "permanent_residence",
                    "card_issued_on": "2020-04-01"}}
MOVED = {"person": {"nationality": "VN"},
         "stay": {"status": "engineer_humanities_intl", "period": "P1Y", "granted_on": "2026-04-01",
                  "granted_by": "change"},
         "events": [{"kind": "moved", "on": "2026-11-10"}, {"kind": "left_organization", "on": "2026-11-01"}]}


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(DEADLINE_TEXTS))
def test_every_message_has_four_languages_with_the_same_fields(key: str) -> None:
    entry = DEADLINE_TEXTS[key]
    assert set(entry) == set(LANGS)
    en = _fields(entry["en"])
    assert _fields(entry["ru"]) == en and _fields(entry["uk"]) == en
    assert _fields(entry["ja"]) >= en
    assert CYRILLIC.search(entry["ru"]) and CYRILLIC.search(entry["uk"])
    assert not UKRAINIAN_ONLY.search(entry["ru"]), "Ukrainian letters in the Russian text"
    assert not RUSSIAN_ONLY.search(entry["uk"]), "Russian letters in the Ukrainian text"
    assert entry["ru"] != entry["uk"]


def _all_deadlines() -> list[Deadline]:
    out: list[Deadline] = []
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(str(sc["date"]))
        out += compute_deadlines(parse_facts(sc["facts"]), on)
    out += compute_deadlines(parse_facts(PR_CARD), date(2026, 11, 25))
    out += compute_deadlines(parse_facts(MOVED), date(2026, 11, 25))
    return out


@pytest.fixture(scope="module")
def deadlines() -> list[Deadline]:
    return _all_deadlines()


def test_every_deadline_kind_is_explained_in_four_languages(deadlines: list[Deadline]) -> None:
    assert {d.kind for d in deadlines} == set(KINDS)
    for d in deadlines:
        j: dict[str, Any] = d.to_json()
        assert set(j["explanation"]) == {"ja", "en", "ru", "uk"}
        for lang in ("ru", "uk"):
            text = d.explanation(lang)
            assert CYRILLIC.search(text), (d.kind, lang, text)
            assert " the " not in text and "Your " not in text, (d.kind, lang, text)
            # every date of the English text is in the translation too
            assert set(re.findall(r"\d{4}-\d{2}-\d{2}", d.explanation_en)) <= set(re.findall(r"\d{4}-\d{2}-\d{2}",
                                                                                           text))


def test_a_stored_deadline_with_only_ja_and_en_is_read_back_in_russian_and_ukrainian(
        deadlines: list[Deadline]) -> None:
    for d in deadlines:
        stored = Deadline(d.kind, d.date, d.legal_basis, d.explanation_ja, d.explanation_en, d.trace)
        assert stored.explanation("ru") == d.explanation_ru
        assert stored.explanation("uk") == d.explanation_uk


def test_an_unknown_english_text_stays_english() -> None:
    assert localize("A note someone typed by hand.", "ru") is None
    d = Deadline("expiry_of_stay", date(2026, 12, 30), [], "手書き", "A note someone typed by hand.", [])
    assert d.explanation("uk") == "A note someone typed by hand."


def test_the_special_period_reads_the_same_in_every_language() -> None:
    facts = parse_facts({"person": {"nationality": "RU"},
                         "stay": {"status": "student", "period": "P1Y", "expires_on": "2026-12-15"},
                         "pending_application": {"procedure": "extension_of_stay", "filed_on": "2026-12-01"}})
    sp = next(d for d in compute_deadlines(facts, date(2026, 12, 20)) if d.kind == "special_period_end")
    assert sp.date == date(2027, 2, 15)
    assert "2027-02-15" in sp.explanation_ja and "whichever is earlier" in sp.explanation_en
    assert sp.explanation_ru.startswith("Если решение по заявлению не будет принято до дня окончания срока")
    assert "(особый период)" in sp.explanation_ru and "(особливий період)" in sp.explanation_uk
    assert "Карта резидента на это время остаётся действительной." in sp.explanation_ru


def test_periods_and_plurals_in_russian_and_ukrainian() -> None:
    assert [plural(n, "year", "ru") for n in (1, 2, 5, 11, 21, 22, 25)] == [
        "1 год", "2 года", "5 лет", "11 лет", "21 год", "22 года", "25 лет"]
    assert [plural(n, "month", "uk") for n in (1, 3, 12, 14, 24)] == [
        "1 місяць", "3 місяці", "12 місяців", "14 місяців", "24 місяці"]
    assert describe_period(Duration(days=90), "ru") == "90 дней"
    assert describe_period(Duration(years=1, months=3), "uk") == "1 рік 3 місяці"
    assert describe_period(Duration(days=30), "ja") == "30日"


def test_calendar_file_in_ukrainian(deadlines: list[Deadline]) -> None:
    facts = parse_facts(MOVED)
    text = deadlines_to_ics(compute_deadlines(facts, date(2026, 11, 25)), person_label="V. Nguyen",
                            lang="uk").decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Строк повідомлення (адреса) — V. Nguyen" in unfolded
    assert "Ви переїхали 2026-11-10: заявіть нову адресу" in unfolded
    assert "Підстави: ICRRA Art. 19-9(1)" in unfolded


def test_a_filing_day_moved_past_a_holiday_names_the_holiday_in_the_readers_language() -> None:
    facts = parse_facts({"person": {"nationality": "RU"},
                         "stay": {"status": "student", "period": "P1Y", "expires_on": "2026-05-03"}})
    last = next(d for d in compute_deadlines(facts, date(2026, 4, 1)) if d.kind == "last_filing_day")
    assert last.filing_date == date(2026, 5, 7)
    assert "(憲法記念日)" in last.explanation_en
    assert "нерабочий день государственных органов (День конституции)" in last.explanation_ru
    assert "неробочий день державних органів (День конституції)" in last.explanation_uk


def test_every_day_offices_close_has_a_russian_and_ukrainian_name() -> None:
    from datetime import timedelta

    from zairyu.calendar.admin_days import closed_reason
    from zairyu.calendar.texts import closed_day_names
    from zairyu.law.models import COVERED_FROM, COVERED_TO

    d, seen = COVERED_FROM, set()
    while d <= COVERED_TO:
        reason = closed_reason(d)
        if reason and reason not in seen:
            seen.add(reason)
            names = closed_day_names(reason)
            assert CYRILLIC.search(names["ru"]) and CYRILLIC.search(names["uk"]), reason
        d += timedelta(days=1)
    assert {"土曜日", "日曜日", "年末年始（12月29日〜1月3日）", "憲法記念日"} <= seen
