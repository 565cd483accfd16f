"""The public read-only register: a setting an administrator turns on (stored in the database, ``zairyu_meta``
key ``public_register``; off by default) that serves the shared public records at ``/public/precedents``
without signing in. Each change is one entry in the timeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record as audit
from zairyu.cases.services.audit import snapshot
from zairyu.cases.services.common import Actor

KEY = "public_register"


def public_register_on(s: Session) -> bool:
    """Whether the public register is served (off unless an administrator turned it on)."""
    return s.scalar(select(m.Meta.value).where(m.Meta.key == KEY)) == "on"


def set_public_register(s: Session, on: bool, actor: Actor) -> bool:
    """Turn the public register on or off; returns whether it changed (an unchanged setting writes nothing)."""
    row = s.get(m.Meta, KEY)
    value = "on" if on else "off"
    if row is not None and row.value == value:
        return False
    if row is None and not on:
        return False
    before = snapshot(row) if row is not None else None
    if row is None:
        row = m.Meta(key=KEY, value=value)
        s.add(row)
    else:
        row.value = value
    s.flush()
    audit(s, actor, row, "create" if before is None else "update", before)
    return True


__all__ = ["public_register_on", "set_public_register"]
