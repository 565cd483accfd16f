"""Permanent residence (永住許可): ICRRA Art. 22 and the ISA guideline (rev. 2024-11-18), law.md §2.6.

Routes (the guideline's national-interest test and its exceptions to the 10-year rule):
10 years' residence with 5 on a work or Table II status (Technical Intern Training and SSW (i) years do
not count), spouse (3 years' marriage + 1 year in Japan), child (1 year), Long-Term Resident (5 years),
refugee or complementary protection (5 years after recognition), HSP 70 points (3 years) / 80 points (1 year),
recognised contribution to Japan (5 years), regional-revitalisation special-zone researchers (3 years), Special HSP
(J-Skip, 1 year; from the 2023-04-21 revision).
Where time alone cures a route, the option says from which day it could be met. A route that turns on a yes/no
fact nobody has given (contribution, special zone) is asked about only once its years are there: before that
the answer could change nothing on the day assessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zairyu.law.models import FactStatus, LegalBasis
from zairyu.messages import Message, Messages
from zairyu.rules.common import finish
from zairyu.rules.context import Ctx, plus, status_any
from zairyu.rules.history import continuity, trailing_run
from zairyu.rules.model import Option, Requirement, Result, lb, tri
from zairyu.rules.procedures.residence import in_japan_if_abroad, lawful_requirement
from zairyu.rules.texts import joined, rule_message, rule_text

ART_20_6 = lb("ICRRA", "Art. 20(6)", "special period: a change or extension pending at expiry keeps the status")
ART_22_1 = lb("ICRRA", "Art. 22(1)")
ART_22_2 = lb("ICRRA", "Art. 22(2)")
ART_22_2_I = lb("ICRRA", "Art. 22(2)(i)", "good conduct")
ART_22_2_II = lb("ICRRA", "Art. 22(2)(ii)", "independent livelihood")
ART_22_2_PROVISO = lb("ICRRA", "Art. 22(2) proviso", "(i) and (ii) waived for spouses/children of JP, PR, SPR")
ART_61_2_11 = lb("ICRRA", "Art. 61-2-11", "recognised refugees: PR may be granted without Art. 22(2)(ii) (number "
                 "unverified); complementary-protection holders: reading, unverified")
PR_GUIDELINE = lb("ISA", "Guidelines on Permanent Residence Permission", "永住許可に関するガイドライン (rev. 2024-11-18)")  # noqa: E501

CONTRIBUTION_GUIDELINE = lb("ISA", "Guideline on contribution to Japan",
                            "separate guideline for the permanent-residence contribution route (rev. 2017-04-26)")

EXCLUDED_WORK = ("titp_", "ssw_1")
"""Guideline (since 2019-05-31): Technical Intern Training and SSW (i) years are not work years."""


def _qualifies_work(code: str) -> bool | None:
    if code.startswith(EXCLUDED_WORK[0]) or code == EXCLUDED_WORK[1]:
        return False
    if code == "designated_activities":
        # work on Designated Activities "depends on the designation" (law.md §1.2, App. Table I-5): whether its
        # years are work-status years turns on the designation, which the history does not record — unknown
        return None
    s = status_any(code)
    if s is None:
        return None
    return s.work_status or s.table == "II"


def _route_name(route: _Route) -> Messages:
    """A route's short name (``rule.route_name.<id>``: "10 years' residence"), where a note refers to it."""
    if route.id in ("hsp_70", "hsp_80"):  # the points route by its threshold
        return rule_text("route_name.hsp_points", threshold=route.id.removeprefix("hsp_"))
    return rule_text(f"route_name.{route.id}")


@dataclass(frozen=True, slots=True)
class _Route:
    id: str
    text: Messages
    result: Result
    cured_on: date | None
    facts: tuple[str, ...]
    waives_conduct: bool = False
    waives_livelihood: bool = False
    basis: tuple[LegalBasis, ...] = ()
    discretionary: bool = False
    """Met only on the Minister's judgment (whether a contribution to Japan is recognised)."""
    """Provisions beyond the PR guideline (e.g. the contribution guideline)."""


def _years_since(ctx: Ctx, since: date | None, years: int, *, stay: bool = True) -> tuple[Result, date | None]:
    """``years`` from ``since``. For years of residence (``stay``) the count starts again after a break in
    continuity (a day without status between two stays, :func:`~zairyu.rules.history.continuity`); a gap that
    may have been a special period makes a count across it unknown."""
    if since is None:
        return "unknown", None
    maybe: date | None = None
    orig = since
    if stay:
        cont = continuity(ctx)
        if cont.restart is not None and since < cont.restart:
            since = cont.restart
        gap = cont.maybe
        if gap is not None and since < gap.resumed:
            maybe = gap.resumed
    if stay and (since != orig or maybe is not None):
        ctx._memo["pr_continuity_applied"] = True
    due = plus(since, years=years)
    if maybe is None:
        return ("met", None) if due <= ctx.on else ("unmet", due)
    if plus(maybe, years=years) <= ctx.on:
        return "met", None  # met even if the gap was a break
    return ("unknown", None) if due <= ctx.on else ("unmet", None)


