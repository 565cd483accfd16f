"""iCalendar feeds of deadlines, per user (everything on their agenda) and per person, behind an
unguessable token (``secrets.token_urlsafe(32)``; only its SHA-256 is stored) that can be revoked."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zairyu.calendar.ics import deadlines_to_ics
from zairyu.calendar.model import Deadline
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.law.models import LegalBasis
from zairyu.web.api.common import ERRORS, BodyId, Id
from zairyu.web.permissions import Access, NotVisible, Principal, allow, can_see, db_session

router = APIRouter(tags=["calendar"], responses=ERRORS)

FEED_DAYS = 400


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: BodyId | None = None


def feed_url(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/api/v1/ical/{token}.ics"


def token_json(t: m.CalendarToken) -> dict[str, Any]:
    return {"id": t.id, "person_id": t.person_id, "user_id": t.user_id, "created_at": t.created_at.isoformat(),
            "revoked": t.revoked_at is not None}


def my_tokens(db: Session, p: Principal) -> list[m.CalendarToken]:
    """The user's own feed tokens and the tokens of people the user can see."""
    from zairyu.web.permissions import visible_people

    visible = select(m.Person.id).where(visible_people(p))
    return list(db.scalars(select(m.CalendarToken).where(
        m.CalendarToken.revoked_at.is_(None),
        or_(m.CalendarToken.user_id == p.user_id, m.CalendarToken.person_id.in_(visible)))
        .order_by(m.CalendarToken.id)))


def new_token(db: Session, p: Principal, person_id: int | None) -> str:
    if person_id is not None and can_see(db, p, person_id) is None:
        raise NotVisible("person")
    if person_id is None:
        return sv.create_calendar_token(db, user_id=p.user_id)
    return sv.create_calendar_token(db, person_id=person_id)


def revoke(db: Session, p: Principal, token_id: int) -> None:
    if token_id not in {t.id for t in my_tokens(db, p)}:
        raise NotVisible("calendar token")
    sv.revoke_calendar_token(db, token_id)


@router.get("/calendar/tokens", summary="Your calendar feeds (the token itself is shown only once)")
def tokens(access: Access = Depends(allow("calendar:manage"))) -> dict[str, Any]:
    return {"tokens": [token_json(t) for t in my_tokens(access.db, access.principal)]}


@router.post("/calendar/tokens", status_code=201,
             summary="Create a feed for yourself, or for one person (person_id); returns its URL once")
def create_token(request: Request, body: TokenIn,
                 access: Access = Depends(allow("calendar:manage"))) -> dict[str, Any]:
    token = new_token(access.db, access.principal, body.person_id)
    access.db.commit()
    return {"url": feed_url(request, token), "token": token}


@router.delete("/calendar/tokens/{token_id}", status_code=204, summary="Revoke a feed", response_class=Response)
def delete_token(token_id: Id, access: Access = Depends(allow("calendar:manage"))) -> Response:
    revoke(access.db, access.principal, token_id)
    access.db.commit()
    return Response(status_code=204)


def as_calendar_deadline(row: Any, on: date) -> Deadline:
    """A stored deadline back in the calendar's own type (for its iCalendar writer)."""
    return Deadline(kind=row.kind, date=row.date, legal_basis=[LegalBasis(**b) for b in row.legal_basis],
                    explanation_ja=row.explanation_ja, explanation_en=row.explanation_en, trace=list(row.trace),
                    filing_date=row.filing_date, fact_status=row.fact_status,
                    risk=row.risk, topic=row.topic, as_of=on)


def _ics(items: list[sv.AgendaLine], name: str, on: date, lang: str) -> bytes:
    """One calendar for many people, by the calendar's own writer (:func:`zairyu.calendar.ics.deadlines_to_ics`:
    titles, stable UIDs, alarms), each event labelled with its person."""
    return deadlines_to_ics([as_calendar_deadline(i, on) for i in items], person_label=name, lang=lang,
                            labels=[i.person.display_name for i in items], calendar_name=name)


@router.get("/ical/{token}.ics", tags=["calendar"], include_in_schema=False)
def feed(request: Request, token: str, db: Session = Depends(db_session)) -> Response:
    """Public by design: the token is the credential. Unknown or revoked tokens answer 404."""
    t = sv.resolve_calendar_token(db, token)
    if t is None:
        raise NotVisible("calendar feed")
    on: date = request.app.state.today()
    if t.person_id is not None:
        person = db.get(m.Person, t.person_id)
        if person is None:
            raise NotVisible("calendar feed")
        items = sv.agenda(db, person.organisation_id, on, FEED_DAYS, person_id=person.id)
        name = f"zairyu: {person.display_name}"
        lang = person.preferred_language or "ja"
    else:
        user = db.get(m.User, t.user_id)
        if user is None or not user.active:
            raise NotVisible("calendar feed")
        if user.role == "client":
            items = (sv.agenda(db, user.organisation_id, on, FEED_DAYS, person_id=user.person_id)
                     if user.person_id else [])
        else:
            items = sv.agenda(db, user.organisation_id, on, FEED_DAYS,
                              only_assigned_to=user.id if user.role == "supporter" else None)
        name = f"zairyu: {user.display_name}"
        lang = user.language
    return Response(_ics(items, name, on, lang), media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})
