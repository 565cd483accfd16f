"""Events in a person's life (moved, married, departed, ...), from which deadlines are derived."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationInfo, field_validator, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.common import EVENT_KINDS, Actor, _In, now, validate
from zairyu.cases.services.derivation import save_change
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError


class EventIn(_In):
    kind: str
    on: date
    until: date | None = None
    note: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in EVENT_KINDS:
            raise ValueError(f"unknown event kind '{v}' (allowed: {', '.join(EVENT_KINDS)})")
        return v

    @model_validator(mode="after")
    def _until(self) -> EventIn:
        if self.kind == "re_entry_permit_extended" and self.until is None:
            raise ValueError("until: a re-entry permit extended abroad needs its new validity (YYYY-MM-DD)")
        return self

    @field_validator("until")
    @classmethod
    def _not_before(cls, v: date | None, info: ValidationInfo) -> date | None:
        on = info.data.get("on")
        if v is not None and on is not None and v < on:
            raise ValueError(f"{v.isoformat()} is before the event ({on.isoformat()}): a date on or after it")
        return v


def add_event(s: Session, person_id: int, data: Mapping[str, Any], actor: Actor, on: date, *,
              organisation_id: int | None = None) -> m.Event:
    person = get_person(s, person_id, organisation_id)
    where = f"event of person {person_id}"
    e = validate(EventIn, data, where=where)
    if e.on > on + timedelta(days=1):  # an event is what happened (a day's grace: the server may be a day behind Japan)
        raise InvalidInputError(f"the event's date {e.on.isoformat()} is after today ({on.isoformat()})", field="on",
                                value=e.on.isoformat(), allowed=f"a date not after {on.isoformat()}", where=where)
    ev = m.Event(person_id=person_id, created_at=now(), **e.model_dump())
    s.add(ev)
    save_change(s, actor, ev, "create", None, what=where, person_id=person_id, on=on,
                organisation_id=person.organisation_id)
    return ev


def events_of(s: Session, person_id: int) -> list[m.Event]:
    return list(s.scalars(select(m.Event).where(m.Event.person_id == person_id).order_by(m.Event.on, m.Event.id)))
