"""The interview asks only what matters: facts ranked by how many options they settle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assess.test_scenarios import SCENARIOS, load
from zairyu.errors import InvalidInputError, UnknownCodeError
from zairyu.facts import parse_facts
from zairyu.rules import assess
from zairyu.rules.interview import (
    QUESTIONS,
    apply_answer,
    next_question,
    next_step,
    question_text,
    unknown_facts_ranked,
    what_if,
)

STRUCTURED = {"history", "events", "family", "departure"}
ON = date(2024, 6, 3)
TV = {"stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2024-04-15"},
      "goal": {"status": "student"}}


def test_every_missing_fact_in_every_scenario_can_be_asked_or_is_a_structured_record() -> None:
    seen = set()
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(sc["date"])
        for o in assess(parse_facts(sc["facts"]), on).options:
            seen.update(o.missing_facts)
    assert seen, "the scenarios exercise missing facts"
    assert seen - set(QUESTIONS) <= STRUCTURED


def test_ranking_puts_the_most_decisive_fact_first() -> None:
    ranked = unknown_facts_ranked(assess(parse_facts(TV), ON))
    counts = [u.count for u in ranked]
    assert counts == sorted(counts, reverse=True)
    top = ranked[0]
    assert top.count >= 2
    a = assess(parse_facts(TV), ON)
    for key in top.options:
        opt = a.option(key)
        assert opt is not None and top.fact in opt.missing_facts


def test_answering_settles_options_and_the_interview_ends() -> None:
    facts = parse_facts(TV)
    before = assess(facts, ON)
    open_before = sum(o.verdict == "needs_facts" for o in before.options)
    asked = []
    for _ in range(40):
        q = next_question(facts, ON)
        if q is None:
            break
        assert q.fact not in asked, f"asked {q.fact} twice"
        asked.append(q.fact)
        answer = {"bool": "yes", "date": "2024-05-01", "int": "75", "country": "RU"}.get(q.type, q.choices[0]
                                                                                         if q.choices else "x")
        facts = apply_answer(facts, q.fact, answer)
    assert next_question(facts, ON) is None
    after = assess(facts, ON)
    assert sum(o.verdict == "needs_facts" for o in after.options) < open_before
    assert "circumstances.cannot_return_safely" in asked


def test_questions_are_asked_in_each_language() -> None:
    q = next_question(parse_facts(TV), ON)
    assert q is not None
    texts = {lang: q.text(lang) for lang in ("ja", "en", "ru", "uk")}
    assert len(set(texts.values())) == 4 and all(texts.values())
    assert q.to_json("ru")["question"] == texts and q.to_json("ru")["text"] == texts["ru"]
    # the motivating case's question, as the Russian reader sees it (zairyu/messages/ru.yaml)
    assert question_text("circumstances.serious_harm_feared", "ru") == \
        "Опасаетесь ли вы преследования или серьёзного вреда при возвращении?"


@pytest.mark.parametrize(("typed", "value"), [("да", True), ("нет", False), ("так", True), ("ні", False),
                                              ("はい", True), ("no", False)])
def test_yes_and_no_are_read_in_every_language(typed: str, value: bool) -> None:
    facts = apply_answer(parse_facts(TV), "circumstances.cannot_return_safely", typed)
    assert facts.circumstances.cannot_return_safely is value


def test_a_status_answer_must_be_a_status() -> None:
    with pytest.raises(UnknownCodeError) as exc:
        apply_answer(parse_facts(TV), "goal.status", "так")
    assert exc.value.field == "goal.status"
    with pytest.raises(UnknownCodeError) as exc:  # the law catalogue's own check: "did you mean"
        apply_answer(parse_facts(TV), "goal.status", "studnt")
    assert "student" in exc.value.suggestions
    assert apply_answer(parse_facts(TV), "goal.status", "student").goal.status == "student"


def test_a_bad_answer_names_the_fact() -> None:
    with pytest.raises(InvalidInputError) as exc:
        apply_answer(parse_facts(TV), "circumstances.cannot_return_safely", "perhaps")
    assert exc.value.field == "circumstances.cannot_return_safely"
    with pytest.raises(InvalidInputError):
        apply_answer(parse_facts(TV), "stay.expires_on", "2024-02-30")


def test_web_step_applies_an_answer_and_returns_the_next_question() -> None:
    step = next_step(TV, ON)
    assert step["done"] is False
    fact = step["question"]["fact"]
    step2 = next_step(step["facts"], ON, "en", answer={"fact": fact, "value": "yes"
                                                       if step["question"]["type"] == "bool" else "2024-05-01"})
    assert step2["question"] is None or step2["question"]["fact"] != fact
    assert set(step2["assessment"]) >= {"as_of", "options", "deadlines"}


def test_motivating_case_file_is_valid(tmp_path: Path) -> None:
    from zairyu.facts import load_facts

    facts = load_facts(Path(__file__).parents[2] / "examples/facts/motivating_case_2023-01.json")
    assert facts.stay is not None and facts.stay.status == "temporary_visitor"


def test_a_fact_that_settles_no_open_option_is_not_asked() -> None:
    # a Temporary Visitor's permanent residence is already ineligible (10 years): its tax facts do not matter
    facts = parse_facts(TV)
    ranked = {u.fact: u for u in unknown_facts_ranked(assess(facts, ON))}
    assert ranked["conduct.taxes_paid"].count == 0
    asked = set()
    for _ in range(40):
        q = next_question(facts, ON, skip=frozenset(asked))
        if q is None:
            break
        asked.add(q.fact)
    assert "conduct.taxes_paid" not in asked


def test_with_no_stay_the_first_question_is_the_status_then_its_dates() -> None:
    step = next_step({}, ON, "en")
    assert step["question"]["fact"] == "stay.status"
    assert "temporary_visitor" in step["question"]["choices"]
    step = next_step(step["facts"], ON, "en", answer={"fact": "stay.status", "value": "temporary_visitor"})
    assert step["facts"]["stay"]["status"] == "temporary_visitor"
    assert step["question"]["fact"].startswith("stay.")   # the expiry decides whether the stay is lawful


def test_what_if_given_the_assessment_before_answers_as_computing_it_again() -> None:
    """The pages pass the assessment they already have (``before``) instead of computing it a second time."""
    f = parse_facts(TV)
    fresh = what_if(f, ON, "stay.expires_on", "2024-05-01", text_langs=("en",))
    given = what_if(f, ON, "stay.expires_on", "2024-05-01", text_langs=("en",),
                    before=assess(f, ON).to_json(("en",)))
    assert given == fresh and fresh["changes"]
