"""The timeline: every change is one entry (who, when, the record before and after), appended and never
updated or deleted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.common import Actor, _json, now

SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})


def snapshot(obj: m.Base, *, secrets_too: bool = False) -> dict[str, Any]:
    """The record's columns as JSON (for the timeline and the export); password hashes left out."""
    cols = obj.__table__.columns
    return {c.key: _json(getattr(obj, c.key)) for c in cols if secrets_too or c.key not in SECRET_COLUMNS}


def record(s: Session, actor: Actor, obj: m.Base, action: str, before: dict[str, Any] | None,
           *, person_id: int | None = None, organisation_id: int | None = None) -> None:
    """Append one entry to the timeline (never updated or deleted)."""
    after = snapshot(obj) if action != "delete" else None
    pid = person_id if person_id is not None else getattr(obj, "person_id", None)
    if isinstance(obj, m.Person):
        pid = obj.id
    s.add(m.TimelineEntry(at=now(), actor=actor.name, actor_user_id=actor.user_id,
                          organisation_id=organisation_id, person_id=pid, entity=obj.__tablename__,
                          entity_id=getattr(obj, "id", None), action=action, before=before, after=after))


def timeline_of(s: Session, person_id: int) -> list[m.TimelineEntry]:
    return list(s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.person_id == person_id)
                          .order_by(m.TimelineEntry.id)))