def _combine(*parts: tuple[Result, date | None]) -> tuple[Result, date | None]:
    results = [r for r, _ in parts]
    if "unmet" in results:
        dates = [d for r, d in parts if r == "unmet"]
        if all(dates) and "unknown" not in results:
            return "unmet", max(d for d in dates if d)
        return "unmet", None
    if "unknown" in results:
        return "unknown", None
    return "met", None


def _either(*parts: tuple[Result, date | None]) -> tuple[Result, date | None]:
    """Alternatives of one route: met if one is; otherwise the earliest day time alone meets one."""
    results = [r for r, _ in parts]
    if "met" in results:
        return "met", None
    if "unknown" in results:
        return "unknown", None
    dates = [d for _, d in parts]
    return "unmet", (min(d for d in dates if d) if all(dates) else None)


def _on_fact(ctx: Ctx, fact: bool | None, since: date | None, years: int) -> tuple[Result, date | None] | None:
    """A route open to whoever a yes/no fact says it is, after ``years`` in Japan. None (not a route) when the
    fact is no — or unknown while the years are not there yet, so that asking could not change the outcome."""
    if fact is False:
        return None
    res = _years_since(ctx, since, years)
    if fact is None:
        return ("unknown", None) if res[0] == "met" else None
    return res


def _j_skip(ctx: Ctx, since: date | None) -> tuple[Result, date | None, tuple[str, ...]] | None:
    """Special HSP (J-Skip), PR guideline as revised 2023-04-21: a person meeting the J-Skip criteria who
    (ア) has stayed 1 year continuously as a Special HSP, or (イ) has stayed 1 year continuously and met the
    criteria 1 year before the application (law.md §2.6)."""
    c = ctx.conduct
    hsp_now = (ctx.status_code or "").startswith("hsp_")
    a_year = _years_since(ctx, since, 1)[0]  # both alternatives need a year in Japan
    if c.special_hsp_criteria_met is False:
        return None
    if c.special_hsp_criteria_met is None:
        # J-Skip is granted as HSP (i) (law.md §1.4): ask an HSP holder, anyone else only if they gave a J-Skip
        # date — and only after a year in Japan, when the answer can change the outcome
        if (hsp_now or c.special_hsp_since or c.special_hsp_criteria_met_since) and a_year == "met":
            return "unknown", None, ("conduct.special_hsp_criteria_met",)
        return None
    alternatives: list[tuple[Result, date | None]] = []
    if c.special_hsp_since is not None:  # (ア)
        alternatives.append(_years_since(ctx, c.special_hsp_since, 1))
    if c.special_hsp_criteria_met_since is not None:  # (イ)
        alternatives.append(_combine(_years_since(ctx, c.special_hsp_criteria_met_since, 1, stay=False),
                                     _years_since(ctx, since, 1)))
    if not alternatives:
        if a_year == "unmet":
            return "unmet", None, ()  # under a year in Japan: neither alternative yet, from a day the dates would tell
        asked = ("conduct.special_hsp_since",) if hsp_now else ()
        return "unknown", None, (*asked, "conduct.special_hsp_criteria_met_since", "residence_in_japan_since")
    res, cured = _either(*alternatives)
    return res, cured, ("residence_in_japan_since",)  # the only fact a given alternative can still miss


def _routes(ctx: Ctx) -> list[_Route]:
    routes = ctx._memo.get("pr_routes")
    if routes is None:
        routes = ctx._memo["pr_routes"] = _compute_routes(ctx)
    return routes


