"""Every line of a deadline's trace ("how this date was computed") reads in Japanese, Russian and Ukrainian.

The calendar writes its trace lines from the English of one catalogue (``TRACE_TEXTS``); a reader of another
language sees each line through ``localize_trace``. Coverage is checked on the deadlines of every assessment
scenario, of the demo office and of a few thousand varied (seeded) facts: no line may stay English.
"""

from __future__ import annotations

import random
import re
import string
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.assess.test_scenarios import SCENARIOS, load

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.texts import LANGS
from zairyu.calendar.trace_texts import TRACE_TEXTS, _patterns, localize_trace
from zairyu.errors import ZairyuError
from zairyu.facts import parse_facts

CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
UKRAINIAN_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
RUSSIAN_ONLY = re.compile(r"[ЫыЭэЁёЪъ]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ON = date(2026, 11, 25)


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(TRACE_TEXTS))
def test_every_trace_message_has_four_languages_with_the_same_fields(key: str) -> None:
    entry = TRACE_TEXTS[key]
    assert set(entry) == set(LANGS)
    for lang in ("ja", "ru", "uk"):
        assert _fields(entry[lang]) == _fields(entry["en"]), lang
    words = re.sub(r"\{\w+\}", "", entry["en"]).replace("month(s)", "").replace("day(s)", "").replace(
        "months", "").replace("days", "").replace("years", "")
    if re.search(r"[a-z]{3}", words):  # not only arithmetic ("{start} + {months} month(s) → {end}")
        assert JAPANESE.search(entry["ja"]) and CYRILLIC.search(entry["ru"]) and CYRILLIC.search(entry["uk"])
    assert not UKRAINIAN_ONLY.search(entry["ru"]), "Ukrainian letters in the Russian text"
    assert not RUSSIAN_ONLY.search(entry["uk"]), "Russian letters in the Ukrainian text"


# --------------------------------------------------------------------------------------------------
# the corpus: every trace line the calendar writes for varied facts
# --------------------------------------------------------------------------------------------------

_STATUSES = ["temporary_visitor", "student", "engineer_humanities_intl", "dependent", "spouse_child_of_japanese",
             "permanent_resident", "hsp_2", "long_term_resident", "designated_activities", "ssw_1",
             "special_permanent_resident", "spouse_child_of_pr", "business_manager", "titp_1a"]
_PERIODS = ["P15D", "P30D", "P90D", "P3M", "P4M", "P6M", "P1Y", "P1Y3M", "P2Y", "P3Y", "P5Y", "P3M15D"]
_GRANTS = ["landing", "change", "extension", "acquisition", "permanent_residence", "special_permission", None]
_EVENTS = ["divorce", "spouse_death", "moved", "left_organization", "joined_organization", "stopped_activity",
           "card_lost", "arrived", "birth", "address_notified", "left_address", "card_issued", "coe_issued",
           "separated", "activity_resumed", "organization_notified", "spouse_notified", "card_reissue_applied"]
_PROCEDURES = ["change_of_status", "extension_of_stay", "permanent_residence", "acquisition_of_status"]

# the lines random facts seldom reach: a stay known only by its expiry (period unknown) with an extension
# pending; a grant before the law data begins
RARE: list[tuple[dict[str, Any], date]] = [
    ({"stay": {"status": "student", "expires_on": "2026-12-20"},
      "pending_application": {"procedure": "extension_of_stay", "filed_on": "2026-11-20"}}, ON),
    ({"stay": {"status": "student", "period": "P1Y", "granted_on": "2011-04-01", "granted_by": "landing"}},
     date(2012, 1, 10)),
]


def _day(r: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=r.randint(0, (hi - lo).days))


def _iso(d: date) -> str:
    return d.isoformat()


