"""The office's day (issue 13): tasks, assignees, family links and the agenda's done / snooze marks. The
agenda itself, with its filters, is ``GET /api/v1/agenda`` (:mod:`zairyu.web.api.cases`).

None of it is the client's: a client gets 403 on tasks, assignees and marks, and is never shown them."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from zairyu.cases import services as sv
from zairyu.cases.db import unit_of_work
from zairyu.web.api.common import ERRORS, as_of
from zairyu.web.office import (
    AssigneeIn,
    DoneIn,
    FamilyIn,
    MarkIn,
    TaskIn,
    TaskPatch,
    add_family,
    change_task,
    create_task,
    family_json,
    finish_task,
    mark,
    mark_json,
    parse_assignee,
    staff_json,
    task_json,
    tasks_json,
    unmark,
    visible_task,
    visible_tasks,
)
from zairyu.web.params import MAX_ID, Id
from zairyu.web.permissions import Access, allow
from zairyu.web.schemas import (
    ApplicationOut,
    FamilyMemberOut,
    FamilyOut,
    MarkOut,
    PersonOut,
    StaffListOut,
    TaskOut,
    TasksOut,
)
from zairyu.web.serialize import application_json, person_json
from zairyu.web.shared import actor

router = APIRouter(tags=["office"], responses=ERRORS)


# --------------------------------------------------------------------------- tasks

@router.get("/tasks", response_model=TasksOut, summary="The office's open tasks (staff), soonest due first")
def tasks(request: Request, owner: str | None = Query(None, max_length=30, description="mine, none or a user id"),
          person_id: int | None = Query(None, ge=1, le=MAX_ID),
          overdue: bool = Query(False, description="Only what is due before the as-of date"),
          include_done: bool = Query(False), on: date | None = Query(None),
          access: Access = Depends(allow("task:read"))) -> dict[str, Any]:
    d = as_of(request, on)
    got = visible_tasks(access, owner=parse_assignee(access, owner), person_id=person_id,
                        include_done=include_done, overdue_on=d if overdue else None)
    return {"tasks": tasks_json(got, access, d)}


@router.post("/tasks", response_model=TaskOut, status_code=201, summary="Set a task (title, person, owner, due date)")
def add_task(request: Request, body: TaskIn, access: Access = Depends(allow("task:write"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        t = create_task(access, body)
    return task_json(t, access, as_of(request, None))


@router.get("/tasks/{task_id}", response_model=TaskOut, summary="One task")
def task(request: Request, task_id: Id, access: Access = Depends(allow("task:read"))) -> dict[str, Any]:
    return task_json(visible_task(access, task_id), access, as_of(request, None))


@router.patch("/tasks/{task_id}", response_model=TaskOut,
              summary="Change a task's owner, due date or title (expected_version: a stale change is refused)")
def update_task(request: Request, task_id: Id, body: TaskPatch,
                access: Access = Depends(allow("task:write"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        t = change_task(access, task_id, body)
    return task_json(t, access, as_of(request, None))


@router.post("/tasks/{task_id}/done", response_model=TaskOut, summary="Mark a task done (recorded in the timeline)")
def done_task(request: Request, task_id: Id, body: DoneIn,
              access: Access = Depends(allow("task:write"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        t = finish_task(access, task_id, body.expected_version)
    return task_json(t, access, as_of(request, None))


# --------------------------------------------------------------------------- assignees

@router.get("/staff", response_model=StaffListOut,
            summary="Who a person, an application or a task can be assigned to (the office's active staff)")
def staff(access: Access = Depends(allow("task:read"))) -> dict[str, Any]:
    return {"staff": [staff_json(u) for u in sv.assignable_users(access.db, access.principal.organisation_id)]}


@router.put("/people/{person_id}/assignee", response_model=PersonOut,
            summary="Set who handles the person's case (admin, caseworker); null: nobody")
def set_person_assignee(person_id: Id, body: AssigneeIn,
                        access: Access = Depends(allow("assignee:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        p = sv.assign_person(s, person_id, body.assignee_id, actor(access.principal),
                             organisation_id=access.principal.organisation_id,
                             expected_version=body.expected_version)
    return person_json(p)


@router.put("/applications/{application_id}/assignee", response_model=ApplicationOut,
            summary="Set who handles this application (admin, caseworker); null: the person's assignee")
def set_application_assignee(application_id: Id, body: AssigneeIn,
                             access: Access = Depends(allow("assignee:write", scope="application"))
                             ) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        a = sv.assign_application(s, application_id, body.assignee_id, actor(access.principal),
                                  organisation_id=access.principal.organisation_id,
                                  expected_version=body.expected_version)
    return application_json(a)


# --------------------------------------------------------------------------- family links

@router.get("/people/{person_id}/family", response_model=FamilyOut,
            summary="The person's relatives (only those the signed-in user may see)")
def family(person_id: Id, access: Access = Depends(allow("person:read", scope="person"))) -> dict[str, Any]:
    return {"family": family_json(access)}


@router.post("/people/{person_id}/family", response_model=FamilyMemberOut, status_code=201,
             summary="Link a relative (staff); the deadlines of both are recomputed")
def add_relative(request: Request, person_id: Id, body: FamilyIn,
                 access: Access = Depends(allow("family:write", scope="person"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        link = add_family(access, body, as_of(request, None))
    other = sv.get_person(access.db, body.related_person_id)
    return {"link_id": link.id, "person_id": other.id, "name": other.display_name, "relation": body.relation}


# --------------------------------------------------------------------------- done and snooze

@router.post("/agenda/marks", response_model=MarkOut, status_code=201,
             summary="Mark a deadline done, or snooze it until a date (a snooze never hides it on or after its "
                     "own date)")
def add_mark(request: Request, body: MarkIn, access: Access = Depends(allow("mark:write"))) -> dict[str, Any]:
    with unit_of_work(access.db) as s:
        k = mark(access, body, as_of(request, None))
    return mark_json(k, s)


@router.delete("/agenda/marks/{mark_id}", status_code=204, response_class=Response,
               summary="Undo a mark: the deadline shows as before (recorded in the timeline)")
def delete_mark(mark_id: Id, access: Access = Depends(allow("mark:write"))) -> Response:
    with unit_of_work(access.db):
        unmark(access, mark_id)
    return Response(status_code=204)
