"""Protection and removal: refugee recognition and complementary protection (Art. 61-2), special
permission to stay (Art. 50) and the departure order (Art. 24-3)."""

from __future__ import annotations

from zairyu.law.models import LegalBasis
from zairyu.messages import Message, Messages, interned
from zairyu.rules.common import finish
from zairyu.rules.context import Ctx, procedure_any
from zairyu.rules.model import Option, Requirement, lb, tri
from zairyu.rules.texts import EMPTY, joined, rule_text, tag_names

ART_2_III = lb("ICRRA", "Art. 2(iii)", "refugee: Refugee Convention Art. 1")
ART_2_III_2 = lb("ICRRA", "Art. 2(iii-2)", "complementary protection holder")
ART_61_2_1 = lb("ICRRA", "Art. 61-2(1)")
ART_61_2_2 = lb("ICRRA", "Art. 61-2(2)")
ART_61_2_3 = lb("ICRRA", "Art. 61-2(3)", "refused refugees may be recognised for complementary protection")
ART_50_1 = lb("ICRRA", "Art. 50(1)")
ART_50_2 = lb("ICRRA", "Art. 50(2)", "on application, from 2024-06-10")
SPS_GUIDELINE = lb("ISA", "Guidelines on Special Permission to Stay", "在留特別許可に係るガイドライン (rev. March 2024)")  # noqa: E501
ART_24_3 = lb("ICRRA", "Art. 24-3")
ART_55_3 = lb("ICRRA", "Art. 55-3(1)", "departure by a set date of 15 days or less")


ART_61_2_4 = lb("ICRRA", "Art. 61-2-4(1)", "provisional stay (text in force 2024-04-01)")
ART_61_2_12 = lb("ICRRA", "Art. 61-2-12", "refugee travel document")


def _facing_removal(ctx: Ctx) -> bool:
    """Whether removal is a question for this person: staying without status, or under a deportation order or
    in deportation proceedings."""
    return bool(ctx.overstaying() or ctx.event("deportation_order") or ctx.circ.in_deportation_proceedings)


def removal_suspension(ctx: Ctx) -> tuple[Messages, list[Message]]:
    """Is removal suspended while a refugee (or complementary-protection) application is pending? (text, trace)

    law.md §6.3: pending applicants are not removed (Art. 61-2-6(3) until 2024-06-09). From 2024-06-10 removal
    may proceed on a third or later application unless materials showing reasonable grounds are submitted, and
    for a person sentenced to life or 3 years or more (or a terrorist or similar). The counts are law data
    (rules.yaml removal_suspension_repeat_application, removal_suspension_sentence). Shown only to a person facing
    removal; the exceptions are said as they are, never hidden."""
    if not _facing_removal(ctx):
        return EMPTY, []
    repeat = ctx.law.rule("removal_suspension_repeat_application")
    sentence = ctx.law.rule("removal_suspension_sentence")
    base = ctx.law.rule_entry("removal_suspended_while_pending")
    if repeat is None or sentence is None:
        return rule_text("extra.removal_suspended_before_2024"), [
            interned("rule.trace.removal_rule", {"rule": base.code, "since": "-"})]
    c, k = ctx.circ, ctx.conduct
    n, third = c.refugee_application_number, repeat.count or 3
    trace = [interned("rule.trace.removal_rule", {"rule": repeat.code, "since": str(repeat.valid_from)})]
    if k.sentenced_three_years_or_more:
        return rule_text("extra.removal_not_suspended_sentence"), trace
    if n is not None and n >= third:
        if c.reasonable_grounds_materials is True:
            return rule_text("extra.removal_suspended_with_materials", n=n), trace
        key = "extra.removal_not_suspended_repeat" if c.reasonable_grounds_materials is False \
            else "extra.removal_repeat_materials_decide"
        return rule_text(key, n=n), trace
    if n is None or k.sentenced_three_years_or_more is None:
        return rule_text("extra.removal_suspended_unless"), trace
    return rule_text("extra.removal_suspended"), trace


def _in_japan(ctx: Ctx, basis: tuple[LegalBasis, ...]) -> Requirement:
    return Requirement.of("in_japan", rule_text("in_japan.present"), tri(ctx.in_japan()), tuple(basis), "law",
                          ("departure",))


def refugee_recognition(ctx: Ctx) -> list[Option]:
    if ctx.event("refugee_recognized"):
        return []
    c = ctx.circ
    reqs = [_in_japan(ctx, (ART_61_2_1,)),
            Requirement.of("well_founded_fear_convention_reason", rule_text("well_founded_fear_convention_reason"),
                           tri(c.fear_of_persecution_convention_reason), (ART_2_III,), "law",
                           ("circumstances.fear_of_persecution_convention_reason",))]
    opt = Option("refugee_recognition", "long_term_resident", reqs, (ART_61_2_1, ART_2_III),
                 earliest_filing_day=ctx.on)
    extra = rule_text("extra.refugee")
    if c.grounds:
        extra += rule_text("extra.grounds_stated", grounds=tag_names(c.grounds))
    removal, rtrace = removal_suspension(ctx)
    opt.trace += rtrace
    return [finish(ctx, opt, extra=extra + removal)]


