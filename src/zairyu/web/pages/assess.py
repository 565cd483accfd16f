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

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.facts import parse_facts
from zairyu.precedents.register import packaged_register
from zairyu.rules.interview import QUESTIONS, next_step, parse_answer
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


def rules_lang(lang: str) -> str:
    # The interview's questions are written in ja and en; ru and uk readers get the English question run
    # through the Babel catalogue. The assessment's texts are messages written in the reader's language
    # (next_step(..., text_langs=(lang,))).
    return "ja" if lang == "ja" else "en"


def parse_skip(skip: str | None) -> list[str]:
    return [s for s in (skip or "").split(",") if s in QUESTIONS]


def step_context(step: dict[str, Any]) -> dict[str, Any]:
    options = step["assessment"]["options"]  # in reading order, as the assessment gives them (rules.assess.rank)
    return {"step": step, "question": step["question"], "options": options,
            "deadlines": step["assessment"]["deadlines"]}


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
                  access: Access = Depends(allow("person:read", scope="person"))) -> Response:
    from zairyu.law.catalogue import check_covered

    lang = request_lang(request, access.principal)
    on: date = check_covered(on_date) if on_date is not None else request.app.state.today()
    facts = sv.facts_for_person(access.db, person_id)
    step = next_step(facts, on, rules_lang(lang), skip=parse_skip(skip), text_langs=(lang,),
                     precedents=office_register(access))
    ctx = step_context(step)
    ctx.update(person=access.person, skip=",".join(parse_skip(skip)), on=on, plabel=labeller(lang),
               can_answer=access.principal.may("person:write"),
               can_start=access.principal.may("application:write"))
    return page(request, "assess.html", ctx, principal=access.principal)


@router.post("/people/{person_id}/assess")
async def person_answer(request: Request, person_id: Id, fact: str = Form(..., max_length=200),
                        value: str = Form("", max_length=200), skip: str = Form("", max_length=4000),
                        action: str = Form("answer", max_length=20),
                        access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    skips = parse_skip(skip)
    if action == "skip":
        skips.append(fact)
    else:
        with unit_of_work(access.db):
            save_answer(access, fact, value, request.app.state.today())
    q = f"?skip={','.join(skips)}" if skips else ""
    return RedirectResponse(f"/people/{person_id}/assess{q}#question", status_code=303)


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
                     access: Access = Depends(allow("law:read"))) -> Response:
    """The interview on facts carried in the form (nothing stored)."""
    lang = request_lang(request, access.principal)
    on: date = request.app.state.today()
    form = await request.form()
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
    elif fact:
        answer = {"fact": fact, "value": value}
    parse_facts(facts)
    step = next_step(facts, on, rules_lang(lang), answer=answer, skip=skips, text_langs=(lang,),
                     precedents=packaged_register())
    ctx = step_context(step)
    ctx.update(person=None, skip=",".join(skips), on=on, can_answer=True, can_start=False, plabel=labeller(lang),
               facts_json=json.dumps(step["facts"], ensure_ascii=False))
    return page(request, "assess.html", ctx, principal=access.principal)
