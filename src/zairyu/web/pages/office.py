"""Pages of the office's day (issue 13): the agenda with its filters and its done / snooze marks, the tasks
screen, and the forms on the person and application pages that set a task, an assignee or a family link.

Every route goes through :func:`~zairyu.web.permissions.allow`; the work is the same helpers as the JSON API's
(:mod:`zairyu.web.office`). A refused value shows the page again with the reader's input and the error next to
its field, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError

from zairyu.calendar.model import KINDS
from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.cases.services.agenda_view import AgendaFilter, AgendaView
from zairyu.cases.services.people import named_in_full
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.web.forms import form_errors, refused_status, typed
from zairyu.web.i18n import N_, gettext_for
from zairyu.web.office import (
    AssigneeIn,
    FamilyIn,
    MarkIn,
    TaskIn,
    TaskPatch,
    add_family,
    agenda_for,
    change_task,
    create_task,
    finish_task,
    mark,
    parse_assignee,
    unmark,
    visible_tasks,
)
from zairyu.web.pages.cases import see_other, today
from zairyu.web.params import MAX_ID, Id, record_id
from zairyu.web.permissions import Access, allow, can_see, can_see_all
from zairyu.web.render import page, request_lang
from zairyu.web.shared import actor, visible_list

router = APIRouter()

AGENDA_DAYS = 31

RELATION_NAMES = {"spouse": N_("Spouse"), "child": N_("Child"), "parent": N_("Parent"), "sibling": N_("Sibling"),
                  "other": N_("Other relative")}

OFFICE_HINTS = {
    "title": N_("A task needs a title: 1 to 300 characters."),
    "owner_id": N_("Choose a member of staff from the list."),
    "assignee_id": N_("Choose a member of staff from the list."),
    "due_on": N_("A real calendar date (year, month, day)."),
    "person_id": N_("Choose a person from the list."),
    "application_id": N_("Choose one of the person's applications."),
    "related_person_id": N_("Choose another person from the list, not already linked to this one."),
    "relation": N_("Choose one of the options."),
    "until": N_("Snooze until a date after today."),
    "kind": N_("Choose kinds of deadline from the list."),
    "assignee": N_("Choose one of the options."),
    "from": N_("A real calendar date (year, month, day)."),
    "to": N_("A real calendar date (year, month, day), not before the start of the range."),
    "mark": N_("Choose one of the options."),
    "date": N_("This deadline has changed since the page was shown. Reload the agenda."),
    "person_id_q": N_("No single person has that name: choose one in the list."),
    "related_person_id_q": N_("No single person has that name: choose one in the list."),
    "person_q": N_("No single person has that name: choose one in the list."),
}


def office_errors(request: Request, access: Access, exc: ZairyuError) -> dict[str, str]:
    """The error next to its field, in the reader's language."""
    lang = request_lang(request, access.principal)
    field = (exc.field or "").split(".")[-1]
    if field in OFFICE_HINTS and type(exc).__name__ != "StaleRecordError":
        hint = OFFICE_HINTS[field]
        return {field: gettext_for(lang)(hint)}
    return form_errors(exc, lang)


def validated(model: Any, data: dict[str, Any]) -> Any:
    """A form's values through the API's own input model: the same rules, the same field names."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err.get("loc", ())]
        raise InvalidInputError(str(err.get("msg", "")), field=loc[-1] if loc else "form") from None


def clean(form: Any) -> dict[str, Any]:
    return {k: v.strip() for k, v in dict(form).items()
            if isinstance(v, str) and k not in ("csrf_token", "back") and v.strip() != ""}


def back_to(form: Any, default: str) -> str:
    """Where a form returns to: a path of this site (never another site)."""
    url = str(form.get("back") or "")
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else default


def staff_context(access: Access, *, people: bool = True, sf: dict[str, Any] | None = None,
                  exclude: int | None = None, fields: tuple[str, ...] = ("person_id", "related_person_id")
                  ) -> dict[str, Any]:
    """What a staff form offers: the office's assignable staff and (``people``) its person pickers
    (:func:`person_picker`: the people the user sees, found by name), keeping what ``sf`` says was typed."""
    org = access.principal.organisation_id
    sf = sf or {}
    pickers = {field: person_picker(access, field, q=str(sf.get(f"{field}_q") or ""),
                                    selected=str(sf.get(field) or ""), exclude=exclude)
               for field in fields} if people else {}
    return {"staff": sv.assignable_users(access.db, org), "pickers": pickers}


PICK = 50
"""How many people a person picker lists at once; beyond them, the reader types more of a name."""


@dataclass
class Picker:
    """A person picker: a search box and a list of the people the reader may see whose names match it."""

    field: str
    q: str
    choices: list[Any]
    selected: str
    """The chosen person's id as the form gave it ('' for none)."""
    chosen: Any | None
    """The chosen person when not among ``choices`` (still listed, first)."""
    more: bool
    """More people match than are listed."""
    error: str = ""
    """What was wrong with the choice, in the reader's language (shown beside this picker only)."""


