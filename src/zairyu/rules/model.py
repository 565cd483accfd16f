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

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from zairyu.law.models import FactStatus, LegalBasis
from zairyu.messages import Message, render

Result = Literal["met", "unmet", "unknown"]
Verdict = Literal["eligible", "discretionary", "ineligible", "needs_facts"]
VERDICTS: tuple[Verdict, ...] = ("eligible", "discretionary", "needs_facts", "ineligible")

PROCEDURES = (
    "change_of_status", "extension_of_stay", "permanent_residence", "acquisition_of_status",
    "certificate_of_eligibility", "re_entry_permit", "refugee_recognition", "complementary_protection",
    "special_permission_to_stay", "departure_order",
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
    """One condition of a procedure, with its provision and how sure the law behind it is."""

    id: str
    ja: str
    en: str
    result: Result
    legal_basis: tuple[LegalBasis, ...]
    fact_status: FactStatus = "law"
    facts: tuple[str, ...] = ()
    """Fact paths this requirement turns on (reported as missing when the result is unknown)."""
    discretionary: bool = False
    """Met only through an exceptional discretionary finding (makes the verdict ``discretionary``)."""
    cured_on: date | None = None
    """When unmet only because time has not passed: the first day it will be met."""
    note_ja: str | None = None
    note_en: str | None = None
    ru: str = ""
    uk: str = ""
    note_ru: str | None = None
    note_uk: str | None = None

    @classmethod
    def of(cls, id: str, text: Mapping[str, str], result: Result, legal_basis: tuple[LegalBasis, ...],
           fact_status: FactStatus = "law", facts: tuple[str, ...] = (), *, discretionary: bool = False,
           cured_on: date | None = None, note: Mapping[str, str] | None = None) -> Requirement:
        """A requirement whose text (and note) is given in every language (see :mod:`zairyu.rules.texts`)."""
        return cls(id, text["ja"], text["en"], result, legal_basis, fact_status, facts, discretionary, cured_on,
                   note["ja"] if note else None, note["en"] if note else None, text.get("ru", ""),
                   text.get("uk", ""), note.get("ru") if note else None, note.get("uk") if note else None)

    def text(self, lang: str) -> str:
        """The requirement in ``lang`` (English where there is no translation)."""
        own = self.ja if lang == "ja" else self.ru if lang == "ru" else self.uk if lang == "uk" else self.en
        return own or self.en

    def note(self, lang: str) -> str | None:
        if not self.note_en:
            return None
        own = self.note_ja if lang == "ja" else self.note_ru if lang == "ru" else self.note_uk if lang == "uk" \
            else self.note_en
        return own or self.note_en

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "text": {"ja": self.ja or self.en, "en": self.en, "ru": self.ru or self.en, "uk": self.uk or self.en},
            "result": self.result,
            "legal_basis": _basis_json(self.legal_basis),
            "fact_status": self.fact_status,
        }
        if self.discretionary:
            out["discretionary"] = True
        if self.cured_on:
            out["cured_on"] = self.cured_on.isoformat()
        if self.note_en:
            out["note"] = {lang: self.note(lang) for lang in ("ja", "en", "ru", "uk")}
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
    explanation_ja: str
    explanation_en: str
    discretionary_factors: list[Requirement] = field(default_factory=list)
    variant: str | None = None
    measure: str | None = None
    earliest_filing_day: date | None = None
    file_by: date | None = None
    file_by_legal: date | None = None
    fee: dict[str, Any] | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)
    processing_time: dict[str, str] | None = None
    pending: dict[str, Any] | None = None
    trace: list[str | Message] = field(default_factory=list)
    verdict: Verdict = "needs_facts"
    cured_on: date | None = None
    extra_ja: str = ""
    extra_en: str = ""
    """Procedure-specific sentences appended to the explanation."""
    explanation_ru: str = ""
    explanation_uk: str = ""
    extra_ru: str = ""
    extra_uk: str = ""

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

    def explanation(self) -> dict[str, str]:
        """The plain-language explanation {ja, en, ru, uk}, written on first use (most callers never read it)."""
        if not self.explanation_en:
            from zairyu.rules.common import explain

            explain(self)
        return {"ja": self.explanation_ja, "en": self.explanation_en, "ru": self.explanation_ru or self.explanation_en,
                "uk": self.explanation_uk or self.explanation_en}

    def full_trace(self) -> list[str]:
        """The computation: dates (expiry, filing window), each requirement's result, the verdict."""
        out = [t if isinstance(t, str) else render(t, "en") for t in self.trace]
        for r in self.requirements:
            line = f"{r.id}: {r.result}"
            if r.result == "unknown":
                line += f" (missing: {', '.join(r.facts)})"
            if r.cured_on:
                line += f" (met from {r.cured_on.isoformat()})"
            out.append(line)
        out.append(f"verdict: {self.verdict}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "procedure": self.procedure,
            "variant": self.variant,
            "target_status": self.target_status,
            "measure": self.measure,
            "verdict": self.verdict,
            "eligible_from": self.cured_on.isoformat() if self.cured_on else None,
            "requirements": [r.to_json() for r in self.requirements],
            "discretionary_factors": [r.to_json() for r in self.discretionary_factors],
            "missing_facts": self.missing_facts,
            "earliest_filing_day": self.earliest_filing_day.isoformat() if self.earliest_filing_day else None,
            "file_by": self.file_by.isoformat() if self.file_by else None,
            "file_by_legal": self.file_by_legal.isoformat() if self.file_by_legal else None,
            "fee": self.fee,
            "documents": self.documents,
            "processing_time": self.processing_time,
            "pending": self.pending,
            "legal_basis": _basis_json(self.legal_basis),
            "explanation": self.explanation(),
            "trace": self.full_trace(),
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every option for one person on one date, with that person's deadlines."""

    as_of: date
    options: tuple[Option, ...]
    deadlines: tuple[Any, ...]
    notes: tuple[dict[str, str], ...] = ()
    law_date: date | None = None
    """The date of the law the assessment ran under, when it is not the as-of date (``--law-date``)."""

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "options": [o.to_json() for o in self.options],
            "deadlines": [d.to_json() for d in self.deadlines],
        }
        if self.notes:
            out["notes"] = list(self.notes)
        if self.law_date is not None:
            out["law_date"] = self.law_date.isoformat()
        return out
