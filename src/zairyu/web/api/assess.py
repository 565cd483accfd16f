"""The assessment (every option with its verdict, reasons, documents, fee and deadline) and the
guided interview (the next question that matters), on posted facts or on a person's record."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from zairyu.cases import services as sv
from zairyu.facts import Facts
from zairyu.precedents.register import Register, packaged_register
from zairyu.precedents.store import register_of
from zairyu.rules import assess
from zairyu.rules.interview import next_step
from zairyu.rules.model import Assessment
from zairyu.web.answers import ANSWERS, answer_key
from zairyu.web.api.common import ERRORS, LAW_DATE, as_of, law_at
from zairyu.web.api.lang import LangQuery, Langs, answer_langs
from zairyu.web.params import Id
from zairyu.web.permissions import Access, allow
from zairyu.web.schemas import AssessmentOut, InterviewOut

router = APIRouter(tags=["assessment"], responses=ERRORS)


def assessment_json(a: Assessment, langs: Langs) -> dict[str, Any]:
    """An assessment's JSON with its texts written in ``langs`` (the rules keep messages and write only the
    languages asked for); a document to hand in keeps its Japanese name beside them."""
    return a.to_json(langs=langs.langs)


@router.post("/assess", response_model=AssessmentOut,
             summary="Assess posted facts: every option with verdict, reasons, documents, fee, deadline")
async def assess_facts(request: Request, facts: Facts, on: date | None = Query(None),
                       law_date: date | None = Query(None, description=LAW_DATE),
                       access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    # Pure computation (no I/O), so it runs on the event loop: no thread hop on the hottest route. The answer
    # is built once and sent as it is (the model documents it; FastAPI does not validate it again).
    # The answer is a function of its inputs alone, so one asked again is the bytes kept (web.answers).
    d = as_of(request, on)
    law, register = law_at(request, d, law_date), packaged_register()
    return langs.respond_encoded(ANSWERS.body(
        answer_key(facts, d, law, register, langs.langs),
        lambda: assessment_json(assess(facts, d, law=law, precedents=register), langs)))


def office_register(access: Access) -> Register:
    """The register a person's assessment is shown beside: the office's database register (what this user
    may see), or the packaged starter dataset while the database holds none."""
    p = access.principal
    reg = register_of(access.db, organisation_id=p.organisation_id, public_only=p.role == "client")
    return reg if len(reg) else packaged_register()


@router.get("/people/{person_id}/assessment", response_model=AssessmentOut,
            summary="Assess a person from their record")
def assess_person(request: Request, person_id: Id, on: date | None = Query(None),
                  law_date: date | None = Query(None, description=LAW_DATE),
                  access: Access = Depends(allow("person:read", scope="person")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    facts = sv.facts_for_person(access.db, person_id)
    d = as_of(request, on)
    return langs.respond(assessment_json(assess(facts, d, law=law_at(request, d, law_date),
                                                precedents=office_register(access)), langs))


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fact: str = Field(description="The fact path asked, e.g. circumstances.cannot_return_safely")
    value: Any = Field(None, description="yes/no, a date YYYY-MM-DD, a number, a code; null to clear")


class InterviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: dict[str, Any] = Field(default_factory=dict, description="The facts known so far (facts format)")
    answer: Answer | None = None
    skip: list[str] = Field(default_factory=list, description="Facts the person cannot answer (not asked again)")


@router.post("/interview", response_model=InterviewOut,
             summary="Apply an answer, then the next question that matters (or the result)")
def interview(request: Request, body: InterviewIn, on: date | None = Query(None),
              access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    step = next_step(body.facts, as_of(request, on), langs.one,
                     answer=body.answer.model_dump() if body.answer else None, skip=body.skip,
                     text_langs=langs.langs)  # the question too: in the languages asked (the four by default)
    return langs.respond(step)
