"""The timeline: every change is one entry (who, when, the record before and after), appended and never
updated or deleted; so are reads of a person, document downloads, exports and feed changes (who read what, when).

Tamper-evident: when a transaction that wrote entries commits, its entries are *sealed*: each gets the next
``seq`` number, the previous entry's hash (``prev_hash``) and its own ``hash``, the SHA-256 of its content and
``prev_hash`` (:func:`entry_hash`). Changing an entry changes its hash; removing one breaks the sequence and the
next entry's link. :func:`verify_chain` (``zairyu audit verify``) recomputes the chain and names the first entry
that does not fit. Sealing takes one lock (PostgreSQL: a transaction-level advisory lock; SQLite: the writer's
lock it already holds), so concurrent transactions chain one after the other, never forked.

Someone who can write to the database could recompute the whole chain: the head (``seq`` and ``hash``, printed
by ``zairyu audit verify`` and kept in every backup's manifest) is what to note elsewhere to catch that too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.common import Actor, _json, now

SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
READ_ACTIONS = ("read", "download", "export")
"""Entries that record access, not change (left out of a person's history as pages show it)."""
SEAL_LOCK = 0x7A6169_7275
"""The PostgreSQL advisory-lock key that orders sealing ('zairyu')."""
GENESIS = "0" * 64


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
    s.info["timeline_unsealed"] = True


def record_access(s: Session, actor: Actor, action: str, entity: str, entity_id: int | None, *,
                  person_id: int | None = None, organisation_id: int | None = None,
                  what: dict[str, Any] | None = None) -> None:
    """Append an entry for an access that changes nothing: ``read`` (a person's record), ``download`` (a
    document), ``export`` (an office), ``feed_created`` / ``feed_revoked`` (a calendar feed). ``what`` says
    what was read (e.g. the document's file name), never the content."""
    s.add(m.TimelineEntry(at=now(), actor=actor.name, actor_user_id=actor.user_id, organisation_id=organisation_id,
                          person_id=person_id, entity=entity, entity_id=entity_id, action=action, before=None,
                          after=what))
    s.info["timeline_unsealed"] = True


def timeline_of(s: Session, person_id: int, *, reads: bool = False) -> list[m.TimelineEntry]:
    """A person's history (changes; with ``reads`` also who read the record or downloaded its documents)."""
    q = select(m.TimelineEntry).where(m.TimelineEntry.person_id == person_id)
    if not reads:
        q = q.where(m.TimelineEntry.action.not_in(READ_ACTIONS))
    return list(s.scalars(q.order_by(m.TimelineEntry.id)))


# --------------------------------------------------------------------------- the hash chain

_FIELDS = ("id", "at", "actor", "actor_user_id", "organisation_id", "person_id", "entity", "entity_id", "action",
           "before", "after")


def _at(v: datetime) -> str:
    if v.tzinfo is None:  # SQLite hands back naive values; zairyu writes UTC
        v = v.replace(tzinfo=UTC)
    return v.astimezone(UTC).isoformat()


def entry_hash(row: Any, seq: int, prev_hash: str) -> str:
    """SHA-256 over the entry's content, its place in the chain and the previous entry's hash."""
    content = {f: getattr(row, f) for f in _FIELDS}
    content["at"] = _at(content["at"])
    content["seq"] = seq
    content["prev_hash"] = prev_hash
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def seal(s: Session) -> int:
    """Chain the entries not sealed yet (in id order) after the last sealed one; returns how many."""
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SEAL_LOCK})
    t = m.TimelineEntry.__table__
    last = conn.execute(select(t.c.seq, t.c.hash).where(t.c.seq.is_not(None)).order_by(t.c.seq.desc()).limit(1)
                        ).first()
    seq, prev = (last.seq, last.hash) if last is not None else (0, GENESIS)
    rows = conn.execute(select(*(t.c[f] for f in _FIELDS)).where(t.c.hash.is_(None)).order_by(t.c.id)).all()
    updates = []
    for r in rows:
        seq += 1
        h = entry_hash(r, seq, prev)
        updates.append({"i": r.id, "s": seq, "p": prev, "h": h})
        prev = h
    if updates:
        conn.execute(text("UPDATE timeline SET seq = :s, prev_hash = :p, hash = :h WHERE id = :i"), updates)
    return len(updates)


@event.listens_for(Session, "before_commit")
def _seal_on_commit(s: Session) -> None:
    if s.info.pop("timeline_unsealed", False):
        s.flush()
        seal(s)


@dataclass
class ChainReport:
    entries: int
    head_seq: int
    head_hash: str
    problems: list[str]


def verify_chain(s: Session) -> ChainReport:
    """Recompute the chain from the first entry; every entry that does not fit is named."""
    t = m.TimelineEntry.__table__
    problems: list[str] = []
    seq, prev = 0, GENESIS
    n = 0
    q = select(*(t.c[f] for f in _FIELDS), t.c.seq, t.c.prev_hash, t.c.hash).where(t.c.seq.is_not(None))
    for r in s.execute(q.order_by(t.c.seq)).yield_per(1000):
        n += 1
        if r.seq != seq + 1:
            problems.append(f"entries {seq + 1}–{r.seq - 1} of the chain are missing (removed) before timeline "
                            f"entry {r.id} (seq {r.seq})")
        elif r.prev_hash != prev:
            problems.append(f"timeline entry {r.id} (seq {r.seq}) does not follow the entry before it")
        if entry_hash(r, r.seq, r.prev_hash or "") != r.hash:
            problems.append(f"timeline entry {r.id} (seq {r.seq}) was changed after it was written "
                            f"({r.action} {r.entity} {r.entity_id} by {r.actor} at {_at(r.at)})")
        seq, prev = r.seq, r.hash
    for (eid,) in s.execute(select(t.c.id).where(t.c.seq.is_(None)).order_by(t.c.id)):
        problems.append(f"timeline entry {eid} is not in the chain (written around it, or its seal was removed)")
    return ChainReport(n, seq, prev, problems)
