"""Answers of ``POST /api/v1/assess`` kept for identical inputs (``zairyu.web.answers``): an answer asked again is
the same bytes as computing it afresh, and any change of what it is made from — the facts, the as-of date, the law
date, the language, the message catalogue, the law data, the precedent register — is computed again. Expected
values: the rules' own answer for the same inputs (``assess`` + ``Assessment.to_json`` + the API's encoder), and
the texts the tests write themselves into a catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import Office

from zairyu import messages
from zairyu.facts import parse_facts
from zairyu.law.catalogue import LawView, catalogue, content_digest
from zairyu.law.loader import packaged_law
from zairyu.precedents.register import Register, packaged_register
from zairyu.rules import assess
from zairyu.web.answers import ANSWERS, Answers, answer_key
from zairyu.web.responses import encode

# the motivating case of issue "One rule, one place" as bench/bench_web.py posts it
FACTS: dict[str, Any] = {
    "person": {"nationality": "RU"},
    "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-02-13",
             "granted_by": "extension", "previous_expires_on": "2023-02-13"},
    "goal": {"status": "student", "activity_fits": True, "meets_landing_criteria": True},
    "circumstances": {"cannot_return_safely": True, "school_admission": True}}
ON = date(2023, 4, 20)


@pytest.fixture(autouse=True)
def empty_store() -> Iterator[None]:
    ANSWERS.clear()
    yield
    ANSWERS.clear()


def _post(office: Office, facts: dict[str, Any], query: str = "lang=en&on=2023-04-20") -> Any:
    r = office.client("caseworker").post(f"/api/v1/assess?{query}", json=facts)
    assert r.status_code == 200, r.text
    return r


def _fresh(facts: dict[str, Any], on: date, lang: str, law_on: date | None = None) -> bytes:
    a = assess(parse_facts(facts), on, law=catalogue(law_on or on), precedents=packaged_register())
    return encode(a.to_json(langs=(lang,)))


def test_an_answer_asked_again_is_the_same_bytes_as_computed_afresh(office: Office) -> None:
    first = _post(office, FACTS)
    hits = ANSWERS.hits
    second = _post(office, FACTS)
    assert ANSWERS.hits == hits + 1, "the second identical request is answered from what was kept"
    assert second.content == first.content == _fresh(FACTS, ON, "en")
    assert second.headers["content-type"] == first.headers["content-type"] == "application/json"
    assert second.headers["content-language"] == "en" and second.headers["vary"] == "Accept-Language"


def test_other_facts_dates_or_language_are_computed_again(office: Office) -> None:
    _post(office, FACTS)
    older = {**FACTS, "person": {"nationality": "RU", "birth_date": "1990-04-01"}}
    assert _post(office, older).content == _fresh(older, ON, "en")
    assert _post(office, FACTS, "lang=ja&on=2023-04-20").content == _fresh(FACTS, ON, "ja")
    assert _post(office, FACTS, "lang=en&on=2023-05-20").content == _fresh(FACTS, date(2023, 5, 20), "en")
    assert (_post(office, FACTS, "lang=en&on=2023-04-20&law_date=2027-04-01").content
            == _fresh(FACTS, ON, "en", date(2027, 4, 1)))
    assert ANSWERS.misses == 5 and ANSWERS.hits == 0
    assert len(ANSWERS) == 5


def test_a_changed_catalogue_is_written_again(office: Office, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    before = _post(office, FACTS).json()
    key = "rule.holds_valid_status"  # "Holds a status of residence that has not expired", in this answer
    assert messages.catalogue("en")[key] in _post(office, FACTS).text
    extra = tmp_path / "messages"
    extra.mkdir()
    (extra / "en.yaml").write_text(f'{key}: "Holds a valid status (changed text)"\n', encoding="utf-8")
    monkeypatch.setenv(messages.EXTRA_DIR_ENV, str(extra))
    _read_catalogues_again()
    try:
        after = _post(office, FACTS)
        assert after.content != encode(before)
        assert b"Holds a valid status (changed text)" in after.content
        assert after.content == _fresh(FACTS, ON, "en")
    finally:
        monkeypatch.delenv(messages.EXTRA_DIR_ENV)
        _read_catalogues_again()
    assert _post(office, FACTS).json() == before


def _read_catalogues_again() -> None:
    """What a restarted server does: read the catalogues (and their templates) afresh."""
    messages.catalogue.cache_clear()
    messages._compiled.cache_clear()


def test_changed_law_data_is_another_key() -> None:
    facts = parse_facts(FACTS)
    law = packaged_law()
    view = catalogue(ON)
    changed_law = law.model_copy(update={"statuses": [
        s.model_copy(update={"name_en": s.name_en + " (changed)"}) if s.code == "student" else s
        for s in law.statuses]})
    changed = LawView(changed_law, view.on)
    assert content_digest(changed) != content_digest(view)
    reg = packaged_register()
    assert answer_key(facts, ON, changed, reg, ("en",)) != answer_key(facts, ON, view, reg, ("en",))
    store = Answers()
    assert store.body(answer_key(facts, ON, view, reg, ("en",)), lambda: {"law": "old"}) == b'{"law":"old"}'
    assert store.body(answer_key(facts, ON, changed, reg, ("en",)), lambda: {"law": "new"}) == b'{"law":"new"}'


def test_a_changed_precedent_is_another_key() -> None:
    facts = parse_facts(FACTS)
    reg = packaged_register()
    first = reg.records[0]
    changed = Register([first.model_copy(update={"summary_en": "changed"}), *reg.records[1:]])
    assert changed.digest != reg.digest
    view = catalogue(ON)
    assert answer_key(facts, ON, view, changed, ("en",)) != answer_key(facts, ON, view, reg, ("en",))


def test_only_the_most_recent_answers_are_kept() -> None:
    store = Answers(size=2)
    for k in ("a", "b", "c"):
        store.body((k,), lambda k=k: {"k": k})  # type: ignore[misc]
    assert len(store) == 2
    assert store.body(("a",), lambda: {"k": "again"}) == b'{"k":"again"}'  # "a" went first


def test_a_serving_process_keeps_its_start_out_of_the_collectors_way(tmp_path: Path) -> None:
    """``zairyu serve`` builds its app with ``app_from_env``: the objects made at start are frozen and the
    collector's thresholds are the serving ones (docs/bench-web.md: about a sixth of a new answer's time went to
    the collector walking short-lived objects). Run in a process of its own: it changes that process's collector."""
    code = ("import gc; from zairyu.web.app import app_from_env, GC_THRESHOLD; app_from_env(); "
            "print(gc.get_threshold() == GC_THRESHOLD, gc.get_freeze_count() > 10000)")
    env = {**os.environ, "ZAIRYU_DATA_DIR": str(tmp_path), "ZAIRYU_DATABASE_URL": f"sqlite:///{tmp_path / 'z.db'}"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"], out.stderr