def person_picker(access: Access, field: str, *, q: str = "", selected: str = "",
                  exclude: int | None = None) -> Picker:
    """The first :data:`PICK` people the user may see whose names contain ``q`` (by name; all when ``q`` is
    empty), and the chosen one kept in the list whatever ``q`` says. An office of any size: never the whole list."""
    q = q.strip()[:100]
    rows = [p for p in visible_list(access, q or None, PICK + 2, 0) if p.id != exclude]
    more, rows = len(rows) > PICK, rows[:PICK]
    chosen = None
    wanted = record_id(selected)
    if wanted is not None and wanted != exclude and all(p.id != wanted for p in rows):
        chosen = can_see(access.db, access.principal, wanted)
    return Picker(field, q, rows, selected, chosen, more)


@router.get("/forms/people-choices")
def people_choices(request: Request, field: str = Query(..., pattern="^(person|person_id|related_person_id)$"),
                   first: str = Query("blank", pattern="^(blank|everyone)$"),
                   exclude: int | None = Query(None, ge=1, le=MAX_ID),
                   access: Access = Depends(allow("person:list"))) -> Response:
    """A person picker's list for what was typed so far (htmx, as the reader types in its search box)."""
    q = request.query_params
    pk = person_picker(access, field, q=q.get(f"{field}_q", ""), selected=q.get(field, ""), exclude=exclude)
    return page(request, "person_options.html", {"pk": pk, "first": first}, principal=access.principal)


def picked(access: Access, form: Any, field: str, *, exclude: int | None = None) -> str:
    """The person a picker chose: its list's value; or, when none was chosen but a name was typed in its search
    box (a browser without JavaScript), the one person the user may see whose name matches it. A name that
    matches several people, or nobody, is refused on the search box (``<field>_q``): nothing is guessed — except
    that a name typed in full ("Sokolova Anna", either order, any case) is that person's beside a longer one
    ("SOKOLOVA Annabelle")."""
    value = str(form.get(field) or "").strip()
    typed_name = str(form.get(f"{field}_q") or "").strip()[:100]
    if value or not typed_name:
        return value
    rows = [p for p in visible_list(access, typed_name, PICK + 1, 0) if p.id != exclude]
    if 1 < len(rows) <= PICK:  # (more than the list shows: another person of that very name may be among them)
        rows = [p for p in rows if named_in_full(p, typed_name)] or rows
    if len(rows) != 1:
        many = f"more than {PICK}" if len(rows) > PICK else str(len(rows) or "no")
        raise InvalidInputError(f"{many} people match '{typed_name}'", field=f"{field}_q",
                                value=typed_name, allowed="the name of one person, or a choice in the list")
    return str(rows[0].id)


# --------------------------------------------------------------------------- the agenda

