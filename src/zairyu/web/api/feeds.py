"""iCalendar feeds of deadlines, per user (everything on their agenda) and per person, behind an
unguessable token (``secrets.token_urlsafe(32)``; only its SHA-256 is stored) that can be revoked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases import services as sv
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


def _ics(items: list[tuple[m.Deadline, m.Person]], name: str) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//zairyu//deadlines//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = datetime(2000, 1, 1)
    for d, p in items:
        ev = Event()
        ev.add("uid", f"zairyu-{p.id}-{d.kind}-{d.date.isoformat()}@zairyu")
        ev.add("dtstamp", d.computed_at.replace(tzinfo=None) if d.computed_at else stamp)
        ev.add("dtstart", d.filing_date or d.date)
        ev.add("summary", f"{p.display_name}: {d.explanation_ja}")
        basis = "; ".join(f"{b.get('law')} {b.get('provision')}" for b in d.legal_basis if isinstance(b, dict))
        ev.add("description", f"{d.explanation_ja}\n{d.explanation_en}\n{basis}")
        if not d.kind.startswith("earliest_"):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", d.explanation_ja)
            alarm.add("trigger", timedelta(days=-14))
            ev.add_component(alarm)
        cal.add_component(ev)
    return bytes(cal.to_ical())


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
        items = [(i.deadline, i.person) for i in sv.agenda(db, person.organisation_id, on, FEED_DAYS,
                                                             person_id=person.id)]
        name = f"zairyu: {person.display_name}"
    else:
        user = db.get(m.User, t.user_id)
        if user is None or not user.active:
            raise NotVisible("calendar feed")
        if user.role == "client":
            items = [(i.deadline, i.person) for i in sv.agenda(db, user.organisation_id, on, FEED_DAYS,
                                                                 person_id=user.person_id)] if user.person_id else []
        else:
            items = [(i.deadline, i.person) for i in sv.agenda(
                db, user.organisation_id, on, FEED_DAYS,
                only_assigned_to=user.id if user.role == "supporter" else None)]
        name = f"zairyu: {user.display_name}"
    return Response(_ics(items, name), media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})
