"""Leaving and coming back: re-entry permit (Art. 26) and special re-entry (Art. 26-2)."""

from __future__ import annotations

from zairyu.rules.common import finish
from zairyu.rules.context import THREE_MONTHS, Ctx
from zairyu.rules.model import Option, Requirement, lb, tri
from zairyu.rules.procedures.residence import lawful_requirement

ART_26_1 = lb("ICRRA", "Art. 26(1)")
ART_26_3 = lb("ICRRA", "Art. 26(3)", "valid up to 5 years, not beyond the period of stay")
ART_26_2_1 = lb("ICRRA", "Art. 26-2(1)")
ART_26_2_3 = lb("ICRRA", "Art. 26-2(3)", "cannot be extended abroad")
ART_19_3 = lb("ICRRA", "Art. 19-3", "mid- to long-term resident")
SPECIAL_ACT_23 = lb("Special Act", "Art. 23", "special re-entry for Special Permanent Residents: 2 years")
ORD_29_4 = lb("Ordinance", "Art. 29-4", "exclusions, incl. refugee-applicant Designated Activities")


def _passport(ctx: Ctx) -> Requirement:
    return Requirement("valid_passport", "有効な旅券を所持していること", "Holds a valid passport",
                       tri(ctx.conduct.has_passport), (ART_26_1,), "law", ("conduct.has_passport",))


def re_entry(ctx: Ctx) -> list[Option]:
    if ctx.facts.stay is None or ctx.in_japan() is False:
        return []
    out = []
    lawful = lawful_requirement(ctx, (ART_26_1,))
    single = Option("re_entry_permit", None, [lawful, _passport(ctx)], (ART_26_1, ART_26_3), "", "",
                    earliest_filing_day=ctx.on, file_by_legal=ctx.expires_on,
                    trace=list(ctx.expiry_trace))
    # no filing deadline of its own: the permit is obtained before departure, while the stay is valid
    until_ja = f"出国前、在留期限（{ctx.expires_on}）までに申請します。" if ctx.expires_on else ""
    until_en = f"Apply before departure, while the stay is valid (until {ctx.expires_on}). " if ctx.expires_on else ""
    note_ja = until_ja + "有効期間は最長5年（在留期限を超えない）。海外で1年ごと、通算6年まで延長可能（実務情報）。"
    note_en = until_en + ("Valid up to 5 years and not beyond the period of stay; extendable abroad by up to 1 year "
                          "at a time, 6 years in all (practice).")
    if ctx.in_special_period():
        note_ja += "特例期間中は一回限りの許可のみ（実務情報）。"
        note_en += " During the special period only a single-entry permit is issued (practice)."
    out.append(finish(ctx, single, extra_ja=note_ja, extra_en=note_en))
    # special re-entry: only mid- to long-term residents (Art. 19-3), not refugee-applicant designations
    sv = ctx.status
    mid_long: bool | None
    if sv is not None and sv.status.outside_act:
        # Special Permanent Residents: special re-entry under the Special Act (2 years), not Art. 19-3
        spr_reqs = [Requirement("special_permanent_resident", "特別永住者であること", "A Special Permanent Resident",
                                "met", (SPECIAL_ACT_23,), "law"), _passport(ctx)]
        spr = Option("re_entry_permit", None, spr_reqs, (SPECIAL_ACT_23, ART_26_2_3), "", "", variant="special")
        return [*out, _special_finish(ctx, spr, spr=True)]
    if sv is None:
        mid_long = None
    elif not sv.status.mid_long_term:
        mid_long = False
    elif ctx.period is None:
        mid_long = True if sv.periods.kind == "indefinite" else None
    else:
        mid_long = ctx.period > THREE_MONTHS
    reqs = [lawful,
            Requirement("mid_long_term_resident", "中長期在留者（在留カード所持者）であること",
                        "A mid- to long-term resident holding a residence card", tri(mid_long), (ART_26_2_1, ART_19_3),
                        "law", ("stay.period",)),
            _passport(ctx)]
    if ctx.status_code == "designated_activities":
        desig = ctx.facts.stay.designation if ctx.facts.stay else None
        reqs.append(Requirement("not_refugee_applicant_designation", "難民認定申請者としての特定活動でないこと",
                                "Not Designated Activities as a refugee-status applicant",
                                "unknown" if desig is None else ("unmet" if desig == "refugee_applicant" else "met"),
                                (ORD_29_4,), "law", ("stay.designation",)))
    sre = Option("re_entry_permit", None, reqs, (ART_26_2_1, ART_26_2_3), "", "", variant="special",
                 trace=list(ctx.expiry_trace))
    return [*out, _special_finish(ctx, sre, spr=False)]


def _special_finish(ctx: Ctx, sre: Option, *, spr: bool) -> Option:
    d = ctx.deadline("re_entry_deadline")
    back_ja = back_en = ""
    if d is not None:  # already abroad: the day to be back by (a deadline, not a filing day)
        sre.trace.extend(d.trace)
        back_ja, back_en = f"再入国期限：{d.date}。", f" Re-enter by {d.date}."
    years_ja, years_en = ("2年", "2 years") if spr else ("1年", "1 year")
    opt = finish(ctx, sre,
                 extra_ja=f"出国時に再入国の意図を表明すれば、出国後{years_ja}"
                          + ("以内に" if spr else "又は在留期限のいずれか早い日まで") + "再入国できます（国外での延長不可）。",  # noqa: E501
                 extra_en=f"Declared at departure (no application): re-enter within {years_en} of departure"
                          + ("" if spr else " or before the period of stay ends, whichever is earlier")
                          + "; it cannot be extended abroad." + back_en)
    opt.extra_ja += back_ja
    opt.fee = {"counter": None, "online": None, "as_of": ctx.on.isoformat(), "fact_status": "law",
               "note": "no application: a declaration at departure"}
    opt.documents = []
    return opt
