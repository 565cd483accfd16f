"""Change of status (Art. 20), extension of stay (Art. 21), the certificate of eligibility (Art. 7-2)
and acquisition of status (Art. 22-2)."""

from __future__ import annotations

from datetime import timedelta

from zairyu.calendar.lawful_stay import acquisition_period, period_of_30_days_or_less
from zairyu.calendar.obligations import revocation
from zairyu.duration import Duration
from zairyu.law.models import FactStatus, LegalBasis, Measure
from zairyu.messages import Message, Messages, interned, period_words
from zairyu.rules.common import ISA_CHANGE_GUIDELINE, finish, guideline_factors, status_names
from zairyu.rules.context import Ctx, plus, status_any
from zairyu.rules.history import Run
from zairyu.rules.model import Option, Requirement, Result, lb, tri
from zairyu.rules.texts import EMPTY, given_text, joined, rule_text, tag_names, texts_of

ART_20_1 = lb("ICRRA", "Art. 20(1)")
ART_20_2 = lb("ICRRA", "Art. 20(2)")
ART_20_3 = lb("ICRRA", "Art. 20(3)", "main clause: reasonable grounds on the documents submitted")
ART_20_3_PROVISO = lb("ICRRA", "Art. 20(3)", "proviso: Temporary Visitor only on special unavoidable circumstances")
ART_21 = lb("ICRRA", "Art. 21(3)")
ART_21_1_ORD = lb("Ordinance", "Art. 21(1)", "file by the expiry date")
ORD_21_3 = lb("Ordinance", "Art. 21-3", "a pending change application converted into an extension")
ART_7_1_II = lb("ICRRA", "Art. 7(1)(ii)")
ART_7_2 = lb("ICRRA", "Art. 7-2")
ART_5 = lb("ICRRA", "Art. 5", "landing-denial grounds")
ART_22_2_1 = lb("ICRRA", "Art. 22-2(1)")
ART_22_2_2 = lb("ICRRA", "Art. 22-2(2)")
ART_22_2_3 = lb("ICRRA", "Art. 22-2(3)", "applies Art. 20(3) main clause")
ART_61_2_3 = lb("ICRRA", "Art. 61-2-3", "recognised refugee/complementary protection: change to Long-Term Resident")
ISA_TV_EXTENSION = lb("ISA", "Extension of period of stay (Temporary Visitor)",
                      "humanitarian or equivalent special circumstances only")
ISA_MEASURE = lb("ISA", "country-specific special measure")
ACT60_SUPP = lb("Act No. 60 of 2024", "Supplementary Provisions",
                "transitional measures for Technical Intern Training (article numbers not in zairyu's reference)")

SPOUSE_TARGET = {"japanese_national": "spouse_child_of_japanese", "permanent_resident": "spouse_child_of_pr",
                 "special_permanent_resident": "spouse_child_of_pr"}

NO_COE_TARGETS = frozenset({"temporary_visitor", "permanent_resident", "hsp_2"})
ART_20_2_HSP2 = lb("ICRRA", "Art. 20-2", "change to HSP (ii): 3 years of HSP (i) activities and the points")
HSP1 = frozenset({"hsp_1a", "hsp_1b", "hsp_1c"})
HSP_POINTS_THRESHOLD = 70  # law.md §1.4: the HSP points ordinance (MOJ Ord. No. 37 of 2014)


def lawful_requirement(ctx: Ctx, basis: tuple[LegalBasis, ...] = (ART_20_1, ART_21_1_ORD)) -> Requirement:
    """Holding a status that has not expired (or is continued by the special period)."""
    lawful = ctx.lawful()
    sp = ctx.in_special_period()
    revoked = revocation(ctx.facts)  # the calendar owns "was the current stay revoked?"
    if revoked is not None and revoked.on <= ctx.on:
        # Art. 22-4: a revoked status is not held any more; what is left is to leave (Art. 22-4(7))
        return Requirement.of("holds_valid_status", rule_text("holds_valid_status"), "unmet",
                              (*basis, lb("ICRRA", "Art. 22-4(7)")), "law",
                              note=rule_text("note.status_revoked", on=revoked.on.isoformat()))
    return Requirement.of("holds_valid_status", rule_text("holds_valid_status"), tri(lawful),
                          tuple(basis), "law", ("stay.expires_on", "stay.period", "stay.granted_on"),
                          note=rule_text("note.in_special_period") if sp else None)


def in_japan_if_abroad(ctx: Ctx, basis: tuple[LegalBasis, ...]) -> list[Requirement]:
    """A person who has left Japan (and not come back) cannot file in Japan; listed only then."""
    if ctx.in_japan() is not False:
        return []
    return [Requirement.of("in_japan", rule_text("in_japan.staying"), "unmet", basis, "law",
                           note=rule_text("note.left_japan"))]