def varied_facts(r: random.Random) -> tuple[dict[str, Any], date]:
    """Facts of one (made-up) person and an as-of date: stays of many statuses, periods and grants; events;
    pending applications; departures; cards; children; births in Japan; certificates of eligibility."""
    on = _day(r, date(2020, 1, 1), date(2027, 6, 30))
    person: dict[str, Any] = {"nationality": r.choice(["RU", "UA", "VN", "CN", "MM"])}
    if r.random() < 0.7:
        person["birth_date"] = _iso(_day(r, date(1960, 1, 1), on - timedelta(days=30)))
    facts: dict[str, Any] = {"person": person}
    if r.random() < 0.08:  # born in Japan, no status yet
        born = on - timedelta(days=r.randint(0, 70))
        person.update(birth_date=_iso(born), born_in_japan=True)
        if r.random() < 0.5:
            facts["pending_application"] = {"procedure": "acquisition_of_status",
                                            "filed_on": _iso(born + timedelta(days=r.randint(1, 20)))}
        return facts, on
    status = r.choice(_STATUSES)
    granted = on - timedelta(days=r.randint(0, 900))
    stay: dict[str, Any] = {"status": status}
    grant = r.choice(_GRANTS)
    if grant:
        stay["granted_by"] = grant
    if r.random() < 0.9:
        stay["granted_on"] = _iso(granted)
    if status not in ("permanent_resident", "special_permanent_resident"):
        if r.random() < 0.75:
            stay["period"] = r.choice(_PERIODS)
        if grant == "extension":
            stay["previous_expires_on"] = _iso(granted - timedelta(days=r.randint(-20, 40)))
        if r.random() < 0.25:
            stay["expires_on"] = _iso(granted + timedelta(days=r.randint(20, 1200)))
    if r.random() < 0.5:
        stay["card_issued_on"] = _iso(granted + timedelta(days=r.randint(0, 3)))
    if r.random() < 0.2:
        stay["card_valid_until"] = _iso(granted + timedelta(days=r.randint(100, 2600)))
    if r.random() < 0.1:
        stay["card_number"] = "AB12345678CD"
    facts["stay"] = stay
    if r.random() < 0.15 and "birth_date" in person:  # a child
        person["birth_date"] = _iso(granted - timedelta(days=r.randint(100, 15 * 365)))
    facts["events"] = [{"kind": r.choice(_EVENTS), "on": _iso(_day(r, granted, on + timedelta(days=30)))}
                       for _ in range(r.randint(0, 4))]
    if r.random() < 0.35:
        filed = on - timedelta(days=r.randint(0, 200))
        pa: dict[str, Any] = {"procedure": r.choice(_PROCEDURES), "filed_on": _iso(filed)}
        if pa["procedure"] == "change_of_status":
            pa["target_status"] = "student"
        if r.random() < 0.3:
            pa["decided_on"] = _iso(filed + timedelta(days=r.randint(0, 120)))
        facts["pending_application"] = pa
    if r.random() < 0.2:
        left = on - timedelta(days=r.randint(0, 300))
        dep: dict[str, Any] = {"departed_on": _iso(left)}
        if r.random() < 0.5:
            dep["re_entry_permit_until"] = _iso(left + timedelta(days=r.randint(10, 1500)))
        else:
            dep["intends_to_return"] = r.random() < 0.8
        facts["departure"] = dep
    if r.random() < 0.2:
        facts["history"] = [{"status": r.choice(["temporary_visitor", "student", "designated_activities"]),
                             "from": _iso(granted - timedelta(days=r.randint(30, 400))),
                             "to": _iso(granted - timedelta(days=1))}]
    if r.random() < 0.1:
        facts["circumstances"] = {"coe_issued_on": _iso(on - timedelta(days=r.randint(0, 120)))}
    return facts, on


def _scenario_lines() -> set[str]:
    out: set[str] = set()
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(str(sc["date"]))
        for d in compute_deadlines(parse_facts(sc["facts"]), on):
            out.update(d.trace)
    return out


def _demo_lines(tmp: Path) -> set[str]:
    """The traces the demo office stores (read back from its database, as the pages read them)."""
    from zairyu.cases import db
    from zairyu.cases import models as m
    from zairyu.cases import services as sv
    from zairyu.cases.demo import create_demo

    url = f"sqlite:///{tmp / 'demo.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    try:
        with db.transaction(engine) as s:
            create_demo(s, ON, sv.Actor("test"))
            return {t for trace in s.scalars(select(m.Deadline.trace)) for t in trace}
    finally:
        db.dispose_engine(url)


def _varied_lines(n: int = 6000) -> set[str]:
    r = random.Random(20261125)
    out: set[str] = set()
    cases = [varied_facts(r) for _ in range(n)] + RARE
    for facts, on in cases:
        try:
            items = compute_deadlines(parse_facts(facts), on)
        except ZairyuError:
            continue  # contradictory made-up facts are refused, as they should be
        for d in items:
            out.update(d.trace)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    return {"scenarios": _scenario_lines(), "demo": _demo_lines(tmp_path_factory.mktemp("demo")),
            "varied": _varied_lines()}


def _not_localized(lines: set[str]) -> list[str]:
    misses = []
    for line in sorted(lines):
        for lang, script in (("ja", JAPANESE), ("ru", CYRILLIC), ("uk", CYRILLIC)):
            out = localize_trace(line, lang)
            if out == line or not script.search(out) or set(ISO_DATE.findall(out)) != set(ISO_DATE.findall(line)):
                misses.append(f"{lang}: {line!r} → {out!r}")
    return misses