def agenda_filter(request: Request, access: Access) -> tuple[AgendaFilter, dict[str, Any], dict[str, str]]:
    """The agenda's filters from the page's address (a filtered agenda can be bookmarked): the filter, what the
    form shows again, and the errors next to their fields (a value that cannot be read is left out)."""
    q = request.query_params
    sf: dict[str, Any] = {"person": q.get("person", ""), "kind": [k for k in q.getlist("kind") if k],
                          "assignee": q.get("assignee", ""), "from": q.get("from", ""), "to": q.get("to", ""),
                          "show_done": q.get("show_done") == "1", "person_q": q.get("person_q", "").strip()[:100]}
    errors: dict[str, str] = {}
    tr = gettext_for(request_lang(request, access.principal))

    def hint(field: str) -> str:
        return tr(OFFICE_HINTS[field])
    person_id = None
    if sf["person"]:
        person_id = record_id(sf["person"])
        if person_id is None:
            errors["person"] = hint("person_id")
    elif sf["person_q"]:  # a name typed, none chosen (no JavaScript): the one person it names, else say so
        try:
            person_id = int(picked(access, {"person_q": sf["person_q"]}, "person"))
            sf["person"] = str(person_id)
        except InvalidInputError:
            errors["person_q"] = hint("person_q")
    kinds = tuple(k for k in sf["kind"] if k in KINDS)
    if len(kinds) != len(sf["kind"]):
        errors["kind"] = hint("kind")
    assignee = None
    try:
        assignee = parse_assignee(access, sf["assignee"])
    except ZairyuError:
        errors["assignee"] = hint("assignee")
    dates: dict[str, date | None] = {}
    for key in ("from", "to"):
        try:
            dates[key] = date.fromisoformat(sf[key]) if sf[key] else None
        except ValueError:
            dates[key] = None
            errors[key] = hint(key)
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        errors["to"] = hint("to")
        dates["to"] = None
    f = AgendaFilter(person_id=person_id, kinds=kinds or None, assignee=assignee, date_from=dates["from"],
                     date_to=dates["to"], show_done=bool(sf["show_done"]))
    return f, sf, errors


def agenda_url(sf: dict[str, Any]) -> str:
    """The agenda's address with its filters (where a mark's form returns to)."""
    pairs: list[tuple[str, str]] = []
    for key in ("person", "assignee", "from", "to"):
        if sf.get(key):
            pairs.append((key, str(sf[key])))
    pairs += [("kind", k) for k in sf.get("kind", [])]
    if sf.get("show_done"):
        pairs.append(("show_done", "1"))
    return "/" + ("?" + urlencode(pairs) if pairs else "")


def agenda_response(request: Request, access: Access, *, mark_errors: dict[str, str] | None = None,
                    mark_form: dict[str, str] | None = None, status_code: int = 200) -> Response:
    on = today(request)
    f, sf, errors = agenda_filter(request, access)
    view: AgendaView = agenda_for(access, on, AGENDA_DAYS, f)
    items = view.lines
    week = on + timedelta(days=7)
    upcoming = [i for i in items if i.state in ("upcoming", "today")]
    buckets = {"overdue": [i for i in items if i.state == "overdue"],
               "week": [i for i in upcoming if (i.filing_date or i.date) <= week],
               "month": [i for i in upcoming if (i.filing_date or i.date) > week],
               "passed": [i for i in items if i.state in ("passed", "open")]}
    staff = access.principal.may("task:read")
    ctx: dict[str, Any] = {
        "buckets": buckets, "on": on, "sf": sf, "errors": {**errors, **(mark_errors or {})},
        "marks": view.marks, "tasks": view.tasks, "hidden": view.hidden, "staff_view": staff,
        "can_mark": access.principal.may("mark:write"), "kinds": KINDS, "back": agenda_url(sf),
        "snooze_default": on + timedelta(days=7), "snooze_min": on + timedelta(days=1), "mark_form": mark_form or {},
        "filtered": any(sf[k] for k in ("person", "kind", "assignee", "from", "to", "show_done")),
    }
    if staff:
        ctx.update(staff_context(access, sf=sf, fields=("person",)))
        # the people the tasks due are about, as the reader may see them
        ctx["people_by_id"] = can_see_all(access.db, access.principal, (t.person_id for t in view.tasks))
    return page(request, "agenda.html", ctx, status_code=status_code, principal=access.principal)


@router.get("/")
def agenda_page(request: Request, access: Access = Depends(allow("agenda:read"))) -> Response:
    return agenda_response(request, access)