def target_exists(ctx: Ctx, target: str) -> Requirement:
    """The target status must exist on the date (e.g. Employment for Skill Development only from 2027-04-01)."""
    exists = ctx.law.has_status(target)
    trans = None if exists else ctx.law.transitional(target)
    cured = None
    if not exists and trans is None:
        s = status_any(target)
        if s is not None and s.valid_from and s.valid_from > ctx.on:
            cured = s.valid_from
    if trans is not None:
        # an ended status that lives on under transitional measures (TITP after 2027-04-01, law.md §12): it
        # exists for those the measures cover, which the transitional requirements check
        return Requirement.of("target_status_exists",
                              rule_text("target_status_exists", status=status_names(target)), "met",
                              (lb("ICRRA", "Art. 2-2"), *trans.legal_basis), trans.fact_status,
                              note=rule_text("note.transitional_only", who={"ja": trans.who_ja, "en": trans.who_en}))
    return Requirement.of("target_status_exists", rule_text("target_status_exists", status=status_names(target)),
                          "met" if exists else "unmet", (lb("ICRRA", "Art. 2-2"),), "law", cured_on=cured)


def _titp_run(ctx: Ctx) -> Run | None:
    from zairyu.rules.history import trailing_run

    return trailing_run(ctx, lambda c: c.startswith("titp_"))


def transitional_holder(ctx: Ctx) -> Requirement | None:
    """An ended status held under its transitional measures (TITP after 2027-04-01, law.md §12): the holder
    was in training on the cut-over day (held a TITP status the day before), or entered by ``entry_until``
    with a certificate of eligibility issued before the cut-over. None when the status is in force."""
    t = ctx.status.transitional if ctx.status is not None else None
    if t is None or t.valid_from is None:
        return None
    cut = t.valid_from
    text = rule_text("titp_transitional_holder", date=cut.isoformat(),
                     until=t.entry_until.isoformat() if t.entry_until else "—")
    basis = tuple(t.legal_basis)
    run = _titp_run(ctx)
    if run is None or not run.known or run.start is None:
        return Requirement.of("titp_transitional_holder", text, "unknown", basis, t.fact_status,
                              ("history", "stay.granted_on"))
    if run.start < cut:
        return Requirement.of("titp_transitional_holder", text, "met", basis, t.fact_status)
    coe = ctx.circ.coe_issued_on
    if t.entry_until is not None and run.start <= t.entry_until:
        value = None if coe is None else coe < cut
        return Requirement.of("titp_transitional_holder", text, tri(value), basis, t.fact_status,
                              ("circumstances.coe_issued_on",))
    return Requirement.of("titp_transitional_holder", text, "unmet", basis, t.fact_status)


def _length_words(d: Duration) -> dict[str, str]:
    """A length "for at least …" in the four languages (Russian/Ukrainian genitive for whole years)."""
    out = {"ja": period_words(d, "ja"), "en": period_words(d, "en")}
    if not d.months and not d.days:
        out["ru"] = f"{d.years} {'года' if d.years % 10 == 1 and d.years % 100 != 11 else 'лет'}"
        out["uk"] = f"{d.years} {'року' if d.years % 10 == 1 and d.years % 100 != 11 else 'років'}"
    return out


def _transitional_change(ctx: Ctx, target: str) -> list[Requirement]:
    """A change to an ended status under its transitional measures (law.md §12): only from a status it names
    (TITP (i)→(ii); (ii)→(iii)), held on the day before the cut-over, and — for (iii) — held for the length
    the measures set (one year on (ii)) by the cut-over day."""
    from zairyu.rules.history import trailing_run

    t = None if ctx.law.has_status(target) else ctx.law.transitional(target)
    if t is None or t.valid_from is None:
        return []
    cut = t.valid_from
    cur = ctx.status_code or ""
    held = t.change_from_held_for
    names = status_names(t.change_from[0]) if t.change_from else "—"
    text = (rule_text("titp_transitional_change.held", date=cut.isoformat(), status=names,
                      held=_length_words(Duration.parse(held))) if held else
            rule_text("titp_transitional_change", date=cut.isoformat(), status=names))
    basis = tuple(t.legal_basis)
    if cur not in t.change_from:
        return [Requirement.of("titp_transitional_change", text, "unmet", basis, t.fact_status)]
    run = trailing_run(ctx, lambda c: c == cur)
    if run is None or not run.known or run.start is None:
        return [Requirement.of("titp_transitional_change", text, "unknown", basis, t.fact_status,
                               ("history", "stay.granted_on"))]
    ok = run.start < cut
    if ok and held is not None:
        n = Duration.parse(held)
        ok = plus(run.start, years=n.years, months=n.months, days=n.days) <= cut
    return [Requirement.of("titp_transitional_change", text, "met" if ok else "unmet", basis, t.fact_status)]


