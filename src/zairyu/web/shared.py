"""What the JSON API and the pages share: the actor of a request, what the signed-in user sees (people,
agenda, calendar feeds), uploads and downloads, and the input forms of the routes both offer. The work
itself is the case manager's services (:mod:`zairyu.cases.services`); this is only the web's side of it:
reading the request and the user's role, and answering 404 for what the user may not see."""

from __future__ import annotations

import dataclasses
import datetime as dt
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Request, UploadFile
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from zairyu.cases import models as m
from zairyu.cases.services import accounts, applications, audit, documents, people, people_list
from zairyu.cases.services.common import Actor
from zairyu.errors import InvalidInputError
from zairyu.limits import BoundedDates
from zairyu.messages import languages
from zairyu.web.i18n import N_
from zairyu.web.params import MAX_ID, BodyId
from zairyu.web.permissions import Access, NotVisible, Principal, can_see, can_see_all


def actor(p: Principal) -> Actor:
    return Actor(name=p.email, user_id=p.user_id)


# --------------------------------------------------------------------------- what the user sees

def visible_list(access: Access, search: str | None, limit: int | None, offset: int) -> list[Any]:
    """The people the user may see (the same visibility as :func:`~zairyu.web.permissions.visible_people`)."""
    p = access.principal
    if p.role == "client":
        own = access.db.get(m.Person, p.person_id) if p.person_id is not None else None
        return [own] if own is not None and own.organisation_id == p.organisation_id and own.deleted_at is None \
            else []
    return people.list_people(access.db, p.organisation_id, search=search or None, limit=limit, offset=offset,
                              only_assigned_to=p.user_id if p.role == "supporter" else None)


# --------------------------------------------------------------------------- calendar feeds

def feed_url(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/api/v1/ical/{token}.ics"


def my_tokens(access: Access) -> list[m.CalendarToken]:
    """The live feeds the user made (a feed belongs to its maker, not to the person it shows)."""
    return accounts.calendar_tokens_of(access.db, access.principal.user_id)


def new_token(access: Access, person_id: int | None) -> str:
    p = access.principal
    if person_id is not None and can_see(access.db, p, person_id) is None:
        raise NotVisible("person")
    if person_id is None:
        token = accounts.create_calendar_token(access.db, user_id=p.user_id, created_by=p.user_id)
    else:
        token = accounts.create_calendar_token(access.db, person_id=person_id, created_by=p.user_id)
    audit.record_access(access.db, actor(p), "feed_created", "calendar_tokens", None, person_id=person_id,
                        organisation_id=p.organisation_id, what={"for": "person" if person_id else "user"})
    return token


def revoke(access: Access, token_id: int) -> None:
    """Revoke a feed: its maker may, and an admin may revoke any feed of the office's people and users;
    nobody else (a client cannot revoke the feed a caseworker made of their record)."""
    p = access.principal
    t = access.db.get(m.CalendarToken, token_id)
    if t is None or t.revoked_at is not None:
        raise NotVisible("calendar token")
    if t.created_by != p.user_id:
        if p.role != "admin":
            raise NotVisible("calendar token")
        if t.person_id is not None:
            if can_see(access.db, p, t.person_id) is None:
                raise NotVisible("calendar token")
        elif accounts.get_user(access.db, t.user_id or 0, p.organisation_id) is None:
            raise NotVisible("calendar token")
    accounts.revoke_calendar_token(access.db, token_id)
    t = access.db.get(m.CalendarToken, token_id)
    audit.record_access(access.db, actor(access.principal), "feed_revoked", "calendar_tokens", token_id,
                        person_id=t.person_id if t else None, organisation_id=access.principal.organisation_id)


def record_read(access: Access, action: str, entity: str, entity_id: int, person_id: int,
                what: dict[str, Any] | None = None) -> None:
    """Record in the timeline that the signed-in user read a person's record or downloaded a document (its own
    unit of work: committed before the answer goes out)."""
    from zairyu.cases.db import unit_of_work

    with unit_of_work(access.db):
        audit.record_access(access.db, actor(access.principal), action, entity, entity_id, person_id=person_id,
                            organisation_id=access.principal.organisation_id, what=what)


# --------------------------------------------------------------------------- documents

def store_upload(request: Request, access: Access, upload: UploadFile, data: bytes,
                 application_id: int | None) -> m.Document:
    settings = request.app.state.settings
    return documents.store_document(access.db, access.person_id, upload.filename or "", upload.content_type or "",
                                    data, actor(access.principal), upload_dir=settings.uploads_path,
                                    max_bytes=settings.max_upload_bytes, application_id=application_id,
                                    organisation_id=access.principal.organisation_id)


async def read_limited(request: Request, upload: UploadFile) -> bytes:
    limit = request.app.state.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInputError(f"the file is larger than the limit of {limit} bytes", field="file")
    return data


def download_response(request: Request, access: Access, doc: Any) -> Response:
    """Always an attachment with its stored type and nosniff: never rendered inline by the browser."""
    from urllib.parse import quote

    data = documents.read_document(doc, request.app.state.settings.uploads_path)
    record_read(access, "download", "documents", doc.id, doc.person_id, {"filename": doc.filename})
    ascii_name = "".join(c if c.isascii() and c.isalnum() or c in "._-" else "_" for c in doc.filename)
    return Response(data, media_type=doc.content_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
    })


