"""Calculators on posted facts (nothing stored): expiry of a period, deadlines of a stay."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import Field

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.periods import expiry
from zairyu.duration import Duration
from zairyu.facts import Facts
from zairyu.law.catalogue import check_covered
from zairyu.limits import BoundedDates
from zairyu.messages import render
from zairyu.web.api.common import ERRORS, LAW_DATE, as_of, law_at
from zairyu.web.api.lang import LangQuery, answer_langs
from zairyu.web.permissions import Access, allow
from zairyu.web.schemas import DeadlinesOut, ExpiryOut

router = APIRouter(tags=["calendar"], responses=ERRORS)


class ExpiryIn(BoundedDates):
    start: date = Field(description="Landing or permission date; for an extension, the old expiry date")
    period: str = Field(description="ISO 8601 duration such as P90D or P1Y3M", examples=["P90D"])
    kind: Literal["landing", "change", "extension"] = "landing"


@router.post("/expiry", response_model=ExpiryOut,
             summary="When a period of stay ends (first day not counted), with the arithmetic")
def expiry_route(body: ExpiryIn, access: Access = Depends(allow("law:read"))) -> dict[str, Any]:
    check_covered(body.start, field="start")
    res = expiry(body.start, Duration.parse(body.period, field="period"), body.kind)
    return {
        "expires_on": res.expires_on.isoformat(),
        "counted_from": res.counted_from.isoformat(),
        "period": res.period.iso(),
        "kind": res.kind,
        "trace": [render(t, "en") for t in res.trace],
        "legal_basis": [b.model_dump(exclude_none=True) for b in res.legal_basis],
    }


@router.post("/deadlines", response_model=DeadlinesOut,
             summary="Every deadline the posted facts create, with explanations and provisions")
def deadlines_route(request: Request, facts: Facts, on: date | None = Query(None),
                    law_date: date | None = Query(None, description=LAW_DATE),
                    access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    d = as_of(request, on)
    law = law_at(request, d, law_date)
    out: dict[str, Any] = {"as_of": d.isoformat(),
                           "deadlines": [x.to_json(langs.langs) for x in compute_deadlines(facts, d, law)]}
    if law.on != d:
        out["law_date"] = law.on.isoformat()
    return langs.respond(out)