def _transitional_entry(ctx: Ctx, target: str) -> list[Requirement]:
    """New entry with an ended status under its transitional measures (law.md §12): only with a certificate of
    eligibility issued before the cut-over, landing by ``entry_until`` (TITP: 2027-06-30)."""
    t = None if ctx.law.has_status(target) else ctx.law.transitional(target)
    if t is None or t.valid_from is None:
        return []
    cut = t.valid_from
    text = rule_text("titp_transitional_entry", date=cut.isoformat(),
                     until=t.entry_until.isoformat() if t.entry_until else "—")
    basis = tuple(t.legal_basis)
    coe = ctx.circ.coe_issued_on if target == ctx.goal.status else None
    if t.entry_until is None or ctx.on > t.entry_until:
        return [Requirement.of("titp_transitional_entry", text, "unmet", basis, t.fact_status)]
    return [Requirement.of("titp_transitional_entry", text, tri(None if coe is None else coe < cut), basis,
                           t.fact_status, ("circumstances.coe_issued_on",))]


def activity_fits(ctx: Ctx, target: str, basis: tuple[LegalBasis, ...], measure: Measure | None = None) -> Requirement:
    """Guideline (1), mandatory: the intended activity falls under the target status."""
    c = ctx.circ
    facts: tuple[str, ...] = ("goal.activity_fits",)
    value = ctx.goal.activity_fits
    if measure is not None:
        value, facts = c.cannot_return_safely, ("circumstances.cannot_return_safely",)
    elif target == "long_term_resident" and (ctx.event("refugee_recognized")
                                              or ctx.event("complementary_protection_recognized")):
        value = True
    elif c.coe_issued_on is not None and target == ctx.goal.status:
        value = True  # a COE certifies the activity (Art. 7-2)
    elif target == "student" and value is None:
        value, facts = c.school_admission, ("circumstances.school_admission", "goal.activity_fits")
    elif target in SPOUSE_TARGET.values() and value is None and ctx.marriage.married_on is not None:
        value = ctx.marriage.cohabiting
        facts = ("marriage.cohabiting", "goal.activity_fits")
    return Requirement.of("activity_fits_status", rule_text("activity_fits_status", status=status_names(target)),
                          tri(value), tuple(basis), "isa" if measure else "law", facts)


def landing_criteria(ctx: Ctx, target: str, basis: tuple[LegalBasis, ...], fact_status: FactStatus) -> Requirement | None:  # noqa: E501
    s = ctx.law.status(target) if ctx.law.holdable(target) else None
    if s is None or not s.status.landing_criteria:
        return None
    value = True if ctx.circ.coe_issued_on is not None and target == ctx.goal.status else \
        ctx.goal.meets_landing_criteria
    return Requirement.of("landing_criteria", rule_text("landing_criteria"), tri(value), tuple(basis),
                          fact_status, ("goal.meets_landing_criteria",))


def _tv_proviso(ctx: Ctx, target: str, measure: Measure | None) -> Requirement:
    """Art. 20(3) proviso: a Temporary Visitor's change needs special unavoidable circumstances.
    ISA publishes no definition; practitioners report (law.md §2.3): a COE obtained in Japan,
    marriage (to a Japanese national) while in Japan, humanitarian situations."""
    c = ctx.circ
    if measure is not None:
        return Requirement.of("special_unavoidable_circumstances",
                              rule_text("special_unavoidable_circumstances.measure",
                                        measure=given_text({"ja": measure.name_ja, "en": measure.name_en,
                                                            "ru": measure.name_ru, "uk": measure.name_uk})),
                              "met", (ART_20_3_PROVISO, ISA_MEASURE), "isa")
    grounds: list[Messages] = []
    if c.coe_issued_on is not None and c.coe_issued_on <= ctx.on:
        grounds.append(rule_text("note.ground_coe", date=c.coe_issued_on.isoformat()))
    spouse = ctx.marriage.spouse
    if target in SPOUSE_TARGET.values() and spouse in SPOUSE_TARGET and ctx.marriage.married_on:
        grounds.append(rule_text("note.ground_marriage"))
    if c.cannot_return_safely:
        grounds.append(rule_text("note.ground_humanitarian",
                                 grounds=rule_text("note.grounds_named", tags=tag_names(c.grounds))
                                 if c.grounds else ""))
    text = rule_text("special_unavoidable_circumstances")
    basis = (ART_20_3_PROVISO,)
    if grounds:
        # what supports the finding, never "met": the Minister judges it (issue reading; law.md §2.3)
        return Requirement.of("special_unavoidable_circumstances", text, "discretionary", basis, "practice",
                              discretionary=True, note=joined(grounds))
    if c.cannot_return_safely is None:
        return Requirement.of("special_unavoidable_circumstances", text, "unknown", basis, "practice",
                              ("circumstances.cannot_return_safely", "circumstances.coe_issued_on"),
                              discretionary=True)
    return Requirement.of("special_unavoidable_circumstances", text, "unmet", basis, "practice", discretionary=True,
                          note=rule_text("note.inconvenience"))


