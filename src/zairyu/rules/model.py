"""The shapes of an assessment: requirements, options and the assessment itself.

A verdict is derived from the requirements, never set by hand (see :func:`verdict_of`):

* ``ineligible``    a legal requirement is not met (``cured_on`` says when time will cure it);
* ``needs_facts``   nothing is unmet, but a requirement turns on an unknown fact;
* ``discretionary`` every requirement is met and one of them is an exceptional discretionary
  finding (special unavoidable circumstances, humanitarian grounds, special permission);
* ``eligible``      every legal requirement is met on the facts given (the grant stays the
  Minister's decision, as for any application).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from zairyu.law.models import FactStatus, LegalBasis
from zairyu.messages import CONTRACT_LANGS, Message, Messages, interned, render, render_all

Result = Literal["met", "unmet", "unknown", "discretionary"]
"""``discretionary``: the requirement is a judgment left to the Minister (special circumstances, a relaxation
the Minister "may" apply): never shown as ``met``; the requirement's note says what supports it."""
Verdict = Literal["eligible", "discretionary", "ineligible", "needs_facts"]
VERDICTS: tuple[Verdict, ...] = ("eligible", "discretionary", "needs_facts", "ineligible")

LANGS = CONTRACT_LANGS
"""The languages of an assessment's JSON by default (its contract: one text per language)."""

PROCEDURES = (
    "change_of_status", "extension_of_stay", "permanent_residence", "acquisition_of_status",
    "certificate_of_eligibility", "re_entry_permit", "refugee_recognition", "complementary_protection",
    "special_permission_to_stay", "departure_order", "refugee_review_request", "provisional_stay",
    "refugee_travel_document",
)


def lb(law: str, provision: str, note: str | None = None) -> LegalBasis:
    return LegalBasis(law=law, provision=provision, note=note)


def _basis_json(bases: tuple[LegalBasis, ...]) -> list[dict[str, str]]:
    out = []
    for b in bases:
        item = {"law": b.law, "provision": b.provision}
        if b.note:
            item["note"] = b.note
        out.append(item)
    return out