def complementary_protection(ctx: Ctx) -> list[Option]:
    if ctx.event("complementary_protection_recognized") or ctx.event("refugee_recognized"):
        return []
    proc = procedure_any("complementary_protection")
    start = proc.valid_from if proc else None
    in_force = start is None or start <= ctx.on
    c = ctx.circ
    reqs = [Requirement.of("system_in_force", rule_text("system_in_force"),
                           "met" if in_force else "unmet", (ART_61_2_2, lb("Act No. 56 of 2023", "Suppl. Art. 1")),
                           "law", cured_on=None if in_force else start),
            _in_japan(ctx, (ART_61_2_2,)),
            Requirement.of("serious_harm_feared", rule_text("serious_harm_feared"), tri(c.serious_harm_feared),
                           (ART_2_III_2,), "law", ("circumstances.serious_harm_feared",))]
    opt = Option("complementary_protection", "long_term_resident", reqs, (ART_61_2_2, ART_2_III_2, ART_61_2_3),
                 earliest_filing_day=max(ctx.on, start) if start else ctx.on)
    removal, rtrace = removal_suspension(ctx)
    opt.trace += rtrace
    return [finish(ctx, opt, extra=rule_text("extra.complementary_protection") + removal)]


def refugee_review_request(ctx: Ctx) -> list[Option]:
    """審査請求 against a refusal of refugee status, within 7 days of the notice (law.md §6.2): the day is the
    calendar's (deadline ``review_request_deadline``); after it the right to request review has lapsed."""
    notice = ctx.event("refugee_refused")
    if notice is None or ctx.event("refugee_recognized"):
        return []
    reviewed = ctx.event("review_requested")
    if reviewed is not None and reviewed >= notice:
        return []
    d = ctx.deadline("review_request_deadline")
    rule = ctx.law.rule_entry("refugee_review_request_period")
    basis = tuple(b for b in rule.legal_basis)
    if d is None:
        return []
    in_time = ctx.on <= d.action_date
    reqs = [Requirement.of("within_review_period", rule_text("within_review_period", days=rule.length().days),
                           "met" if in_time else "unmet", basis, rule.fact_status,
                           note=None if in_time else rule_text("note.review_period_passed", due=str(d.action_date)))]
    opt = Option("refugee_review_request", None, reqs, tuple(b for b in basis if b.law == "ICRRA"),
                 earliest_filing_day=notice, file_by=d.action_date, file_by_legal=d.date,
                 trace=[interned("rule.trace.review_deadline", {"notice": notice.isoformat(),
                                                               "due": d.date.isoformat()})])
    removal, rtrace = removal_suspension(ctx)
    opt.trace += rtrace
    extra = rule_text("extra.refugee_review") + removal
    return [finish(ctx, opt, filing_day=ctx.on, extra=extra)]


def provisional_stay(ctx: Ctx) -> list[Option]:
    """仮滞在 (Art. 61-2-4(1)): for a refugee applicant staying without status. law.md §6.2: conditions include
    filing within 6 months of arrival (UNVERIFIED); the Minister 'may' permit it — discretionary."""
    if ctx.overstaying() is not True or ctx.event("refugee_recognized"):
        return []
    six = ctx.law.rule_entry("provisional_stay_six_months")
    c = ctx.circ
    reqs = [
        _deportable(ctx),
        Requirement.of("arrived_within_six_months", rule_text("arrived_within_six_months"),
                       tri(c.arrived_within_six_months), (ART_61_2_4,), six.fact_status,
                       ("circumstances.arrived_within_six_months",)),
        Requirement.of("provisional_stay_permission", rule_text("provisional_stay_permission"), "discretionary",
                       (ART_61_2_4,), "law"),
    ]
    opt = Option("provisional_stay", None, reqs, (ART_61_2_4,), earliest_filing_day=ctx.on)
    return [finish(ctx, opt, filing_day=ctx.on, extra=rule_text("extra.provisional_stay"))]


def refugee_travel_document(ctx: Ctx) -> list[Option]:
    """A recognised refugee travels on a refugee travel document (Art. 61-2-12), not on special re-entry
    (Art. 26-2(1) excludes it); fee ¥5,000 (law.md §12, practice)."""
    if ctx.event("refugee_recognized") is None:
        return []
    reqs = [_in_japan(ctx, (ART_61_2_12,)),
            Requirement.of("recognised_refugee", rule_text("recognised_refugee"), "met", (ART_61_2_12,), "law")]
    opt = Option("refugee_travel_document", None, reqs, (ART_61_2_12,), earliest_filing_day=ctx.on)
    return [finish(ctx, opt, filing_day=ctx.on, extra=rule_text("extra.refugee_travel_document"))]


