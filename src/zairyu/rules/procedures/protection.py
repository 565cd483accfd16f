"""Protection and removal: refugee recognition and complementary protection (Art. 61-2), special
permission to stay (Art. 50) and the departure order (Art. 24-3)."""

from __future__ import annotations

from datetime import date

from zairyu.law.models import LegalBasis
from zairyu.rules.common import finish
from zairyu.rules.context import Ctx, procedure_any
from zairyu.rules.model import Option, Requirement, lb, tri

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
SPS_ON_APPLICATION = date(2024, 6, 10)
"""Act No. 56 of 2023, third stage: special permission to stay on application (Art. 50(2))."""


def _in_japan(ctx: Ctx, basis: tuple[LegalBasis, ...]) -> Requirement:
    return Requirement("in_japan", "本邦に在る外国人であること", "Is in Japan", tri(ctx.in_japan()),
                       tuple(basis), "law", ("departure",))


def refugee_recognition(ctx: Ctx) -> list[Option]:
    if ctx.event("refugee_recognized"):
        return []
    c = ctx.circ
    reqs = [_in_japan(ctx, (ART_61_2_1,)),
            Requirement("well_founded_fear_convention_reason",
                        "人種、宗教、国籍、特定の社会的集団の構成員であること又は政治的意見を理由に迫害を受けるおそれがあること",
                        "A well-founded fear of persecution for race, religion, nationality, membership of a "
                        "particular social group or political opinion", tri(c.fear_of_persecution_convention_reason),
                        (ART_2_III,), "law", ("circumstances.fear_of_persecution_convention_reason",))]
    opt = Option("refugee_recognition", "long_term_resident", reqs, (ART_61_2_1, ART_2_III), "", "",
                 earliest_filing_day=ctx.on)
    grounds = ", ".join(c.grounds)
    return [finish(ctx, opt,
                   extra_ja="申請に期限はありませんが、申請しても在留資格は延長されません（在留期間更新が別途必要）。"
                            "認定されれば定住者への変更が許可されます（入管法61条の2の3）。不認定には7日以内に審査請求。"
                            + (f"申告された事情：{grounds}。" if grounds else ""),
                   extra_en="No filing deadline, but an application does not extend the current status (file "
                            "extensions as usual). Recognition leads to a change to Long-Term Resident (Art. 61-2-3); "
                            "a refusal can be appealed within 7 days." + (f" Grounds stated: {grounds}." if grounds
                                                                           else ""))]


def complementary_protection(ctx: Ctx) -> list[Option]:
    if ctx.event("complementary_protection_recognized") or ctx.event("refugee_recognized"):
        return []
    proc = procedure_any("complementary_protection")
    start = proc.valid_from if proc else None
    in_force = start is None or start <= ctx.on
    c = ctx.circ
    reqs = [Requirement("system_in_force", "補完的保護対象者認定制度が施行されていること（2023-12-01から）",
                        "The complementary-protection system is in force (from 2023-12-01)",
                        "met" if in_force else "unmet", (ART_61_2_2, lb("Act No. 56 of 2023", "Suppl. Art. 1")),
                        "law", cured_on=None if in_force else start),
            _in_japan(ctx, (ART_61_2_2,)),
            Requirement("serious_harm_feared", "迫害を受けるおそれ（条約上の理由によらない）があること",
                        "A well-founded fear of persecution (serious harm) for a non-Convention reason",
                        tri(c.serious_harm_feared), (ART_2_III_2,), "law", ("circumstances.serious_harm_feared",))]
    opt = Option("complementary_protection", "long_term_resident", reqs, (ART_61_2_2, ART_2_III_2, ART_61_2_3), "",
                 "", earliest_filing_day=max(ctx.on, start) if start else ctx.on)
    return [finish(ctx, opt,
                   extra_ja="難民に当たらないが、条約上の理由以外で迫害のおそれがある人のための認定です。",
                   extra_en="For people who are not refugees only because the feared persecution is not for a "
                            "Convention reason (designed with Ukrainian evacuees in mind).")]


def _deportable(ctx: Ctx) -> Requirement:
    return Requirement("deportable", "退去強制対象者（不法残留等）であること",
                       "Is deportable (e.g. staying past the period of stay)", tri(ctx.overstaying()),
                       (lb("ICRRA", "Art. 24(iv)(b)"),), "law", ("conduct.overstaying", "stay.expires_on"))


