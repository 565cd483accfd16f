"""The assessment: every route open (or closed) to one person on one date.

    >>> from datetime import date
    >>> from zairyu.facts import parse_facts
    >>> a = assess(parse_facts({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-05-20"}}),
    ...            date(2023, 6, 1))
    >>> a.option("extension_of_stay:student").verdict
    'needs_facts'

Pure: a function of (facts, on, law). No clock, no I/O.
"""

from __future__ import annotations

from datetime import date

from zairyu.facts import Facts
from zairyu.law.catalogue import LawView, check_covered
from zairyu.messages import Messages
from zairyu.rules.context import build_ctx
from zairyu.rules.model import Assessment, Option
from zairyu.rules.procedures import RULES
from zairyu.rules.procedures.duties import holder_notes
from zairyu.rules.texts import rule_text


def assess(facts: Facts, on: date, *, law: LawView | None = None) -> Assessment:
    """Options (each with verdict, requirements, deadlines, fee, documents, provisions) and deadlines."""
    check_covered(on)
    ctx = build_ctx(facts, on, law)
    options: list[Option] = []
    for rule in RULES:
        options.extend(rule(ctx))
    notes: list[Messages] = []
    if facts.stay is None and not options:
        notes.append(rule_text("note.no_stay"))
    notes += holder_notes(ctx)
    return Assessment(on, tuple(options), tuple(ctx.deadlines), tuple(notes),
                      law_date=ctx.law.on if ctx.law.on != on else None)


def rank(options: tuple[Option, ...]) -> list[Option]:
    """Options in reading order: the rules' order (change, extension, COE, ...), closed routes last."""
    return sorted(options, key=lambda o: o.verdict == "ineligible")


__all__ = ["assess", "rank"]
