"""The office's tasks: to do for a person or an application, with an owner and a due date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, _check_version, _flush, _get, now
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError


def add_task(s: Session, organisation_id: int, title: str, actor: Actor, *, person_id: int | None = None,
             owner_id: int | None = None, due_on: date | None = None, application_id: int | None = None) -> m.Task:
    if not title.strip():
        raise InvalidInputError("a task needs a title", field="title", where="task")
    if person_id is not None:
        get_person(s, person_id, organisation_id)
    if owner_id is not None:
        _get(s, m.User, owner_id, "user", organisation_id)
    t = m.Task(organisation_id=organisation_id, person_id=person_id, owner_id=owner_id, title=title, due_on=due_on,
               application_id=application_id, done=False, created_at=now())
    s.add(t)
    _flush(s, "task")
    record(s, actor, t, "create", None, organisation_id=organisation_id)
    return t


def complete_task(s: Session, task_id: int, actor: Actor, *, expected_version: int | None = None) -> m.Task:
    t: m.Task = _get(s, m.Task, task_id, "task")
    _check_version(t, expected_version, f"task {task_id}")
    before = snapshot(t)
    t.done = True
    _flush(s, f"task {task_id}")
    record(s, actor, t, "update", before, organisation_id=t.organisation_id)
    return t
