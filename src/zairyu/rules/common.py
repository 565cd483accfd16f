"""Pieces every procedure shares: fees by the date the law applies, documents, the pending
application, the guideline's discretionary factors and the plain-language explanation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from zairyu.glossary import PROCEDURES, STATUSES
from zairyu.law.catalogue import COVERED_TO, LawView, catalogue
from zairyu.law.models import LegalBasis, Procedure, Status, weakest
from zairyu.messages import Messages, interned
from zairyu.messages.citation import cite_all
from zairyu.rules.context import Ctx, procedure_any, status_any
from zairyu.rules.model import Option, Requirement, lb, tri
from zairyu.rules.texts import EMPTY, rule_message, rule_text

ISA_CHANGE_GUIDELINE = lb("ISA", "Guideline on change of status and extension of period of stay",
                          "在留資格の変更、在留期間の更新許可のガイドライン (rev. Oct 2025)")


def fee_for(procedure: str, on: date, law: LawView | None = None) -> dict[str, Any]:
    """``{"counter", "online", "as_of", ...}`` from the law on ``on`` (ICRRA Art. 67; Enforcement Order).

    ``on`` is the day the law applies: the filing day (ISA: applications received by 2025-03-31 pay the
    old fee even if approved later).
    """
    if law is None:
        law = catalogue(min(on, COVERED_TO))
    if law.packaged:
        return dict(_packaged_fee_for(procedure, law.on))
    return dict(_fee_from(procedure, law))


@lru_cache(maxsize=8192)
def _packaged_fee_for(procedure: str, on: date) -> tuple[tuple[str, Any], ...]:
    return _fee_from(procedure, catalogue(on))


def _fee_from(procedure: str, law: LawView) -> tuple[tuple[str, Any], ...]:
    on = law.on
    proc = procedure_any(procedure)
    out: dict[str, Any] = {"as_of": on.isoformat()}
    if proc is not None and proc.free:
        out.update(counter=0, online=0, fact_status=proc.fact_status,
                   legal_basis=[{"law": "ICRRA", "provision": "Art. 67", "note": "no fee listed"}])
        return tuple(out.items())
    codes = (proc.fee_codes if proc and proc.fee_codes else None) or [procedure]
    views = [fv.version if (fv := law.fee(c)) is not None else None for c in codes]
    first = views[0]
    if first is None:
        out.update(counter=None, online=None, fact_status="unverified",
                   note="no fee amount in the law data for this date")
        return tuple(out.items())
    # the online amount can be less certain than the counter amount (before 2025-04-01)
    out.update(counter=first.counter, online=first.online, fact_status=first.fact_status,
               online_fact_status=weakest(first.fact_status, first.online_fact_status or first.fact_status),
               legal_basis=[b.model_dump(exclude_none=True) for b in first.legal_basis])
    for code, v in zip(codes[1:], views[1:], strict=False):
        if v is not None:
            out[code] = {"counter": v.counter, "online": v.online}
    return tuple(out.items())


@lru_cache(maxsize=1024)
def _documents(procedure: str, target: str | None) -> tuple[dict[str, Any], ...]:
    proc = procedure_any(procedure)
    if proc is None:
        return ()
    docs = list(proc.documents) + list(proc.status_documents.get(target or "", []))
    # the Japanese name is what the immigration office reads; en/ru/uk only say what it is
    return tuple({"id": d.id, "ja": d.ja, "en": d.en, "ru": d.ru or d.en, "uk": d.uk or d.en,
                  "fact_status": d.fact_status} for d in docs)


def documents_for(procedure: str, target: str | None) -> list[dict[str, Any]]:
    return [dict(d) for d in _documents(procedure, target)]


def processing_time(procedure: str) -> dict[str, str] | None:
    proc = procedure_any(procedure)
    if proc is None or proc.processing_time is None:
        return None
    t = proc.processing_time
    return {"ja": t.ja, "en": t.en, "ru": t.ru or t.en, "uk": t.uk or t.en}


def proc_basis(procedure: str) -> tuple[LegalBasis, ...]:
    proc = procedure_any(procedure)
    return tuple(proc.legal_basis) if proc else ()


def _law_name(entry: Procedure | Status | None, code: str, terms: Mapping[str, Mapping[str, str]], lang: str) -> str:
    """A status's or procedure's name: the law data's own in Japanese and English, the glossary's in the
    other languages (English where it has none)."""
    if entry is None:
        return code
    if lang in ("ja", "en"):
        return entry.name_ja if lang == "ja" else entry.name_en
    return terms.get(code, {}).get(lang) or entry.name_en


@lru_cache(maxsize=256)
def proc_name(procedure: str, lang: str) -> str:
    return _law_name(procedure_any(procedure), procedure, PROCEDURES, lang)


@lru_cache(maxsize=1024)
def status_name(code: str | None, lang: str) -> str:
    return "?" if code is None else _law_name(status_any(code), code, STATUSES, lang)


@lru_cache(maxsize=1024)
def status_names(code: str) -> Mapping[str, str]:
    """A status's name in every language, as the law data and the glossary give it (a per-language
    parameter of a message: :mod:`zairyu.rules.texts`). Shared (cached): not to be changed."""
    return {lang: status_name(code, lang) for lang in ("ja", "en", "ru", "uk")}


@lru_cache(maxsize=256)
def proc_names(procedure: str) -> Mapping[str, str]:
    """A procedure's name in every language, as the law data and the glossary give it."""
    return {lang: proc_name(procedure, lang) for lang in ("ja", "en", "ru", "uk")}


