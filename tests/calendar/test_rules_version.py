"""The calendar's rules carry an explicit version (``zairyu.calendar.RULES_VERSION``), stored with every
deadline row: when it changes, ``zairyu db upgrade`` recomputes the people it computed. This test keeps the
version honest: it records what the calendar answers for every assessment scenario (dates, states, kinds,
provisions and certainty — not the wording, which is rendered at the edge) under each version. When the
answers change, bump RULES_VERSION and record the new digest here."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from tests.assess.test_scenarios import SCENARIOS, load

from zairyu.calendar import RULES_VERSION
from zairyu.calendar.deadlines import compute_deadlines
from zairyu.facts import parse_facts
from zairyu.law.catalogue import computation_digest
from zairyu.law.loader import packaged_law

ANSWERS = {
    "2026-12-04.1": "7e74661f1008a852370fd0a9d1c30c16d9f48b45d6f278fdfb6c7a479e2b57b7",
    "2026-12-05.1": "67773894d91af8a7d8150d7a06ff0ebf7942c744f6193689eb23f19c87542252",
    "2026-12-05.2": "ef378c5fcc4e3742513ff2fef081070faea3430d884b83473f8cfa8a1be5d6d4",
    "2026-12-05.3": "a27838ee5982d9e005503ccde8f2b48f95e377575f93cc46e92e0762077b2e12",
    # statutory periods by Civil Code Arts. 140/143 (special period, special re-entry, notices cite Art. 140), the
    # 7-year card counted from the issue day (unverified), permits extended abroad, Arts. 19-10/19-13/19-16 notices
    "2026-12-05.4": "e074f22ad23e2ad4a55a94513069bb3cb033f2210b23573d0167b40a43c2ead8",
    # issue 11: review_request_deadline, departure_deadline, the departure-preparation basis (scenarios ref_07–10,
    # rev_03–04, dep_04), merged with 2026-12-05.4
    "2026-12-05.5": "caafaf8c3a17732656d1b85b1d8a574adcf8c3924cbc4fcd0722c8e3a9f86a18",
}
"""RULES_VERSION → digest of the calendar's answers over the scenarios."""


def answers_digest() -> str:
    rows = []
    for path in SCENARIOS:
        sc = load(path)
        on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(str(sc["date"]))
        for d in compute_deadlines(parse_facts(sc["facts"]), on):
            rows.append([path.name, d.kind, d.topic, d.date.isoformat(), d.filing_date and d.filing_date.isoformat(),
                         d.state, d.fact_status, d.risk, [b.model_dump(exclude_none=True) for b in d.legal_basis]])
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def test_the_rules_version_changes_when_the_calendars_answers_change() -> None:
    got = answers_digest()
    assert ANSWERS.get(RULES_VERSION) == got, (
        f"the calendar's answers over the scenarios changed (digest {got}): bump RULES_VERSION in "
        "zairyu/calendar/__init__.py and record the new digest in ANSWERS")


def test_the_law_digest_follows_only_what_deadlines_are_computed_from() -> None:
    """A person is recomputed when the law entries their deadlines come from change, and only then: a new
    period of stay for Student changes the digest of a student, not an engineer's; a reworded note changes
    neither."""
    law = packaged_law()

    def with_student(**update: object) -> object:
        return law.model_copy(update={"statuses": [
            s.model_copy(update=update) if s.code == "student" else s for s in law.statuses]})

    student, engineer = frozenset({"student"}), frozenset({"engineer_humanities_intl"})
    stu = next(s for s in law.statuses if s.code == "student")
    longer = [p.model_copy(update={"max": "P5Y"}) for p in stu.periods]
    assert computation_digest(student, with_student(periods=longer)) != computation_digest(student)  # type: ignore[arg-type]
    assert computation_digest(engineer, with_student(periods=longer)) == computation_digest(engineer)  # type: ignore[arg-type]
    assert computation_digest(student, with_student(note="reworded")) == computation_digest(student)  # type: ignore[arg-type]
    # a translation is a text too: a status's activities in another language, who a row of periods is for
    assert computation_digest(student, with_student(activity_uk="інший переклад",  # type: ignore[arg-type]
                                                    employment_note_ja="別の訳")) == computation_digest(student)
    designated = frozenset({"designated_activities"})
    des = next(s for s in law.statuses if s.code == "designated_activities")
    reworded = [p.model_copy(update={"rows": [r.model_copy(update={"applies_to_ru": "другой перевод", "note": "x"})
                                              for r in p.rows]}) for p in des.periods]
    changed = law.model_copy(update={"statuses": [
        s.model_copy(update={"periods": reworded}) if s.code == "designated_activities" else s for s in law.statuses]})
    assert computation_digest(designated, changed) == computation_digest(designated)  # type: ignore[arg-type]