def _compute_routes(ctx: Ctx) -> list[_Route]:
    since = ctx.facts.residence_in_japan_since
    out: list[_Route] = []
    # general: 10 years, 5 of them on a work or Table II status
    ten = _years_since(ctx, since, 10)
    run = trailing_run(ctx, _qualifies_work)
    if run is None:
        work: tuple[Result, date | None] = ("unmet", None)
    elif not run.known:
        # the run reaches a stay whose years may or may not count (Designated Activities): met if the years
        # after it already make 5, else unknown (never unmet: the designation could make them count)
        after = _years_since(ctx, run.start, 5) if run.start is not None else ("unknown", None)
        work = after if after[0] == "met" else ("unknown", None)
        if work[0] == "unknown":
            ctx._memo["pr_designated_activities_unknown"] = True
    else:
        work = _years_since(ctx, run.start, 5)
    res, cured = _combine(ten, work)
    out.append(_Route("ten_years", rule_text("route.ten_years"), res, cured, ("residence_in_japan_since", "history")))
    m = ctx.marriage
    if m.spouse in ("japanese_national", "permanent_resident", "special_permanent_resident"):
        if m.cohabiting is False:
            sres: tuple[Result, date | None] = ("unmet", None)
        else:
            sres = _combine(_years_since(ctx, m.married_on, 3, stay=False), _years_since(ctx, since, 1),
                            (tri(m.cohabiting), None))
        out.append(_Route("spouse", rule_text("route.spouse"), sres[0], sres[1],
                          ("marriage.married_on", "marriage.cohabiting", "residence_in_japan_since"),
                          True, True))
    parent = any(f.relation == "parent" and (f.nationality == "JP" or f.status in ("permanent_resident",
                                                                                   "special_permanent_resident"))
                 for f in ctx.facts.family)
    if parent:
        cres = _years_since(ctx, since, 1)
        out.append(_Route("child", rule_text("route.child"), cres[0], cres[1],
                          ("residence_in_japan_since",), True, True))
    ltr = trailing_run(ctx, lambda c: c == "long_term_resident")
    if ltr is not None:
        lres = _years_since(ctx, ltr.start, 5) if ltr.known else ("unknown", None)
        out.append(_Route("long_term_resident", rule_text("route.long_term_resident"), lres[0], lres[1], ("history",)))
    rec = ctx.event("refugee_recognized") or ctx.event("complementary_protection_recognized")
    if rec is not None:
        rres = _years_since(ctx, rec, 5)
        out.append(_Route("refugee", rule_text("route.refugee"), rres[0], rres[1], ("events",), False, True))
    pts = ctx.conduct.hsp_points
    hsp = trailing_run(ctx, lambda c: c.startswith("hsp_"))
    if pts is not None and pts >= 70:
        years = 1 if pts >= 80 else 3
        start = hsp.start if hsp is not None and hsp.known else since
        hres = _years_since(ctx, start, years)
        threshold = 80 if pts >= 80 else 70
        out.append(_Route(f"hsp_{threshold}",
                          rule_text("route.hsp_points", points=pts, threshold=threshold, years=years),
                          hres[0], hres[1], ("history", "residence_in_japan_since")))
    elif pts is None and ctx.status_code and ctx.status_code.startswith("hsp_"):
        out.append(_Route("hsp", rule_text("route.hsp"), "unknown", None, ("conduct.hsp_points",)))
    if ctx.law.in_force("pr_j_skip_route"):  # the guideline's J-Skip route, from its 2023-04-21 revision
        jres = _j_skip(ctx, since)
        if jres is not None:
            out.append(_Route("j_skip", rule_text("route.j_skip"), jres[0], jres[1], jres[2]))
    contribution = _on_fact(ctx, ctx.conduct.contribution_to_japan, since, 5)
    if contribution is not None:
        out.append(_Route("contribution", rule_text("route.contribution"), contribution[0], contribution[1],
                          ("conduct.contribution_to_japan", "residence_in_japan_since"),
                          basis=(CONTRIBUTION_GUIDELINE,), discretionary=True))
    zone = _on_fact(ctx, ctx.conduct.special_zone_researcher, since, 3)
    if zone is not None:
        out.append(_Route("special_zone", rule_text("route.special_zone"), zone[0], zone[1],
                          ("conduct.special_zone_researcher", "residence_in_japan_since")))
    return out


def _continuity_note(ctx: Ctx) -> tuple[Messages | None, list[Message]]:
    """The note and trace line saying where the count started again (or may have), when it did."""
    if not ctx._memo.get("pr_continuity_applied"):
        return None, []
    gap = continuity(ctx).last
    if gap is None:
        return None, []
    key = "continuity_break" if gap.known else "continuity_gap_unknown"
    params = {"first": gap.first.isoformat(), "last": gap.last.isoformat(), "resumed": gap.resumed.isoformat()}
    return rule_text(f"note.{key}", **params), [rule_message(f"trace.{key}", **params)]