@router.post("/agenda/marks")
async def agenda_mark(request: Request, access: Access = Depends(allow("mark:write"))) -> Response:
    form = await request.form()
    data = clean(form)
    if data.get("mark") != "snoozed":
        data.pop("until", None)
    try:
        body = validated(MarkIn, data)
        with unit_of_work(access.db):
            mark(access, body, today(request))
    except ZairyuError as exc:
        access.db.rollback()
        return agenda_response(request, access, mark_errors=office_errors(request, access, exc),
                               mark_form=typed(form), status_code=refused_status(exc))
    return see_other(back_to(form, "/"))


@router.post("/agenda/marks/{mark_id}/undo")
async def agenda_unmark(request: Request, mark_id: Id, access: Access = Depends(allow("mark:write"))) -> Response:
    form = await request.form()
    with unit_of_work(access.db):
        unmark(access, mark_id)
    return see_other(back_to(form, "/"))


# --------------------------------------------------------------------------- tasks

def tasks_response(request: Request, access: Access, *, sf: dict[str, str] | None = None,
                   errors: dict[str, str] | None = None, status_code: int = 200) -> Response:
    on = today(request)
    q = request.query_params
    filt = {"owner": q.get("owner", ""), "overdue": q.get("overdue") == "1", "done": q.get("done") == "1"}
    filt_errors: dict[str, str] = {}
    try:
        owner = parse_assignee(access, filt["owner"])  # type: ignore[arg-type]
    except ZairyuError:
        owner = None
        hint = OFFICE_HINTS["assignee"]
        filt_errors["owner"] = gettext_for(request_lang(request, access.principal))(hint)
    tasks = visible_tasks(access, owner=owner, include_done=bool(filt["done"]),
                          overdue_on=on if filt["overdue"] else None)
    # the people the listed tasks are about, as the reader may see them (not the first thousand of the office)
    people = can_see_all(access.db, access.principal, (t.person_id for t in tasks))
    ctx = {"tasks": tasks, "on": on, "filt": filt, "sf": sf or {}, "errors": {**filt_errors, **(errors or {})},
           "people_by_id": people, "back": str(request.url.path) + ("?" + str(request.url.query)
                                                                   if request.url.query else ""),
           "open_form": "task" if errors else None, **staff_context(access, sf=sf, fields=("person_id",))}
    ctx["staff_by_id"] = {u.id: u for u in ctx["staff"]}
    return page(request, "tasks.html", ctx, status_code=status_code, principal=access.principal)


@router.get("/tasks")
def tasks_page(request: Request, access: Access = Depends(allow("task:read"))) -> Response:
    return tasks_response(request, access)


def task_input(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in ("title", "person_id", "application_id", "owner_id", "due_on") if k in data}


@router.post("/tasks")
async def tasks_add(request: Request, access: Access = Depends(allow("task:write"))) -> Response:
    form = await request.form()
    try:
        data = task_input(clean(form))
        data["person_id"] = picked(access, form, "person_id") or None
        body = validated(TaskIn, data)
        with unit_of_work(access.db):
            create_task(access, body)
    except ZairyuError as exc:
        access.db.rollback()
        return tasks_response(request, access, sf=typed(form), errors=office_errors(request, access, exc),
                              status_code=refused_status(exc))
    return see_other(back_to(form, "/tasks") + ("&" if "?" in back_to(form, "/tasks") else "?") + "saved=1")


@router.post("/tasks/{task_id}/done")
async def tasks_done(request: Request, task_id: Id, access: Access = Depends(allow("task:write"))) -> Response:
    from zairyu.web.pages.cases import form_version

    form = await request.form()
    with unit_of_work(access.db):
        finish_task(access, task_id, form_version(request, form.get("version")))
    return see_other(back_to(form, "/tasks"))


