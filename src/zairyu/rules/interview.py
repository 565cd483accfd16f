"""Ask only what matters: the unknown facts ranked by how many options each would settle.

Pure functions (the CLI's ``zairyu interview`` and the web app call the same ones):

* :func:`unknown_facts_ranked` — from an assessment, every missing fact with the options it would settle;
* :func:`next_question` — the next question to ask (fact path, text in ja/en, answer type and choices);
* :func:`apply_answer` — a new :class:`Facts` with one answer set (validated like any facts document).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from zairyu.errors import InvalidInputError
from zairyu.facts import Facts, parse_facts
from zairyu.law.catalogue import parse_date
from zairyu.rules.assess import assess
from zairyu.rules.model import LANGS, Assessment

if TYPE_CHECKING:
    from zairyu.precedents.register import Register

AnswerType = Literal["bool", "date", "choice", "int", "text", "status", "country"]


@dataclass(frozen=True, slots=True)
class QuestionDef:
    ja: str
    en: str
    type: AnswerType
    choices: tuple[str, ...] = ()


QUESTIONS: dict[str, QuestionDef] = {
    "stay.status": QuestionDef("現在の在留資格は？", "What is your current status of residence?", "status"),
    "stay.expires_on": QuestionDef("在留期限（在留カード・旅券の記載）はいつですか。",
                                   "When does the current period of stay expire (as on the card or passport)?", "date"),
    "stay.period": QuestionDef("決定された在留期間は（例：P90D、P1Y）？", "What period of stay was granted (e.g. P90D, P1Y)?",  # noqa: E501
                               "text"),
    "stay.granted_on": QuestionDef("上陸又は許可の日はいつですか。", "On what date were you landed or granted the stay?",  # noqa: E501
                                   "date"),
    # the choices are the law data's designations (designations.yaml) and "other": see designation_choices()
    "stay.designation": QuestionDef("特定活動の指定内容は？", "What is the Designated Activities designation?", "choice",  # noqa: E501
                                    ()),
    "goal.status": QuestionDef("希望する在留資格は？", "Which status of residence do you want?", "status"),
    "goal.activity_fits": QuestionDef("予定する活動はその在留資格に該当しますか（入学許可、雇用契約、真実の婚姻など）。",  # noqa: E501
                                      "Does the intended activity fit that status (admission, employment contract, "
                                      "genuine marriage)?", "bool"),
    "goal.meets_landing_criteria": QuestionDef("その在留資格の上陸許可基準を満たしますか。",
                                               "Are the landing criteria for that status met?", "bool"),
    "circumstances.cannot_return_safely": QuestionDef("安全に帰国できない事情がありますか。",
                                                      "Is it unsafe for you to return to your country?", "bool"),
    "circumstances.coe_issued_on": QuestionDef("在留資格認定証明書の交付日は（なければ空欄）？",
                                               "When was a certificate of eligibility issued (blank if none)?", "date"),
    "circumstances.medical_treatment": QuestionDef("日本で治療を受ける必要がありますか。",
                                                   "Do you need medical treatment in Japan?", "bool"),
    "circumstances.status_activity_ended": QuestionDef(
        "現在の在留資格の活動は終了しましたか（卒業、契約・実習の終了など）。",
        "Has the activity of your current status ended (graduation, end of contract or training)?", "bool"),
    "circumstances.titp_stopped_through_own_fault": QuestionDef(
        "技能実習は、あなた自身の責任（失踪、規則違反など）により中止になりましたか。",
        "Did your technical intern training stop through your own fault (e.g. leaving the site, breaking rules)?",
        "bool"),
    "circumstances.titp_new_site_sought": QuestionDef(
        "監理団体（企業単独型では実習実施者）は、まず新しい実習先を探しましたか。",
        "Did your supervising organisation (or company) first try to find you a new training site?", "bool"),
    "circumstances.ssw1_reasonable_ground_for_sixth_year": QuestionDef(
        "特定技能1号で通算5年を超えて在留する相当の理由（2号評価試験にわずかに不合格だった等）がありますか。",
        "Is there a reasonable ground for staying beyond 5 years in total on SSW (i) (e.g. you narrowly failed "
        "the SSW (ii) test)?", "bool"),
    "circumstances.school_admission": QuestionDef("学校の入学許可がありますか。", "Have you been admitted to a school?",
                                                  "bool"),
    "circumstances.fear_of_persecution_convention_reason": QuestionDef(
        "人種・宗教・国籍・特定の社会的集団・政治的意見を理由に迫害を受けるおそれがありますか。",
        "Do you fear persecution for your race, religion, nationality, a social group or political opinion?", "bool"),
    "circumstances.serious_harm_feared": QuestionDef("帰国すると迫害（重大な危害）を受けるおそれがありますか。",
                                                     "Do you fear persecution or serious harm if you return?", "bool"),
    "circumstances.in_deportation_proceedings": QuestionDef(
        "収容令書による収容中、仮放免中又は監理措置中ですか。",
        "Are you detained, on provisional release or under supervision measures?", "bool"),
    "circumstances.intends_to_leave_promptly": QuestionDef("速やかに出国するつもりで入管に出頭しますか。",
                                                           "Will you appear at immigration intending to leave promptly?",  # noqa: E501
                                                           "bool"),
    "circumstances.refugee_application_number": QuestionDef(
        "今回は何回目の難民認定申請（補完的保護を含む）ですか（初回は1）。",
        "Which refugee (or complementary-protection) application is this — 1 for the first?", "int"),
    "circumstances.reasonable_grounds_materials": QuestionDef(
        "難民等と認定すべき相当の理由がある資料を提出しますか。",
        "Will you submit materials showing reasonable grounds to recognise you?", "bool"),
    "circumstances.arrived_within_six_months": QuestionDef(
        "日本に到着してから6か月以内に申請しますか。",
        "Are you applying within 6 months of arriving in Japan?", "bool"),
    "conduct.sentenced_three_years_or_more": QuestionDef(
        "無期又は3年以上の拘禁刑（執行猶予なし）に処せられたことがありますか。",
        "Have you been sentenced to life or 3 years' imprisonment or more (not suspended)?", "bool"),
    "conduct.has_passport": QuestionDef("有効な旅券を持っていますか。", "Do you hold a valid passport?", "bool"),
    "conduct.criminal_record": QuestionDef("罰金刑又は拘禁刑を受けたことがありますか。",
                                           "Have you ever been fined or sentenced to imprisonment?", "bool"),
    "conduct.previously_deported": QuestionDef("退去強制又は出国命令を受けたことがありますか。",
                                               "Have you ever been deported or ordered to depart?", "bool"),
    "conduct.overstaying": QuestionDef("在留期限を過ぎて在留していますか。", "Are you staying past your period of stay?",  # noqa: E501
                                       "bool"),
    "conduct.engaged_in_status_activity": QuestionDef("現在の在留資格の活動を行っていますか。",
                                                      "Are you doing the activities of your current status?", "bool"),
    "conduct.independent_livelihood": QuestionDef("独立して生計を維持できる資産又は技能がありますか。",
                                                  "Can you support yourself independently (assets or skills)?", "bool"),
    "conduct.taxes_paid": QuestionDef("税金を期限どおりに納めていますか。", "Have you paid your taxes on time?", "bool"),  # noqa: E501
    "conduct.pension_and_insurance_paid": QuestionDef("年金・健康保険料を期限どおりに納めていますか。",
                                                      "Have you paid pension and health-insurance contributions on "
                                                      "time?", "bool"),
    "conduct.notifications_complied": QuestionDef("入管法の届出（住居地、所属機関等）をすべて行いましたか。",
                                                  "Have you made every ICRRA notification (address, organisation...)?",
                                                  "bool"),
    "conduct.hsp_points": QuestionDef("高度専門職ポイントは何点ですか。", "How many HSP points do you have?", "int"),
    "conduct.special_hsp_criteria_met": QuestionDef("特別高度人材（J-Skip）の基準を満たしていますか。",
                                                    "Do you meet the Special Highly Skilled Professional (J-Skip) "
                                                    "criteria?", "bool"),
    "conduct.special_hsp_since": QuestionDef("特別高度人材として引き続き在留しているのはいつからですか（該当しなければ空欄）。",  # noqa: E501
                                             "Since when have you stayed as a Special Highly Skilled Professional "
                                             "(J-Skip)? (blank if never)", "date"),
    "conduct.special_hsp_criteria_met_since": QuestionDef("特別高度人材（J-Skip）の基準をいつから満たしていますか。",
                                                          "Since when have you met the J-Skip criteria?", "date"),
    "conduct.contribution_to_japan": QuestionDef(
        "外交、社会、経済、文化等の分野で我が国への貢献がありますか（永住許可の貢献ガイドラインの意味で）。",
        "Have you contributed to Japan in diplomacy, society, the economy, culture or another field, as the "
        "permanent-residence contribution guideline means it?", "bool"),
    "conduct.special_zone_researcher": QuestionDef("地域再生の特区で研究者等として活動していますか。",
                                                   "Are you a researcher (or similar) in a regional-revitalisation "
                                                   "special zone?", "bool"),
    "conduct.long_absences_abroad": QuestionDef("日本に在留している間に、長期間出国したことがありますか。",
                                                "Have you been abroad for long periods while living in Japan?",
                                                "bool"),
    "residence_in_japan_since": QuestionDef("日本に引き続き在留しているのはいつからですか。",
                                            "Since when have you lived in Japan continuously?", "date"),
    "marriage.married_on": QuestionDef("婚姻日はいつですか。", "When did you marry?", "date"),
    "marriage.cohabiting": QuestionDef("配偶者と同居していますか。", "Do you live with your spouse?", "bool"),
    "person.nationality": QuestionDef("国籍は（ISO 2文字、例：RU）？", "What is your nationality (ISO 2 letters, e.g. RU)?",  # noqa: E501
                                      "country"),
    "person.born_in_japan": QuestionDef("日本で生まれましたか。", "Were you born in Japan?", "bool"),
    "person.birth_date": QuestionDef("生年月日は？", "What is your date of birth?", "date"),
}
"""Every fact path the rules can report as missing and the interview can ask. Paths not listed
(``history``, ``events``, ``family``, ``departure``) need a structured form, not one question."""


@dataclass(frozen=True, slots=True)
class UnknownFact:
    fact: str
    options: tuple[str, ...]
    askable: bool

    @property
    def count(self) -> int:
        return len(self.options)

    def to_json(self) -> dict[str, Any]:
        return {"fact": self.fact, "settles": list(self.options), "count": self.count, "askable": self.askable}


_ORDER = {p: i for i, p in enumerate(QUESTIONS)}


def unknown_facts_ranked(assessment: Assessment) -> list[UnknownFact]:
    """Missing facts, the one that would settle the most open options first.

    An option is open while its verdict is ``needs_facts``; a fact missing only from options already
    decided (e.g. an ineligible one) settles nothing and comes last. Ties keep the questionnaire's order.
    """
    found: dict[str, list[str]] = {}
    decided: dict[str, int] = {}
    for opt in assessment.options:
        for f in opt.missing_facts:
            if opt.verdict == "needs_facts":
                found.setdefault(f, []).append(opt.key)
            else:
                found.setdefault(f, [])
                decided[f] = decided.get(f, 0) + 1
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), -decided.get(kv[0], 0),
                                                   _ORDER.get(kv[0], len(_ORDER)), kv[0]))
    return [UnknownFact(f, tuple(keys), f in QUESTIONS) for f, keys in ranked]


@dataclass(frozen=True, slots=True)
class Question:
    fact: str
    ja: str
    en: str
    type: AnswerType
    choices: tuple[str, ...]
    settles: tuple[str, ...]

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"fact": self.fact, "question": {"ja": self.ja, "en": self.en}, "type": self.type,
                               "choices": list(self.choices), "settles": list(self.settles)}
        if lang:
            out["text"] = self.text(lang)
        return out


def next_question(facts: Facts, on: date, lang: str = "en", *, skip: frozenset[str] = frozenset(),
                  assessment: Assessment | None = None) -> Question | None:
    """The one question that would settle the most options now (None when nothing askable is missing)."""
    a = assessment or assess(facts, on)
    if facts.stay is None and facts.person.born_in_japan is not True and "stay.status" not in skip:
        # without a current stay almost nothing can be assessed: ask it first
        from zairyu.law.catalogue import catalogue as _cat

        q = QUESTIONS["stay.status"]
        return Question("stay.status", q.ja, q.en, q.type, tuple(s.code for s in _cat(on).statuses),
                        tuple(o.key for o in a.options))
    for uf in unknown_facts_ranked(a):
        if not uf.askable or uf.fact in skip or uf.count == 0:
            continue  # a fact that settles no open option does not matter now
        q = QUESTIONS[uf.fact]
        choices = _choices(uf.fact, q)
        if q.type == "status":
            from zairyu.law.catalogue import catalogue

            choices = tuple(s.code for s in catalogue(on).statuses)
        return Question(uf.fact, q.ja, q.en, q.type, choices, uf.options)
    return None


def designation_choices() -> tuple[str, ...]:
    """The designations a Designated Activities holder can name: every designation of the law data (one that
    ended, such as the COVID-19 designation, can still be held on an old grant) and "other"."""
    from zairyu.law.loader import packaged_law

    return (*(d.code for d in packaged_law().designations), "other")


def _choices(fact: str, q: QuestionDef) -> tuple[str, ...]:
    return designation_choices() if fact == "stay.designation" else q.choices


_TRUE = {"y", "yes", "true", "1", "はい"}
_FALSE = {"n", "no", "false", "0", "いいえ"}


def parse_answer(fact: str, raw: Any) -> Any:
    """Turn a typed answer (string from a prompt or form, or a JSON value) into the fact's value."""
    q = QUESTIONS.get(fact)
    if q is None:
        raise InvalidInputError(f"no question for fact '{fact}'", field="fact", value=fact,
                                allowed=", ".join(QUESTIONS))
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if q.type == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InvalidInputError(f"'{raw}' is not yes or no", field=fact, value=raw, allowed="yes|no")
    if q.type == "date":
        return parse_date(str(raw).strip(), field=fact).isoformat()
    if q.type == "int":
        try:
            return int(str(raw).strip())
        except ValueError:
            raise InvalidInputError(f"'{raw}' is not a whole number", field=fact, value=raw) from None
    choices = _choices(fact, q)
    if q.type == "choice" and choices and str(raw) not in choices:
        raise InvalidInputError(f"'{raw}' is not one of the choices", field=fact, value=raw,
                                allowed="|".join(choices))
    return str(raw).strip()