def _new_designation(ctx: Ctx, measure: Measure) -> bool | None:
    """Whether a measure on the current status would be a new designation (a change of status, Art. 20(1)):
    None when the current designation is not known."""
    held = ctx.facts.stay.designation if ctx.facts.stay else None
    if held is None:
        return None
    return measure.designation is None or held != measure.designation


def change_targets(ctx: Ctx) -> list[tuple[str, Measure | None]]:
    """Target statuses of a change. Art. 20(1): a new designation within one status code (Designated
    Activities' designation, an SSW field, an HSP (i) organisation) is a change of status too."""
    cur = ctx.status_code
    out: list[tuple[str, Measure | None]] = []
    goal = ctx.goal.status
    if goal and goal != "permanent_resident" and (goal != cur or ctx.goal.changes_designation):
        out.append((goal, None))
    if ctx.person.nationality:
        for m in ctx.law.measures_for(ctx.person.nationality):
            if m.target_status == cur and _new_designation(ctx, m) is False:
                continue  # already on the measure's designation: an extension, not a change
            if all(t != m.target_status or mm for t, mm in out):
                out.append((m.target_status, m))
    spouse_t = SPOUSE_TARGET.get(ctx.marriage.spouse or "")
    if spouse_t and spouse_t != cur and all(t != spouse_t for t, _ in out):
        out.append((spouse_t, None))
    if (ctx.event("refugee_recognized") or ctx.event("complementary_protection_recognized")) and \
            cur != "long_term_resident" and all(t != "long_term_resident" for t, _ in out):
        out.append(("long_term_resident", None))
    return out


def _within_status(ctx: Ctx, target: str, measure: Measure | None) -> list[Requirement]:
    """Requirements that only a change within one status code, or a measure, adds (law.md §12, §6)."""
    out: list[Requirement] = []
    if target == ctx.status_code:
        value = True if measure is None else _new_designation(ctx, measure)
        out.append(Requirement.of("new_designation", rule_text("new_designation"), tri(value), (ART_20_1,), "law",
                                  ("goal.changes_designation",) if measure is None else ("stay.designation",)))
    if measure is not None and measure.keeps_status_while_activity_continues and \
            ctx.status_code not in ("temporary_visitor", "designated_activities"):
        # law.md §6 (Myanmar): for those whose original activity ended; an enrolled student keeps Student
        out.append(Requirement.of("original_activity_ended", rule_text("original_activity_ended"),
                                  tri(ctx.circ.status_activity_ended), (ISA_MEASURE,), "isa",
                                  ("circumstances.status_activity_ended",)))
    out += _measure_titp_conditions(ctx, measure)
    return out


def _measure_titp_conditions(ctx: Ctx, measure: Measure | None) -> list[Requirement]:
    """Myanmar measure from 2024-10-01 (law.md §12, rules.yaml myanmar_measure_titp_conditions): a technical
    intern is changed to it only if the training did not stop through their own fault and the supervising body
    first tried to find a new training site. Both facts unknown until given."""
    rule = ctx.law.rule("myanmar_measure_titp_conditions")
    if measure is None or rule is None or not (ctx.status_code or "").startswith("titp_") or \
            not set(measure.nationalities) & set(rule.nationalities):
        return []
    since = rule.valid_from.isoformat() if rule.valid_from else ""
    basis = tuple(rule.legal_basis)
    c = ctx.circ
    own = c.titp_stopped_through_own_fault
    return [Requirement.of("myanmar_titp_not_own_fault", rule_text("myanmar_titp_not_own_fault", since=since),
                           tri(None if own is None else not own), basis, rule.fact_status,
                           ("circumstances.titp_stopped_through_own_fault",)),
            Requirement.of("myanmar_titp_new_site_sought", rule_text("myanmar_titp_new_site_sought", since=since),
                           tri(c.titp_new_site_sought), basis, rule.fact_status,
                           ("circumstances.titp_new_site_sought",))]


