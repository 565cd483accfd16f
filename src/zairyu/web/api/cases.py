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
from zairyu.errors import InvalidInputError
from zairyu.facts import Facts
from zairyu.messages import languages
from zairyu.web.api.common import ERRORS, as_of
from zairyu.web.api.lang import LangQuery, answer_langs
from zairyu.web.office import agenda_for, mark_json, parse_assignee, tasks_json
from zairyu.web.params import MAX_ID, BodyId, FormId, Id
from zairyu.web.permissions import Access, allow
from zairyu.web.responses import JSONResponse
from zairyu.web.schemas import (
    AgendaOut,
    ApplicationOut,
    ApplicationsOut,
    BulkAssignOut,
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
    people_row_json,
    person_json,
    stay_json,
    timeline_json,
)
from zairyu.web.shared import (
    BulkAssignIn,
    TransitionIn,
    actor,
    bulk_assign,
    csv_response,
    download_response,
    people_csv,
    people_page,
    read_limited,
    record_read,
    store_upload,
    transition,
)
from zairyu.web.shared import delete_document as shared_delete_document
from zairyu.web.shared import delete_person as shared_delete_person

router = APIRouter(tags=["cases"], responses=ERRORS)


# --------------------------------------------------------------------------- people

SORT_HELP = ("name (family then given name, without regard to case), next_deadline, stay_expiry, nationality "
             "(by ISO code) or assignee (by name); ties by id")


def list_params(search: str | None = Query(None, max_length=200, description="Part of any name (Latin, kana, "
                                                                             "kanji)"),
                q: str | None = Query(None, max_length=200, description="Same as search (the page's name)"),
                status: str | None = Query(None, max_length=60, description="Current status of residence (law "
                                                                           "catalogue code, e.g. student)"),
                expiring: int | None = Query(None, ge=0, le=3660, description=(
                    "Only people whose stay ends within this many days of the as-of date (the special period's "
                    "end when one runs, else the expiry; 90 is the page's default)")),
                overstaying: bool = Query(False, description=(
                    "Only people who hold no status on the as-of date, as the calendar answers it "
                    "(holds_status_on): a person in the special period of a filed extension or change is not")),
                assignee: str | None = Query(None, max_length=20, description="A user id, unassigned or mine"),
                nationality: str | None = Query(None, max_length=100, description="ISO 3166-1 alpha-2 code"),
                sort: str = Query("name", max_length=20, description=SORT_HELP),
                order: str = Query("asc", max_length=4, description="asc or desc"),
                ) -> dict[str, Any]:
    return {"search": search or q, "status": status, "expiring": expiring, "overstaying": overstaying,
            "assignee": assignee, "nationality": nationality, "sort": sort, "order": order}


@router.get("/people", response_model=PeopleOut,
            summary="People visible to the signed-in user: sorted, filtered and paged, with each one's stay, next "
                    "deadline and assignee")
def people(request: Request, params: dict[str, Any] = Depends(list_params),
           page: int = Query(1, ge=1, le=1_000_000),
           page_size: int = Query(50, ge=1, le=500, description="People per page (at most 500)"),
           limit: int | None = Query(None, ge=1, le=500, description="Earlier name of page_size (kept for the "
                                                                     "scripts written against it)"),
           offset: int | None = Query(None, ge=0, le=1_000_000, description="With limit: how many people to "
                                                                            "skip, a multiple of limit"),
           on: date | None = Query(None, description="As-of date for the filters and deadline states (default: "
                                                     "today)"),
           access: Access = Depends(allow("person:list"))) -> dict[str, Any]:
    if limit is not None or offset is not None:  # the list's first parameters, before it had pages
        page_size = limit or page_size
        if (offset or 0) % page_size:
            raise InvalidInputError(f"offset {offset} is not a multiple of limit {page_size}: ask by page and "
                                    "page_size", field="offset", value=offset, allowed=f"multiples of {page_size}")
        page = (offset or 0) // page_size + 1
    day = as_of(request, on)
    got = people_page(access, {**params, "page": page, "page_size": page_size}, day)
    return {"people": [people_row_json(r) for r in got.rows], "total": got.total, "page": page,
            "page_size": page_size, "pages": got.pages, "as_of": day.isoformat()}


@router.get("/people.csv", response_class=Response, summary="The filtered people list as CSV (every page)",
            responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 with a byte-order mark"}})
def people_export(request: Request, params: dict[str, Any] = Depends(list_params),
                  on: date | None = Query(None, description="As-of date (default: today)"),
                  lang: str | None = Query(None, max_length=2, description="Language of the headers and labels"),
                  access: Access = Depends(allow("people:export"))) -> Response:
    day = as_of(request, on)
    lang = lang if lang in languages() else access.principal.language
    with unit_of_work(access.db):
        data = people_csv(access, params, day, lang)
    return csv_response(data, day)


@router.post("/people/assign", response_model=BulkAssignOut,
             summary="Assign many people to one member of staff (all or none; recorded in the timeline)")
def people_assign(body: BulkAssignIn, access: Access = Depends(allow("people:assign"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        n = bulk_assign(access, list(body.person_ids), body.assignee_id)
    return {"assigned": n, "assignee_id": body.assignee_id, "person_ids": list(body.person_ids)}


@router.post("/people", response_model=PersonOut, status_code=201, summary="Add a person")
def add_person(request: Request, body: sv.PersonIn,
               access: Access = Depends(allow("person:create"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        p = sv.add_person(s, access.principal.organisation_id, body.model_dump(exclude_unset=True),
                          actor(access.principal), on=request.app.state.today())
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
                                                description="Kinds of deadline (repeatable), e.g. expiry_of_stay"),
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
                          "tasks": tasks_json(list(view.tasks), access, d)})
