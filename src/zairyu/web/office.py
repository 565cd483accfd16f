"""What the JSON API and the pages share for the office's day (issue 13): tasks, assignees, family links, the
agenda's filters and its done / snooze marks. The work itself is the case manager's services; this is the web's
side of it: what the signed-in user may see (a supporter: their assigned people; a client: their own record,
and never the office's tasks, assignees or marks) and the inputs both interfaces take."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.services.agenda_lines import UNASSIGNED
from zairyu.cases.services.agenda_view import AgendaFilter, AgendaView, role_agenda
from zairyu.errors import InvalidInputError
from zairyu.web.params import MAX_ID, BodyId, record_id
from zairyu.web.permissions import Access, NotVisible, can_see, can_see_all
from zairyu.web.shared import actor


def _v(x: Any) -> Any:
    return x.isoformat() if isinstance(x, date | dt.datetime) else x


def user_name(s: Any, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    u = s.get(m.User, user_id)
    return u.display_name if u is not None else None


# --------------------------------------------------------------------------- the agenda

def parse_assignee(access: Access, text: str | None) -> int | None:
    """The agenda's assignee filter: '' (anyone), 'mine', 'none' (nobody assigned) or a user id."""
    text = (text or "").strip()
    if text == "":
        return None
    if text == "mine":
        return access.principal.user_id
    if text == "none":
        return UNASSIGNED
    if (user_id := record_id(text)) is not None:
        return user_id
    raise InvalidInputError(f"'{text}' is not an assignee", field="assignee", value=text,
                            allowed="mine, none or a user id")


def agenda_for(access: Access, on: date, days: int, f: AgendaFilter) -> AgendaView:
    """The agenda the signed-in user may see, narrowed by ``f``: the office's (caseworkers, admins), a
    supporter's assigned people (the filters narrow within them), a client's own dates — every one, without the
    office's marks or tasks."""
    p = access.principal
    return role_agenda(access.db, p.organisation_id, p.role, p.user_id, p.person_id, on, days, f)


def mark_json(k: m.DeadlineMark, s: Any) -> dict[str, Any]:
    return {"id": k.id, "person_id": k.person_id, "kind": k.kind, "topic": k.topic or None,
            "date": _v(k.deadline_date), "mark": k.mark, "until": _v(k.until), "by_user_id": k.by_user_id,
            "by_name": user_name(s, k.by_user_id), "at": _v(k.at), "version": k.version}


class MarkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: BodyId
    kind: str = Field(max_length=60, description="The deadline's kind, as on the agenda line")
    topic: str | None = Field(None, max_length=40, description="The deadline's topic, as on the agenda line")
    date: dt.date = Field(description="The deadline's legal date, as on the agenda line")
    mark: Literal["done", "snoozed"]
    until: dt.date | None = Field(None, description="For 'snoozed': the line shows again on this date (and "
                                                    "always on and after the deadline's own date)")


def mark(access: Access, body: MarkIn, on: date) -> m.DeadlineMark:
    """Mark a deadline of a person the user may see (another one: 404, as if it did not exist)."""
    p = access.principal
    if can_see(access.db, p, body.person_id) is None:
        raise NotVisible("person")
    return sv.mark_deadline(access.db, p.organisation_id, body.person_id, body.kind, body.topic, body.date,
                            body.mark, actor(p), on, until=body.until)


def unmark(access: Access, mark_id: int) -> m.DeadlineMark:
    p = access.principal
    k = access.db.get(m.DeadlineMark, mark_id)
    if k is None or k.organisation_id != p.organisation_id or can_see(access.db, p, k.person_id) is None:
        raise NotVisible("deadline mark")
    return sv.undo_mark(access.db, mark_id, actor(p), organisation_id=p.organisation_id)


# --------------------------------------------------------------------------- tasks

def tasks_json(tasks: list[m.Task], access: Access, on: date) -> list[dict[str, Any]]:
    """Tasks as the API gives them: each person named only when the reader may see that person (a supporter sees
    a task they own about someone no longer assigned to them, without the name); who may be seen is asked once
    for all the tasks (:func:`can_see_all`), not task by task."""
    s = access.db
    seen = can_see_all(s, access.principal, (t.person_id for t in tasks))
    out = []
    for t in tasks:
        person = seen.get(t.person_id) if t.person_id is not None else None
        out.append({"id": t.id, "title": t.title, "person_id": t.person_id,
                    "person_name": person.display_name if person is not None else None,
                    "application_id": t.application_id, "owner_id": t.owner_id,
                    "owner_name": user_name(s, t.owner_id), "due_on": _v(t.due_on), "done": t.done,
                    "overdue": sv.is_overdue(t, on), "created_at": _v(t.created_at), "version": t.version})
    return out


def task_json(t: m.Task, access: Access, on: date) -> dict[str, Any]:
    """One task as the API gives it (:func:`tasks_json`)."""
    return tasks_json([t], access, on)[0]