@pytest.mark.parametrize("source", ["scenarios", "demo", "varied"])
def test_every_trace_line_is_shown_in_japanese_russian_and_ukrainian(corpus: dict[str, set[str]],
                                                                       source: str) -> None:
    lines = corpus[source]
    assert len(lines) > (20 if source != "varied" else 1000)
    misses = _not_localized(lines)
    assert not misses, f"{len(misses)} of {len(lines) * 3} trace lines not localized:\n" + "\n".join(misses[:40])


def test_each_trace_line_is_read_as_exactly_one_message_and_every_message_is_written(
        corpus: dict[str, set[str]]) -> None:
    lines = set().union(*corpus.values())
    used: set[str] = set()
    twice = []
    for line in lines:
        keys = [key for key, _, pat in _patterns() if pat.fullmatch(line)]
        used.update(keys)
        if len(keys) > 1:
            twice.append(f"{line!r}: {keys}")
    assert not twice, "\n".join(twice[:20])
    assert not set(TRACE_TEXTS) - used, f"messages the calendar never wrote: {sorted(set(TRACE_TEXTS) - used)}"


# --------------------------------------------------------------------------------------------------
# translations checked by hand
# --------------------------------------------------------------------------------------------------

def test_counting_from_the_landing_day_in_russian_and_ukrainian() -> None:
    facts = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01",
                      "granted_by": "landing"}}
    exp = next(d for d in compute_deadlines(parse_facts(facts), ON) if d.kind == "expiry_of_stay")
    first = "landing: the period runs from 2026-10-01; that first day is not counted"
    assert first in exp.trace  # the stored English is unchanged
    assert localize_trace(first, "ru") == "Въезд: срок отсчитывается от 2026-10-01; этот первый день не засчитывается"
    assert localize_trace(first, "uk") == "В'їзд: строк відраховується від 2026-10-01; цей перший день не зараховується"
    assert localize_trace(first, "ja") == "上陸：在留期間は2026-10-01から進行し、その初日は算入しません"
    assert [localize_trace(t, "ru") for t in exp.trace[-2:]] == [
        "+ 90 дней → 2026-12-30", "Срок пребывания заканчивается в конце дня 2026-12-30"]


def test_periods_statuses_and_holidays_are_written_in_the_readers_language() -> None:
    assert localize_trace("period P1Y3M ≥ 6 months: earliest about 3 months before expiry → 2026-02-01", "ja") \
        == "在留期間1年3月（6か月以上）：申請は満了日の概ね3か月前から → 2026-02-01"
    assert localize_trace("period P1Y is allowed for engineer_humanities_intl on 2026-04-01 (Ordinance Art. 3, App. "
                          "Table II)", "ru") == (
        "Срок 1 год допустим для статуса «Инженер/специалист в гуманитарной сфере/международных услугах» на "
        "2026-04-01 (Ordinance Art. 3, App. Table II)")
    assert localize_trace("expiry 2026-05-03 is an administrative holiday (憲法記念日): filing is accepted on the "
                          "next open day 2026-05-07; the period of stay still ends on 2026-05-03", "uk") == (
        "Дата закінчення строку 2026-05-03 — неробочий день державних органів (День конституції): заяву приймають "
        "найближчого робочого дня 2026-05-07; строк перебування все одно закінчується 2026-05-03")
    assert localize_trace("2026-11-10 + 14 days (the day of the event not counted) → 2026-11-24", "uk") \
        == "2026-11-10 + 14 днів (день події не зараховується) → 2026-11-24"
    assert localize_trace("extension_of_stay filed on 2026-11-20, on or before the last filing day: Art. 20(6) "
                          "applies", "ru") == (
        "Продление срока пребывания: заявление подано 2026-11-20, не позднее последнего дня подачи: применяется "
        "Art. 20(6)")
    assert localize_trace("left_address on 2025-08-01; no address_notified event since", "ru") == (
        "Выезд с заявленного адреса 2025-08-01; с тех пор нет записи об уведомлении об адресе (address_notified)")


def test_a_line_that_is_no_message_and_english_stay_as_they_are() -> None:
    old = "a line written by an older version of zairyu"
    assert localize_trace(old, "ru") == old
    line = "landing: the period runs from 2026-10-01; that first day is not counted"
    assert localize_trace(line, "en") == line
    assert localize_trace(line, "xx") == line
