"""Pages of the case manager: agenda, people, a person, applications, account.

Forms post to these routes, which call the same service functions (and the same helpers) as the
JSON API. Every route goes through :func:`~zairyu.web.permissions.allow`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from zairyu.calendar.lawful_stay import SpecialPeriod, StatusHeld
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.law.catalogue import check_covered
from zairyu.precedents.proposals import proposal_of_application
from zairyu.web.forms import (
    combine_period,
    form_errors,
    nationality_names,
    nationality_value,
    refused_status,
    status_choices,
    typed,
)
from zairyu.web.i18n import LANG_COOKIE, N_, gettext_for
from zairyu.web.params import MAX_ID, FormId, Id, record_id
from zairyu.web.permissions import Access, allow
from zairyu.web.render import page, request_lang
from zairyu.web.shared import (
    AccountIn,
    TransitionIn,
    UserChangeIn,
    UserIn,
    actor,
    assign_supporter,
    bulk_assign,
    change_user,
    create_user,
    csv_response,
    delete_document,
    delete_person,
    download_response,
    end_assignment,
    feed_url,
    my_tokens,
    new_token,
    password_changed,
    people_csv,
    read_limited,
    record_read,
    revoke,
    store_upload,
    transition,
    update_account,
)
from zairyu.web.shared import people_page as people_page_rows

router = APIRouter()

CHANNELS = {"counter": N_("Counter"), "online": N_("Online")}
SEX_NAMES = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other")}
# The history of changes as a reader says it: what was done (the timeline's action) to what (its table).
# A kind neither list knows yet is written "record"/"changed", never as its code.
CHANGE_ACTIONS = {"create": N_("added"), "update": N_("changed"), "delete": N_("deleted"),
                  "purge": N_("removed for good"), "read": N_("read"), "download": N_("downloaded"),
                  "export": N_("exported"), "sent": N_("sent"), "feed_created": N_("calendar feed made"),
                  "feed_revoked": N_("calendar feed revoked")}
CHANGE_ENTITIES = {"people": N_("person"), "stays": N_("stay"), "applications": N_("application"),
                   "documents": N_("document"), "notes": N_("note"), "events": N_("event"), "tasks": N_("task"),
                   "family_links": N_("family link"), "supporter_assignments": N_("supporter's assignment"),
                   "calendar_tokens": N_("calendar feed"), "users": N_("account"), "organisations": N_("office"),
                   "reminders": N_("reminder"), "deadlines": N_("deadline"), "": N_("record")}


def blank_none(form: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in form.items()
            if k != "csrf_token" and not (isinstance(v, str) and v.strip() == "")}


def form_version(request: Request, raw: Any) -> int:
    """The record's version the form was made from: required, so that a stale form cannot silently overwrite a
    newer edit (an empty, ``0`` or missing version is refused, never taken as 'any version')."""
    text = str(raw or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        _ = gettext_for(request_lang(request))
        raise InvalidInputError(_("The form does not say which version of the record it was made from. Reload "
                                  "the page and make the change again."), field="version",
                                allowed=_("the version shown by the form (a whole number from 1)"))
    return int(text)


def form_context(request: Request, access: Access, sf: dict[str, str] | None = None,
                 errors: dict[str, str] | None = None, *, date_field: str = "granted_on") -> dict[str, Any]:
    """What a page with forms needs: what was typed (``sf``), the errors next to their fields, and the choices
    (nationalities by name, the statuses in force on the form's date of grant with their periods)."""
    lang = request_lang(request, access.principal)
    sf = sf or {}
    day = today(request)
    try:
        day = check_covered(date.fromisoformat(sf.get(date_field) or ""), field=date_field)
    except (ValueError, ZairyuError):
        pass
    return {"sf": sf, "errors": errors or {}, "statuses": status_choices(day, lang),
            "nationality_names": nationality_names(lang), "granted_by_codes": m.GRANTED_BY, "sex_names": SEX_NAMES,
            "nationality_value": lambda code: nationality_value(code, lang)}


def refused(request: Request, access: Access, template: str, ctx: dict[str, Any], exc: ZairyuError,
            sf: dict[str, str], *, prefix: str = "", date_field: str = "granted_on",
            open_form: str | None = None, aliases: bool = False) -> Response:
    """The same page and form again, with what was typed and the error next to its field in the reader's
    language: 422 for a refused value, 409 for a stale copy of the record (never a separate error page)."""
    lang = request_lang(request, access.principal)
    errors = form_errors(exc, lang, prefix, aliases=aliases)
    ctx = {**ctx, **form_context(request, access, sf, errors, date_field=date_field), "open_form": open_form}
    return page(request, template, ctx, status_code=refused_status(exc), principal=access.principal)


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def today(request: Request) -> date:
    d: date = request.app.state.today()
    return d


# --------------------------------------------------------------------------- agenda

# The agenda (with its filters, marks and tasks) is zairyu.web.pages.office.


# --------------------------------------------------------------------------- people

LIST_PARAMS = ("q", "status", "expiring", "overstaying", "assignee", "nationality", "sort", "order", "page",
               "page_size")
"""The people list's URL parameters (docs/web.md): every filter, the sort and the page live in the URL."""


def list_params(request: Request) -> dict[str, Any]:
    """The people list's filters, sort and page from the URL, as the service takes them (blank = not set). The
    "expiring soon" box sends ``expiring=on`` with the number of days in ``days`` (90 unless changed)."""
    qp = request.query_params
    out: dict[str, Any] = {k: qp.get(k) for k in LIST_PARAMS if qp.get(k) not in (None, "")}
    out["search"] = out.pop("q", None)
    if "expiring" in out:
        out["expiring"] = qp.get("days") or sv.DEFAULT_EXPIRING_DAYS if out["expiring"] == "on" else out["expiring"]
    out["overstaying"] = out.get("overstaying") in ("1", "on", "true")
    return out


def list_url(request: Request, **changes: Any) -> str:
    """The list's URL with ``changes`` (None removes a parameter): sort links and page links keep the filters."""
    from urllib.parse import urlencode

    params = {k: v for k, v in request.query_params.multi_items() if k in (*LIST_PARAMS, "days") and v != ""}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return "?" + urlencode(params) if params else "?"


LIST_FIELDS = {"search": "q", "expiring": "days"}
"""The list's parameters as its form names them (where not the same)."""
LIST_HINTS = {
    "status": N_("A status of residence in force today: choose it from the list."),
    "nationality": N_("Choose one of the options."),
    "assignee": N_("Choose one of the options."),
    "sort": N_("Choose one of the options."),
    "order": N_("Choose one of the options."),
    "expiring": N_("A number of days from 0 to 3660."),
    "page": N_("A page number from 1."),
    "page_size": N_("A number of people per page from 1 to 500."),
}
FALLBACK_HINT = N_("This value cannot be accepted. Check it and try again.")


@router.get("/people")
def people_page(request: Request, access: Access = Depends(allow("person:list"))) -> Response:
    from zairyu.cases.services.assignees import assignable_users

    on = today(request)
    lang = request_lang(request, access.principal)
    params = list_params(request)
    # a value in the address that cannot be read is left out and named beside its field (the list still shows)
    errors: dict[str, str] = {}
    while True:
        try:
            got = people_page_rows(access, params, on)
            break
        except InvalidInputError as exc:
            field = (exc.field or "").split(".")[-1]
            if field not in params:
                raise
            params.pop(field)
            shown = LIST_FIELDS.get(field, field)
            errors[shown] = gettext_for(lang)(LIST_HINTS.get(field, FALLBACK_HINT))
    office = access.principal.may("people:assign")
    q = got.query
    qs = list_url(request)
    ctx = {"page": got, "rows": got.rows, "q": q.search or "", "query": q, "on": on,
           "days": request.query_params.get("days") or (q.expiring if q.expiring is not None
                                                         else sv.DEFAULT_EXPIRING_DAYS),
           "statuses": status_choices(on, lang),
           "nationalities": [(c, nationality_value(c, lang))
                             for c in sv.nationalities_of(access.db, access.principal.organisation_id)],
           "nationality_value": lambda code: nationality_value(code, lang),
           "staff": access.principal.may("people:export"), "can_assign": office,
           "assignees": assignable_users(access.db, access.principal.organisation_id) if office or
           access.principal.may("people:export") else [],
           "url": lambda **kw: list_url(request, **kw), "qs": qs,
           "assigned": request.query_params.get("assigned"), "errors": errors}
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "people-results":
        return page(request, "people_rows.html", ctx, principal=access.principal)
    return page(request, "people.html", ctx, principal=access.principal)


@router.get("/people.csv")
def people_csv_page(request: Request, access: Access = Depends(allow("people:export"))) -> Response:
    on = today(request)
    params = {k: v for k, v in list_params(request).items() if k not in ("page", "page_size")}
    with unit_of_work(access.db):
        data = people_csv(access, params, on, request_lang(request, access.principal))
    return csv_response(data, on)


@router.post("/people/assign")
async def people_assign_page(request: Request, access: Access = Depends(allow("people:assign"))) -> Response:
    """Bulk assignment from the list: the ticked people (``person_id``, repeated) to ``assignee_id`` ("none":
    nobody), all or none; back to the same list (``back``: its query string) with how many were assigned."""
    form = await request.form()
    _ = gettext_for(request_lang(request, access.principal))
    back = str(form.get("back") or "")
    back = back if back.startswith("?") else "?"
    ids = []
    for v in form.getlist("person_id"):
        text = str(v).strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
            raise InvalidInputError(_("Not a person of the list: %(value)s") % {"value": text[:20]},
                                    field="person_id", allowed=_("the people ticked in the list"))
        ids.append(int(text))
    if not ids:
        raise InvalidInputError(_("Tick at least one person to assign."), field="person_id",
                                allowed=_("the people ticked in the list"))
    raw = str(form.get("assignee_id") or "").strip()
    if raw != "none" and record_id(raw) is None:
        raise InvalidInputError(_("Choose who to assign them to."), field="assignee_id",
                                allowed=_("a member of staff of the office, or nobody"))
    with unit_of_work(access.db):
        n = bulk_assign(access, ids, None if raw == "none" else record_id(raw))
    sep = "&" if len(back) > 1 else ""
    return see_other(f"/people{back}{sep}assigned={n}")


@router.get("/people/new")
def new_person_page(request: Request, access: Access = Depends(allow("person:create"))) -> Response:
    return page(request, "person_new.html", form_context(request, access, date_field="stay_granted_on"),
                principal=access.principal)


@router.post("/people/new")
async def new_person(request: Request, access: Access = Depends(allow("person:create"))) -> Response:
    raw = await request.form()
    form = blank_none(dict(raw))
    combine_period(form, "stay_period")
    stay = {k[5:]: v for k, v in form.items() if k.startswith("stay_")}
    person = {k: v for k, v in form.items() if not k.startswith("stay_")}
    prefix = ""
    try:
        with unit_of_work(access.db) as s:
            p = sv.add_person(s, access.principal.organisation_id, person, actor(access.principal), on=today(request))
            if stay.get("status") or len(stay) > 1:  # more than "granted_by" (a select always sends it)
                prefix = "stay_"
                sv.add_stay(s, p.id, stay, actor(access.principal), today(request),
                            organisation_id=access.principal.organisation_id)
    except ZairyuError as exc:
        return refused(request, access, "person_new.html", {}, exc, typed(raw), prefix=prefix,
                       date_field="stay_granted_on")
    return see_other(f"/people/{p.id}?saved=1")


@router.get("/forms/stay-options")
def stay_options(request: Request, prefix: str = Query("stay_", pattern="^(stay_)?$"),
                 access: Access = Depends(allow("person:list"))) -> Response:
    """The status and period fields of a stay form for the date of grant and status chosen so far (htmx): the
    statuses in force on that date, the periods the chosen one allows."""
    sf = {k: v for k, v in request.query_params.items() if k.startswith(f"{prefix}period") or k in (
        f"{prefix}granted_on", f"{prefix}status")}
    ctx = {**form_context(request, access, sf, date_field=f"{prefix}granted_on"), "prefix": prefix}
    return page(request, "stay_status_period.html", ctx, principal=access.principal)


PENDING_STAGES = ("filed", "under_examination", "additional_documents_requested")


def held_on(s: Any, pid: int, on: date) -> StatusHeld | None:
    """The calendar's one answer for the person on ``on`` (:func:`~zairyu.calendar.lawful_stay.holds_status_on`,
    the one the people list's "overstaying" filter asks; its special period too); None when it cannot be told."""
    from zairyu.calendar.lawful_stay import holds_status_on
    from zairyu.law.catalogue import catalogue

    try:
        return holds_status_on(sv.facts_for_person(s, pid), on, catalogue(on))
    except ZairyuError:
        return None


def pending_context(sp: SpecialPeriod | None, applications: list[Any], deadlines: list[Any]) -> list[dict[str, Any]]:
    """What is pending for the person, as they need to read it: each filed, undecided application and — from
    the calendar (its special period ``sp``, never decided again here) — the special period it gives, with its
    provisions; the deadlines still ahead are what they must do and by when."""
    pending = [a for a in applications if a.stage in PENDING_STAGES and a.filed_on is not None]
    out = []
    for a in pending:
        mine = sp is not None and sp.application is not None and sp.application.filed_on == a.filed_on \
            and sp.application.procedure == a.procedure
        basis = [{"law": "ICRRA", "provision": "Art. 20(6)"}]
        if a.procedure == "extension_of_stay":
            basis.append({"law": "ICRRA", "provision": "Art. 21(4)"})
        special = [i for i in deadlines if i.deadline.kind == "special_period_end"] if mine else []
        out.append({"app": a, "special": sp if mine and sp is not None and sp.applies and sp.until else None,
                    "special_deadline": special[0] if special else None, "basis": basis})
    return out


def no_status_context(held: StatusHeld | None) -> dict[str, Any] | None:
    """When the person holds no status of residence — the calendar's answer ``held`` — since when and why, with
    the calendar's provisions; None while a status is held or it cannot be told."""
    if held is None or held.holds is not False or held.until is None:
        return None
    # the last day held is the special period's end where one ran, else the end of the period of stay
    reason = "special_period_ended" if held.reason == "expired" and held.special_period.applies else held.reason
    return {"since": held.until + timedelta(days=1), "last_day": held.until, "reason": reason,
            "basis": held.legal_basis}


def person_context(access: Access, on: date, *, office: bool = True, sf: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """What the person page shows; ``office``: with the office's side (:func:`office_context`; the application
    page and the notes box do without it), its relative picker as ``sf`` typed it."""
    s, pid = access.db, access.person_id
    staff = access.principal.may("note:read")  # a client sees neither the staff's notes nor the change log
    ctx: dict[str, Any] = {
        "person": access.person,
        "stays": sv.stays_of(s, pid),
        "stay": sv.current_stay(s, pid),
        "deadlines": sv.person_deadlines(s, pid, on),
        "applications": sv.applications_of(s, pid),
        "documents": sv.documents_of(s, pid),
        # a client reads only the notes staff shared with them
        "notes": sv.notes_of(s, pid, newest_first=True, shared_only=not staff),
        "can_read_notes": staff,
        "can_write": access.principal.may("person:write"),
        "can_delete": access.principal.may("record:delete"),
        "events": sv.events_of(s, pid),
        "event_kinds": sv.EVENT_KINDS,
        "changes": sv.timeline_of(s, pid)[-30:][::-1] if access.principal.may("timeline:read") else [],
        "can_read_changes": access.principal.may("timeline:read"),
        "change_actions": CHANGE_ACTIONS,
        "change_entities": CHANGE_ENTITIES,
        "granted_by_codes": m.GRANTED_BY,
        "channel_names": CHANNELS,
        "sf": {},
        "errors": {},
    }
    held = held_on(s, pid, on)  # one calendar answer: what is pending and whether a status is held
    ctx["pending"] = pending_context(held.special_period if held else None, ctx["applications"], ctx["deadlines"])
    ctx["no_status"] = no_status_context(held)
    ctx["ahead"] = [i for i in ctx["deadlines"] if i.state in ("upcoming", "today", "overdue")]
    if office:
        ctx.update(office_context(access, ctx["deadlines"], sf))
    return ctx


def office_context(access: Access, deadlines: list[Any], sf: dict[str, Any] | None = None) -> dict[str, Any]:
    """The office's side of a person's page (issue 13): their family links (everyone sees the relatives they may
    see); for staff only, who handles the case, the person's open tasks and the marks on the ``deadlines`` the
    page shows."""
    from zairyu.web.office import family_view, visible_tasks
    from zairyu.web.pages.office import RELATION_NAMES, staff_context

    s, p = access.db, access.principal
    family, hidden = family_view(access)
    ctx: dict[str, Any] = {"family": family, "relation_names": RELATION_NAMES,
                           # links to people this reader may not see: never said to be "none recorded"
                           "family_hidden": hidden,
                           "can_link": p.may("family:write"), "can_assign": p.may("assignee:write"),
                           "office": p.may("task:read"), "person_tasks": [], "deadline_marks": {}}
    if ctx["office"]:
        person = access.person
        assert person is not None
        marks = sv.marks_of(s, p.organisation_id, [person.id])
        # the relative's picker only for those who may link one
        ctx.update(staff_context(access, people=ctx["can_link"], sf=sf, exclude=person.id,
                                 fields=("related_person_id",)))
        ctx["person_tasks"] = visible_tasks(access, person_id=person.id)
        ctx["deadline_marks"] = {i.deadline.id: marks[k] for i in deadlines if (k := sv.key_of(i.deadline)) in marks}
        ctx["assignee"] = s.get(m.User, person.assignee_id) if person.assignee_id else None
        ctx["can_task"] = p.may("task:write")
    return ctx


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: Id,
                access: Access = Depends(allow("person:read", scope="person"))) -> Response:
    record_read(access, "read", "people", person_id, person_id)
    ctx = {**person_context(access, today(request)), **form_context(request, access)}
    ctx["saved"] = request.query_params.get("saved") == "1"
    return page(request, "person.html", ctx, principal=access.principal)


def person_refused(request: Request, access: Access, exc: ZairyuError, sf: dict[str, str], open_form: str,
                   *, date_field: str = "granted_on") -> Response:
    s = access.db
    s.rollback()
    return refused(request, access, "person.html", person_context(access, today(request)), exc, sf,
                   date_field=date_field, open_form=open_form)


@router.post("/people/{person_id}/stays")
async def person_add_stay(request: Request, person_id: Id,
                          access: Access = Depends(allow("stay:write", scope="person"))) -> Response:
    raw = await request.form()
    form = blank_none(dict(raw))
    combine_period(form, "period")
    try:
        with unit_of_work(access.db) as s:
            sv.add_stay(s, person_id, form, actor(access.principal), today(request),
                        organisation_id=access.principal.organisation_id)
    except ZairyuError as exc:
        return person_refused(request, access, exc, typed(raw), "stay")
    return see_other(f"/people/{person_id}?saved=1#stays")


@router.post("/people/{person_id}/events")
async def person_add_event(request: Request, person_id: Id,
                           access: Access = Depends(allow("stay:write", scope="person"))) -> Response:
    raw = await request.form()
    form = blank_none(dict(raw))
    try:
        with unit_of_work(access.db) as s:
            sv.add_event(s, person_id, form, actor(access.principal), today(request),
                         organisation_id=access.principal.organisation_id)
    except ZairyuError as exc:
        return person_refused(request, access, exc, typed(raw), "event")
    return see_other(f"/people/{person_id}?saved=1#events")


PERSON_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                 "given_name_kanji", "nationality", "birth_date", "sex", "email", "phone", "address",
                 "preferred_language")


