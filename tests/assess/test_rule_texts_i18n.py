"""Every requirement, discretionary factor, note, explanation, trace line, document and processing time the
assessment gives exists in Japanese, English, Russian and Ukrainian (English only where the law data
truly has no translation — none today). The rules write messages (``rule.*`` keys of the catalogues); they
are written in a language only where they are shown."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.assess.test_scenarios import SCENARIOS, load

from zairyu.errors import ZairyuError
from zairyu.facts import parse_facts
from zairyu.glossary import PROCEDURES
from zairyu.law.loader import packaged_law
from zairyu.messages import FALLBACK, Message, Messages, catalogue, render
from zairyu.rules import assess
from zairyu.rules.model import Assessment, Option

SRC = Path(__file__).parent.parent.parent / "src" / "zairyu" / "rules"
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
UKRAINIAN_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
RUSSIAN_ONLY = re.compile(r"[ЫыЭэЁёЪъ]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LANGS = ("ja", "en", "ru", "uk")
RULE_KEYS = sorted(k for k in catalogue(FALLBACK) if k.startswith("rule.") or k == "text.given")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", RULE_KEYS)
def test_every_rule_message_has_four_languages(key: str) -> None:
    entry = {lang: catalogue(lang).get(key) for lang in LANGS}
    assert all(entry[lang] for lang in LANGS), key  # in each catalogue itself: no falling back to English
    assert _fields(entry["ru"]) == _fields(entry["uk"]) == _fields(entry["en"])
    words = re.sub(r"\{\w+\}", "", entry["en"] or "")
    if re.search(r"[A-Za-z]{3}", words):  # a sentence, not only a frame like "{name}: {verdict}"
        assert CYRILLIC.search(entry["ru"] or "") and CYRILLIC.search(entry["uk"] or ""), key
        assert JAPANESE.search(entry["ja"] or ""), key
    assert not UKRAINIAN_ONLY.search(entry["ru"] or ""), ("Ukrainian letters in the Russian text", key)
    assert not RUSSIAN_ONLY.search(entry["uk"] or ""), ("Russian letters in the Ukrainian text", key)


def _walk(m: Any) -> Iterator[Message]:
    """A message and every message inside its parameters."""
    if isinstance(m, Message):
        yield m
        for v in m.params.values():
            yield from _walk(v)
    elif isinstance(m, (Messages, list, tuple)):
        for x in m:
            yield from _walk(x)


def _option_messages(o: Option) -> Iterator[Message]:
    for r in o.requirements + o.discretionary_factors:
        yield from _walk(r.text)
        yield from _walk(r.note)
    yield from _walk(o.explanation())
    yield from _walk(o.full_trace())


@pytest.fixture(scope="module")
def assessments() -> list[Assessment]:
    out = []
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(str(sc["date"]))
        out.append(assess(parse_facts(sc["facts"]), on))
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent.parent / "bench"))
    from bench_assess import person  # the benchmark's varied people

    rng = random.Random(20261125)
    for i in range(400):
        try:
            facts, on = person(rng, None if i % 2 else date(2025, 6, 2))
            out.append(assess(facts, on))
        except ZairyuError:
            continue
    return out


def test_every_message_the_assessment_writes_reads_in_the_language(assessments: list[Assessment]) -> None:
    keys: set[str] = set()
    for a in assessments:
        for o in a.options:
            for m in _option_messages(o):
                keys.add(m.key)
                for lang in ("ja", "ru", "uk"):
                    assert m.key in catalogue(lang), (lang, m.key)
        for n in a.notes:
            keys |= {m.key for m in _walk(n)}
    for lang in ("ja", "ru", "uk"):
        for a in assessments[:40]:
            for o in a.options:
                text = render(o.explanation(), lang)
                assert text and "{" not in text and "}" not in text, (lang, o.key)
    # the rules' own trace lines are among them (not English f-strings)
    assert {"rule.trace.requirement", "rule.trace.outcome", "rule.trace.pending_fee", "rule.trace.measure",
            "rule.trace.missing", "rule.trace.met_from", "rule.explain.head"} <= keys


def test_json_in_one_language_is_that_language_of_the_four(assessments: list[Assessment]) -> None:
    for a in assessments[:60]:
        full = a.to_json()
        for lang in ("ru", "ja"):
            one = a.to_json(langs=(lang,))
            assert one["deadlines"] == [d.to_json((lang,)) for d in a.deadlines]
            for of, oo in zip(full["options"], one["options"], strict=True):
                assert oo["explanation"] == {lang: of["explanation"][lang]}
                assert oo["trace"] == of["trace"]  # the trace stays English unless asked otherwise
                for rf, ro in zip(of["requirements"] + of["discretionary_factors"],
                                  oo["requirements"] + oo["discretionary_factors"], strict=True):
                    assert ro["text"] == {lang: rf["text"][lang]}
                    if "note" in rf:
                        assert ro["note"] == {lang: rf["note"][lang]}
                for df, do in zip(of["documents"], oo["documents"], strict=True):
                    assert do == {k: v for k, v in df.items() if k not in ("en", "ru", "uk") or k == lang}
                if of["processing_time"]:
                    assert oo["processing_time"] == {lang: of["processing_time"][lang]}


def test_the_trace_in_russian_is_russian(assessments: list[Assessment]) -> None:
    o = next(o for a in assessments for o in a.options if o.pending is not None)
    en, ru = o.trace_lines("en"), o.trace_lines("ru")
    assert en[-1].startswith("verdict: ") and ru[-1].startswith("итог: ")
    assert any(line.startswith("pending since ") for line in en)
    assert any(line.startswith("заявление подано ") for line in ru)
    assert all(not re.search(r"\b(met|unmet|unknown|verdict|missing)\b", line) for line in ru[-3:]), ru[-3:]


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
    # the measure by its name (law/data/measures.yaml name_uk), ISA by the law's name for it (law.ISA)
    assert req["text"]["uk"] == ("Особливі невідворотні обставини: особливий захід Агентства імміграційних послуг "
                                 "«Евакуйовані з України»")
    fits = next(r for r in j["requirements"] if r["id"] == "activity_fits_status")
    assert fits["text"]["ru"] == "Планируемая деятельность соответствует статусу «Особая деятельность»"