# --------------------------------------------------------------------------- applications

class TransitionIn(BoundedDates):
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
    expected_version: int = Field(ge=1, le=MAX_ID, description="The application's version as read (required): a "
                                  "stale change is refused with 409 instead of overwriting a newer one")


def transition(access: Access, application_id: int, body: TransitionIn, on: date) -> m.Application:
    """Move an application: 'filed' and 'decided' carry their dates; other stages just move."""
    s, a, org = access.db, actor(access.principal), access.principal.organisation_id
    if body.to == "filed":
        if body.date is None:
            raise InvalidInputError("filing needs the filing date", field="date")
        return applications.file_application(s, application_id, body.date, a, on, channel=body.channel,
                                             receipt_number=body.receipt_number,
                                             expected_version=body.expected_version, organisation_id=org)
    if body.to == "decided":
        if body.date is None or body.decision is None:
            raise InvalidInputError("a decision needs its date and the decision (granted|denied)",
                                    field="date" if body.date is None else "decision")
        return applications.decide_application(
            s, application_id, body.decision, body.date, a, on, new_period=body.new_period or None,
            new_expires_on=body.new_expires_on, card_number=body.card_number or None,
            card_valid_until=body.card_valid_until, expected_version=body.expected_version, organisation_id=org)
    return applications.move_application(s, application_id, body.to, a, on, expected_version=body.expected_version,
                                         organisation_id=org)


# --------------------------------------------------------------------------- accounts

def _language(v: str) -> str:
    if v not in languages():
        raise ValueError(f"unknown language '{v}' (allowed: {'|'.join(languages())})")
    return v


Language = Annotated[str, AfterValidator(_language)]
"""A language zairyu writes: one with a catalogue file (ja, en, ru, uk, and any added)."""


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=200)
    role: Literal["admin", "caseworker", "supporter", "client"]
    language: Language = "ja"
    password: str = Field(min_length=accounts.MIN_PASSWORD, max_length=1000)
    person_id: BodyId | None = Field(None, description="For a client: their own person record")


def create_user(access: Access, body: UserIn) -> m.User:
    p = access.principal
    return accounts.create_account(access.db, p.organisation_id, email=body.email, display_name=body.display_name,
                                   role=body.role, password=body.password, actor=actor(p), language=body.language,
                                   person_id=body.person_id)


def assign_supporter(access: Access, user_id: int, person_id: int) -> None:
    """Assign a person to a supporter of the admin's organisation (another organisation's user: 404)."""
    if accounts.get_user(access.db, user_id, access.principal.organisation_id) is None:
        raise NotVisible("user")
    accounts.assign_supporter(access.db, user_id, person_id, actor(access.principal))


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: Language | None = None
    current_password: str | None = Field(None, max_length=1000)
    new_password: str | None = Field(None, max_length=1000)


def update_account(request: Request, access: Access, body: AccountIn) -> m.User:
    """One's own language and password (a new password ends all other sessions and revokes the feeds one
    made). The attempts at the current password are limited like sign-ins: counted before the check, on a
    connection of the throttle's own, after the request's session has handed its connection back."""
    p = access.principal
    throttle = request.app.state.throttle
    if body.new_password is not None:
        access.db.rollback()  # nothing is written yet; one connection at a time
        wait = throttle.admit_password_check(p.user_id)
        if wait:
            from zairyu.web.login import TooManyAttempts

            raise TooManyAttempts(wait, field="current_password")
    return accounts.update_own_account(access.db, p.user_id, actor(p), language=body.language,
                                       current_password=body.current_password, new_password=body.new_password,
                                       keep_session=p.session_id)


def password_changed(request: Request, access: Access, body: AccountIn) -> None:
    """After the new password is committed: the count of attempts at the current one starts again."""
    if body.new_password is not None:
        request.app.state.throttle.password_check_succeeded(access.principal.user_id)


# --------------------------------------------------------------------------- taking access away (admin)

def _user_of_office(access: Access, user_id: int) -> m.User:
    u = accounts.get_user(access.db, user_id, access.principal.organisation_id)
    if u is None:
        raise NotVisible("user")
    return u


class UserChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    active: bool | None = Field(None, description="false: deactivate (sessions end, feeds the user made are "
                                                  "revoked); true: activate again")
    role: Literal["admin", "caseworker", "supporter", "client"] | None = None
    person_id: BodyId | None = Field(None, description="With role 'client': their own person record")


def change_user(access: Access, user_id: int, body: UserChangeIn) -> m.User:
    u = _user_of_office(access, user_id)
    a = actor(access.principal)
    if body.role is not None:
        accounts.change_role(access.db, u, body.role, a, person_id=body.person_id)
    if body.active is not None:
        accounts.set_active(access.db, u, body.active, a)
    return u