@router.get("/people/{person_id}/edit")
def person_edit_page(request: Request, person_id: Id,
                     access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    ctx = {"person": access.person, "fields": PERSON_FIELDS, **form_context(request, access)}
    return page(request, "person_edit.html", ctx, principal=access.principal)


@router.post("/people/{person_id}/edit")
async def person_edit(request: Request, person_id: Id,
                      access: Access = Depends(allow("person:write", scope="person"))) -> Response:
    form = dict(await request.form())
    ctx = {"person": access.person, "fields": PERSON_FIELDS}
    try:
        version = form_version(request, form.get("version"))
        changes = {k: (str(form[k]).strip() or None) for k in PERSON_FIELDS if k in form}
        with unit_of_work(access.db) as s:
            sv.edit_person(s, person_id, changes, actor(access.principal), today(request),
                           expected_version=version, organisation_id=access.principal.organisation_id)
    except ZairyuError as exc:
        access.db.rollback()
        sf = typed(form)
        if exc.field == "version" and type(exc).__name__ != "StaleRecordError":
            raise  # a form without its version is broken, not mistyped: the error page says so
        return refused(request, access, "person_edit.html", ctx, exc, sf)
    return see_other(f"/people/{person_id}?saved=1")


@router.post("/people/{person_id}/notes")
async def person_add_note(request: Request, person_id: Id, body: str = Form(..., max_length=20000),
                          application_id: FormId = None, shared: str | None = Form(None),
                          access: Access = Depends(allow("note:write", scope="person"))) -> Response:
    with unit_of_work(access.db) as s:
        sv.check_application_of(s, person_id, application_id)
        sv.add_note(s, person_id, body, actor(access.principal), application_id=application_id,
                    shared=shared == "yes")
    return _notes_answer(request, access, person_id)


@router.post("/notes/{note_id}/share")
async def note_share(request: Request, note_id: Id, shared: str = Form(..., pattern="^(yes|no)$"),
                     expected_version: int = Form(..., ge=1),
                     access: Access = Depends(allow("note:write", scope="note"))) -> Response:
    """Share a note with the client, or make it internal again."""
    with unit_of_work(access.db) as s:
        sv.share_note(s, note_id, shared == "yes", actor(access.principal), expected_version=expected_version)
    return _notes_answer(request, access, access.person_id)


def _notes_answer(request: Request, access: Access, person_id: int) -> Response:
    if request.headers.get("hx-request"):
        return page(request, "notes_box.html", person_context(access, today(request), office=False),
                    principal=access.principal)
    return see_other(f"/people/{person_id}#notes")


@router.post("/people/{person_id}/documents")
async def person_upload(request: Request, person_id: Id, file: UploadFile = File(...),
                        application_id: FormId = None,
                        access: Access = Depends(allow("document:write", scope="person"))) -> Response:
    data = await read_limited(request, file)
    try:
        with unit_of_work(access.db):
            store_upload(request, access, file, data, application_id)
    except ZairyuError as exc:
        access.db.rollback()
        if application_id:
            return application_refused(request, access, application_id, exc, {}, "upload")
        return person_refused(request, access, exc, {}, "upload")
    back = f"/applications/{application_id}?saved=1" if application_id else f"/people/{person_id}?saved=1#documents"
    return see_other(back)


@router.get("/documents/{document_id}")
def document_download(request: Request, document_id: Id,
                      access: Access = Depends(allow("person:read", scope="document"))) -> Response:
    return download_response(request, access, access.record)


@router.post("/people/{person_id}/calendar")
def person_feed(request: Request, person_id: Id,
                access: Access = Depends(allow("calendar:manage", scope="person"))) -> Response:
    with unit_of_work(access.db):
        token = new_token(access, person_id)
    return page(request, "feed_created.html", {"url": feed_url(request, token)}, principal=access.principal)


# --------------------------------------------------------------------------- applications

@router.post("/people/{person_id}/applications")
async def person_add_application(request: Request, person_id: Id,
                                 access: Access = Depends(allow("application:write", scope="person"))) -> Response:
    form = blank_none(dict(await request.form()))
    with unit_of_work(access.db) as s:
        a = sv.add_application(s, person_id, form, actor(access.principal), today(request),
                               organisation_id=access.principal.organisation_id)
    return see_other(f"/applications/{a.id}")


@router.get("/applications/{application_id}")
def application_page(request: Request, application_id: Id,
                     access: Access = Depends(allow("person:read", scope="application"))) -> Response:
    ctx = {**application_context(access, today(request)), **form_context(request, access)}
    ctx["saved"] = request.query_params.get("saved") == "1"
    return page(request, "application.html", ctx, principal=access.principal)


def application_context(access: Access, on: date, application_id: int | None = None) -> dict[str, Any]:
    from zairyu.web.pages.office import staff_context

    ctx = person_context(access, on, office=False)
    app = access.record if application_id is None else \
        sv.get_application(access.db, application_id, access.principal.organisation_id)
    ctx.update(app=app, next_stages=sv.TRANSITIONS.get(app.stage, ()),
               app_documents=[d for d in ctx["documents"] if d.application_id == app.id],
               can_write=access.principal.may("application:write"),
               can_propose=access.principal.may("precedent:write") and app.stage == "decided",
               proposal=proposal_of_application(access.db, app.id))
    p = access.principal
    ctx.update(office=p.may("task:read"), can_assign=p.may("assignee:write"))
    if ctx["office"]:  # who handles the application (its own assignee, else the person's)
        person = access.person
        assert person is not None
        handler = sv.application_assignee(access.db, app)
        ctx["app_assignee"] = access.db.get(m.User, handler) if handler else None
        ctx["assignee"] = access.db.get(m.User, person.assignee_id) if person.assignee_id else None
        ctx["staff"] = staff_context(access, people=False)["staff"] if ctx["can_assign"] else []
    return ctx


def application_refused(request: Request, access: Access, application_id: int, exc: ZairyuError,
                        sf: dict[str, str], open_form: str) -> Response:
    access.db.rollback()
    return refused(request, access, "application.html", application_context(access, today(request), application_id),
                   exc, sf, date_field="date", open_form=open_form, aliases=True)


@router.post("/applications/{application_id}/transition")
async def application_move(request: Request, application_id: Id,
                           access: Access = Depends(allow("application:write", scope="application"))) -> Response:
    from pydantic import ValidationError

    from zairyu.limits import allowed_of, error_of

    raw = await request.form()
    form = blank_none(dict(raw))
    sf = typed(raw)
    combine_period(form, "new_period")
    form["expected_version"] = form_version(request, form.get("expected_version"))
    try:
        # withdrawing cannot be undone: the page asks for a tick first (the API's caller says it in the call)
        confirmed(form.pop("confirm", None), form.get("to") == "withdrawn")
        try:
            body = TransitionIn.model_validate(form)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise error_of(err)(str(err.get("msg", "")), field=".".join(str(x) for x in err.get("loc", ())),
                                allowed=allowed_of(err)) from None
        with unit_of_work(access.db):
            transition(access, application_id, body, today(request))
    except ZairyuError as exc:
        return application_refused(request, access, application_id, exc, sf, str(form.get("to", "")))
    return see_other(f"/applications/{application_id}?saved=1")


# --------------------------------------------------------------------------- account

@router.get("/account")
def account_page(request: Request, access: Access = Depends(allow("account:write"))) -> Response:
    return page(request, "account.html", {"tokens": my_tokens(access)},
                principal=access.principal)


@router.post("/account")
async def account_update(request: Request, access: Access = Depends(allow("account:write"))) -> Response:
    form = blank_none(dict(await request.form()))
    body = AccountIn.model_validate(form)
    try:
        with unit_of_work(access.db):
            update_account(request, access, body)
    except ZairyuError as exc:
        if type(exc).__name__ == "TooManyAttempts":
            raise  # answered 429 with its Retry-After, as at sign-in
        # a wrong current password or too short a new one: said beside its field, the language chosen kept
        # (never a password), on the account page itself
        lang = request_lang(request, access.principal)
        return page(request, "account.html", {"tokens": my_tokens(access), "errors": form_errors(exc, lang),
                                              "chosen_language": form.get("language")},
                    status_code=refused_status(exc), principal=access.principal)
    password_changed(request, access, body)
    resp = see_other("/account")
    if form.get("language"):
        resp.delete_cookie(LANG_COOKIE, path="/")  # the account's language now decides
    return resp


@router.post("/account/calendar")
def account_feed(request: Request, access: Access = Depends(allow("calendar:manage"))) -> Response:
    with unit_of_work(access.db):
        token = new_token(access, None)
    return page(request, "feed_created.html", {"url": feed_url(request, token)}, principal=access.principal)


@router.post("/account/calendar/{token_id}/revoke")
def account_feed_revoke(request: Request, token_id: Id,
                        access: Access = Depends(allow("calendar:manage"))) -> Response:
    with unit_of_work(access.db):
        revoke(access, token_id)
    return see_other("/account")


# --------------------------------------------------------------------------- accounts (admin)

def users_context(access: Access) -> dict[str, Any]:
    org = access.principal.organisation_id
    from zairyu.web.pages.office import person_picker

    return {"users": sv.users_of(access.db, org), "assigned": sv.assigned_people(access.db, org),
            "pickers": {"person_id": person_picker(access, "person_id")}}


@router.get("/admin/users")
def users_page(request: Request, access: Access = Depends(allow("user:manage"))) -> Response:
    return page(request, "users.html", users_context(access), principal=access.principal)


def users_refused(request: Request, access: Access, exc: ZairyuError, form: Any, where: int | str) -> Response:
    """The accounts page again with the error beside the form it came from (``where``: "new" for the form that adds
    an account, else the supporter's id whose assignment form it was), what was typed kept (never a password)."""
    from zairyu.web.pages.office import office_errors, person_picker

    access.db.rollback()
    errors = office_errors(request, access, exc)
    text = next(iter(errors.values()), "")
    ctx = users_context(access)
    pk = person_picker(access, "person_id", q=str(form.get("person_id_q") or ""),
                       selected=str(form.get("person_id") or ""))
    if exc.field in ("person_id", "person_id_q"):
        pk.error = text
    if where == "new":
        ctx.update(new_picker=pk, new_error=text, new_form={k: v for k, v in typed(form).items() if k != "password"})
    else:
        ctx["assign_pickers"] = {where: pk}
    return page(request, "users.html", ctx, status_code=422, principal=access.principal)


@router.post("/admin/users")
async def users_add(request: Request, access: Access = Depends(allow("user:manage"))) -> Response:
    from zairyu.web.pages.office import picked, validated

    raw = await request.form()
    try:
        form = blank_none({k: v for k, v in dict(raw).items() if k != "person_id_q"})
        form["person_id"] = picked(access, raw, "person_id") or None
        body = validated(UserIn, form)
        with unit_of_work(access.db):
            create_user(access, body)
    except ZairyuError as exc:
        return users_refused(request, access, exc, raw, "new")
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}/assignments")
async def users_assign(request: Request, user_id: Id, access: Access = Depends(allow("user:manage"))) -> Response:
    from zairyu.web.pages.office import picked

    form = await request.form()
    try:
        chosen = picked(access, form, "person_id")
        if not chosen.isdigit() or not 1 <= int(chosen) <= MAX_ID:
            raise InvalidInputError("choose a person to assign", field="person_id", value=chosen,
                                    allowed="a person in the list, or the name of one")
        with unit_of_work(access.db):
            assign_supporter(access, user_id, int(chosen))
    except ZairyuError as exc:
        return users_refused(request, access, exc, form, user_id)
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}/assignments/{person_id}/end")
def users_unassign(request: Request, user_id: Id, person_id: Id,
                   access: Access = Depends(allow("user:manage"))) -> Response:
    with unit_of_work(access.db):
        end_assignment(access, user_id, person_id)
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}")
async def users_change(request: Request, user_id: Id, access: Access = Depends(allow("user:manage"))) -> Response:
    """Deactivate / activate an account or change its role (the same rules as ``PATCH /api/v1/users/{id}``)."""
    form = blank_none(dict(await request.form()))
    body = UserChangeIn.model_validate(form)
    with unit_of_work(access.db):
        change_user(access, user_id, body)
    return see_other("/admin/users")


# --------------------------------------------------------------------------- deleting (admin)

def confirmed(value: Any, needed: bool = True) -> None:
    """An irreversible step (withdraw an application, delete a person or a document) asked from a page goes
    ahead only with its confirmation box ticked."""
    if needed and value != "yes":
        raise InvalidInputError("tick the box to confirm: this step cannot be undone", field="confirm",
                                allowed="yes")


@router.post("/people/{person_id}/delete")
def person_delete(request: Request, person_id: Id, confirm: str | None = Form(None),
                  access: Access = Depends(allow("record:delete", scope="person"))) -> Response:
    confirmed(confirm)
    with unit_of_work(access.db):
        delete_person(access)
    return see_other("/people")


@router.post("/documents/{document_id}/delete")
def document_delete(request: Request, document_id: Id, confirm: str | None = Form(None),
                    access: Access = Depends(allow("record:delete", scope="document"))) -> Response:
    confirmed(confirm)
    pid = access.person_id
    with unit_of_work(access.db):
        delete_document(access)
    return see_other(f"/people/{pid}#documents")