def apply_answer(facts: Facts, fact: str, raw: Any) -> Facts:
    """A new facts document with ``fact`` set (validated; errors name the field)."""
    value = parse_answer(fact, raw)
    data = facts.model_dump(mode="json", by_alias=True, exclude_none=True)
    parts = fact.split(".")
    node = data
    for p in parts[:-1]:
        node = node.setdefault(p, {})
        if not isinstance(node, dict):
            raise InvalidInputError("cannot set a field inside a list", field=fact)
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    return parse_facts(data)


def next_step(facts: dict[str, Any] | Facts, on: date, lang: str = "en", *, answer: dict[str, Any] | None = None,
              skip: list[str] | None = None, text_langs: Iterable[str] = LANGS,
              precedents: Register | None = None) -> dict[str, Any]:
    """One interview step for the web app: apply an optional ``{"fact", "value"}`` answer, assess, and
    return ``{"facts", "question" (or None), "done", "unknown_facts", "assessment"}``. The assessment's texts
    are written in ``text_langs`` (the four by default; a page asks for its reader's language only); with
    ``precedents`` each discretionary option carries the precedents beside it (as the API's answer does)."""
    f = facts if isinstance(facts, Facts) else parse_facts(facts)
    if answer:
        f = apply_answer(f, str(answer.get("fact", "")), answer.get("value"))
    a = assess(f, on, precedents=precedents)
    q = next_question(f, on, lang, skip=frozenset(skip or ()), assessment=a)
    return {
        "facts": f.model_dump(mode="json", by_alias=True, exclude_none=True),
        "question": q.to_json(lang) if q else None,
        "done": q is None,
        "unknown_facts": [u.to_json() for u in unknown_facts_ranked(a)],
        "assessment": a.to_json(text_langs),
    }


