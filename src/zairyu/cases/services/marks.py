"""Done and snooze on the agenda (issue 13): the office marks one deadline done, or snoozes it until a date.

Deadlines are recomputed rows (rewritten, never edited), so a mark is kept apart (``deadline_marks``) and names
its deadline by what identifies it stably: the person, the kind, the topic and the legal date. When the
calendar moves the deadline to another date, the old mark no longer matches, and the new date shows.

The one rule of what a mark hides is :func:`mark_hides`: a done line is left out of the agenda (the "show done"
filter shows it); a snoozed line is left out until its snooze date, but a snooze never hides a deadline on or
after its own date. The agenda page, the API, the e-mail digest and the iCalendar feed all ask it. Each mark
and each undo is recorded in the timeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, NotFoundError, _flush, now
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError

MarkKey = tuple[int, str, str, date]
"""(person id, kind, topic or '', legal date): what identifies a deadline across recomputations."""


def key_of(line: Any) -> MarkKey:
    """The key of a stored deadline or an agenda line."""
    return (line.person_id, line.kind, line.topic or "", line.date)


def mark_hides(mark: m.DeadlineMark | None, deadline_date: date, on: date, *, show_done: bool = False) -> bool:
    """Whether ``mark`` hides its deadline (legal date ``deadline_date``) from an agenda read on ``on``.

    Done: hidden, unless the reader asks to see what is done. Snoozed: hidden before ``until`` — but never on
    or after the deadline's own date, whatever the snooze says (a snoozed expiry still shows on the day it
    expires, and while it is overdue)."""
    if mark is None:
        return False
    if mark.mark == "done":
        return not show_done
    return on < deadline_date and mark.until is not None and on < mark.until


def marks_of(s: Session, organisation_id: int, person_ids: Iterable[int] | None = None
             ) -> dict[MarkKey, m.DeadlineMark]:
    """The office's marks (or those of ``person_ids``), by their deadline's key."""
    q = select(m.DeadlineMark).where(m.DeadlineMark.organisation_id == organisation_id)
    if person_ids is not None:
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        q = q.where(m.DeadlineMark.person_id.in_(ids))
    return {(k.person_id, k.kind, k.topic, k.deadline_date): k for k in s.scalars(q)}


def count_marks(s: Session, organisation_id: int) -> int:
    """How many marks the office has (each hides at most one agenda line: one per deadline)."""
    return s.scalar(select(func.count()).select_from(m.DeadlineMark).where(
        m.DeadlineMark.organisation_id == organisation_id)) or 0


def _deadline(s: Session, person_id: int, kind: str, topic: str, on: date) -> m.Deadline:
    q = select(m.Deadline).where(m.Deadline.person_id == person_id, m.Deadline.kind == kind,
                                 m.Deadline.date == on)
    q = q.where(m.Deadline.topic.is_(None) if topic == "" else m.Deadline.topic == topic)
    d = s.scalars(q.limit(1)).first()
    if d is None:
        raise NotFoundError(f"person {person_id} has no deadline {kind} {topic} on {on.isoformat()}".replace("  ", " "),
                            field="date", value=on.isoformat(),
                            allowed="the kind, topic and date of one of the person's deadlines")
    return d


def mark_deadline(s: Session, organisation_id: int, person_id: int, kind: str, topic: str | None, deadline_date: date,
                  mark: str, actor: Actor, today: date, *, until: date | None = None) -> m.DeadlineMark:
    """Mark the person's deadline ``kind``/``topic`` of ``deadline_date`` done, or snoozed until ``until`` (a day
    after ``today``). A second mark on the same deadline replaces the first."""
    where = f"deadline mark of person {person_id}"
    if mark not in m.MARKS:
        raise InvalidInputError(f"unknown mark '{mark}'", field="mark", value=mark, allowed="|".join(m.MARKS),
                                where=where)
    if mark == "snoozed":
        if until is None:
            raise InvalidInputError("a snooze needs the date until which it lasts", field="until", where=where,
                                    allowed="a date after today")
        if until <= today:
            raise InvalidInputError(f"a snooze until {until.isoformat()} is not in the future", field="until",
                                    value=until.isoformat(), allowed=f"a date after {today.isoformat()}",
                                    where=where)
    elif until is not None:
        raise InvalidInputError("only a snooze has an end date", field="until", value=until.isoformat(),
                                allowed="no date for 'done'", where=where)
    get_person(s, person_id, organisation_id)
    topic = topic or ""
    _deadline(s, person_id, kind, topic, deadline_date)
    got = s.scalars(select(m.DeadlineMark).where(
        m.DeadlineMark.person_id == person_id, m.DeadlineMark.kind == kind, m.DeadlineMark.topic == topic,
        m.DeadlineMark.deadline_date == deadline_date)).first()
    if got is None:
        got = m.DeadlineMark(organisation_id=organisation_id, person_id=person_id, kind=kind, topic=topic,
                             deadline_date=deadline_date, mark=mark, until=until, by_user_id=actor.user_id,
                             at=now())
        s.add(got)
        _flush(s, where)
        record(s, actor, got, "create", None, organisation_id=organisation_id)
        return got
    before = snapshot(got)
    got.mark, got.until, got.by_user_id, got.at = mark, until, actor.user_id, now()
    _flush(s, where)
    record(s, actor, got, "update", before, organisation_id=organisation_id)
    return got


def get_mark(s: Session, mark_id: int, organisation_id: int) -> m.DeadlineMark:
    got = s.get(m.DeadlineMark, mark_id)
    if got is None or got.organisation_id != organisation_id:
        raise NotFoundError(f"no deadline mark with id {mark_id}", field="id", value=mark_id)
    return got


def undo_mark(s: Session, mark_id: int, actor: Actor, *, organisation_id: int) -> m.DeadlineMark:
    """Take a mark back: the deadline shows as before. Recorded in the timeline."""
    got = get_mark(s, mark_id, organisation_id)
    before = snapshot(got)
    s.delete(got)
    _flush(s, f"deadline mark {mark_id}")
    record(s, actor, got, "delete", before, person_id=got.person_id, organisation_id=organisation_id)
    return got
