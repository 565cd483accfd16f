"""The office's tasks: to do for a person or an application, with an owner and a due date (issue 13).

A task is the office's own work ("call Anna about the missing tax certificate"), never a legal deadline: the
agenda shows the tasks due in its range apart from the deadlines. The owner is a member of staff who can be
assigned cases (:func:`~zairyu.cases.services.assignees.assignable_users`). Each change — created, owner or due
date changed, done — is versioned (a stale edit is refused) and recorded in the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.assignees import _check_assignee
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, NotFoundError, _check_version, _flush, now
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError

TITLE_MAX = 300
UNSET: Any = object()
"""A field not given to :func:`update_task` (None clears it)."""


def _check_title(title: str, where: str) -> str:
    title = title.strip()
    if not title:
        raise InvalidInputError("a task needs a title", field="title", where=where)
    if len(title) > TITLE_MAX:
        raise InvalidInputError(f"a task's title is at most {TITLE_MAX} characters", field="title",
                                allowed=f"1 to {TITLE_MAX} characters", where=where)
    return title


def _check_owner_sees(s: Session, owner_id: int | None, person_id: int | None, where: str) -> None:
    """A task about a person goes only to someone who may see that person: a supporter sees only the people
    assigned to them (a task would otherwise tell them another person's name)."""
    if owner_id is None or person_id is None:
        return
    u = s.get(m.User, owner_id)
    if u is not None and u.role == "supporter" and s.get(m.SupporterAssignment, (owner_id, person_id)) is None:
        raise InvalidInputError(f"{u.display_name} is a supporter not assigned to person {person_id}: assign the "
                                "person to them first, or give the task to someone else", field="owner_id",
                                value=owner_id, where=where)


def add_task(s: Session, organisation_id: int, title: str, actor: Actor, *, person_id: int | None = None,
             owner_id: int | None = None, due_on: date | None = None, application_id: int | None = None) -> m.Task:
    where = "task"
    title = _check_title(title, where)
    if person_id is not None:
        get_person(s, person_id, organisation_id)
    if application_id is not None:
        app = s.get(m.Application, application_id)
        if app is None or person_id is None or app.person_id != person_id:
            raise InvalidInputError(f"application {application_id} is not one of this person's", field="application_id",
                                    value=application_id, allowed="an application of the task's person", where=where)
    _check_assignee(s, organisation_id, owner_id, where, field="owner_id")
    _check_owner_sees(s, owner_id, person_id, where)
    t = m.Task(organisation_id=organisation_id, person_id=person_id, owner_id=owner_id, title=title, due_on=due_on,
               application_id=application_id, done=False, created_at=now())
    s.add(t)
    _flush(s, "task")
    record(s, actor, t, "create", None, organisation_id=organisation_id)
    return t


def get_task(s: Session, task_id: int, organisation_id: int | None = None) -> m.Task:
    t = s.get(m.Task, task_id)
    if t is None or (organisation_id is not None and t.organisation_id != organisation_id):
        raise NotFoundError(f"no task with id {task_id}", field="id", value=task_id)
    return t


def update_task(s: Session, task_id: int, actor: Actor, *, organisation_id: int, expected_version: int | None = None,
                owner_id: int | None = UNSET, due_on: date | None = UNSET, title: str | None = UNSET) -> m.Task:
    """Change a task's owner, due date or title (a field left UNSET is kept; None clears owner or due date)."""
    t = get_task(s, task_id, organisation_id)
    where = f"task {task_id}"
    _check_version(t, expected_version, where)
    if owner_id is not UNSET:
        _check_assignee(s, organisation_id, owner_id, where, field="owner_id")
        _check_owner_sees(s, owner_id, t.person_id, where)
    new_title = _check_title(title or "", where) if title is not UNSET else t.title
    before = snapshot(t)
    changes = {"owner_id": owner_id, "due_on": due_on}
    changed = False
    for k, v in changes.items():
        if v is not UNSET and getattr(t, k) != v:
            setattr(t, k, v)
            changed = True
    if new_title != t.title:
        t.title = new_title
        changed = True
    if not changed:
        return t
    _flush(s, where)
    record(s, actor, t, "update", before, organisation_id=t.organisation_id)
    return t


def complete_task(s: Session, task_id: int, actor: Actor, *, expected_version: int | None = None,
                  organisation_id: int | None = None) -> m.Task:
    t = get_task(s, task_id, organisation_id)
    _check_version(t, expected_version, f"task {task_id}")
    if t.done:
        return t
    before = snapshot(t)
    t.done = True
    _flush(s, f"task {task_id}")
    record(s, actor, t, "update", before, organisation_id=t.organisation_id)
    return t


def is_overdue(t: m.Task, on: date) -> bool:
    """The one rule of an overdue task: not done, and due before ``on`` (a task due today is not overdue yet)."""
    return not t.done and t.due_on is not None and t.due_on < on


def list_tasks(s: Session, organisation_id: int, *, owner_id: int | None = None, person_id: int | None = None,
               due_by: date | None = None, include_done: bool = False, only_assigned_to: int | None = None,
               unowned: bool = False, overdue_on: date | None = None) -> list[m.Task]:
    """The office's tasks, soonest due first (those without a due date last). ``owner_id``: one owner's;
    ``unowned``: those with no owner; ``due_by``: due on or before that date (with ``due_by`` = today: what is
    due or overdue); ``overdue_on``: only those overdue on that date (:func:`is_overdue`); ``only_assigned_to``:
    what a supporter may see (their people's tasks and their own)."""
    q = select(m.Task).where(m.Task.organisation_id == organisation_id)
    if overdue_on is not None:  # is_overdue, as a query
        q = q.where(m.Task.done.is_(False), m.Task.due_on.is_not(None), m.Task.due_on < overdue_on)
    if not include_done:
        q = q.where(m.Task.done.is_(False))
    if owner_id is not None:
        q = q.where(m.Task.owner_id == owner_id)
    if unowned:
        q = q.where(m.Task.owner_id.is_(None))
    if person_id is not None:
        q = q.where(m.Task.person_id == person_id)
    if due_by is not None:
        q = q.where(m.Task.due_on <= due_by)
    if only_assigned_to is not None:
        mine = select(m.SupporterAssignment.person_id).where(m.SupporterAssignment.user_id == only_assigned_to)
        q = q.where(or_(m.Task.person_id.in_(mine), m.Task.owner_id == only_assigned_to))
    live = select(m.Person.id).where(m.Person.deleted_at.is_(None))
    q = q.where(or_(m.Task.person_id.is_(None), m.Task.person_id.in_(live)))
    q = q.order_by(m.Task.due_on.is_(None), m.Task.due_on, m.Task.id)
    return list(s.scalars(q))