def pending_for(ctx: Ctx, procedure: str, target: str | None) -> dict[str, Any] | None:
    app = ctx.pending()
    if app is None or app.procedure != procedure:
        return None
    if target is not None and app.target_status not in (None, target):
        return None
    out: dict[str, Any] = {"filed_on": app.filed_on.isoformat(), "channel": app.channel}
    sp = ctx.special_period_applies()
    out["special_period"] = sp
    end = ctx.special_period_end()
    if sp and end:
        out["special_period_end"] = end.isoformat()
        act_by = ctx.special().act_by
        if act_by is not None and act_by != end:  # Civil Code Arts. 140/143 vs the same-day count (law.md §12)
            out["special_period_act_by"] = act_by.isoformat()
    return out


def guideline_factors(ctx: Ctx, *, humanitarian: bool = False) -> list[Requirement]:
    """ISA guideline factors (3)–(8) for change and extension: weighed, not conditions."""
    c = ctx.conduct
    basis = (ISA_CHANGE_GUIDELINE,)
    obligations = [c.taxes_paid, c.pension_and_insurance_paid]
    paid = False if False in obligations else (None if None in obligations else True)
    return [
        Requirement.of("past_conduct_of_activity", rule_text("past_conduct_of_activity"),
                       tri(c.engaged_in_status_activity), basis, "isa", ("conduct.engaged_in_status_activity",)),
        Requirement.of("good_conduct", rule_text("good_conduct.guideline"),
                       tri(None if c.criminal_record is None else not c.criminal_record), basis, "isa",
                       ("conduct.criminal_record",)),
        Requirement.of("independent_livelihood", rule_text("independent_livelihood.guideline"),
                       tri(c.independent_livelihood), basis, "isa", ("conduct.independent_livelihood",),
                       note=rule_text("note.humanitarian_waiver") if humanitarian else None),
        Requirement.of("taxes_paid", rule_text("taxes_paid"), tri(paid), basis, "isa",
                       ("conduct.taxes_paid", "conduct.pension_and_insurance_paid")),
        Requirement.of("notifications", rule_text("notifications"), tri(c.notifications_complied), basis, "isa",
                       ("conduct.notifications_complied",)),
    ]


