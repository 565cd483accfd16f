"""The assessment: every route open (or closed) to one person on one date.

    >>> from datetime import date
from typing import TYPE_CHECKING
    >>> from zairyu.facts import parse_facts
    >>> a = assess(parse_facts({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-05-20"}}),
    ...            date(2023, 6, 1))
    >>> a.option("extension_of_stay:student").verdict
    'needs_facts'

Pure: a function of (facts, on, law). No clock, no I/O.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from zairyu.facts import Facts
from zairyu.law.catalogue import LawView, check_covered
from zairyu.messages import Messages
from zairyu.rules.context import build_ctx
from zairyu.rules.model import Assessment, Option
from zairyu.rules.procedures import RULES
from zairyu.rules.procedures.duties import holder_notes
from zairyu.rules.texts import rule_text

if TYPE_CHECKING:
    from zairyu.precedents.register import Register

BESIDE_PROCEDURES = frozenset({"refugee_recognition", "complementary_protection"})
"""Routes shown with their precedents whatever their verdict (their requirements may look met while grants
are rare: the base rate says how rare)."""


def attach_precedents(options: list[Option], facts: Facts, on: date, register: Register) -> None:
    """Each option that turns on a discretionary finding (a requirement left to the Minister, whatever the
    verdict: a route closed today by an expired stay still shows what was decided on it) and each protection
    option gets :meth:`Register.beside` for the person's facts."""
    statuses = [facts.stay.status] if facts.stay and facts.stay.status else []
    statuses += [h.status for h in facts.history if h.status]
    nationality = facts.person.nationality if facts.person else None
    tags = facts.circumstances.grounds if facts.circumstances else []
    for o in options:
        if o.procedure in BESIDE_PROCEDURES or any(r.discretionary for r in o.requirements):
            o.precedents = register.beside(o.procedure, o.target_status, on=on, statuses=statuses,
                                           nationality=nationality, tags=tags)


def assess(facts: Facts, on: date, *, law: LawView | None = None, precedents: Register | None = None) -> Assessment:
    """Options (each with verdict, requirements, deadlines, fee, documents, provisions) and deadlines. Given a
    precedent register, every route turning on discretion (and refugee recognition and complementary protection) carries
    the precedents public on ``on`` that share its procedure and target status, most similar first."""
    check_covered(on)
    ctx = build_ctx(facts, on, law)
    options: list[Option] = []
    for rule in RULES:
        options.extend(rule(ctx))
    if precedents is not None:
        attach_precedents(options, facts, on, precedents)
    notes: list[Messages] = []
    if facts.stay is None and not options:
        notes.append(rule_text("note.no_stay"))
    notes += holder_notes(ctx)
    goal = facts.goal.status if facts.goal is not None else None
    return Assessment(on, tuple(rank(tuple(options), goal)), tuple(ctx.deadlines), tuple(notes),
                      law_date=ctx.law.on if ctx.law.on != on else None)


def rank(options: tuple[Option, ...], goal: str | None = None) -> list[Option]:
    """Options in the order a person reads them — the one place that decides it (:func:`assess` returns its
    options in this order, so the CLI, the API and the pages show the same): first what the person already filed
    (pending) and their stated goal (``goal.status`` as the target), then the routes open to them, then the
    closed ones; within each, the rules' order (change, extension, COE, ...)."""
    def key(o: Option) -> tuple[bool, bool]:
        first = o.pending is not None or (goal is not None and o.target_status == goal)
        return (not first, o.verdict == "ineligible")
    return sorted(options, key=key)


__all__ = ["assess", "attach_precedents", "rank"]