def _deportable(ctx: Ctx) -> Requirement:
    return Requirement.of("deportable", rule_text("deportable"), tri(ctx.overstaying()),
                          (lb("ICRRA", "Art. 24(iv)(b)"),), "law", ("conduct.overstaying", "stay.expires_on"))


def _sps_supports(ctx: Ctx) -> Messages:
    """What in the facts supports special permission (Art. 50(1)(iv): refugee or complementary-protection
    recognition; the SPS guideline's positive factors: humanitarian need, family in Japan, no criminal record)."""
    c, k = ctx.circ, ctx.conduct
    supports = []
    if ctx.event("refugee_recognized") or ctx.event("complementary_protection_recognized"):
        supports.append(rule_text("support.protection_recognized"))
    if c.cannot_return_safely:
        supports.append(rule_text("support.humanitarian_need"))
    if ctx.facts.family:
        supports.append(rule_text("support.family_in_japan"))
    if k.criminal_record is False:
        supports.append(rule_text("support.no_criminal_record"))
    if not supports:
        return rule_text("note.discretion_nothing_given")
    return rule_text("note.discretion_supported_by", supports=joined(supports, "list"))


def special_permission_to_stay(ctx: Ctx) -> list[Option]:
    if ctx.overstaying() is False:
        return []
    c, k = ctx.circ, ctx.conduct
    # Act No. 56 of 2023, third stage: special permission to stay on application (Art. 50(2))
    sps = ctx.law.rule_entry("special_permission_on_application")
    on_app = ctx.law.in_force(sps.code)
    order = ctx.event("deportation_order")
    reqs = [
        _deportable(ctx),
        Requirement.of("application_procedure", rule_text("application_procedure"), "met" if on_app else "unmet",
                       (ART_50_2,), "law", cured_on=None if on_app else sps.valid_from,
                       note=None if on_app else rule_text("note.only_in_proceedings")),
        Requirement.of("in_proceedings", rule_text("in_proceedings"), tri(c.in_deportation_proceedings),
                       (ART_50_2,), "law", ("circumstances.in_deportation_proceedings",)),
        Requirement.of("before_deportation_order", rule_text("before_deportation_order"),
                       "unmet" if order else "met", (ART_50_2,), "practice"),
        # the Minister's discretion (Art. 50(1)(v), "other circumstances"): never "met"; the note says what
        # in the facts supports it (Art. 50(1) grounds, the guideline's positive factors, law.md §6.4)
        Requirement.of("special_circumstances", rule_text("special_circumstances"), "discretionary",
                       (ART_50_1, SPS_GUIDELINE), "law", note=_sps_supports(ctx)),
    ]
    factors = [
        Requirement.of("humanitarian_need", rule_text("humanitarian_need"), tri(c.cannot_return_safely),
                       (ART_50_1, SPS_GUIDELINE), "isa", ("circumstances.cannot_return_safely",)),
        Requirement.of("family_in_japan", rule_text("family_in_japan"), "met" if ctx.facts.family else "unknown",
                       (SPS_GUIDELINE,), "isa", ("family",)),
        Requirement.of("conduct", rule_text("conduct"),
                       tri(None if k.criminal_record is None else not k.criminal_record), (ART_50_1, SPS_GUIDELINE),
                       "isa", ("conduct.criminal_record",)),
    ]
    opt = Option("special_permission_to_stay", None, reqs, (ART_50_1, ART_50_2, SPS_GUIDELINE),
                 discretionary_factors=factors, earliest_filing_day=max(ctx.on, sps.valid_from or ctx.on))
    return [finish(ctx, opt, filing_day=ctx.on, extra=rule_text("extra.special_permission"))]


def departure_order(ctx: Ctx) -> list[Option]:
    if ctx.overstaying() is False:
        return []
    k, c = ctx.conduct, ctx.circ
    reqs = [
        _deportable(ctx),
        Requirement.of("intends_to_leave_promptly", rule_text("intends_to_leave_promptly"),
                       tri(c.intends_to_leave_promptly), (ART_24_3,), "law",
                       ("circumstances.intends_to_leave_promptly",)),
        Requirement.of("no_specified_sentence", rule_text("no_specified_sentence"),
                       tri(None if k.criminal_record is None else not k.criminal_record), (ART_24_3,), "law",
                       ("conduct.criminal_record",)),
        Requirement.of("not_previously_removed", rule_text("not_previously_removed"),
                       tri(None if k.previously_deported is None else not k.previously_deported), (ART_24_3,), "law",
                       ("conduct.previously_deported",)),
        Requirement.of("certain_to_leave", rule_text("certain_to_leave"), tri(k.has_passport), (ART_24_3,), "law",
                       ("conduct.has_passport",)),
        Requirement.of("no_deportation_order", rule_text("no_deportation_order"),
                       "unmet" if ctx.event("deportation_order") else "met", (ART_24_3,), "law"),
    ]
    opt = Option("departure_order", None, reqs, (ART_24_3, ART_55_3), earliest_filing_day=ctx.on)
    return [finish(ctx, opt, filing_day=ctx.on, extra=rule_text("extra.departure_order"))]
