"""The law data's texts a reader needs to understand a status — what it allows (its activities), the note on
work (hours, the employer) and who a row of periods is for — are given in Japanese, English, Russian and
Ukrainian, each in its own script; a language the data does not have falls back to English."""

from __future__ import annotations

import re

from zairyu.law.catalogue import packaged_law

RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _check(ru: str | None, uk: str | None, where: str) -> None:
    assert ru and uk, f"{where}: a Russian and a Ukrainian text"
    assert not UKRAINIAN_ONLY.search(ru), f"{where}: Ukrainian letters in the Russian text"
    assert not RUSSIAN_ONLY.search(uk), f"{where}: Russian letters in the Ukrainian text"
    for text in (ru, uk):  # the programme's own name (J-Skip) is written as it is
        assert not LATIN_WORD.search(text.replace("J-Skip", "")), f"{where}: an English word left in {text!r}"


def test_every_status_says_what_it_allows_in_every_language() -> None:
    statuses = packaged_law().statuses
    assert len(statuses) >= 40
    for s in statuses:
        _check(s.activity_ru, s.activity_uk, f"{s.code}.activity")
        assert s.activity("ru") == s.activity_ru and s.activity("ja") == s.activity_ja
        assert s.activity("eo") == s.activity_en  # a language the data does not have: English
        if s.employment_note:
            _check(s.employment_note_ru, s.employment_note_uk, f"{s.code}.employment_note")
            assert s.employment_note_ja and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", s.employment_note_ja)
            assert s.employment_note_in("en") == s.employment_note
            assert s.employment_note_in("ja") == s.employment_note_ja
        else:
            assert not (s.employment_note_ja or s.employment_note_ru or s.employment_note_uk), s.code
        for p in s.periods:
            for r in p.rows:
                _check(r.applies_to_ru, r.applies_to_uk, f"{s.code}.periods.rows.{r.row}")


def test_a_status_in_russian_keeps_its_numbers() -> None:
    """A translation says the same thing: the hours, articles and point thresholds of the English note
    (Student: 28 hours a week, 8 a day in long vacations, Art. 19(2); law/data/statuses_i3_i4.yaml) are in it."""
    for s in packaged_law().statuses:
        for text in (s.activity_ru, s.activity_uk):
            assert set(re.findall(r"\d+", s.activity_en)) <= set(re.findall(r"\d+", text or "")), s.code
        if s.employment_note:
            numbers = set(re.findall(r"\d+", s.employment_note))
            for text in (s.employment_note_ja, s.employment_note_ru, s.employment_note_uk):
                assert numbers <= set(re.findall(r"\d+", text or "")), (s.code, text)


def test_every_group_of_statuses_has_a_name() -> None:
    """`zairyu status ssw_1` wrote its group as a code ("区分 ssw"); a group is named in each catalogue
    (status_group.<code>: 特定技能, Особо квалифицированный работник)."""
    from zairyu.messages import catalogue, languages

    groups = {s.parent for s in packaged_law().statuses if s.parent}
    assert groups == {"hsp", "ssw", "titp"}
    for lang in languages():
        assert all(f"status_group.{g}" in catalogue(lang) for g in groups), lang


def _bases(node: object) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        own = [(node["law"], node["provision"])] if {"law", "provision"} <= node.keys() else []
        return own + [b for v in node.values() for b in _bases(v)]
    if isinstance(node, list):
        return [b for v in node for b in _bases(v)]
    return []


def test_every_law_and_named_provision_in_the_data_is_cited_in_every_language() -> None:
    """`zairyu law rules --lang ja` cited "Special Act on Immigration Control第23条" and "Act No. 60 of
    2024「Suppl. Provisions」": a law the catalogues did not name, and the Special Act under a second name. Every law
    the data cites has its name in each catalogue (law.<name>), and a provision given by name (not an article) its
    words (provision.<name>)."""
    from zairyu.messages import catalogue
    from zairyu.messages.citation import parse_provision

    bases = set(_bases(packaged_law().model_dump(mode="json")))
    assert ("Special Act", "Art. 23") in bases
    for lang in ("ja", "ru", "uk"):
        cat = catalogue(lang)
        assert {law for law, _ in bases if f"law.{law}" not in cat} == set(), lang
        named = {p for _, p in bases if parse_provision(p) is None}
        assert {p for p in named if f"provision.{p}" not in cat} == set(), lang


def test_every_special_measure_has_a_name_in_every_language() -> None:
    """A requirement met by a special measure named it by its code («ukraine_evacuees»); each measure has a name in
    ja/en/ru/uk (law/data/measures.yaml)."""
    for m in packaged_law().measures:
        _check(m.name_ru, m.name_uk, f"{m.code}.name")


def test_every_dated_rule_is_named_in_every_language() -> None:
    """`zairyu law rules --lang uk` named each rule in English; each rule has a Russian and a Ukrainian name that
    keeps the English name's numbers (5 years, Arts. 140 and 143, 2025-10-16)."""
    rules = packaged_law().rules
    assert len(rules) >= 29
    for r in rules:
        _check(r.name_ru, r.name_uk, f"{r.code}.name")
        for text in (r.name_ru, r.name_uk):
            assert set(re.findall(r"\d+", r.name_en)) <= set(re.findall(r"\d+", text or "")), (r.code, text)
        assert r.name("uk") == r.name_uk and r.name("ja") == r.name_ja and r.name("eo") == r.name_en
