"""Helpers shared by the API routers."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request

from zairyu.law.catalogue import LawView, catalogue, check_covered
from zairyu.web.responses import JSONResponse

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not signed in"},
    403: {"description": "The role may not do this, or the CSRF token is missing"},
    404: {"description": "No such record, or not visible to this user"},
    422: {"description": "Invalid input: the body names the field and the reason"},
}


def as_of(request: Request, on: date | None, *, field: str = "on") -> date:
    """The as-of date: ``on`` or today (the interface's clock), inside the dates the law covers."""
    return check_covered(on if on is not None else request.app.state.today(), field=field)


def law_at(request: Request, on: date, law_date: date | None) -> LawView:
    """The law a computation runs on: in force on ``law_date`` when given, else on the as-of date."""
    return catalogue(as_of(request, law_date, field="law_date") if law_date is not None else on)


LAW_DATE = "Compute under the law in force on this date (default: the as-of date): what changes for this person then"


def plain_json(data: dict[str, Any]) -> JSONResponse:
    """A response for data that is already plain JSON (the rules' ``to_json()``): skips FastAPI's
    ``jsonable_encoder``, which costs several times the assessment itself on large answers. The route's
    return annotation still documents the shape in the OpenAPI."""
    return JSONResponse(data)
