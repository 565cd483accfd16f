"""Every requirement, discretionary factor, note, explanation, document and processing time the
assessment gives exists in Japanese, English, Russian and Ukrainian (English only where the law data
truly has no translation — none today)."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.assess.test_scenarios import SCENARIOS, load

from zairyu.facts import parse_facts
from zairyu.glossary import PROCEDURES
from zairyu.law.loader import packaged_law
from zairyu.rules import assess
from zairyu.rules.texts import RULE_TEXTS

SRC = Path(__file__).parent.parent.parent / "src" / "zairyu" / "rules"
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
LANGS = ("ja", "en", "ru", "uk")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(RULE_TEXTS))
def test_every_rule_text_has_four_languages(key: str) -> None:
    entry = RULE_TEXTS[key]
    assert set(entry) == set(LANGS) and all(entry[lang] for lang in LANGS)
    assert _fields(entry["ru"]) == _fields(entry["uk"])
    words = re.sub(r"\{\w+\}", "", entry["en"])
    if re.search(r"[A-Za-z]{3}", words):  # a sentence, not only a frame like "{name}: {verdict}"
        assert CYRILLIC.search(entry["ru"]) and CYRILLIC.search(entry["uk"]), key


@pytest.fixture(scope="module")
def options() -> list[dict[str, Any]]:
    out = []
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(str(sc["date"]))
        out += [o.to_json() for o in assess(parse_facts(sc["facts"]), on).options]
    return out


def test_every_requirement_id_is_covered_and_has_four_languages(options: list[dict[str, Any]]) -> None:
    in_code = set(re.findall(r'Requirement\.of\(\s*"(\w+)"', "".join(p.read_text() for p in SRC.rglob("*.py"))))
    seen: set[str] = set()
    for opt in options:
        for r in opt["requirements"] + opt["discretionary_factors"]:
            seen.add(r["id"])
            assert set(r["text"]) == set(LANGS)
            for lang in ("ru", "uk"):
                assert CYRILLIC.search(r["text"][lang]) and r["text"][lang] != r["text"]["en"], (r["id"], lang)
                if "note" in r:
                    assert set(r["note"]) == set(LANGS)
                    assert r["note"][lang] != r["note"]["en"] or not re.search(r"[a-z]{3}", r["note"]["en"]), r
    assert in_code <= seen, f"requirements no scenario shows: {sorted(in_code - seen)}"


def test_explanations_are_written_in_the_readers_language(options: list[dict[str, Any]]) -> None:
    for opt in options:
        ex = opt["explanation"]
        assert set(ex) == set(LANGS)
        for lang in ("ru", "uk"):
            assert not re.search(r"\b(Not met|Unknown|Discretionary|A requirement is not met)\b", ex[lang]), ex[lang]
            if opt["variant"] != "special":
                assert ex[lang].startswith(PROCEDURES[opt["procedure"]][lang]), (ex[lang], opt["procedure"])
        for d in opt["documents"]:
            assert d["ja"] and CYRILLIC.search(d["ru"]) and CYRILLIC.search(d["uk"]), d
        if opt["processing_time"]:
            assert CYRILLIC.search(opt["processing_time"]["ru"]) and CYRILLIC.search(opt["processing_time"]["uk"])


def test_law_data_gives_documents_processing_times_and_measures_in_russian_and_ukrainian() -> None:
    law = packaged_law()
    for p in law.procedures:
        docs = list(p.documents) + [d for ds in p.status_documents.values() for d in ds]
        for d in docs:
            assert d.ru and d.uk and CYRILLIC.search(d.ru) and CYRILLIC.search(d.uk), (p.code, d.id)
        if p.processing_time is not None:
            assert p.processing_time.ru and p.processing_time.uk, p.code
    for m in law.measures:
        assert m.summary_ru and m.summary_uk and CYRILLIC.search(m.summary_ru), m.code


def test_the_ukrainian_evacuee_measure_reads_in_ukrainian() -> None:
    facts = parse_facts({"person": {"nationality": "UA"},
                         "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01",
                                  "granted_by": "landing"}})
    opt = assess(facts, date(2026, 11, 25)).option("change_of_status:designated_activities")
    assert opt is not None and opt.measure == "ukraine_evacuees"
    j = opt.to_json()
    assert "«Визначена діяльність» (1 рік, роботу дозволено)" in j["explanation"]["uk"]
    req = next(r for r in j["requirements"] if r["id"] == "special_unavoidable_circumstances")
    assert req["text"]["uk"] == "Особливі невідворотні обставини: особливий захід ISA «ukraine_evacuees»"
    fits = next(r for r in j["requirements"] if r["id"] == "activity_fits_status")
    assert fits["text"]["ru"] == "Планируемая деятельность соответствует статусу «Особая деятельность»"