def _residence_requirement(ctx: Ctx) -> tuple[Requirement, _Route | None]:
    routes = _routes(ctx)
    met = [r for r in routes if r.result == "met"]
    cont_note, _ = _continuity_note(ctx)
    # a day without status breaks "continuous" residence (guideline: 引き続き…在留): a reading law.md §2.6
    # does not state (it speaks only of long absences) — unverified wherever it changed a count
    fs: FactStatus = "unverified" if cont_note else "isa"
    gap_basis = (ART_20_6,) if cont_note else ()

    def basis(*chosen: _Route) -> tuple[LegalBasis, ...]:
        return tuple(dict.fromkeys((PR_GUIDELINE, *(b for r in chosen for b in r.basis), *gap_basis)))

    def with_gap(note: Messages | None) -> Messages:
        return joined([n for n in (note, cont_note) if n], "clauses")

    if met:
        # a route the law or guideline decides before one resting on the Minister's judgment (contribution)
        best = next((r for r in met if r.waives_conduct and not r.discretionary),
                    next((r for r in met if not r.discretionary), met[0]))
        if best.discretionary:
            return Requirement.of("residence_period", best.text, "discretionary", basis(best), fs,
                                  note=with_gap(rule_text("note.discretion_contribution"))), best
        return Requirement.of("residence_period", best.text, "met", basis(best), fs,
                              note=with_gap(rule_text("note.route", route=_route_name(best)))), best
    unknown = [r for r in routes if r.result == "unknown"]
    cures = [r for r in routes if r.cured_on]
    best_cure = min(cures, key=lambda r: r.cured_on or date.max) if cures else routes[0]
    if unknown:
        facts = tuple(dict.fromkeys(f for r in unknown for f in r.facts))
        if continuity(ctx).maybe is not None and cont_note:
            facts = tuple(dict.fromkeys((*facts, "history")))
        da_note = None
        if ctx._memo.get("pr_designated_activities_unknown") and any(r.id == "ten_years" for r in unknown):
            da_note = rule_text("note.designated_activities_years")
            if ctx.status_code == "designated_activities" and ctx.facts.stay and not ctx.facts.stay.designation:
                facts = tuple(dict.fromkeys((*facts, "stay.designation")))
        either = joined([r.text for r in unknown], "alternatives")
        # should the unknown routes turn out closed, time alone still opens the closest known one
        otherwise = rule_text("note.otherwise_route", route=_route_name(best_cure),
                              date=best_cure.cured_on.isoformat()) if best_cure.cured_on else None
        return Requirement.of("residence_period", either, "unknown", basis(*unknown), fs, facts,
                              note=with_gap(joined([n for n in (da_note, otherwise) if n], "clauses"))), None
    return Requirement.of("residence_period", best_cure.text, "unmet", basis(best_cure), fs,
                          cured_on=best_cure.cured_on,
                          note=with_gap(rule_text("note.closest_route", route=_route_name(best_cure)))), None


def _longest_period(ctx: Ctx) -> Requirement:
    text = rule_text("longest_period")
    sv = ctx.status
    if sv is None:
        return Requirement.of("longest_period", text, "unknown", (PR_GUIDELINE,), "isa", ("stay.status",))
    if sv.periods.kind in ("indefinite", "activity_duration"):
        return Requirement.of("longest_period", text, "met", (PR_GUIDELINE,), "isa")
    if ctx.period is None:
        return Requirement.of("longest_period", text, "unknown", (PR_GUIDELINE,), "isa", ("stay.period",))
    longest = sv.periods.longest
    if longest is not None and ctx.period >= longest:
        return Requirement.of("longest_period", text, "met", (PR_GUIDELINE,), "isa")
    # guideline note: 'for the time being' 3 years counts as the longest period; reported to end on 2027-04-01
    three = ctx.law.rule("pr_three_years_counts_as_longest")
    if three is not None and ctx.period >= three.length():
        return Requirement.of("longest_period", text, "met", (PR_GUIDELINE,), three.fact_status,
                              note=rule_text("note.three_years_counts"))
    note = rule_text("note.longest_for_status", longest=longest.iso() if longest else "?")
    entry = ctx.law.rule_entry("pr_three_years_counts_as_longest")
    ended = three is None and entry.valid_to is not None and ctx.law.on > entry.valid_to  # the law's date
    if ended:
        note = joined([note, rule_text("note.three_years_ended")], "clauses")
    return Requirement.of("longest_period", text, "unmet", (PR_GUIDELINE,),
                          entry.fact_status if ended else "isa", note=note)


