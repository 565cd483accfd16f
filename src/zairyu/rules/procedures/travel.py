"""Leaving and coming back: re-entry permit (Art. 26) and special re-entry (Art. 26-2)."""

from __future__ import annotations

from zairyu.calendar.lawful_stay import special_re_entry_open
from zairyu.rules.common import finish
from zairyu.rules.context import Ctx
from zairyu.rules.model import Option, Requirement, lb, tri
from zairyu.rules.procedures.residence import lawful_requirement
from zairyu.rules.texts import rule_text

ART_26_1 = lb("ICRRA", "Art. 26(1)")
ART_26_3 = lb("ICRRA", "Art. 26(3)", "valid up to 5 years, not beyond the period of stay")
ART_26_2_1 = lb("ICRRA", "Art. 26-2(1)")
ART_26_2_3 = lb("ICRRA", "Art. 26-2(3)", "cannot be extended abroad")
ART_19_3_I = lb("ICRRA", "Art. 19-3(i)", "excluded from special re-entry: a period of stay of 3 months or less")
ART_19_3_II = lb("ICRRA", "Art. 19-3(ii)", "excluded from special re-entry: Temporary Visitor")
SPECIAL_ACT_23 = lb("Special Act", "Art. 23", "special re-entry for Special Permanent Residents: 2 years")
ORD_29_4 = lb("Ordinance", "Art. 29-4", "exclusions, incl. refugee-applicant Designated Activities")


def _passport(ctx: Ctx) -> Requirement:
    return Requirement.of("valid_passport", rule_text("valid_passport"), tri(ctx.conduct.has_passport), (ART_26_1,),
                          "law", ("conduct.has_passport",))


def re_entry(ctx: Ctx) -> list[Option]:
    if ctx.facts.stay is None or ctx.in_japan() is False:
        return []
    out = []
    lawful = lawful_requirement(ctx, (ART_26_1,))
    single = Option("re_entry_permit", None, [lawful, _passport(ctx)], (ART_26_1, ART_26_3),
                    earliest_filing_day=ctx.on, file_by_legal=ctx.expires_on,
                    trace=[*ctx.expiry_trace])
    # no filing deadline of its own: the permit is obtained before departure, while the stay is valid
    note = rule_text("extra.re_entry_permit")
    if ctx.expires_on:
        note = rule_text("extra.re_entry_until", until=ctx.expires_on.isoformat()) + note
    if ctx.in_special_period():
        note += rule_text("extra.re_entry_special_period")
    out.append(finish(ctx, single, extra=note))
    # special re-entry: the calendar's one answer (zairyu.calendar.lawful_stay.special_re_entry_open) — Art. 26-2(1)
    # excludes stays of 3 months or less and Temporary Visitors (Diplomat/Official qualify), Ordinance Art. 29-4
    # refugee-applicant designations; Special Permanent Residents: Special Act Art. 23
    sv = ctx.status
    open_ = None if sv is None else special_re_entry_open(ctx.facts, ctx.on, ctx.law)
    if open_ is not None and open_.reason == "special_permanent_resident":
        spr_reqs = [Requirement.of("special_permanent_resident", rule_text("special_permanent_resident"), "met",
                                   (SPECIAL_ACT_23,), "law"), _passport(ctx)]
        spr = Option("re_entry_permit", None, spr_reqs, (SPECIAL_ACT_23, ART_26_2_3), variant="special")
        return [*out, _special_finish(ctx, spr, spr=True)]
    scope: bool | None = None if open_ is None or open_.reason == "period_unknown" else open_.reason not in (
        "temporary_visitor", "three_months_or_less", "no_stay")
    reqs = [lawful,
            Requirement.of("special_re_entry_scope", rule_text("special_re_entry_scope"), tri(scope),
                           (ART_26_2_1, ART_19_3_I, ART_19_3_II), "law", ("stay.period",)),
            _passport(ctx)]
    if ctx.status_code == "designated_activities":
        desig: bool | None = None if open_ is None or open_.reason == "designation_unknown" else (
            open_.reason != "refugee_applicant")
        reqs.append(Requirement.of("not_refugee_applicant_designation", rule_text("not_refugee_applicant_designation"),
                                   tri(desig), (ORD_29_4,), "law", ("stay.designation",)))
    sre = Option("re_entry_permit", None, reqs, (ART_26_2_1, ART_26_2_3), variant="special",
                 trace=[*ctx.expiry_trace])
    return [*out, _special_finish(ctx, sre, spr=False)]


def _special_finish(ctx: Ctx, sre: Option, *, spr: bool) -> Option:
    d = ctx.deadline("re_entry_deadline")
    extra = rule_text("extra.special_re_entry_spr" if spr else "extra.special_re_entry")
    if d is not None:  # already abroad: the day to be back by (a deadline, not a filing day)
        sre.trace.extend(d.trace)
        extra += rule_text("extra.re_enter_by", date=d.date.isoformat())
    opt = finish(ctx, sre, extra=extra)
    opt.fee = {"counter": None, "online": None, "as_of": ctx.on.isoformat(), "fact_status": "law",
               "note": "no application: a declaration at departure"}
    opt.documents = []
    return opt