@router.post("/tasks/{task_id}/edit")
async def tasks_edit(request: Request, task_id: Id, access: Access = Depends(allow("task:write"))) -> Response:
    from zairyu.web.pages.cases import form_version

    form = await request.form()
    data: dict[str, Any] = {"expected_version": form_version(request, form.get("version"))}
    for key in ("owner_id", "due_on"):
        if key in form:
            value = str(form.get(key) or "").strip()
            data[key] = value or None
    try:
        body = validated(TaskPatch, data)
        with unit_of_work(access.db):
            change_task(access, task_id, body)
    except ZairyuError as exc:
        access.db.rollback()
        return tasks_response(request, access, sf=typed(form), errors=office_errors(request, access, exc),
                              status_code=refused_status(exc))
    return see_other(back_to(form, "/tasks"))


# --------------------------------------------------------------------------- the person page's forms

def person_refused(request: Request, access: Access, exc: ZairyuError, form: Any, open_form: str) -> Response:
    """The person page again, with what was typed and the error next to its field (409 for a stale copy)."""
    from zairyu.web.pages.cases import form_context, person_context

    access.db.rollback()
    errors = office_errors(request, access, exc)
    ctx = {**person_context(access, today(request), sf=typed(form)),  # the relative's picker as it was typed
           **form_context(request, access, typed(form), errors), "open_form": open_form}
    status = refused_status(exc)
    return page(request, "person.html", ctx, status_code=status, principal=access.principal)


@router.post("/people/{person_id}/tasks")
async def person_add_task(request: Request, person_id: Id,
                          access: Access = Depends(allow("task:write", scope="person"))) -> Response:
    form = await request.form()
    data = task_input(clean(form))
    data["person_id"] = person_id
    try:
        body = validated(TaskIn, data)
        with unit_of_work(access.db):
            create_task(access, body)
    except ZairyuError as exc:
        return person_refused(request, access, exc, form, "task")
    return see_other(f"/people/{person_id}?saved=1#tasks")


def assignee_form(request: Request, form: Any) -> AssigneeIn:
    """The "handled by" form of a person or an application, validated (a blank choice: nobody)."""
    from zairyu.web.pages.cases import form_version

    body: AssigneeIn = validated(AssigneeIn, {"assignee_id": str(form.get("assignee_id") or "").strip() or None,
                                              "expected_version": form_version(request, form.get("version"))})
    return body


@router.post("/people/{person_id}/assignee")
async def person_assignee(request: Request, person_id: Id,
                          access: Access = Depends(allow("assignee:write", scope="person"))) -> Response:

    form = await request.form()
    try:
        body = assignee_form(request, form)
        with unit_of_work(access.db) as s:
            sv.assign_person(s, person_id, body.assignee_id, actor(access.principal),
                             organisation_id=access.principal.organisation_id, expected_version=body.expected_version)
    except ZairyuError as exc:
        return person_refused(request, access, exc, form, "assignee")
    return see_other(f"/people/{person_id}?saved=1")


@router.post("/applications/{application_id}/assignee")
async def application_assignee(request: Request, application_id: Id,
                               access: Access = Depends(allow("assignee:write", scope="application"))) -> Response:
    from zairyu.web.pages.cases import application_refused

    form = await request.form()
    try:
        body = assignee_form(request, form)
        with unit_of_work(access.db) as s:
            sv.assign_application(s, application_id, body.assignee_id, actor(access.principal),
                                  organisation_id=access.principal.organisation_id,
                                  expected_version=body.expected_version)
    except ZairyuError as exc:
        return application_refused(request, access, application_id, exc, typed(form), "assignee")
    return see_other(f"/applications/{application_id}?saved=1")


@router.post("/people/{person_id}/family")
async def person_add_family(request: Request, person_id: Id,
                            access: Access = Depends(allow("family:write", scope="person"))) -> Response:
    form = await request.form()
    try:
        data = {k: v for k, v in clean(form).items() if k in ("related_person_id", "relation")}
        data["related_person_id"] = picked(access, form, "related_person_id", exclude=person_id) or None
        body = validated(FamilyIn, data)
        with unit_of_work(access.db):
            add_family(access, body, today(request))
    except ZairyuError as exc:
        return person_refused(request, access, exc, form, "family")
    return see_other(f"/people/{person_id}?saved=1#family")

