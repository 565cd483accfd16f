"""People, stays, applications (with their transitions), documents, notes, timeline and the agenda.

Each route calls the case manager's service function for its use case (the same one the CLI calls)
and goes through :func:`~zairyu.web.permissions.allow` for its permission and person visibility.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError
from zairyu.web.api.common import ERRORS, BodyId, FormId, Id, as_of
from zairyu.web.permissions import Access, Principal, allow
from zairyu.web.serialize import (
    application_json,
    deadline_json,
    document_json,
    note_json,
    person_json,
    stay_json,
    timeline_json,
)

router = APIRouter(tags=["cases"], responses=ERRORS)


def actor(p: Principal) -> sv.Actor:
    return sv.Actor(name=p.email, user_id=p.user_id)


def visible_list(access: Access, search: str | None, limit: int | None, offset: int) -> list[Any]:
    """The people the user may see (the same visibility as :func:`~zairyu.web.permissions.visible_people`)."""
    p = access.principal
    if p.role == "client":
        own = access.db.get(m.Person, p.person_id) if p.person_id is not None else None
        return [own] if own is not None and own.organisation_id == p.organisation_id else []
    return sv.list_people(access.db, p.organisation_id, search=search or None, limit=limit, offset=offset,
                          only_assigned_to=p.user_id if p.role == "supporter" else None)


# --------------------------------------------------------------------------- people

@router.get("/people", summary="People visible to the signed-in user (search by any name)")
def people(search: str | None = Query(None, max_length=200), limit: int = Query(100, ge=1, le=1000),
           offset: int = Query(0, ge=0, le=1_000_000),
           access: Access = Depends(allow("person:list"))) -> dict[str, Any]:
    return {"people": [person_json(x) for x in visible_list(access, search, limit, offset)]}


@router.post("/people", status_code=201, summary="Add a person")
def add_person(body: sv.PersonIn, access: Access = Depends(allow("person:create"))) -> dict[str, Any]:
    p = sv.add_person(access.db, access.principal.organisation_id, body.model_dump(exclude_unset=True),
                      actor(access.principal))
    access.db.commit()
    return person_json(p)


@router.get("/people/{person_id}", summary="One person with their current stay, deadlines and applications")
def person(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    s = access.db
    st = sv.current_stay(s, person_id)
    return {**person_json(access.person),  # type: ignore[arg-type]
            "current_stay": stay_json(st) if st else None,
            "deadlines": [deadline_json(d) for d in sv.deadlines_of(s, person_id)],
            "applications": [application_json(a) for a in sv.applications_of(s, person_id)]}


class PersonPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    changes: dict[str, Any] = Field(description="Fields of the person to change (as in POST /people)")
    expected_version: int | None = Field(None, description="The version read; a stale edit is refused (409)")


@router.patch("/people/{person_id}", summary="Edit a person (optimistic locking with expected_version)")
def edit_person(request: Request, person_id: Id, body: PersonPatch,
                access: Access = Depends(allow("person:write", scope="person"))) -> dict[str, Any]:
    p = sv.edit_person(access.db, person_id, body.changes, actor(access.principal), as_of(request, None),
                       expected_version=body.expected_version, organisation_id=access.principal.organisation_id)
    access.db.commit()
    return person_json(p)


@router.get("/people/{person_id}/facts", summary="The person's facts (the assessment's input)")
def person_facts(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return sv.facts_for_person(access.db, person_id).model_dump(mode="json", by_alias=True, exclude_none=True)


@router.get("/people/{person_id}/timeline", summary="Everything that changed, who changed it and when")
def person_timeline(person_id: Id,
                    access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"timeline": [timeline_json(t) for t in sv.timeline_of(access.db, person_id)]}


# --------------------------------------------------------------------------- stays and deadlines

@router.get("/people/{person_id}/stays", summary="The person's grants of status, oldest first")
def stays(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"stays": [stay_json(x) for x in sv.stays_of(access.db, person_id)]}


@router.post("/people/{person_id}/stays", status_code=201, summary="Record a grant of status")
def add_stay(request: Request, person_id: Id, body: sv.StayIn,
             access: Access = Depends(allow("stay:write", scope="person"))) -> dict[str, Any]:
    st = sv.add_stay(access.db, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                     as_of(request, None), organisation_id=access.principal.organisation_id)
    access.db.commit()
    return stay_json(st)


@router.get("/people/{person_id}/deadlines", summary="The person's derived deadlines with provisions")
def deadlines(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"deadlines": [deadline_json(d) for d in sv.deadlines_of(access.db, person_id)]}


# --------------------------------------------------------------------------- events

def event_json(e: m.Event) -> dict[str, Any]:
    return {"id": e.id, "person_id": e.person_id, "kind": e.kind, "on": e.on.isoformat(),
            "until": e.until.isoformat() if e.until else None, "note": e.note}


def events_of(access: Access) -> list[m.Event]:
    return list(access.db.scalars(select(m.Event).where(m.Event.person_id == access.person_id)
                                  .order_by(m.Event.on, m.Event.id)))


@router.get("/people/{person_id}/events", summary="What happened to the person (moved, divorce, departed, ...)")
def events(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"events": [event_json(e) for e in events_of(access)]}


@router.post("/people/{person_id}/events", status_code=201,
             summary="Record an event; the deadlines it creates (notifications, ...) are derived at once")
def add_event(request: Request, person_id: Id, body: sv.EventIn,
              access: Access = Depends(allow("stay:write", scope="person"))) -> dict[str, Any]:
    e = sv.add_event(access.db, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                     as_of(request, None), organisation_id=access.principal.organisation_id)
    access.db.commit()
    return event_json(e)


# --------------------------------------------------------------------------- applications

@router.get("/people/{person_id}/applications", summary="The person's applications")
def applications(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"applications": [application_json(a) for a in sv.applications_of(access.db, person_id)]}


@router.post("/people/{person_id}/applications", status_code=201, summary="Start an application (stage 'draft')")
def add_application(request: Request, person_id: Id, body: sv.ApplicationIn,
                    access: Access = Depends(allow("application:write", scope="person"))) -> dict[str, Any]:
    a = sv.add_application(access.db, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                           as_of(request, None), organisation_id=access.principal.organisation_id)
    access.db.commit()
    return application_json(a)


@router.get("/applications/{application_id}", summary="One application")
def application(application_id: Id,
                access: Access = Depends(allow("person:read", scope="application"))) -> dict[str, Any]:
    return application_json(access.record)


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: Literal["draft", "prepared", "filed", "under_examination", "additional_documents_requested", "decided",
                "withdrawn"]
    date: dt.date | None = Field(None, description="Filing date (to 'filed') or decision date (to 'decided')")
    channel: Literal["counter", "online"] | None = None
    receipt_number: str | None = Field(None, max_length=60)
    decision: Literal["granted", "denied"] | None = None
    new_period: str | None = Field(None, description="Period granted, e.g. P1Y (for a grant)")
    new_expires_on: dt.date | None = None
    card_number: str | None = None
    card_valid_until: dt.date | None = None
    expected_version: int | None = None


def transition(access: Access, application_id: int, body: TransitionIn, on: date) -> Any:
    """Move an application: 'filed' and 'decided' carry their dates; other stages just move."""
    s, a, org = access.db, actor(access.principal), access.principal.organisation_id
    if body.to == "filed":
        if body.date is None:
            raise InvalidInputError("filing needs the filing date", field="date")
        return sv.file_application(s, application_id, body.date, a, on, channel=body.channel,
                                   receipt_number=body.receipt_number, expected_version=body.expected_version,
                                   organisation_id=org)
    if body.to == "decided":
        if body.date is None or body.decision is None:
            raise InvalidInputError("a decision needs its date and the decision (granted|denied)",
                                    field="date" if body.date is None else "decision")
        return sv.decide_application(s, application_id, body.decision, body.date, a, on,
                                     new_period=body.new_period or None, new_expires_on=body.new_expires_on,
                                     card_number=body.card_number or None, card_valid_until=body.card_valid_until,
                                     expected_version=body.expected_version, organisation_id=org)
    return sv.move_application(s, application_id, body.to, a, on, expected_version=body.expected_version,
                               organisation_id=org)


@router.post("/applications/{application_id}/transition",
             summary="Move an application to another stage (file it, record the decision, withdraw it)")
def application_transition(request: Request, application_id: Id, body: TransitionIn,
                           access: Access = Depends(allow("application:write", scope="application"))
                           ) -> dict[str, Any]:
    app = transition(access, application_id, body, as_of(request, None))
    access.db.commit()
    return application_json(app)


# --------------------------------------------------------------------------- documents and notes

@router.get("/people/{person_id}/documents", summary="The person's documents")
def documents(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    docs = access.db.scalars(select(m.Document).where(m.Document.person_id == person_id)
                             .order_by(m.Document.id))
    return {"documents": [document_json(d) for d in docs]}


def store_upload(request: Request, access: Access, upload: UploadFile, data: bytes,
                 application_id: int | None) -> Any:
    settings = request.app.state.settings
    return sv.store_document(access.db, access.person_id, upload.filename or "", upload.content_type or "", data,
                             actor(access.principal), upload_dir=settings.uploads_path,
                             max_bytes=settings.max_upload_bytes, application_id=application_id,
                             organisation_id=access.principal.organisation_id)


async def read_limited(request: Request, upload: UploadFile) -> bytes:
    limit = request.app.state.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInputError(f"the file is larger than the limit of {limit} bytes", field="file")
    return data


@router.post("/people/{person_id}/documents", status_code=201,
             summary="Upload a document (PDF, JPEG, PNG, HEIC, TXT, DOCX, XLSX; size-limited)")
async def upload_document(request: Request, person_id: Id, file: UploadFile = File(...),
                          application_id: FormId = None,
                          access: Access = Depends(allow("document:write", scope="person"))) -> dict[str, Any]:
    data = await read_limited(request, file)
    doc = store_upload(request, access, file, data, application_id)
    access.db.commit()
    return document_json(doc)


def download_response(request: Request, doc: Any) -> Response:
    """Always an attachment with its stored type and nosniff: never rendered inline by the browser."""
    from urllib.parse import quote

    data = sv.read_document(doc, request.app.state.settings.uploads_path)
    ascii_name = "".join(c if c.isascii() and c.isalnum() or c in "._-" else "_" for c in doc.filename)
    return Response(data, media_type=doc.content_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
    })


@router.get("/documents/{document_id}/download", summary="Download a document (always as an attachment)",
            response_class=Response)
def download_document(request: Request, document_id: Id,
                      access: Access = Depends(allow("person:read", scope="document"))) -> Response:
    return download_response(request, access.record)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(min_length=1, max_length=20000)
    application_id: BodyId | None = None


@router.get("/people/{person_id}/notes", summary="The person's notes")
def notes(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    ns = access.db.scalars(select(m.Note).where(m.Note.person_id == person_id).order_by(m.Note.id))
    return {"notes": [note_json(n) for n in ns]}


@router.post("/people/{person_id}/notes", status_code=201, summary="Add a note")
def add_note(person_id: Id, body: NoteIn,
             access: Access = Depends(allow("note:write", scope="person"))) -> dict[str, Any]:
    check_application_of(access, body.application_id)
    n = sv.add_note(access.db, person_id, body.body, actor(access.principal), application_id=body.application_id)
    access.db.commit()
    return note_json(n)


def check_application_of(access: Access, application_id: int | None) -> None:
    if application_id is None:
        return
    a = access.db.get(m.Application, application_id)
    if a is None or a.person_id != access.person_id:
        raise InvalidInputError(f"application {application_id} is not one of this person's", field="application_id")


# --------------------------------------------------------------------------- agenda

def agenda_items(access: Access, on: date, days: int) -> list[sv.AgendaLine]:
    p = access.principal
    if p.role == "client":
        if p.person_id is None:
            return []
        return sv.agenda(access.db, p.organisation_id, on, days, person_id=p.person_id)
    return sv.agenda(access.db, p.organisation_id, on, days,
                     only_assigned_to=p.user_id if p.role == "supporter" else None)


@router.get("/agenda", summary="Deadlines due: overdue first, then up to `days` ahead")
async def agenda(request: Request, on: date | None = Query(None), days: int = Query(30, ge=0, le=3660),
                 access: Access = Depends(allow("agenda:read"))) -> dict[str, Any]:
    # One indexed query on short rows: cheaper on the event loop than a thread hop.
    d = as_of(request, on)
    return {"as_of": d.isoformat(), "days": days, "items": [i.to_json() for i in agenda_items(access, d, days)]}
