"""Pages of the case manager: agenda, people, a person, applications, account.

Forms post to these routes, which call the same service functions (and the same helpers) as the
JSON API. Every route goes through :func:`~zairyu.web.permissions.allow`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.web.accounts import check_password
from zairyu.web.api.cases import (
    TransitionIn,
    actor,
    agenda_items,
    check_application_of,
    download_response,
    events_of,
    read_limited,
    store_upload,
    transition,
    visible_list,
)
from zairyu.web.api.common import FormId, Id
from zairyu.web.api.feeds import feed_url, my_tokens, new_token, revoke
from zairyu.web.api.users import AccountIn, UserIn, update_account
from zairyu.web.auth import hash_password
from zairyu.web.i18n import LANG_COOKIE, N_
from zairyu.web.permissions import Access, NotVisible, allow
from zairyu.web.render import page

router = APIRouter()

GRANTED_BY = {"landing": N_("Landing"), "change": N_("Change of status"), "extension": N_("Extension"),
              "acquisition": N_("Acquisition"), "permanent_residence": N_("Permanent residence"),
              "special_permission": N_("Special permission")}
CHANNELS = {"counter": N_("Counter"), "online": N_("Online")}


def blank_none(form: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in form.items()
            if k != "csrf_token" and not (isinstance(v, str) and v.strip() == "")}


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def today(request: Request) -> date:
    d: date = request.app.state.today()
    return d


# --------------------------------------------------------------------------- agenda

@router.get("/")
def agenda_page(request: Request, access: Access = Depends(allow("agenda:read"))) -> Response:
    on = today(request)
    items = agenda_items(access, on, 31)
    week = on + timedelta(days=7)
    upcoming = [i for i in items if i.state in ("upcoming", "today")]
    buckets = {"overdue": [i for i in items if i.state == "overdue"],
               "week": [i for i in upcoming if (i.filing_date or i.date) <= week],
               "month": [i for i in upcoming if (i.filing_date or i.date) > week],
               "passed": [i for i in items if i.state in ("passed", "open")]}
    return page(request, "agenda.html", {"buckets": buckets, "on": on}, principal=access.principal)


# --------------------------------------------------------------------------- people

@router.get("/people")
def people_page(request: Request, q: str | None = Query(None, max_length=200),
                access: Access = Depends(allow("person:list"))) -> Response:
    people = visible_list(access, q, 200, 0)
    stays = {p.id: sv.current_stay(access.db, p.id) for p in people}
    ctx = {"people": people, "stays": stays, "q": q or ""}
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "people-results":
        return page(request, "people_rows.html", ctx, principal=access.principal)
    return page(request, "people.html", ctx, principal=access.principal)


@router.get("/people/new")
def new_person_page(request: Request, access: Access = Depends(allow("person:create"))) -> Response:
    return page(request, "person_new.html", {"form": {}}, principal=access.principal)


@router.post("/people/new")
async def new_person(request: Request, access: Access = Depends(allow("person:create"))) -> Response:
    form = blank_none(dict(await request.form()))
    stay = {k[5:]: v for k, v in form.items() if k.startswith("stay_")}
    person = {k: v for k, v in form.items() if not k.startswith("stay_")}
    s = access.db
    p = sv.add_person(s, access.principal.organisation_id, person, actor(access.principal))
    if stay.get("status"):
        sv.add_stay(s, p.id, stay, actor(access.principal), today(request),
                    organisation_id=access.principal.organisation_id)
    s.commit()
    return see_other(f"/people/{p.id}")


def person_context(access: Access) -> dict[str, Any]:
    s, pid = access.db, access.person_id
    return {
        "person": access.person,
        "stays": sv.stays_of(s, pid),
        "stay": sv.current_stay(s, pid),
        "deadlines": sv.deadlines_of(s, pid),
        "applications": sv.applications_of(s, pid),
        "documents": list(s.scalars(select(m.Document).where(m.Document.person_id == pid).order_by(m.Document.id))),
        "notes": list(s.scalars(select(m.Note).where(m.Note.person_id == pid).order_by(m.Note.id.desc()))),
        "can_write": access.principal.may("person:write"),
        "events": events_of(access),
        "event_kinds": sv.EVENT_KINDS,
        "changes": sv.timeline_of(s, pid)[-30:][::-1],
        "granted_by_names": GRANTED_BY,
        "channel_names": CHANNELS,
    }


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: Id,
                access: Access = Depends(allow("person:read", scope="person"))) -> Response:
    return page(request, "person.html", person_context(access), principal=access.principal)


@router.post("/people/{person_id}/stays")
async def person_add_stay(request: Request, person_id: Id,
                          access: Access = Depends(allow("stay:write", scope="person"))) -> Response:
    form = blank_none(dict(await request.form()))
    sv.add_stay(access.db, person_id, form, actor(access.principal), today(request),
                organisation_id=access.principal.organisation_id)
    access.db.commit()
    return see_other(f"/people/{person_id}#stays")


@router.post("/people/{person_id}/events")
async def person_add_event(request: Request, person_id: Id,
                           access: Access = Depends(allow("stay:write", scope="person"))) -> Response:
    form = blank_none(dict(await request.form()))
    sv.add_event(access.db, person_id, form, actor(access.principal), today(request),
                 organisation_id=access.principal.organisation_id)
    access.db.commit()
    return see_other(f"/people/{person_id}#events")


PERSON_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                 "given_name_kanji", "nationality", "birth_date", "sex", "email", "phone", "address",
                 "preferred_language")


@router.get("/people/{person_id}/edit")
def person_edit_page(request: Request, person_id: Id,
                     access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    return page(request, "person_edit.html", {"person": access.person, "fields": PERSON_FIELDS},
                principal=access.principal)


@router.post("/people/{person_id}/edit")
async def person_edit(request: Request, person_id: Id,
                      access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    form = dict(await request.form())
    version = int(str(form.get("version") or 0)) or None
    changes = {k: (str(form[k]).strip() or None) for k in PERSON_FIELDS if k in form}
    sv.edit_person(access.db, person_id, changes, actor(access.principal), today(request),
                   expected_version=version, organisation_id=access.principal.organisation_id)
    access.db.commit()
    return see_other(f"/people/{person_id}")


@router.post("/people/{person_id}/notes")
async def person_add_note(request: Request, person_id: Id, body: str = Form(..., max_length=20000),
                          application_id: FormId = None,
                          access: Access = Depends(allow("note:write", scope="person"))) -> Response:
    check_application_of(access, application_id)
    sv.add_note(access.db, person_id, body, actor(access.principal), application_id=application_id)
    access.db.commit()
    if request.headers.get("hx-request"):
        return page(request, "notes_box.html", person_context(access), principal=access.principal)
    return see_other(f"/people/{person_id}#notes")


@router.post("/people/{person_id}/documents")
async def person_upload(request: Request, person_id: Id, file: UploadFile = File(...),
                        application_id: FormId = None,
                        access: Access = Depends(allow("document:write", scope="person"))) -> Response:
    data = await read_limited(request, file)
    store_upload(request, access, file, data, application_id)
    access.db.commit()
    back = f"/applications/{application_id}" if application_id else f"/people/{person_id}#documents"
    return see_other(back)


@router.get("/documents/{document_id}")
def document_download(request: Request, document_id: Id,
                      access: Access = Depends(allow("person:read", scope="document"))) -> Response:
    return download_response(request, access.record)


@router.post("/people/{person_id}/calendar")
def person_feed(request: Request, person_id: Id,
                access: Access = Depends(allow("calendar:manage", scope="person"))) -> Response:
    token = new_token(access.db, access.principal, person_id)
    access.db.commit()
    return page(request, "feed_created.html", {"url": feed_url(request, token)}, principal=access.principal)


# --------------------------------------------------------------------------- applications

@router.post("/people/{person_id}/applications")
async def person_add_application(request: Request, person_id: Id,
                                 access: Access = Depends(allow("application:write", scope="person"))) -> Response:
    form = blank_none(dict(await request.form()))
    a = sv.add_application(access.db, person_id, form, actor(access.principal), today(request),
                           organisation_id=access.principal.organisation_id)
    access.db.commit()
    return see_other(f"/applications/{a.id}")


@router.get("/applications/{application_id}")
def application_page(request: Request, application_id: Id,
                     access: Access = Depends(allow("person:read", scope="application"))) -> Response:
    ctx = person_context(access)
    app = access.record
    ctx.update(app=app, next_stages=sv.TRANSITIONS.get(app.stage, ()),
               app_documents=[d for d in ctx["documents"] if d.application_id == app.id],
               can_write=access.principal.may("application:write"))
    return page(request, "application.html", ctx, principal=access.principal)


@router.post("/applications/{application_id}/transition")
async def application_move(request: Request, application_id: Id,
                           access: Access = Depends(allow("application:write", scope="application"))) -> Response:
    form = blank_none(dict(await request.form()))
    body = TransitionIn.model_validate(form)
    transition(access, application_id, body, today(request))
    access.db.commit()
    return see_other(f"/applications/{application_id}")


# --------------------------------------------------------------------------- account

@router.get("/account")
def account_page(request: Request, access: Access = Depends(allow("account:write"))) -> Response:
    return page(request, "account.html", {"tokens": my_tokens(access.db, access.principal)},
                principal=access.principal)


@router.post("/account")
async def account_update(request: Request, access: Access = Depends(allow("account:write"))) -> Response:
    form = blank_none(dict(await request.form()))
    update_account(access, AccountIn.model_validate(form))
    access.db.commit()
    resp = see_other("/account")
    if form.get("language"):
        resp.delete_cookie(LANG_COOKIE, path="/")  # the account's language now decides
    return resp


@router.post("/account/calendar")
def account_feed(request: Request, access: Access = Depends(allow("calendar:manage"))) -> Response:
    token = new_token(access.db, access.principal, None)
    access.db.commit()
    return page(request, "feed_created.html", {"url": feed_url(request, token)}, principal=access.principal)


@router.post("/account/calendar/{token_id}/revoke")
def account_feed_revoke(request: Request, token_id: Id,
                        access: Access = Depends(allow("calendar:manage"))) -> Response:
    revoke(access.db, access.principal, token_id)
    access.db.commit()
    return see_other("/account")


# --------------------------------------------------------------------------- accounts (admin)

def users_context(access: Access) -> dict[str, Any]:
    p = access.principal
    users = list(access.db.scalars(select(m.User).where(m.User.organisation_id == p.organisation_id)
                                   .order_by(m.User.id)))
    assigned: dict[int, list[m.Person]] = {}
    for a, person in access.db.execute(
            select(m.SupporterAssignment, m.Person).join(m.Person, m.Person.id == m.SupporterAssignment.person_id)
            .where(m.Person.organisation_id == p.organisation_id)).all():
        assigned.setdefault(a.user_id, []).append(person)
    return {"users": users, "assigned": assigned, "people": visible_list(access, None, 1000, 0)}


@router.get("/admin/users")
def users_page(request: Request, access: Access = Depends(allow("user:manage"))) -> Response:
    return page(request, "users.html", users_context(access), principal=access.principal)


@router.post("/admin/users")
async def users_add(request: Request, access: Access = Depends(allow("user:manage"))) -> Response:
    form = blank_none(dict(await request.form()))
    body = UserIn.model_validate(form)
    p = access.principal
    sv.add_user(access.db, p.organisation_id, email=body.email, display_name=body.display_name, role=body.role,
                actor=actor(p), password_hash=hash_password(check_password(body.password)),
                language=body.language, person_id=body.person_id)
    access.db.commit()
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}/assignments")
async def users_assign(request: Request, user_id: Id, person_id: int = Form(..., ge=1, le=2**63 - 1),
                       access: Access = Depends(allow("user:manage"))) -> Response:
    u = access.db.get(m.User, user_id)
    if u is None or u.organisation_id != access.principal.organisation_id:
        raise NotVisible("user")
    sv.assign_supporter(access.db, user_id, person_id, actor(access.principal))
    access.db.commit()
    return see_other("/admin/users")