def _change_window(wtrace: list[Message], last: object) -> list[Message]:
    """A change of status may be filed from when its reason arises up to the expiry (law.md §12, practice);
    the calendar's "about 3 months before expiry" window is ISA's rule for extensions only, so its lines are
    left out of the change's trace."""
    out = [m for m in wtrace if not m.key.startswith("trace.window_")]
    if last is not None:
        out.insert(0, interned("rule.trace.change_window", {"last": str(last)}))
    return out


def change_of_status(ctx: Ctx) -> list[Option]:
    if ctx.facts.stay is None or ctx.status_code in ("permanent_resident", "special_permanent_resident"):
        return []
    _earliest, last, wtrace = ctx.filing()
    wtrace = _change_window(wtrace, last)
    targets = change_targets(ctx)
    if not targets:
        req = Requirement.of("target_status_known", rule_text("target_status_known"), "unknown", (ART_20_1,), "law",
                             ("goal.status",))
        opt = Option("change_of_status", None, [lawful_requirement(ctx), req], (ART_20_1, ART_20_2, ART_20_3),
                     earliest_filing_day=ctx.on, file_by=last, file_by_legal=ctx.expires_on, trace=[*wtrace])
        return [finish(ctx, opt, extra=rule_text("extra.change_when_reason_arises"))]
    out = []
    for target, measure in targets:
        recognised = target == "long_term_resident" and (ctx.event("refugee_recognized")
                                                         or ctx.event("complementary_protection_recognized"))
        basis = (ART_61_2_3,) if recognised else (ART_20_3, ISA_CHANGE_GUIDELINE)
        reqs = [lawful_requirement(ctx), *in_japan_if_abroad(ctx, (ART_20_1,)), target_exists(ctx, target),
                activity_fits(ctx, target, basis, measure)]
        lc = landing_criteria(ctx, target, (ISA_CHANGE_GUIDELINE,), "isa")
        if lc is not None and not recognised:
            reqs.append(lc)
        if ctx.status_code == "temporary_visitor" and not recognised:
            reqs.append(_tv_proviso(ctx, target, measure))
        reqs += _within_status(ctx, target, measure)
        reqs += _transitional_change(ctx, target)
        if target == "hsp_2":
            reqs += _hsp2_change(ctx)
        if target == "ssw_1":
            cap = _ssw1_cap(ctx, change=True)
            if cap is not None:
                reqs.append(cap)
        trace: list[Message] = [*ctx.expiry_trace, *wtrace]
        if measure is not None:
            trace.append(interned("rule.trace.measure", {"measure": measure.code, "since": str(measure.valid_from),
                                                        "nationalities": str(measure.nationalities)}))
        legal = (ART_20_1, ART_20_2, ART_20_3) + ((ART_20_3_PROVISO,) if ctx.status_code == "temporary_visitor"
                                                   else ()) + ((ART_61_2_3,) if recognised else ())
        factors = guideline_factors(ctx, humanitarian=bool(ctx.circ.cannot_return_safely))
        if (ctx.status_code or "").startswith("titp_") and measure is None:
            factors.append(Requirement.of("titp_plan", rule_text("titp_plan"), "unknown", (ISA_CHANGE_GUIDELINE,),
                                          "practice"))
        opt = Option("change_of_status", target, reqs, legal,
                     discretionary_factors=factors,
                     measure=measure.code if measure else None, earliest_filing_day=ctx.on,
                     file_by=last, file_by_legal=ctx.expires_on, trace=trace)
        extra = rule_text("extra.change_when_reason_arises") + _special_period_note(ctx)
        if target == "business_manager":
            extra += _business_manager_criteria(ctx)
        if measure is not None:
            extra += texts_of(measure.summary_ja, measure.summary_en, measure.summary_ru, measure.summary_uk)
        out.append(finish(ctx, opt, extra=extra))
    return out


def _special_period_note(ctx: Ctx) -> Messages:
    """Art. 20(6): whether filing by the expiry date would keep the stay lawful while pending."""
    short = period_of_30_days_or_less(ctx.facts, ctx.law)
    if short is None:
        return EMPTY
    return rule_text("extra.no_special_period_short" if short else "extra.special_period")


