"""Who handles a case: the member of staff responsible for a person and, where it differs, for one of their
applications (issue 13). An assignee is an active admin, caseworker or supporter of the same office; a client
cannot be one. Each change is recorded in the timeline; a stale edit is refused (``expected_version``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.applications import get_application
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, _check_version, _flush, now
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError

STAFF_ROLES = ("admin", "caseworker", "supporter")


def assignable_users(s: Session, organisation_id: int) -> list[m.User]:
    """The office's active staff, by name: who a person or application can be assigned to."""
    return list(s.scalars(select(m.User).where(m.User.organisation_id == organisation_id,
                                               m.User.active.is_(True), m.User.role.in_(STAFF_ROLES))
                          .order_by(m.User.display_name, m.User.id)))


def _check_assignee(s: Session, organisation_id: int, user_id: int | None, where: str, *,
                    field: str = "assignee_id") -> None:
    if user_id is None:
        return
    u = s.get(m.User, user_id)
    if u is None or u.organisation_id != organisation_id or not u.active or u.role not in STAFF_ROLES:
        raise InvalidInputError(f"user {user_id} cannot be assigned here", field=field, value=user_id,
                                allowed="an active admin, caseworker or supporter of this office", where=where)


def _assign(s: Session, obj: m.Person | m.Application, user_id: int | None, actor: Actor, organisation_id: int,
            expected_version: int | None, where: str) -> None:
    _check_version(obj, expected_version, where)
    _check_assignee(s, organisation_id, user_id, where)
    if obj.assignee_id == user_id:
        return
    before = snapshot(obj)
    obj.assignee_id = user_id
    obj.updated_at = now()
    _flush(s, where)
    record(s, actor, obj, "update", before, organisation_id=organisation_id)


def assign_person(s: Session, person_id: int, user_id: int | None, actor: Actor, *, organisation_id: int,
                  expected_version: int | None = None) -> m.Person:
    """Make ``user_id`` (None: nobody) responsible for the person's case."""
    person = get_person(s, person_id, organisation_id)
    _assign(s, person, user_id, actor, organisation_id, expected_version, f"person {person_id}")
    return person


def assign_people(s: Session, person_ids: Iterable[int], user_id: int | None, actor: Actor, *,
                  organisation_id: int) -> list[m.Person]:
    """Bulk assignment: all or none (the first person not found or a wrong assignee refuses the lot)."""
    return [assign_person(s, pid, user_id, actor, organisation_id=organisation_id) for pid in person_ids]


def assign_application(s: Session, app_id: int, user_id: int | None, actor: Actor, *, organisation_id: int,
                       expected_version: int | None = None) -> m.Application:
    """Make ``user_id`` handle this application (None: the person's assignee does)."""
    app = get_application(s, app_id, organisation_id)
    _assign(s, app, user_id, actor, organisation_id, expected_version, f"application {app_id}")
    return app


def application_assignee(s: Session, app: m.Application) -> int | None:
    """Who handles ``app``: its own assignee, else the person's."""
    if app.assignee_id is not None:
        return app.assignee_id
    person = s.get(m.Person, app.person_id)
    return person.assignee_id if person is not None else None
