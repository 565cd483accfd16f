"""Retention: deleted people and documents are kept for a period (``ZAIRYU_RETENTION_DAYS``, 30 by default)
so that a mistake can be seen and undone, then removed for good by ``zairyu purge``, each removal recorded in
the timeline (action ``purge``: who, when, which record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, NotFoundError, now


@dataclass(frozen=True)
class Purged:
    people: int
    documents: int
    paths: frozenset[str]
    """The stored files of the purged documents: removed by :func:`remove_files` once this is committed."""


def _purge_entry(s: Session, actor: Actor, entity: str, entity_id: int, person_id: int,
                 organisation_id: int | None) -> None:
    s.add(m.TimelineEntry(at=now(), actor=actor.name, actor_user_id=actor.user_id, organisation_id=organisation_id,
                          person_id=person_id, entity=entity, entity_id=entity_id, action="purge", before=None,
                          after=None))


def undelete_person(s: Session, person_id: int, actor: Actor, on: date, *, organisation_id: int | None = None
                    ) -> m.Person:
    """Bring back a person deleted by mistake, before the purge removes them: visible again, their deadlines
    computed again; recorded in the timeline. Their client account stays deactivated and their feeds revoked
    (an administrator reactivates the account deliberately: ``zairyu users activate``)."""
    from zairyu.cases.services.derivation import recompute_deadlines

    person = s.get(m.Person, person_id)
    if person is None or person.deleted_at is None or (organisation_id is not None
                                                       and person.organisation_id != organisation_id):
        raise NotFoundError(f"no deleted person with id {person_id} (purged, never deleted or never there)",
                            field="id", value=person_id)
    before = snapshot(person)
    person.deleted_at = None
    s.flush()
    record(s, actor, person, "update", before, organisation_id=person.organisation_id)
    recompute_deadlines(s, person_id, on)
    return person


def purge_deleted(s: Session, deleted_before: datetime, upload_dir: Path, actor: Actor) -> Purged:
    """Remove the people and documents deleted before ``deleted_before``, with their stored files (a file
    is kept while another document still refers to the same content)."""
    docs = list(s.scalars(select(m.Document).where(m.Document.deleted_at.is_not(None),
                                                   m.Document.deleted_at < deleted_before)))
    people = list(s.scalars(select(m.Person).where(m.Person.deleted_at.is_not(None),
                                                   m.Person.deleted_at < deleted_before)))
    gone_people = {p.id for p in people}
    # the documents of a purged person go with them (their rows by the foreign key's cascade)
    docs += list(s.scalars(select(m.Document).where(m.Document.person_id.in_(gone_people),
                                                    m.Document.deleted_at.is_(None)))) if gone_people else []
    paths = {d.stored_path for d in docs}
    orgs = {p.id: p.organisation_id for p in people}
    for d in docs:
        org = orgs.get(d.person_id) or s.scalar(select(m.Person.organisation_id).where(m.Person.id == d.person_id))
        _purge_entry(s, actor, "documents", d.id, d.person_id, org)
    for p in people:
        _purge_entry(s, actor, "people", p.id, p.id, p.organisation_id)
    if docs:
        s.execute(delete(m.Document).where(m.Document.id.in_([d.id for d in docs])))
    if people:
        s.execute(delete(m.Person).where(m.Person.id.in_(gone_people)))
    s.flush()
    return Purged(len(people), len(docs), frozenset(paths))


def remove_files(s: Session, paths: frozenset[str], upload_dir: Path) -> int:
    """Remove the stored files no document refers to any more (after the purge is committed: a purge that
    failed leaves every file in place); how many."""
    files = 0
    for rel in sorted(paths):
        still = s.scalar(select(func.count()).select_from(m.Document).where(m.Document.stored_path == rel))
        path = upload_dir / rel
        if not still and path.exists():
            path.unlink()
            files += 1
    return files


def remove_expired_sessions(s: Session, at: float) -> int:
    """Remove the sessions that expired before ``at`` (seconds since the epoch): they sign nobody in already."""
    expired = list(s.scalars(select(m.UserSession.id).where(m.UserSession.expires_at <= at)))
    if expired:
        s.execute(delete(m.UserSession).where(m.UserSession.id.in_(expired)))
    return len(expired)