def extension_of_stay(ctx: Ctx) -> list[Option]:
    st = ctx.facts.stay
    if st is None or ctx.status is None or ctx.status.periods.kind in ("indefinite", "activity_duration"):
        return []
    code = ctx.status_code or ""
    earliest, last, wtrace = ctx.filing()
    reqs = [lawful_requirement(ctx, (ART_21, ART_21_1_ORD)), *in_japan_if_abroad(ctx, (ART_21,))]
    app = ctx.pending()
    if last is not None and ctx.on > last and not (app and app.procedure == "extension_of_stay"):
        # Ordinance Art. 21(1): file by the expiry date. Ordinance Art. 21-3: a pending change application
        # can be converted in person into an extension, deemed filed on the change's filing date.
        text = rule_text("filed_by_expiry")
        if app is not None and app.procedure == "change_of_status" and app.filed_on <= last:
            reqs.append(Requirement.of("filed_by_expiry", text, "met", (ART_21_1_ORD, ORD_21_3), "law",
                                       note=rule_text("note.converted_change", filed=app.filed_on.isoformat())))
        else:
            reqs.append(Requirement.of("filed_by_expiry", text, "unmet", (ART_21_1_ORD,), "law",
                                       note=rule_text("note.last_filing_day_passed", last=str(last))))
    if earliest is not None and ctx.on < earliest:
        reqs.append(Requirement.of("filing_window_open", rule_text("filing_window_open"), "unmet",
                                   (ART_21_1_ORD,), "isa", cured_on=earliest))
    extra = EMPTY
    if code == "temporary_visitor":
        c = ctx.circ
        nat = ctx.person.nationality
        # ISA extension page: these nationals may extend a visa-waiver stay to a total of up to 6 months
        waiver = ctx.law.rule("visa_waiver_six_month_extension")
        if nat is not None and waiver is not None and nat in waiver.nationalities:
            # the nationality opens the route; the extension to a total of 6 months is still granted at discretion
            reqs.append(Requirement.of("visa_waiver_six_months", rule_text("visa_waiver_six_months"), "discretionary",
                                       (ISA_TV_EXTENSION,), "isa"))
        else:
            humane = c.cannot_return_safely or c.medical_treatment
            known_no = c.cannot_return_safely is False and c.medical_treatment is False
            missing: tuple[str, ...] = ("circumstances.cannot_return_safely", "circumstances.medical_treatment")
            if nat is None:
                missing += ("person.nationality",)
            result: Result = "discretionary" if humane else ("unmet" if known_no and nat is not None else "unknown")
            shown = [rule_text(k) for k, y in (("note.cannot_return", c.cannot_return_safely),
                                               ("note.medical_treatment", c.medical_treatment)) if y]
            # in Japanese the note names the kind of circumstance only: 人道上の事情
            note = rule_text("note.humanitarian_circumstances", grounds=joined(shown)) if shown else None
            reqs.append(Requirement.of("humanitarian_grounds", rule_text("humanitarian_grounds"),
                                       result, (ART_21, ISA_TV_EXTENSION), "isa", missing, discretionary=True,
                                       note=note))
            if nat is None:
                extra = rule_text("extra.visa_waiver_nationals")
    else:
        cap = _ssw1_cap(ctx) if code == "ssw_1" else None
        if cap is not None:
            reqs.append(cap)
        ended = _designation_ended(ctx)
        if ended is not None:
            reqs.append(ended)
        if code == "business_manager":
            extra += _business_manager_criteria(ctx, extension=True)
        trans = transitional_holder(ctx)
        if trans is not None:
            reqs.append(trans)
        reqs.append(Requirement.of("continues_activity", rule_text("continues_activity"),
                                   tri(ctx.conduct.engaged_in_status_activity), (ART_21, ISA_CHANGE_GUIDELINE), "law",
                                   ("conduct.engaged_in_status_activity",)))
    opt = Option("extension_of_stay", code, reqs, (lb("ICRRA", "Art. 21(1)"), ART_21, ART_21_1_ORD),
                 discretionary_factors=guideline_factors(ctx, humanitarian=bool(ctx.circ.cannot_return_safely)),
                 earliest_filing_day=earliest or ctx.on, file_by=last, file_by_legal=ctx.expires_on,
                 trace=[*ctx.expiry_trace, *wtrace])
    return [finish(ctx, opt, extra=_special_period_note(ctx) + extra)]


def _designation_ended(ctx: Ctx) -> Requirement | None:
    """An extension under a Designated Activities designation that has ended (designations.yaml valid_to: the
    COVID-19 "unable to return" designation, law.md §12) is not granted under it: another route is needed."""
    st = ctx.facts.stay
    if st is None or st.status != "designated_activities" or st.designation is None:
        return None
    desig = ctx.law.designation(st.designation)
    if desig is None or desig.valid_to is None or desig.valid_to >= ctx.on:
        return None
    fact = "unverified" if "valid_to" in desig.unverified_fields else desig.fact_status
    return Requirement.of("designation_in_force", rule_text("designation_in_force"), "unmet",
                          tuple(desig.legal_basis), fact,
                          note=rule_text("note.designation_ended_on", until=desig.valid_to.isoformat()))


