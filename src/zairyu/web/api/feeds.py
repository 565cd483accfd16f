"""iCalendar feeds of deadlines, per user (everything on their agenda) and per person, behind an
unguessable token (``secrets.token_urlsafe(32)``; only its SHA-256 is stored) that can be revoked."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from zairyu.calendar.ics import deadlines_to_ics
from zairyu.calendar.model import Deadline
from zairyu.cases import models as m
from zairyu.cases.db import unit_of_work
from zairyu.cases.services.accounts import resolve_calendar_token
from zairyu.cases.services.agenda_lines import AgendaLine, agenda
from zairyu.cases.services.agenda_view import user_agenda
from zairyu.law.models import LegalBasis
from zairyu.messages import Message
from zairyu.web.api.common import ERRORS
from zairyu.web.params import BodyId, Id
from zairyu.web.permissions import Access, NotVisible, allow, db_session
from zairyu.web.schemas import CalendarTokenCreatedOut, CalendarTokensOut
from zairyu.web.shared import feed_url, my_tokens, new_token, revoke

router = APIRouter(tags=["calendar"], responses=ERRORS)

FEED_DAYS = 400


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: BodyId | None = None


def token_json(t: m.CalendarToken) -> dict[str, Any]:
    return {"id": t.id, "person_id": t.person_id, "user_id": t.user_id, "created_at": t.created_at.isoformat(),
            "revoked": t.revoked_at is not None, "created_by": t.created_by}


@router.get("/calendar/tokens", response_model=CalendarTokensOut,
            summary="The calendar feeds you made (the token itself is shown only once)")
def tokens(access: Access = Depends(allow("calendar:manage"))) -> dict[str, Any]:
    return {"tokens": [token_json(t) for t in my_tokens(access)]}


@router.post("/calendar/tokens", status_code=201, response_model=CalendarTokenCreatedOut,
             summary="Create a feed for yourself, or for one person (person_id); returns its URL once")
def create_token(request: Request, body: TokenIn,
                 access: Access = Depends(allow("calendar:manage"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        token = new_token(access, body.person_id)
    return {"url": feed_url(request, token), "token": token}


@router.delete("/calendar/tokens/{token_id}", status_code=204, response_class=Response,
               summary="Revoke a feed you made (an admin: any feed of the office)")
def delete_token(token_id: Id, access: Access = Depends(allow("calendar:manage"))) -> Response:
    with unit_of_work(access.db):
        revoke(access, token_id)
    return Response(status_code=204)


def as_calendar_deadline(row: Any, on: date) -> Deadline:
    """A stored deadline back in the calendar's own type (for its iCalendar writer)."""
    return Deadline(kind=row.kind, date=row.date, legal_basis=[LegalBasis(**b) for b in row.legal_basis],
                    text=row.text, trace=[Message.from_json(t) for t in row.trace],
                    filing_date=row.filing_date, fact_status=row.fact_status,
                    risk=row.risk, topic=row.topic, as_of=on)


def _ics(items: list[AgendaLine], name: str, on: date, lang: str) -> bytes:
    """One calendar for many people, by the calendar's own writer (:func:`zairyu.calendar.ics.deadlines_to_ics`:
    titles, stable UIDs, alarms), each event labelled with its person."""
    return deadlines_to_ics([as_calendar_deadline(i, on) for i in items], person_label=name, lang=lang,
                            labels=[i.person.display_name for i in items], calendar_name=name)


@router.get("/ical/{token}.ics", tags=["calendar"], include_in_schema=False)
def feed(request: Request, token: str, db: Session = Depends(db_session)) -> Response:
    """Public by design: the token is the credential. Unknown or revoked tokens, and feeds whose maker was
    deactivated or whose person was deleted, answer 404."""
    t = resolve_calendar_token(db, token)
    if t is None:
        raise NotVisible("calendar feed")
    on: date = request.app.state.today()
    if t.person_id is not None:
        person = db.get(m.Person, t.person_id)
        if person is None or person.deleted_at is not None:
            raise NotVisible("calendar feed")
        items = agenda(db, person.organisation_id, on, FEED_DAYS, person_id=person.id)
        name = f"zairyu: {person.display_name}"
        lang = person.preferred_language or "ja"
    else:
        user = db.get(m.User, t.user_id)
        if user is None or not user.active:
            raise NotVisible("calendar feed")
        items = user_agenda(db, user, on, FEED_DAYS)
        name = f"zairyu: {user.display_name}"
        lang = user.language
    return Response(_ics(items, name, on, lang), media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})
