"""The assessment (every option with its verdict, reasons, documents, fee and deadline) and the
guided interview (the next question that matters), on posted facts or on a person's record."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from zairyu.cases import services as sv
from zairyu.facts import Facts
from zairyu.rules import assess
from zairyu.rules.interview import next_step
from zairyu.web.api.common import ERRORS, LAW_DATE, as_of, law_at, plain_json
from zairyu.web.params import Id
from zairyu.web.permissions import Access, allow

router = APIRouter(tags=["assessment"], responses=ERRORS)


@router.post("/assess", summary="Assess posted facts: every option with verdict, reasons, documents, fee, deadline")
async def assess_facts(request: Request, facts: Facts, on: date | None = Query(None),
                       law_date: date | None = Query(None, description=LAW_DATE),
                       access: Access = Depends(allow("law:read"))) -> dict[str, Any]:
    # Pure computation (no I/O), so it runs on the event loop: no thread hop on the hottest route.
    d = as_of(request, on)
    return plain_json(assess(facts, d, law=law_at(request, d, law_date)).to_json())  # type: ignore[return-value]


@router.get("/people/{person_id}/assessment", summary="Assess a person from their record")
def assess_person(request: Request, person_id: Id, on: date | None = Query(None),
                  law_date: date | None = Query(None, description=LAW_DATE),
                  access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    facts = sv.facts_for_person(access.db, person_id)
    d = as_of(request, on)
    return assess(facts, d, law=law_at(request, d, law_date)).to_json()


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fact: str = Field(description="The fact path asked, e.g. circumstances.cannot_return_safely")
    value: Any = Field(None, description="yes/no, a date YYYY-MM-DD, a number, a code; null to clear")


class InterviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: dict[str, Any] = Field(default_factory=dict, description="The facts known so far (facts format)")
    answer: Answer | None = None
    skip: list[str] = Field(default_factory=list, description="Facts the person cannot answer (not asked again)")


@router.post("/interview", summary="Apply an answer, then the next question that matters (or the result)")
def interview(request: Request, body: InterviewIn, on: date | None = Query(None),
              lang: Literal["ja", "en", "ru", "uk"] = Query("en"),
              access: Access = Depends(allow("law:read"))) -> dict[str, Any]:
    return next_step(body.facts, as_of(request, on), "ja" if lang == "ja" else "en",
                     answer=body.answer.model_dump() if body.answer else None, skip=body.skip)
