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
from zairyu.messages import message, render
from zairyu.rules.assess import assess
from zairyu.rules.model import LANGS, Assessment

if TYPE_CHECKING:
    from zairyu.precedents.register import Register

AnswerType = Literal["bool", "date", "choice", "int", "text", "status", "country"]


@dataclass(frozen=True, slots=True)
class QuestionDef:
    """How a fact is asked: the kind of answer (a choice's choices: :func:`_choices`). The question itself is the
    message ``question.<fact>`` of the catalogues (:func:`question_text`), in every language that has one."""

    type: AnswerType


def question_text(fact: str, lang: str) -> str:
    """The interview's question for ``fact`` in ``lang`` (message ``question.<fact>``; a language whose catalogue
    lacks it gets the English question)."""
    return render(message(f"question.{fact}"), lang)


def asked_as(fact: str, lang: str) -> str:
    """A missing fact as the interview asks it, or its path where the interview does not ask it (a structured
    record such as the history of stays)."""
    return question_text(fact, lang) if fact in QUESTIONS else fact


QUESTIONS: dict[str, QuestionDef] = {
    "stay.status": QuestionDef("status"),
    "stay.expires_on": QuestionDef("date"),
    "stay.period": QuestionDef("text"),
    "stay.granted_on": QuestionDef("date"),
    # the choices are the law data's designations (designations.yaml) and "other": see designation_choices()
    "stay.designation": QuestionDef("choice"),
    "goal.status": QuestionDef("status"),
    "goal.activity_fits": QuestionDef("bool"),
    "goal.meets_landing_criteria": QuestionDef("bool"),
    "circumstances.cannot_return_safely": QuestionDef("bool"),
    "circumstances.coe_issued_on": QuestionDef("date"),
    "circumstances.medical_treatment": QuestionDef("bool"),
    "circumstances.status_activity_ended": QuestionDef("bool"),
    "circumstances.titp_stopped_through_own_fault": QuestionDef("bool"),
    "circumstances.titp_new_site_sought": QuestionDef("bool"),
    "circumstances.ssw1_reasonable_ground_for_sixth_year": QuestionDef("bool"),
    "circumstances.school_admission": QuestionDef("bool"),
    "circumstances.fear_of_persecution_convention_reason": QuestionDef("bool"),
    "circumstances.serious_harm_feared": QuestionDef("bool"),
    "circumstances.in_deportation_proceedings": QuestionDef("bool"),
    "circumstances.intends_to_leave_promptly": QuestionDef("bool"),
    "circumstances.refugee_application_number": QuestionDef("int"),
    "circumstances.reasonable_grounds_materials": QuestionDef("bool"),
    "circumstances.arrived_within_six_months": QuestionDef("bool"),
    "conduct.sentenced_three_years_or_more": QuestionDef("bool"),
    "conduct.has_passport": QuestionDef("bool"),
    "conduct.criminal_record": QuestionDef("bool"),
    "conduct.previously_deported": QuestionDef("bool"),
    "conduct.overstaying": QuestionDef("bool"),
    "conduct.engaged_in_status_activity": QuestionDef("bool"),
    "conduct.independent_livelihood": QuestionDef("bool"),
    "conduct.taxes_paid": QuestionDef("bool"),
    "conduct.pension_and_insurance_paid": QuestionDef("bool"),
    "conduct.notifications_complied": QuestionDef("bool"),
    "conduct.hsp_points": QuestionDef("int"),
    "conduct.special_hsp_criteria_met": QuestionDef("bool"),
    "conduct.special_hsp_since": QuestionDef("date"),
    "conduct.special_hsp_criteria_met_since": QuestionDef("date"),
    "conduct.contribution_to_japan": QuestionDef("bool"),
    "conduct.special_zone_researcher": QuestionDef("bool"),
    "conduct.long_absences_abroad": QuestionDef("bool"),
    "residence_in_japan_since": QuestionDef("date"),
    "marriage.married_on": QuestionDef("date"),
    "marriage.cohabiting": QuestionDef("bool"),
    "person.nationality": QuestionDef("country"),
    "person.born_in_japan": QuestionDef("bool"),
    "person.birth_date": QuestionDef("date"),
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
    type: AnswerType
    choices: tuple[str, ...]
    settles: tuple[str, ...]

    def text(self, lang: str) -> str:
        return question_text(self.fact, lang)

    def to_json(self, lang: str | None = None, langs: Iterable[str] = LANGS) -> dict[str, Any]:
        """``question``: the question in ``langs`` (the four of the contract by default, or the languages asked:
        any with a catalogue); ``text``: in ``lang``."""
        out: dict[str, Any] = {"fact": self.fact, "question": {code: self.text(code) for code in langs},
                               "type": self.type, "choices": list(self.choices), "settles": list(self.settles)}
        if lang:
            out["text"] = self.text(lang)
        return out


def next_question(facts: Facts, on: date, *, skip: frozenset[str] = frozenset(),
                  assessment: Assessment | None = None) -> Question | None:
    """The one question that would settle the most options now (None when nothing askable is missing)."""
    a = assessment or assess(facts, on)
    if facts.stay is None and facts.person.born_in_japan is not True and "stay.status" not in skip:
        # without a current stay almost nothing can be assessed: ask it first
        from zairyu.law.catalogue import catalogue as _cat

        q = QUESTIONS["stay.status"]
        return Question("stay.status", q.type, tuple(s.code for s in _cat(on).statuses),
                        tuple(o.key for o in a.options))
    for uf in unknown_facts_ranked(a):
        if not uf.askable or uf.fact in skip or uf.count == 0:
            continue  # a fact that settles no open option does not matter now
        q = QUESTIONS[uf.fact]
        choices = _choices(uf.fact, q)
        if q.type == "status":
            from zairyu.law.catalogue import catalogue

            choices = tuple(s.code for s in catalogue(on).statuses)
        return Question(uf.fact, q.type, choices, uf.options)
    return None


def designation_choices() -> tuple[str, ...]:
    """The designations a Designated Activities holder can name: every designation of the law data (one that
    ended, such as the COVID-19 designation, can still be held on an old grant) and "other"."""
    from zairyu.law.loader import packaged_law

    return (*(d.code for d in packaged_law().designations), "other")


def _choices(fact: str, q: QuestionDef) -> tuple[str, ...]:
    """The choices of a choice question: the law data's designations of Designated Activities."""
    return designation_choices() if fact == "stay.designation" else ()


_TRUE = {"y", "yes", "true", "1", "はい", "да", "д", "так", "т"}
_FALSE = {"n", "no", "false", "0", "いいえ", "нет", "ні", "н"}
"""Yes and no as a reader types them in any of the four languages (ru да/нет, uk так/ні)."""


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
    if q.type == "status":  # a status the law data knows, in force or not (the catalogue's own check, "did you mean")
        from zairyu.glossary import code_of
        from zairyu.law.catalogue import COVERED_FROM, catalogue

        text = str(raw).strip()  # its code, or its name in any language (留学, Учёба)
        return catalogue(COVERED_FROM).entry(code_of("status", text) or text, field=fact).code
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
    q = next_question(f, on, skip=frozenset(skip or ()), assessment=a)
    return {
        "facts": f.model_dump(mode="json", by_alias=True, exclude_none=True),
        "question": q.to_json(lang, text_langs) if q else None,
        "done": q is None,
        "unknown_facts": [u.to_json() for u in unknown_facts_ranked(a)],
        "assessment": a.to_json(text_langs),
    }


def option_key(option: dict[str, Any]) -> str:
    """Which route an option is, the same in two assessments: its procedure, variant, target status and measure."""
    return "/".join(str(option.get(k) or "") for k in ("procedure", "variant", "target_status", "measure"))


def what_if(facts: dict[str, Any] | Facts, on: date, fact: str, value: Any, *, text_langs: Iterable[str] = LANGS,
            precedents: Register | None = None, before: dict[str, Any] | None = None) -> dict[str, Any]:
    """Change one fact and assess again, on the same date, without storing anything: the assessment with the
    fact changed, and for every route whose verdict is not the same, the verdict before and after (``None``
    where the route is not offered). ``fact`` is a question's fact (``goal.status``, ``stay.expires_on``,
    ``conduct.has_passport``…) and ``value`` its answer as typed (validated as the interview validates it:
    an error names the fact). Both assessments come from :func:`~zairyu.rules.assess.assess`: nothing is
    decided here but which verdicts differ. ``before``: the assessment of ``facts`` (JSON in ``text_langs``, with the
    same precedents) when the caller has it already, so that it is not computed twice."""
    f = facts if isinstance(facts, Facts) else parse_facts(facts)
    changed = apply_answer(f, fact, value)
    if before is None:
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