def tri(value: bool | None) -> Result:
    """A known fact becomes met/unmet; an unknown one stays unknown (never defaulted)."""
    return "unknown" if value is None else ("met" if value else "unmet")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One condition of a procedure, with its provision and how sure the law behind it is. Its ``text``
    and ``note`` are messages (:mod:`zairyu.rules.texts`), written in a language where they are shown."""

    id: str
    text: Messages
    result: Result
    legal_basis: tuple[LegalBasis, ...]
    fact_status: FactStatus = "law"
    facts: tuple[str, ...] = ()
    """Fact paths this requirement turns on (reported as missing when the result is unknown)."""
    discretionary: bool = False
    """Met only through an exceptional discretionary finding (makes the verdict ``discretionary``)."""
    cured_on: date | None = None
    """When unmet only because time has not passed: the first day it will be met."""
    note: Messages | None = None

    @classmethod
    def of(cls, id: str, text: Messages, result: Result, legal_basis: tuple[LegalBasis, ...],
           fact_status: FactStatus = "law", facts: tuple[str, ...] = (), *, discretionary: bool = False,
           cured_on: date | None = None, note: Messages | None = None) -> Requirement:
        """A requirement (the constructor with the optional parts by name). A ``discretionary`` result is
        always flagged ``discretionary``."""
        return cls(id, text, result, legal_basis, fact_status, facts, discretionary or result == "discretionary",
                   cured_on, note or None)

    def to_json(self, langs: Iterable[str] = LANGS) -> dict[str, Any]:
        """The public requirement: ``text`` (and ``note``) in ``langs`` (the four by default)."""
        langs = tuple(langs)
        out: dict[str, Any] = {
            "id": self.id,
            "text": {lang: render(self.text, lang) for lang in langs},
            "result": self.result,
            "legal_basis": _basis_json(self.legal_basis),
            "fact_status": self.fact_status,
        }
        if self.discretionary:
            out["discretionary"] = True
        if self.cured_on:
            out["cured_on"] = self.cured_on.isoformat()
        if self.note:
            out["note"] = {lang: render(self.note, lang) for lang in langs}
        if self.result == "unknown" and self.facts:
            out["missing_facts"] = list(self.facts)
        return out


def verdict_of(reqs: list[Requirement]) -> tuple[Verdict, date | None]:
    """The verdict and, for an ineligible option that time will cure, the date it could be met."""
    unmet = [r for r in reqs if r.result == "unmet"]
    if unmet:
        cures = [r.cured_on for r in unmet]
        return "ineligible", (max(c for c in cures if c) if all(cures) else None)
    if any(r.result == "unknown" for r in reqs):
        return "needs_facts", None
    if any(r.discretionary for r in reqs):
        return "discretionary", None
    return "eligible", None


@dataclass(slots=True)
class Option:
    """One route open (or closed) to the person: a procedure towards a target status."""

    procedure: str
    target_status: str | None
    requirements: list[Requirement]
    legal_basis: tuple[LegalBasis, ...]
    discretionary_factors: list[Requirement] = field(default_factory=list)
    variant: str | None = None
    measure: str | None = None
    earliest_filing_day: date | None = None
    file_by: date | None = None
    file_by_legal: date | None = None
    fee: dict[str, Any] | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)
    """Law data, given per language: ``{"id", "ja", "en", "ru", "uk", "fact_status"}`` (the Japanese name is
    what the immigration office reads)."""
    processing_time: dict[str, str] | None = None
    """Law data, given per language: ``{"ja", "en", "ru", "uk"}``."""
    pending: dict[str, Any] | None = None
    trace: list[Message] = field(default_factory=list)
    verdict: Verdict = "needs_facts"
    cured_on: date | None = None
    extra: Messages = field(default_factory=Messages)
    """Procedure-specific sentences appended to the explanation."""
    precedents: Any = None
    """:class:`zairyu.precedents.register.Beside`: the public precedents beside a discretionary (or protection)
    route, when the assessment was given a register."""
    _explanation: Messages | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.verdict, self.cured_on = verdict_of(self.requirements)

    @property
    def missing_facts(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.requirements:
            if r.result == "unknown":
                for f in r.facts:
                    seen.setdefault(f, None)
        return list(seen)

    @property
    def key(self) -> str:
        """A stable identity: ``procedure[:variant][:target]`` (used by tests and the web app)."""
        parts = [self.procedure]
        if self.variant:
            parts.append(self.variant)
        if self.target_status:
            parts.append(self.target_status)
        return ":".join(parts)

    def explanation(self) -> Messages:
        """The plain-language explanation as messages (:func:`zairyu.rules.common.explain`), built on first
        use (most callers never read it); ``render(o.explanation(), lang)`` writes it."""
        if self._explanation is None:
            from zairyu.rules.common import explain

            self._explanation = explain(self)
        return self._explanation

    def full_trace(self) -> list[Message]:
        """The computation: dates (expiry, filing window), each requirement's result, the verdict."""
        out = list(self.trace)
        for r in self.requirements:
            out.append(interned("rule.trace.requirement", {
                "id": r.id, "result": _TRACE_RESULT[r.result],
                "missing": interned("rule.trace.missing", {"facts": ", ".join(r.facts)})
                if r.result == "unknown" else None,
                "cured": interned("rule.trace.met_from", {"date": r.cured_on.isoformat()}) if r.cured_on else None}))
        out.append(interned("rule.trace.outcome", {"verdict": _TRACE_VERDICT[self.verdict]}))
        return out

    def trace_lines(self, lang: str = "en") -> list[str]:
        """:meth:`full_trace` written in ``lang``."""
        return [render(m, lang) for m in self.full_trace()]

    def to_json(self, langs: Iterable[str] = LANGS, *, trace_lang: str = "en") -> dict[str, Any]:
        """The public option: its texts (requirements, notes, explanation, documents, processing time) in
        ``langs`` (the four by default: ``{"ja", "en", "ru", "uk"}``), ``trace`` in ``trace_lang`` (English
        by default). A document keeps its Japanese name whatever ``langs`` says: it is what the office reads."""
        langs = tuple(langs)
        docs = self.documents if langs == LANGS else [
            {k: v for k, v in d.items() if k not in LANGS or k == "ja" or k in langs} for d in self.documents]
        pt = self.processing_time if self.processing_time is None or langs == LANGS else {
            lang: self.processing_time.get(lang) or self.processing_time.get("en", "") for lang in langs}
        return {
            "procedure": self.procedure,
            "variant": self.variant,
            "target_status": self.target_status,
            "measure": self.measure,
            "verdict": self.verdict,
            "eligible_from": self.cured_on.isoformat() if self.cured_on else None,
            "requirements": [r.to_json(langs) for r in self.requirements],
            "discretionary_factors": [r.to_json(langs) for r in self.discretionary_factors],
            "missing_facts": self.missing_facts,
            "earliest_filing_day": self.earliest_filing_day.isoformat() if self.earliest_filing_day else None,
            "file_by": self.file_by.isoformat() if self.file_by else None,
            "file_by_legal": self.file_by_legal.isoformat() if self.file_by_legal else None,
            "fee": self.fee,
            "documents": docs,
            "processing_time": pt,
            "pending": self.pending,
            "legal_basis": _basis_json(self.legal_basis),
            "explanation": render_all(self.explanation(), langs),
            "trace": self.trace_lines(trace_lang),
            **({"precedents": self.precedents.to_json(langs)} if self.precedents is not None else {}),
        }


_TRACE_RESULT = {r: interned(f"rule.trace.result.{r}") for r in ("met", "unmet", "unknown", "discretionary")}
_TRACE_VERDICT = {v: interned(f"rule.trace.verdict.{v}") for v in VERDICTS}


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every option for one person on one date, with that person's deadlines."""

    as_of: date
    options: tuple[Option, ...]
    deadlines: tuple[Any, ...]
    notes: tuple[Messages, ...] = ()
    law_date: date | None = None
    """The date of the law the assessment ran under, when it is not the as-of date (``--law-date``)."""

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def to_json(self, langs: Iterable[str] = LANGS, *, trace_lang: str = "en") -> dict[str, Any]:
        """The public assessment: every text in ``langs`` (the four by default; ``("ru",)`` gives
        ``{"ru": ...}`` texts), traces in ``trace_lang`` (English by default)."""
        langs = tuple(langs)
        out: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "options": [o.to_json(langs, trace_lang=trace_lang) for o in self.options],
            "deadlines": [d.to_json(langs, trace_lang=trace_lang) for d in self.deadlines],
        }
        if self.notes:
            out["notes"] = [render_all(n, langs) for n in self.notes]
        if self.law_date is not None:
            out["law_date"] = self.law_date.isoformat()
        return out
