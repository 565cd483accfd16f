"""The JSON API (``/api/v1``). Every route declares its permission with :func:`allow`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from zairyu.cases.db import unit_of_work
from zairyu.cases.services.accounts import end_session, start_session
from zairyu.web.api import assess, calc, cases, feeds, law, office, precedents, users
from zairyu.web.api.common import ERRORS
from zairyu.web.auth import SESSION_COOKIE, SESSION_MAX_AGE
from zairyu.web.login import LoginFailed, TooManyAttempts, authenticate
from zairyu.web.permissions import Access, allow, bearer_token, db_session
from zairyu.web.responses import JSONResponse
from zairyu.web.schemas import MeOut, TokenOut

router = APIRouter(prefix="/api/v1")


class TokenIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)


@router.post("/auth/token", tags=["auth"], response_model=TokenOut,
             summary="Sign in; returns a bearer token for the API",
             responses={401: {"description": "Wrong e-mail or password"},
                        429: {"description": "Too many failed attempts"}, 422: ERRORS[422]})
def token(request: Request, body: TokenIn, db: Session = Depends(db_session)) -> Any:
    try:
        user_id = authenticate(request, db, body.email, body.password)
    except TooManyAttempts as exc:
        return JSONResponse({**exc.to_json(), "reason": exc.message}, status_code=429,
                            headers={"Retry-After": str(exc.retry_after)})
    except LoginFailed as exc:
        return JSONResponse({**exc.to_json(), "reason": exc.message}, status_code=401)
    with unit_of_work(db):
        token = start_session(db, user_id, "bearer", SESSION_MAX_AGE)
    return {"access_token": token, "token_type": "bearer", "expires_in": SESSION_MAX_AGE}


@router.delete("/auth/token", tags=["auth"], status_code=204, response_class=Response,
               summary="Sign out: the bearer token (or session cookie) of this request stops working at once",
               responses=ERRORS)
def sign_out(request: Request, access: Access = Depends(allow("law:read"))) -> Response:
    token = bearer_token(request) or request.cookies.get(SESSION_COOKIE) or ""
    with unit_of_work(access.db):
        end_session(access.db, token)
    return Response(status_code=204)


@router.get("/me", tags=["auth"], response_model=MeOut, summary="The signed-in user", responses=ERRORS)
def me(access: Access = Depends(allow("law:read"))) -> dict[str, Any]:
    p = access.principal
    return {"id": p.user_id, "email": p.email, "display_name": p.display_name, "role": p.role,
            "organisation_id": p.organisation_id, "person_id": p.person_id, "language": p.language}


# The assessment first: routes are matched in order, and POST /assess is the hottest route.
router.include_router(assess.router)
router.include_router(law.router)
router.include_router(calc.router)
router.include_router(cases.router)
router.include_router(office.router)
router.include_router(feeds.router)
router.include_router(users.router)
router.include_router(precedents.router)
router.include_router(precedents.proposal_router)
