"""People, stays, applications (with their transitions), documents, notes, timeline and the agenda.

Each route calls the case manager's service function for its use case (the same one the CLI calls)
and goes through :func:`~zairyu.web.permissions.allow` for its permission and person visibility.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.cases.services.agenda_view import AgendaFilter
from zairyu.facts import Facts
from zairyu.web.api.common import ERRORS, as_of
from zairyu.web.api.lang import LangQuery, answer_langs
from zairyu.web.office import agenda_for, mark_json, parse_assignee, task_json
from zairyu.web.params import MAX_ID, BodyId, FormId, Id
from zairyu.web.permissions import Access, allow
from zairyu.web.responses import JSONResponse
from zairyu.web.schemas import (
    AgendaOut,
    ApplicationOut,
    ApplicationsOut,
    DocumentOut,
    DocumentsOut,
    EventOut,
    EventsOut,
    NoteOut,
    NotesOut,
    PeopleOut,
    PersonDetailOut,
    PersonOut,
    StayOut,
    StaysOut,
    StoredDeadlinesOut,
    TimelineOut,
)
from zairyu.web.serialize import (
    application_json,
    deadlines_json,
    document_json,
    note_json,
    person_json,
    stay_json,
    timeline_json,
)
from zairyu.web.shared import (
    TransitionIn,
    actor,
    download_response,
    read_limited,
    record_read,
    store_upload,
    transition,
    visible_list,
)
from zairyu.web.shared import delete_document as shared_delete_document
from zairyu.web.shared import delete_person as shared_delete_person

router = APIRouter(tags=["cases"], responses=ERRORS)


# --------------------------------------------------------------------------- people

@router.get("/people", response_model=PeopleOut, summary="People visible to the signed-in user (search by any name)")
def people(search: str | None = Query(None, max_length=200), limit: int = Query(100, ge=1, le=1000),
           offset: int = Query(0, ge=0, le=1_000_000),
           access: Access = Depends(allow("person:list"))) -> dict[str, Any]:
    staff = access.principal.may("note:read")  # a client reads no staff note (issue 12, finding 9)
    return {"people": [person_json(x, staff=staff) for x in visible_list(access, search, limit, offset)]}


@router.post("/people", response_model=PersonOut, status_code=201, summary="Add a person")
def add_person(body: sv.PersonIn, access: Access = Depends(allow("person:create"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        p = sv.add_person(s, access.principal.organisation_id, body.model_dump(exclude_unset=True),
                          actor(access.principal))
    return person_json(p)


@router.get("/people/{person_id}", response_model=PersonDetailOut,
             summary="One person with their current stay, deadlines and applications")
def person(request: Request, person_id: Id, access: Access = Depends(allow("person:read", scope="person")),
           lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    s = access.db
    record_read(access, "read", "people", person_id, person_id)
    st = sv.current_stay(s, person_id)
    staff = access.principal.may("note:read")
    return langs.respond({
        **person_json(access.person, staff=staff),  # type: ignore[arg-type]
        "current_stay": stay_json(st) if st else None,
        "deadlines": deadlines_json(sv.deadlines_of(s, person_id), as_of(request, None), langs.langs),
        "applications": [application_json(a, staff=staff) for a in sv.applications_of(s, person_id)]})


class PersonPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    changes: dict[str, Any] = Field(description="Fields of the person to change (as in POST /people)")
    expected_version: int = Field(ge=1, le=MAX_ID, description="The version read (required); a stale edit is "
                                                               "refused (409) instead of overwriting a newer one")


@router.patch("/people/{person_id}", response_model=PersonOut,
              summary="Edit a person (optimistic locking with expected_version)")
def edit_person(request: Request, person_id: Id, body: PersonPatch,
                access: Access = Depends(allow("person:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        p = sv.edit_person(s, person_id, body.changes, actor(access.principal), as_of(request, None),
                           expected_version=body.expected_version, organisation_id=access.principal.organisation_id)
    return person_json(p)


@router.delete("/people/{person_id}", status_code=204, response_class=Response,
               summary="Delete a person (admin): gone at once; kept for the retention period, then purged")
def delete_person(person_id: Id, access: Access = Depends(allow("record:delete", scope="person"))) -> Response:
    with unit_of_work(access.db):
        shared_delete_person(access)
    return Response(status_code=204)


@router.get("/people/{person_id}/facts", response_model=Facts, summary="The person's facts (the assessment's input)")
def person_facts(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> Response:
    facts = sv.facts_for_person(access.db, person_id)
    return JSONResponse(facts.model_dump(mode="json", by_alias=True, exclude_none=True))


@router.get("/people/{person_id}/timeline", response_model=TimelineOut,
             summary="Everything that changed, who changed it and when (staff only)")
def person_timeline(person_id: Id,
                    access: Access = Depends(allow("timeline:read", scope="person"))) -> dict[str, Any]:
    return {"timeline": [timeline_json(t) for t in sv.timeline_of(access.db, person_id)]}


# --------------------------------------------------------------------------- stays and deadlines

@router.get("/people/{person_id}/stays", response_model=StaysOut, summary="The person's grants of status, oldest first")
def stays(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"stays": [stay_json(x) for x in sv.stays_of(access.db, person_id)]}


@router.post("/people/{person_id}/stays", response_model=StayOut, status_code=201, summary="Record a grant of status")
def add_stay(request: Request, person_id: Id, body: sv.StayIn,
             access: Access = Depends(allow("stay:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        st = sv.add_stay(s, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                         as_of(request, None), organisation_id=access.principal.organisation_id)
    return stay_json(st)


@router.get("/people/{person_id}/deadlines", response_model=StoredDeadlinesOut,
             summary="The person's derived deadlines with provisions")
def deadlines(request: Request, person_id: Id, access: Access = Depends(allow("person:read", scope="person")),
              lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    rows = sv.deadlines_of(access.db, person_id)
    return langs.respond({"deadlines": deadlines_json(rows, as_of(request, None), langs.langs)})


# --------------------------------------------------------------------------- events

def event_json(e: m.Event) -> dict[str, Any]:
    return {"id": e.id, "person_id": e.person_id, "kind": e.kind, "on": e.on.isoformat(),
            "until": e.until.isoformat() if e.until else None, "note": e.note}


@router.get("/people/{person_id}/events", response_model=EventsOut,
             summary="What happened to the person (moved, divorce, departed, ...)")
def events(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"events": [event_json(e) for e in sv.events_of(access.db, person_id)]}


@router.post("/people/{person_id}/events", response_model=EventOut, status_code=201,
             summary="Record an event; the deadlines it creates (notifications, ...) are derived at once")
def add_event(request: Request, person_id: Id, body: sv.EventIn,
              access: Access = Depends(allow("stay:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        e = sv.add_event(s, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                         as_of(request, None), organisation_id=access.principal.organisation_id)
    return event_json(e)


# --------------------------------------------------------------------------- applications

@router.get("/people/{person_id}/applications", response_model=ApplicationsOut, summary="The person's applications")
def applications(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    staff = access.principal.may("note:read")
    return {"applications": [application_json(a, staff=staff) for a in sv.applications_of(access.db, person_id)]}


@router.post("/people/{person_id}/applications", response_model=ApplicationOut, status_code=201,
              summary="Start an application (stage 'draft')")
def add_application(request: Request, person_id: Id, body: sv.ApplicationIn,
                    access: Access = Depends(allow("application:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        a = sv.add_application(s, person_id, body.model_dump(exclude_unset=True), actor(access.principal),
                               as_of(request, None), organisation_id=access.principal.organisation_id)
    return application_json(a)


@router.get("/applications/{application_id}", response_model=ApplicationOut, summary="One application")
def application(application_id: Id,
                access: Access = Depends(allow("person:read", scope="application"))) -> dict[str, Any]:
    return application_json(access.record, staff=access.principal.may("note:read"))


@router.post("/applications/{application_id}/transition", response_model=ApplicationOut,
             summary="Move an application to another stage (file it, record the decision, withdraw it)")
def application_transition(request: Request, application_id: Id, body: TransitionIn,
                           access: Access = Depends(allow("application:write", scope="application"))
                           ) -> dict[str, Any]:
    with unit_of_work(access.db):
        app = transition(access, application_id, body, as_of(request, None))
    return application_json(app)


# --------------------------------------------------------------------------- documents and notes

@router.get("/people/{person_id}/documents", response_model=DocumentsOut, summary="The person's documents")
def documents(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"documents": [document_json(d) for d in sv.documents_of(access.db, person_id)]}


@router.post("/people/{person_id}/documents", response_model=DocumentOut, status_code=201,
             summary="Upload a document (PDF, JPEG, PNG, HEIC, TXT, DOCX, XLSX; size-limited)")
async def upload_document(request: Request, person_id: Id, file: UploadFile = File(...),
                          application_id: FormId = None,
                          access: Access = Depends(allow("document:write", scope="person"))) -> dict[str, Any]:
    data = await read_limited(request, file)
    with unit_of_work(access.db):
        doc = store_upload(request, access, file, data, application_id)
    return document_json(doc)


@router.get("/documents/{document_id}/download", summary="Download a document (always as an attachment)",
            response_class=Response)
def download_document(request: Request, document_id: Id,
                      access: Access = Depends(allow("person:read", scope="document"))) -> Response:
    return download_response(request, access, access.record)


@router.delete("/documents/{document_id}", status_code=204, response_class=Response,
               summary="Delete a document (admin): gone at once; kept for the retention period, then purged")
def delete_document(document_id: Id,
                    access: Access = Depends(allow("record:delete", scope="document"))) -> Response:
    with unit_of_work(access.db):
        shared_delete_document(access)
    return Response(status_code=204)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(min_length=1, max_length=20000)
    application_id: BodyId | None = None
    shared: bool = Field(False, description="Shared with the client (they see it on their page); default: "
                                            "internal, the office's working record")


class NoteShareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shared: bool
    expected_version: int = Field(ge=1)


@router.get("/people/{person_id}/notes", response_model=NotesOut,
            summary="The person's notes: staff read all of them, a client only those shared with them")
def notes(person_id: Id, access: Access = Depends(allow("note:read_shared", scope="person"))) -> dict[str, Any]:
    shared_only = not access.principal.may("note:read")
    return {"notes": [note_json(n) for n in sv.notes_of(access.db, person_id, shared_only=shared_only)]}


@router.post("/people/{person_id}/notes", response_model=NoteOut, status_code=201, summary="Add a note")
def add_note(person_id: Id, body: NoteIn,
             access: Access = Depends(allow("note:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        sv.check_application_of(s, person_id, body.application_id)
        n = sv.add_note(s, person_id, body.body, actor(access.principal), application_id=body.application_id,
                        shared=body.shared)
    return note_json(n)


@router.patch("/notes/{note_id}", response_model=NoteOut, summary="Share a note with the client, or make it internal")
def share_note(note_id: Id, body: NoteShareIn,
               access: Access = Depends(allow("note:write", scope="note"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        n = sv.share_note(s, note_id, body.shared, actor(access.principal), expected_version=body.expected_version)
    return note_json(n)


# --------------------------------------------------------------------------- agenda

@router.get("/agenda", response_model=AgendaOut,
            summary="Deadlines due: overdue first, then up to `days` ahead; filters narrow what the user sees")
async def agenda(request: Request, on: date | None = Query(None), days: int = Query(30, ge=0, le=3660),
                 person_id: int | None = Query(None, ge=1, le=MAX_ID, description="One person's deadlines"),
                 kind: list[str] | None = Query(None, max_length=20,
                                                description="Kinds of deadline (repeatable), e.g. stay_end"),
                 assignee: str | None = Query(None, max_length=30,
                                              description="The person's assignee: mine, none or a user id"),
                 date_from: date | None = Query(None, alias="from", description="Lines dated on or after"),
                 date_to: date | None = Query(None, alias="to", description="Lines dated on or before (extends "
                                                                           "`days` when later)"),
                 show_done: bool = Query(False, description="Also the lines the office marked done"),
                 access: Access = Depends(allow("agenda:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    d = as_of(request, on)
    f = AgendaFilter(person_id=person_id, kinds=tuple(kind) if kind else None,
                     assignee=parse_assignee(access, assignee), date_from=date_from, date_to=date_to,
                     show_done=show_done)
    view = agenda_for(access, d, days, f)
    s = access.db
    items = []
    for i in view.lines:
        j = i.to_json(langs=langs.langs)
        k = view.marks.get(i.id)
        if k is not None:
            j["mark"] = mark_json(k, s)
        items.append(j)
    return langs.respond({"as_of": d.isoformat(), "days": days, "items": items, "hidden": view.hidden,
                          "tasks": [task_json(t, s, d) for t in view.tasks]})
