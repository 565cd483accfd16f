"""Assessment and guided interview pages.

The interview asks one question at a time, the one that settles the most options
(:func:`zairyu.rules.interview.next_step`), and shows every option with its verdict, reasons,
documents, fee and deadline. On a person's record the answers are saved with the person (their
``extra_facts`` or their own fields) and an option can be started as an application.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.facts import parse_facts
from zairyu.precedents.register import packaged_register
from zairyu.rules.interview import QUESTIONS, next_step, option_key, parse_answer, question_text, what_if
from zairyu.web.api.assess import office_register
from zairyu.web.pages.precedents import labeller
from zairyu.web.params import Id
from zairyu.web.permissions import Access, allow
from zairyu.web.render import page, request_lang
from zairyu.web.shared import actor

router = APIRouter()

EXTRA_KEYS = ("goal", "circumstances", "conduct", "residence_in_japan_since", "marriage")
PERSON_FIELDS = {"person.nationality": "nationality", "person.born_in_japan": "born_in_japan",
                 "person.birth_date": "birth_date"}


def parse_skip(skip: str | None) -> list[str]:
    return [s for s in (skip or "").split(",") if s in QUESTIONS]


def step_context(step: dict[str, Any]) -> dict[str, Any]:
    options = step["assessment"]["options"]  # in reading order, as the assessment gives them (rules.assess.rank)
    return {"step": step, "question": step["question"], "options": options,
            "deadlines": step["assessment"]["deadlines"], "whatif": None, "option_key": option_key,
            "yes_no_facts": YES_NO_FACTS}


YES_NO_FACTS = tuple(f for f, q in QUESTIONS.items() if q.type == "bool")
"""The yes/no questions the "what if" offers (the stay's end and the status wanted have controls of their own)."""


def fact_words(lang: str, on: date) -> dict[str, Any]:
    """How the page names a fact and its value in the reader's language: the interview's question (translated as
    the interview is) and the answer as the interview offers it (yes/no, a status's name, a date)."""
    from zairyu import glossary
    from zairyu.law.catalogue import catalogue
    from zairyu.web.i18n import format_date, gettext_for

    _ = gettext_for(lang)

    def question(fact: str) -> str:
        return question_text(fact, lang)

    def value(fact: str, v: Any) -> str:
        kind = QUESTIONS[fact].type
        if v is None:
            return _("I don't know")
        if kind == "bool":
            return _("Yes") if v else _("No")
        if kind == "status":
            return glossary.term("status", str(v), lang)
        if kind == "date":
            return format_date(date.fromisoformat(str(v)), lang)
        if fact == "stay.designation":
            return glossary.term("designation", str(v), lang)
        return str(v)

    return {"fact_question": question, "fact_value": value,
            "status_codes": [s.code for s in catalogue(on).statuses]}


def whatif_context(step: dict[str, Any], on: date, lang: str, fact: str, value: str, precedents: Any
                   ) -> dict[str, Any]:
    """The assessment with one fact changed (:func:`zairyu.rules.interview.what_if`, nothing stored): its options,
    and which verdicts changed against the current assessment (``step``'s, not computed again)."""
    if fact not in QUESTIONS:
        raise InvalidInputError("choose one of the facts offered", field="whatif_fact", value=fact,
                                allowed=", ".join(QUESTIONS))
    res = what_if(step["facts"], on, fact, value, text_langs=(lang,), precedents=precedents,
                  before=step["assessment"])
    return {"whatif": res, "options": res["assessment"]["options"], "deadlines": res["assessment"]["deadlines"],
            "question": None}


def save_answer(access: Access, fact: str, raw: str, on: date) -> None:
    """Keep an answer with the person: their own fields, or the assessment facts kept with them."""
    value = parse_answer(fact, raw)
    person = access.person
    assert person is not None
    act = actor(access.principal)
    if fact in PERSON_FIELDS:
        sv.edit_person(access.db, person.id, {PERSON_FIELDS[fact]: value}, act, on,
                       organisation_id=access.principal.organisation_id)
        return
    top = fact.split(".")[0]
    if top not in EXTRA_KEYS:
        raise InvalidInputError("record this on the person's page (stays and events)", field=fact)
    extra: dict[str, Any] = json.loads(json.dumps(person.extra_facts or {}))
    parts = fact.split(".")
    node = extra
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    sv.edit_person(access.db, person.id, {"extra_facts": extra}, act, on,
                   organisation_id=access.principal.organisation_id)


@router.get("/people/{person_id}/assess")
def person_assess(request: Request, person_id: Id, skip: str | None = Query(None, max_length=4000),
                  on_date: date | None = Query(None, alias="on", description="As-of date (default: today)"),
                  whatif_fact: str | None = Query(None, max_length=200,
                                                  description="What if: the fact to change (nothing is saved)"),
                  whatif_value: str = Query("", max_length=200, description="What if: the fact's new value"),
                  access: Access = Depends(allow("person:read", scope="person"))) -> Response:
    from zairyu.law.catalogue import check_covered

    lang = request_lang(request, access.principal)
    on: date = check_covered(on_date) if on_date is not None else request.app.state.today()
    facts = sv.facts_for_person(access.db, person_id)
    register = office_register(access)
    step = next_step(facts, on, lang, skip=parse_skip(skip), text_langs=(lang,), precedents=register)
    ctx = step_context(step)
    ctx.update(person=access.person, skip=",".join(parse_skip(skip)), on=on, plabel=labeller(lang),
               can_answer=access.principal.may("person:write"),
               can_start=access.principal.may("application:write"), as_of_given=on_date is not None)
    ctx.update(fact_words(lang, on))
    if whatif_fact:
        ctx.update(whatif_context(step, on, lang, whatif_fact, whatif_value, register))
        back = {"on": on.isoformat() if on_date else "", "skip": ctx["skip"]}
        ctx["back_url"] = f"/people/{person_id}/assess?" + urlencode({k: v for k, v in back.items() if v})
    return page(request, "assess.html", ctx, principal=access.principal)


@router.post("/people/{person_id}/assess")
async def person_answer(request: Request, person_id: Id, fact: str = Form(..., max_length=200),
                        value: str = Form("", max_length=200), skip: str = Form("", max_length=4000),
                        action: str = Form("answer", max_length=20), on: str = Form("", max_length=20),
                        access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    skips = parse_skip(skip)
    as_of_text = as_of(on).isoformat() if on.strip() else ""  # checked before anything is saved
    if action == "skip":
        skips.append(fact)
    else:
        with unit_of_work(access.db):
            save_answer(access, fact, value, request.app.state.today())
    # the page comes back as it was: the same as-of date, the questions skipped so far
    keep = {"on": as_of_text, "skip": ",".join(skips)}
    q = urlencode({k: v for k, v in keep.items() if v})
    return RedirectResponse(f"/people/{person_id}/assess{'?' + q if q else ''}#question", status_code=303)


def as_of(text: str) -> date:
    """The as-of date a form carried (a date zairyu covers; an error names the field ``on``)."""
    from zairyu.law.catalogue import check_covered, parse_date

    return check_covered(parse_date(text.strip(), field="on"), field="on")


START_FIELDS = ("status", "period", "granted_on", "granted_by", "previous_expires_on", "expires_on")


@router.get("/assess")
def adhoc_start(request: Request, access: Access = Depends(allow("law:read"))) -> Response:
    from zairyu.web.pages.cases import form_context

    return page(request, "assess_start.html", form_context(request, access, date_field="stay_granted_on"),
                principal=access.principal)


@router.post("/assess")
async def adhoc_step(request: Request, facts_json: str = Form("", max_length=100_000),
                     fact: str = Form("", max_length=200), value: str = Form("", max_length=200),
                     skip: str = Form("", max_length=4000), action: str = Form("answer", max_length=20),
                     on_text: str = Form("", alias="on", max_length=20),
                     whatif_fact: str = Form("", max_length=200), whatif_value: str = Form("", max_length=200),
                     access: Access = Depends(allow("law:read"))) -> Response:
    """The interview on facts carried in the form (nothing stored), on the as-of date the form carries."""
    lang = request_lang(request, access.principal)
    form = await request.form()
    try:
        on: date = as_of(on_text) if on_text.strip() else request.app.state.today()
    except ZairyuError as exc:
        if facts_json:
            raise
        from zairyu.web.forms import typed
        from zairyu.web.pages.cases import refused

        return refused(request, access, "assess_start.html", {}, exc, typed(form), date_field="stay_granted_on")
    if facts_json:
        try:
            facts: dict[str, Any] = json.loads(facts_json)
        except json.JSONDecodeError:
            raise InvalidInputError("the facts are not valid JSON", field="facts_json") from None
    else:
        from zairyu.nationality import resolve
        from zairyu.web.forms import combine_period, typed
        from zairyu.web.pages.cases import refused

        fields = {k: v for k, v in typed(form).items() if isinstance(v, str)}
        combine_period(fields, "stay_period")
        stay = {k: fields[f"stay_{k}"].strip() for k in START_FIELDS if fields.get(f"stay_{k}", "").strip()}
        facts = {"stay": stay} if stay.get("status") else {}
        try:
            nat = resolve(str(form.get("nationality") or ""))
            if nat:
                facts["person"] = {"nationality": nat}
            parse_facts(facts)
        except ZairyuError as exc:
            prefix = "stay_" if (exc.field or "").startswith("stay") else ""
            return refused(request, access, "assess_start.html", {}, exc, typed(form), prefix=prefix,
                           date_field="stay_granted_on")
    skips = parse_skip(skip)
    answer = None
    if fact and action == "skip":
        skips.append(fact)
    elif fact and action == "answer":
        answer = {"fact": fact, "value": value}
    parse_facts(facts)
    register = packaged_register()
    step = next_step(facts, on, lang, answer=answer, skip=skips, text_langs=(lang,), precedents=register)
    ctx = step_context(step)
    ctx.update(person=None, skip=",".join(skips), on=on, can_answer=True, can_start=False, plabel=labeller(lang),
               facts_json=json.dumps(step["facts"], ensure_ascii=False), as_of_given=True)
    ctx.update(fact_words(lang, on))
    if action == "whatif" and whatif_fact:
        ctx.update(whatif_context(step, on, lang, whatif_fact, whatif_value, register))
    return page(request, "assess.html", ctx, principal=access.principal)