def visible_tasks(access: Access, *, owner: int | None = None, person_id: int | None = None,
                  due_by: date | None = None, include_done: bool = False,
                  overdue_on: date | None = None) -> list[m.Task]:
    """The tasks the user may see: the office's (caseworkers, admins); a supporter's: their people's tasks and
    their own. ``owner``: one owner's (:data:`UNASSIGNED`: nobody's)."""
    p = access.principal
    return sv.list_tasks(access.db, p.organisation_id, owner_id=None if owner in (None, UNASSIGNED) else owner,
                         unowned=owner == UNASSIGNED, person_id=person_id, due_by=due_by, include_done=include_done,
                         overdue_on=overdue_on,
                         only_assigned_to=p.user_id if p.role == "supporter" else None)


def visible_task(access: Access, task_id: int) -> m.Task:
    p = access.principal
    t = access.db.get(m.Task, task_id)
    if t is None or t.organisation_id != p.organisation_id:
        raise NotVisible("task")
    if t.person_id is not None:
        if can_see(access.db, p, t.person_id) is None and t.owner_id != p.user_id:
            raise NotVisible("task")
    elif p.role == "supporter" and t.owner_id != p.user_id:
        raise NotVisible("task")
    return t


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=300)
    person_id: BodyId | None = None
    application_id: BodyId | None = Field(None, description="One of the person's applications")
    owner_id: BodyId | None = Field(None, description="Who does it: a member of staff (GET /api/v1/staff)")
    due_on: dt.date | None = None


def create_task(access: Access, body: TaskIn) -> m.Task:
    p = access.principal
    if body.person_id is not None and can_see(access.db, p, body.person_id) is None:
        raise NotVisible("person")
    return sv.add_task(access.db, p.organisation_id, body.title, actor(p), person_id=body.person_id,
                       owner_id=body.owner_id, due_on=body.due_on, application_id=body.application_id)


class TaskPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, min_length=1, max_length=300)
    owner_id: BodyId | None = Field(None, description="null: nobody")
    due_on: dt.date | None = Field(None, description="null: no due date")
    expected_version: int = Field(ge=1, le=MAX_ID, description="The task's version as read (required): a stale "
                                                               "change is refused with 409")


def change_task(access: Access, task_id: int, body: TaskPatch) -> m.Task:
    visible_task(access, task_id)
    given = body.model_fields_set
    kw: dict[str, Any] = {k: getattr(body, k) for k in ("title", "owner_id", "due_on") if k in given}
    if "title" in kw and kw["title"] is None:
        raise InvalidInputError("a task needs a title", field="title")
    return sv.update_task(access.db, task_id, actor(access.principal), organisation_id=access.principal.organisation_id,
                          expected_version=body.expected_version, **kw)


class DoneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    expected_version: int | None = Field(None, ge=1, le=MAX_ID, description="Refuse if the task changed since")


def finish_task(access: Access, task_id: int, expected_version: int | None) -> m.Task:
    visible_task(access, task_id)
    return sv.complete_task(access.db, task_id, actor(access.principal), expected_version=expected_version,
                            organisation_id=access.principal.organisation_id)


# --------------------------------------------------------------------------- assignees

def staff_json(u: m.User) -> dict[str, Any]:
    return {"id": u.id, "display_name": u.display_name, "role": u.role}


class AssigneeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assignee_id: BodyId | None = Field(description="A member of staff (GET /api/v1/staff); null: nobody")
    expected_version: int | None = Field(None, ge=1, le=MAX_ID, description="Refuse if the record changed since")


# --------------------------------------------------------------------------- family links


def family_view(access: Access) -> tuple[list[dict[str, Any]], int]:
    """The person's family links the user may see (a relative they may not see is left out), and how many were
    left out (a page never says "none recorded" when some are only hidden)."""
    links = sv.family_of(access.db, access.person_id)
    seen = can_see_all(access.db, access.principal, (other.id for _, other, _ in links))
    shown = [{"link_id": link.id, "person_id": other.id, "name": other.display_name, "relation": relation}
             for link, other, relation in links if other.id in seen]
    return shown, len(links) - len(shown)


def family_json(access: Access) -> list[dict[str, Any]]:
    """The person's family links the user may see (the API's answer)."""
    return family_view(access)[0]


class FamilyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    related_person_id: BodyId
    relation: Literal["spouse", "child", "parent", "sibling", "other"] = Field(
        description="What the related person is to this person (child: the related person is their child)")


def add_family(access: Access, body: FamilyIn, on: date) -> m.FamilyLink:
    p = access.principal
    if can_see(access.db, p, body.related_person_id) is None:
        raise NotVisible("person")
    return sv.link_family(access.db, access.person_id, body.related_person_id, body.relation, actor(p), on)