def _business_manager_criteria(ctx: Ctx, *, extension: bool = False) -> Messages:
    """Business Manager from 2025-10-16 (rules.yaml business_manager_2025_criteria, law.md §1.4): the new
    landing criteria, and for a holder's extension the transition to 2028-10-16 (unverified detail)."""
    rule = ctx.law.rule("business_manager_2025_criteria")
    if rule is None:
        return EMPTY
    out = rule_text("extra.business_manager_2025", since=str(rule.valid_from))
    trans = ctx.law.rule("business_manager_2025_transition")
    if extension and trans is not None:
        out += rule_text("extra.business_manager_transition", until=str(trans.valid_to))
    return out


ORD_21_2 = lb("Ordinance", "Art. 21-2", "SSW (i): no reasonable grounds once the stays on SSW (i) total 5 years")
ORD_20_2 = lb("Ordinance", "Art. 20-2",
              "change to SSW (i): no reasonable grounds once the stays on SSW (i) total 5 years")


def _ssw1_days(ctx: Ctx) -> int | None:
    """Days stayed on SSW (i) in total up to ``ctx.on`` (通算: every SSW (i) stay, not only the current run);
    None when a stay's start or end is not known. A stay ends on its ``to`` day, else when the next one starts;
    the current stay runs to ``ctx.on``. Periods excluded since 2025-09-30 (pregnancy, childcare, illness)
    are left out by recording them as gaps in the history."""
    from zairyu.rules.history import entries

    items = entries(ctx)
    ends = {i: h.to for i, h in enumerate(sorted(ctx.facts.history, key=lambda h: h.from_))}
    total = 0
    for i, (code, start) in enumerate(items):
        if code != "ssw_1":
            continue
        end = ends.get(i)
        if end is None:
            end = items[i + 1][1] if i + 1 < len(items) else ctx.on
        if start is None or end is None:
            return None
        total += max(0, (min(end, ctx.on) - start).days)
    return total


def _ssw1_cap(ctx: Ctx, *, change: bool = False) -> Requirement | None:
    """SSW (i) cumulative cap (Ordinance Art. 21-2 on an extension, Art. 20-2 on a change to SSW (i)), counted
    over all SSW (i) stays in total (law.md §12). The cap (5 years) and the 6-year ceiling where there is a
    reasonable ground (from 2025-09-30, MOJ Ord. No. 47 of 2025) are rule parameters of the law data; the
    reasonable ground is a fact of its own, unknown until given."""
    cap = ctx.law.rule("ssw1_cumulative_cap")
    if cap is None:
        return None
    text = rule_text("ssw1_cumulative_cap")
    basis = (ORD_20_2,) if change else (ORD_21_2,)
    days = _ssw1_days(ctx)
    if days is None:
        return Requirement.of("ssw1_cumulative_cap", text, "unknown", basis, "law", ("history",))
    # the day the total reaches the cap if the person stays on SSW (i) from today on
    virtual_start = ctx.on - timedelta(days=days)
    n = cap.length()
    five = plus(virtual_start, years=n.years, months=n.months, days=n.days)
    if ctx.on < five:
        return Requirement.of("ssw1_cumulative_cap", text, "met", basis, "law",
                              note=rule_text("note.five_years_on", date=five.isoformat()))
    ceiling = ctx.law.rule("ssw1_six_year_ceiling")
    c = ceiling.length() if ceiling is not None else None
    six = plus(virtual_start, years=c.years, months=c.months, days=c.days) if c is not None else None
    if six is not None and ctx.on < six:
        ground = ctx.circ.ssw1_reasonable_ground_for_sixth_year
        return Requirement.of("ssw1_cumulative_cap", text, tri(ground), basis, "law",
                              ("circumstances.ssw1_reasonable_ground_for_sixth_year",), discretionary=bool(ground),
                              note=rule_text("note.ssw1_six_years"))
    return Requirement.of("ssw1_cumulative_cap", text, "unmet", basis, "law",
                          note=rule_text("note.five_years_on", date=five.isoformat()))


def _hsp2_change(ctx: Ctx) -> list[Requirement]:
    """Art. 20-2: HSP (ii) is reached only by a change of status, for a person who has engaged in HSP (i)
    activities for 3 years (a rule parameter) and has the points (law.md §1.4, §12)."""
    from zairyu.rules.history import trailing_run

    out: list[Requirement] = []
    rule = ctx.law.rule("hsp2_three_years_on_hsp1")
    text = rule_text("hsp2_three_years_on_hsp1")
    run = trailing_run(ctx, lambda c: c in HSP1)
    if rule is None or run is None:
        out.append(Requirement.of("hsp2_three_years_on_hsp1", text, "unmet", (ART_20_2_HSP2,), "law"))
    elif not run.known or run.start is None:
        out.append(Requirement.of("hsp2_three_years_on_hsp1", text, "unknown", (ART_20_2_HSP2,), "law",
                                  ("history",)))
    else:
        n = rule.length()
        three = plus(run.start, years=n.years, months=n.months, days=n.days)
        out.append(Requirement.of("hsp2_three_years_on_hsp1", text, "met" if ctx.on >= three else "unmet",
                                  (ART_20_2_HSP2,), "law", cured_on=three if ctx.on < three else None,
                                  note=rule_text("note.hsp2_three_years_on", date=three.isoformat())))
    pts = ctx.conduct.hsp_points
    out.append(Requirement.of("hsp2_points", rule_text("hsp2_points", threshold=HSP_POINTS_THRESHOLD),
                              tri(None if pts is None else pts >= HSP_POINTS_THRESHOLD), (ART_20_2_HSP2,), "law",
                              ("conduct.hsp_points",)))
    return out