def special_permission_to_stay(ctx: Ctx) -> list[Option]:
    if ctx.overstaying() is False:
        return []
    c, k = ctx.circ, ctx.conduct
    on_app = ctx.on >= SPS_ON_APPLICATION
    order = ctx.event("deportation_order")
    reqs = [
        _deportable(ctx),
        Requirement("application_procedure", "在留特別許可の申請手続があること（2024-06-10から）",
                    "Special permission can be applied for (from 2024-06-10)", "met" if on_app else "unmet",
                    (ART_50_2,), "law", cured_on=None if on_app else SPS_ON_APPLICATION,
                    note_ja=None if on_app else "それ以前は退去強制手続の異議申出の中でのみ",
                    note_en=None if on_app else "before then only within deportation proceedings (objection)"),
        Requirement("in_proceedings", "収容令書による収容中又は監理措置中であること",
                    "Under a detention order (incl. provisional release) or supervision measures",
                    tri(c.in_deportation_proceedings), (ART_50_2,), "law",
                    ("circumstances.in_deportation_proceedings",)),
        Requirement("before_deportation_order", "退去強制令書が発付される前であること",
                    "Before a deportation order is issued", "unmet" if order else "met", (ART_50_2,), "practice"),
        Requirement("special_circumstances", "在留を特別に許可すべき事情があること",
                    "Circumstances warranting special permission", "met", (ART_50_1, SPS_GUIDELINE), "law",
                    discretionary=True),
    ]
    factors = [
        Requirement("humanitarian_need", "人道的配慮の必要性", "Humanitarian need (cannot return safely)",
                    tri(c.cannot_return_safely), (ART_50_1, SPS_GUIDELINE), "isa",
                    ("circumstances.cannot_return_safely",)),
        Requirement("family_in_japan", "本邦の家族関係", "Family in Japan", "met" if ctx.facts.family else "unknown",
                    (SPS_GUIDELINE,), "isa", ("family",)),
        Requirement("conduct", "素行", "Conduct (no criminal record)",
                    tri(None if k.criminal_record is None else not k.criminal_record), (ART_50_1, SPS_GUIDELINE),
                    "isa", ("conduct.criminal_record",)),
    ]
    opt = Option("special_permission_to_stay", None, reqs, (ART_50_1, ART_50_2, SPS_GUIDELINE), "", "",
                 discretionary_factors=factors, earliest_filing_day=max(ctx.on, SPS_ON_APPLICATION))
    return [finish(ctx, opt, filing_day=ctx.on,
                   extra_ja="法務大臣が積極・消極要素を総合的に考慮して判断します（子の利益、地域社会との結びつき等）。",
                   extra_en="The Minister weighs positive and negative factors (best interests of children, ties to "
                            "the local community, conduct, length of stay, humanitarian need).")]


def departure_order(ctx: Ctx) -> list[Option]:
    if ctx.overstaying() is False:
        return []
    k, c = ctx.conduct, ctx.circ
    reqs = [
        _deportable(ctx),
        Requirement("intends_to_leave_promptly", "速やかに本邦から出国する意思をもって出頭したこと",
                    "Appeared (or will appear) at an immigration office intending to leave promptly",
                    tri(c.intends_to_leave_promptly), (ART_24_3,), "law", ("circumstances.intends_to_leave_promptly",)),
        Requirement("no_specified_sentence", "入国後に窃盗等の罪により拘禁刑に処せられていないこと",
                    "Not sentenced to imprisonment for theft or other specified offences after entry",
                    tri(None if k.criminal_record is None else not k.criminal_record), (ART_24_3,), "law",
                    ("conduct.criminal_record",)),
        Requirement("not_previously_removed", "過去に退去強制又は出国命令を受けたことがないこと",
                    "Never previously deported or ordered to depart",
                    tri(None if k.previously_deported is None else not k.previously_deported), (ART_24_3,), "law",
                    ("conduct.previously_deported",)),
        Requirement("certain_to_leave", "速やかに出国することが確実と見込まれること（旅券等）",
                    "Certain to leave promptly (passport, ticket, funds)", tri(k.has_passport), (ART_24_3,), "law",
                    ("conduct.has_passport",)),
        Requirement("no_deportation_order", "退去強制令書が発付されていないこと", "No deportation order issued",
                    "unmet" if ctx.event("deportation_order") else "met", (ART_24_3,), "law"),
    ]
    opt = Option("departure_order", None, reqs, (ART_24_3, ART_55_3), "", "", earliest_filing_day=ctx.on)
    return [finish(ctx, opt, filing_day=ctx.on,
                   extra_ja="収容されず、15日以内の期限で出国します。上陸拒否期間は1年（退去強制では5年）。",
                   extra_en="No detention; departure by a date set at 15 days or less (Art. 55-3). Landing is then "
                            "refused for 1 year instead of 5 after deportation.")]