def option_key(option: dict[str, Any]) -> str:
    """Which route an option is, the same in two assessments: its procedure, variant, target status and measure."""
    return "/".join(str(option.get(k) or "") for k in ("procedure", "variant", "target_status", "measure"))


def what_if(facts: dict[str, Any] | Facts, on: date, fact: str, value: Any, *, text_langs: Iterable[str] = LANGS,
            precedents: Register | None = None) -> dict[str, Any]:
    """Change one fact and assess again, on the same date, without storing anything: the assessment with the
    fact changed, and for every route whose verdict is not the same, the verdict before and after (``None``
    where the route is not offered). ``fact`` is a question's fact (``goal.status``, ``stay.expires_on``,
    ``conduct.has_passport``…) and ``value`` its answer as typed (validated as the interview validates it:
    an error names the fact). Both assessments come from :func:`~zairyu.rules.assess.assess`: nothing is
    decided here but which verdicts differ."""
    f = facts if isinstance(facts, Facts) else parse_facts(facts)
    changed = apply_answer(f, fact, value)
    before = assess(f, on, precedents=precedents).to_json(text_langs)
    after = assess(changed, on, precedents=precedents).to_json(text_langs)
    was = {option_key(o): o["verdict"] for o in before["options"]}
    now = {option_key(o): o["verdict"] for o in after["options"]}
    changes = {k: {"before": was.get(k), "after": now.get(k)} for k in [*now, *[k for k in was if k not in now]]
               if was.get(k) != now.get(k)}
    return {
        "fact": fact,
        "value": parse_answer(fact, value),
        "facts": changed.model_dump(mode="json", by_alias=True, exclude_none=True),
        "assessment": after,
        "changes": changes,
        "gone": [o for o in before["options"] if option_key(o) not in now],
    }


__all__ = ["QUESTIONS", "Question", "UnknownFact", "apply_answer", "next_question", "next_step", "option_key",
           "parse_answer", "unknown_facts_ranked", "what_if"]