WITH_TARGET = ("change_of_status", "extension_of_stay", "certificate_of_eligibility", "acquisition_of_status")
"""The procedures named with their target status ("Change of status → Student"), wherever an option is named."""


def provisions_text(bases: tuple[LegalBasis, ...], lang: str = "en") -> str:
    """'ICRRA Art. 20(3) proviso; ISA ...' (入管法第20条第3項ただし書、…) — a proviso is named as such."""
    return cite_all(bases, lang)


def _prov(r: Requirement) -> list[dict[str, str | None]]:
    """The requirement's provisions as a message parameter (cited in the reader's language)."""
    return [{"law": b.law, "provision": b.provision, "note": b.note} for b in r.legal_basis]


_VERDICT_TEXT = {v: rule_message(f"verdict.{v}") for v in ("eligible", "discretionary", "ineligible", "needs_facts")}


def explain(opt: Option) -> Messages:
    """The plain-language explanation, from the verdict and the requirements behind it, as messages
    (``rule.explain.*``, ``rule.verdict.*``): written in a language where it is shown."""
    name: Any = rule_message("explain.special_re_entry") if opt.variant == "special" else proc_names(opt.procedure)
    if opt.target_status and opt.procedure in WITH_TARGET:
        name = rule_message("explain.with_target", name=name, status=status_names(opt.target_status))
    parts = [interned("rule.explain.head", {"name": name, "verdict": _VERDICT_TEXT[opt.verdict]})]
    # provisions are named only for the requirements the explanation mentions (not the met ones)
    for r in opt.requirements:
        if r.result == "unmet":
            when = interned("rule.explain.when", {"date": r.cured_on.isoformat()}) if r.cured_on else None
            parts.append(interned("rule.explain.unmet", {"text": r.text, "when": when, "prov": _prov(r)}))
        elif r.result == "unknown":
            parts.append(interned("rule.explain.unknown", {"text": r.text, "facts": ", ".join(r.facts),
                                                          "prov": _prov(r)}))
        elif r.discretionary:
            parts.append(interned("rule.explain.discretionary", {"text": r.text, "prov": _prov(r)}))
            if r.note:
                parts.append(interned("rule.explain.note", {"note": r.note}))
    return Messages(parts) + opt.extra


def _only_unknown(ctx: Ctx, reqs: list[Requirement]) -> list[Requirement]:
    """An unknown requirement reports only the facts still missing (an answered one is never asked again)."""
    out = []
    for r in reqs:
        if r.result == "unknown" and r.facts:
            left = tuple(f for f in r.facts if not ctx.is_known(f))
            if left != r.facts:
                r = replace(r, facts=left or r.facts)
        out.append(r)
    return out


def finish(ctx: Ctx, opt: Option, *, filing_day: date | None = None, extra: Messages = EMPTY) -> Option:
    """Fill fee (by the day the law applies), documents, processing time, pending state and explanation."""
    opt.requirements = _only_unknown(ctx, opt.requirements)
    opt.discretionary_factors = _only_unknown(ctx, opt.discretionary_factors)
    opt.pending = pending_for(ctx, opt.procedure, opt.target_status)
    if opt.pending is not None:
        fee_day = date.fromisoformat(opt.pending["filed_on"])
        opt.trace.append(interned("rule.trace.pending_fee", {"filed": fee_day.isoformat()}))
        opt.earliest_filing_day = opt.file_by = None  # already filed
    else:
        fee_day = filing_day or max(ctx.on, opt.earliest_filing_day or ctx.on)
    opt.fee = fee_for(opt.procedure, fee_day, ctx.law_for(fee_day))
    opt.documents = documents_for(opt.procedure, opt.target_status)
    opt.processing_time = processing_time(opt.procedure)
    if not opt.legal_basis:
        opt.legal_basis = proc_basis(opt.procedure)
    opt.extra = extra
    return opt