def certificate_of_eligibility(ctx: Ctx) -> list[Option]:
    """The ordinary route abroad: a COE (Art. 7-2), then a visa at a Japanese mission and landing."""
    target = ctx.goal.status
    if target is None or target == ctx.status_code:
        return []
    reqs = [target_exists(ctx, target), *_transitional_entry(ctx, target)]
    allowed = target not in NO_COE_TARGETS
    # HSP (ii) is excluded by the Act itself (Art. 7(1)(ii)); the others by ISA's description of the COE
    reqs.append(Requirement.of("coe_available_for_status", rule_text("coe_available_for_status"),
                               "met" if allowed else "unmet",
                               (ART_7_2, ART_7_1_II) if target == "hsp_2" else (ART_7_2,),
                               "law" if target == "hsp_2" else "isa"))
    if allowed:
        reqs.append(activity_fits(ctx, target, (ART_7_1_II,)))
        lc = landing_criteria(ctx, target, (ART_7_1_II,), "law")
        if lc is not None:
            reqs.append(lc)
        c = ctx.conduct
        deported, record = c.previously_deported, c.criminal_record
        no_denial = False if (deported or record) else (None if deported is None or record is None else True)
        reqs.append(Requirement.of("no_landing_denial_ground", rule_text("no_landing_denial_ground"),
                                   tri(no_denial), (ART_5,), "law",
                                   ("conduct.previously_deported", "conduct.criminal_record")))
    trace: list[Message] = []
    if ctx.circ.coe_issued_on:
        d = ctx.deadline("coe_expiry")
        issued = ctx.circ.coe_issued_on.isoformat()
        trace.append(interned("rule.trace.coe_issued_valid", {"issued": issued, "until": d.date.isoformat()}) if d
                     else interned("rule.trace.coe_issued", {"issued": issued}))
    opt = Option("certificate_of_eligibility", target, reqs, (ART_7_2, ART_7_1_II),
                 earliest_filing_day=ctx.on, trace=trace)
    extra = rule_text("extra.coe_route")
    if target == "business_manager":
        extra += _business_manager_criteria(ctx)
    return [finish(ctx, opt, extra=extra)]


def acquisition_of_status(ctx: Ctx) -> list[Option]:
    """Art. 22-2: birth in Japan (or another event without landing); apply within 30 days, stay up to 60."""
    p = ctx.person
    if ctx.facts.stay is not None or p.born_in_japan is False:
        return []
    reqs: list[Requirement] = []
    trace: list[Message] = []
    file_by = legal = None
    reqs.append(Requirement.of("event_without_landing", rule_text("event_without_landing"), tri(p.born_in_japan),
                               (ART_22_2_1,), "law", ("person.born_in_japan",)))
    if p.birth_date is None:
        reqs.append(Requirement.of("within_30_days", rule_text("within_30_days"), "unknown", (ART_22_2_2,), "law",
                                   ("person.birth_date",)))
    else:
        acq = acquisition_period(p.birth_date)
        legal, file_by = acq.apply_by, acq.filing_day
        trace += acq.trace
        reqs.append(Requirement.of("within_30_days", rule_text("within_30_days"),
                                   "met" if ctx.on <= file_by else "unmet", (ART_22_2_2,), "law"))
    target = ctx.goal.status
    if target is None:
        reqs.append(Requirement.of("target_status_known", rule_text("target_status_known.acquisition"), "unknown",
                                   (ART_22_2_1,), "law", ("goal.status",)))
    else:
        reqs += [target_exists(ctx, target), activity_fits(ctx, target, (ART_22_2_3,))]
    opt = Option("acquisition_of_status", target, reqs, (ART_22_2_1, ART_22_2_2, ART_22_2_3),
                 earliest_filing_day=p.birth_date, file_by=file_by, file_by_legal=legal, trace=trace)
    return [finish(ctx, opt, filing_day=ctx.on, extra=rule_text("extra.acquisition"))]