def end_assignment(access: Access, user_id: int, person_id: int) -> None:
    _user_of_office(access, user_id)
    accounts.end_assignment(access.db, user_id, person_id, actor(access.principal))


def delete_person(access: Access) -> None:
    people.delete_person(access.db, access.person_id, actor(access.principal),
                         organisation_id=access.principal.organisation_id)


def delete_document(access: Access) -> None:
    documents.delete_document(access.db, access.record.id, actor(access.principal),
                              organisation_id=access.principal.organisation_id)


# --------------------------------------------------------------------------- the people list (issue 13)

def list_scope(access: Access) -> dict[str, Any]:
    """Whose rows the list may hold for this user (the same visibility as
    :func:`~zairyu.web.permissions.visible_people`): a supporter their assigned people, a client themselves."""
    p = access.principal
    return {"user_id": p.user_id,
            "only_assigned_to": p.user_id if p.role == "supporter" else None,
            "only_person": (p.person_id if p.person_id is not None else -1) if p.role == "client" else None}


def people_page(access: Access, params: dict[str, Any], on: date) -> people_list.PeoplePage:
    staff = access.principal.may("task:read")
    if not staff:  # a client is never shown who handles their case, nor can ask the list by it
        params = {**params, "assignee": None,
                  "sort": "name" if params.get("sort") == "assignee" else params.get("sort") or "name"}
    q = people_list.people_query(params)
    got = people_list.list_page(access.db, access.principal.organisation_id, q, on, **list_scope(access))
    if not staff:
        got.rows = [dataclasses.replace(r, assignee=None) for r in got.rows]
    return got


CSV_COLUMNS = (N_("Family name"), N_("Given name"), N_("Family name (kana)"), N_("Given name (kana)"),
               N_("Family name (kanji)"), N_("Given name (kanji)"), N_("Nationality"), N_("Status"),
               N_("Period of stay ends"), N_("Stay ends (special period)"), N_("Next deadline"),
               N_("Next deadline date"), N_("Assignee"))


def people_csv(access: Access, params: dict[str, Any], on: date, lang: str) -> bytes:
    """Every row the filters select (all pages), as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel in
    Japan then reads it as UTF-8), headers in the reader's language, no cell a spreadsheet would run as a
    formula. The export is recorded in the timeline as an access (who exported which list, how many rows)."""
    import csv
    import io

    from zairyu import glossary, nationality
    from zairyu.web.i18n import gettext_for

    _ = gettext_for(lang)
    q = people_list.people_query({**params, "page": 1})
    org = access.principal.organisation_id
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([_(c) for c in CSV_COLUMNS])
    n = 0
    for r in people_list.all_rows(access.db, org, q, on, **list_scope(access)):
        p, nd = r.person, r.next_deadline
        w.writerow([people_list.csv_cell(v) for v in (
            p.family_name, p.given_name, p.family_name_kana, p.given_name_kana, p.family_name_kanji,
            p.given_name_kanji, nationality.name(p.nationality, lang) if p.nationality else "",
            glossary.term("status", r.stay.status, lang) if r.stay else "",
            r.expiry.isoformat() if r.expiry else "",
            r.stay_ends.isoformat() if r.special_period and r.stay_ends else "",
            glossary.term("deadline", nd.kind, lang) if nd else "", nd.action_date.isoformat() if nd else "",
            r.assignee.display_name if r.assignee else "")])
        n += 1
    audit.record_access(access.db, actor(access.principal), "export", "people", None, organisation_id=org,
                        what={"list": "people", "rows": n, "as_of": on.isoformat(),
                              "filters": q.model_dump(exclude={"page", "page_size"}, exclude_none=True)})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def bulk_assign(access: Access, person_ids: list[int], assignee_id: int | None) -> int:
    """Make ``assignee_id`` (None: nobody) responsible for these people: all or none, each recorded in the
    timeline (:func:`~zairyu.cases.services.assignees.assign_people`). A person the user cannot see answers 404
    and nothing is changed."""
    from zairyu.cases.services.assignees import assign_people

    if len(can_see_all(access.db, access.principal, person_ids)) != len(set(person_ids)):
        raise NotVisible("person")
    assign_people(access.db, person_ids, assignee_id, actor(access.principal),
                  organisation_id=access.principal.organisation_id)
    return len(person_ids)


class BulkAssignIn(BaseModel):
    """``POST /api/v1/people/assign``: who becomes responsible for which people (all or none)."""

    model_config = ConfigDict(extra="forbid")
    person_ids: list[BodyId] = Field(min_length=1, max_length=people_list.MAX_PAGE_SIZE,
                                     description="The people to assign (at most a page of the list)")
    assignee_id: BodyId | None = Field(description="An active admin, caseworker or supporter of the office; "
                                                   "null: nobody")


def csv_response(data: bytes, on: date) -> Response:
    """The people list as a CSV download (never shown inline, never cached)."""
    return Response(data, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="people-{on.isoformat()}.csv"'})