def permanent_residence(ctx: Ctx) -> list[Option]:
    if ctx.facts.stay is None or ctx.status_code in ("permanent_resident", "special_permanent_resident"):
        return []
    c = ctx.conduct
    res_req, _ = _residence_requirement(ctx)
    # Art. 22(2) proviso: (i) and (ii) are waived for spouses and children of JP/PR/SPR — whatever the route.
    # Recognised refugees (Art. 61-2-11, number unverified) and — a reading law.md does not state, unverified —
    # complementary-protection holders (who share the refugees' 5-year route, law.md §2.6) may be granted PR
    # without (ii): a relaxation the Minister may apply, so 'discretionary', never 'met'.
    family = ctx.marriage.spouse in ("japanese_national", "permanent_resident", "special_permanent_resident") and \
        ctx.marriage.cohabiting is not False
    family = family or any(r.id == "child" for r in _routes(ctx))
    waive_conduct = family
    waive_live = family
    refugee = ctx.event("refugee_recognized") is not None
    protected = refugee or ctx.event("complementary_protection_recognized") is not None
    reqs = [lawful_requirement(ctx, (ART_22_1,)), *in_japan_if_abroad(ctx, (ART_22_1,)), res_req,
            _longest_period(ctx)]
    conduct_basis: tuple[LegalBasis, ...] = (ART_22_2_I, ART_22_2_PROVISO) if waive_conduct else (ART_22_2_I,)
    if waive_conduct:
        reqs.append(Requirement.of("good_conduct", rule_text("good_conduct.waived"), "met", conduct_basis, "law",
                                   note=rule_text("note.waived_family")))
    else:
        reqs.append(Requirement.of("good_conduct", rule_text("good_conduct.pr"),
                                   tri(None if c.criminal_record is None else not c.criminal_record), conduct_basis,
                                   "law", ("conduct.criminal_record",)))
    if waive_live:
        reqs.append(Requirement.of("independent_livelihood", rule_text("independent_livelihood.pr"), "met",
                                   (ART_22_2_II, ART_22_2_PROVISO), "law", note=rule_text("note.waived_family_short")))
    elif protected and c.independent_livelihood is not True:
        reqs.append(Requirement.of("independent_livelihood", rule_text("independent_livelihood.pr"), "discretionary",
                                   (ART_22_2_II, ART_61_2_11), "unverified",
                                   note=rule_text("note.discretion_relaxation")))
    else:
        reqs.append(Requirement.of("independent_livelihood", rule_text("independent_livelihood.pr"),
                                   tri(c.independent_livelihood), (ART_22_2_II,), "law",
                                   ("conduct.independent_livelihood",)))
    duties = [c.taxes_paid, c.pension_and_insurance_paid, c.notifications_complied]
    # from 2027-04-01 the Act itself asks it (Art. 22(2) as amended by Act No. 60 of 2024, law.md §2.6)
    in_act = ctx.law.rule("pr_obligations_in_national_interest")
    reqs.append(Requirement.of("public_obligations", rule_text("public_obligations"),
                               tri(None if None in duties and False not in duties else all(bool(x) for x in duties)),
                               (ART_22_2, PR_GUIDELINE, *(in_act.legal_basis if in_act else ())),
                               "law" if in_act else "isa",
                               ("conduct.taxes_paid", "conduct.pension_and_insurance_paid",
                                "conduct.notifications_complied")))
    _, last, wtrace = ctx.filing()
    factors = [
        Requirement.of("landing_criteria_current_status", rule_text("landing_criteria_current_status"), "unknown",
                       (PR_GUIDELINE,), "isa", note=rule_text("note.guideline_2024")),
        Requirement.of("public_health", rule_text("public_health"), "unknown", (PR_GUIDELINE,), "isa"),
    ]
    # "Continuous" residence: long absences abroad can break it, but the guideline gives no number of days
    # (law.md §2.6; practitioners' rules of thumb are unverified and not used) — a factor, never a threshold.
    away = c.long_absences_abroad
    factors.append(Requirement.of("continuous_residence", rule_text("continuous_residence"),
                                  tri(None if away is None else not away), (PR_GUIDELINE,), "unverified",
                                  ("conduct.long_absences_abroad",)))
    if (ctx.conduct.hsp_points or 0) >= 70:
        factors.append(Requirement.of("hsp_points_maintained", rule_text("hsp_points_maintained"), "unknown",
                                      (PR_GUIDELINE,), "practice", note=rule_text("note.one_practitioner_source")))
    opt = Option("permanent_residence", "permanent_resident", reqs, (ART_22_1, ART_22_2, PR_GUIDELINE),
                 discretionary_factors=factors, earliest_filing_day=ctx.on, file_by=last, file_by_legal=ctx.expires_on,
                 trace=[*ctx.expiry_trace, *wtrace, *_continuity_note(ctx)[1]])
    return [finish(ctx, opt, extra=rule_text("extra.permanent_residence"))]
