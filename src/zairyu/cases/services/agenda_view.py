"""The agenda as the office reads it (issue 13): the stored deadlines (:func:`~zairyu.cases.services.
agenda_lines.agenda`) narrowed by the reader's filters — a person, kinds of deadline, the person's assignee, a
date range — with the office's marks applied (:func:`~zairyu.cases.services.marks.mark_hides`: done lines left
out unless asked for, snoozed lines left out until their snooze date but never on or after their own date),
and the office's tasks due in the same range, kept apart: a task is the office's own work, not a legal
deadline. The web page, the API, the e-mail digest and the calendar feed read it through here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from zairyu.calendar.model import KINDS
from zairyu.cases import models as m
from zairyu.cases.services.agenda_lines import UNASSIGNED, AgendaLine, agenda
from zairyu.cases.services.marks import count_marks, key_of, mark_hides, marks_of
from zairyu.cases.services.tasks import list_tasks
from zairyu.errors import InvalidInputError

MAX_RANGE_DAYS = 3660
"""The longest agenda (ten years ahead), as the API's ``days``."""


@dataclass(frozen=True)
class AgendaFilter:
    """What the reader narrowed the agenda to (every field optional)."""

    person_id: int | None = None
    kinds: tuple[str, ...] | None = None
    """Kinds of deadline (:data:`zairyu.calendar.model.KINDS`)."""
    assignee: int | None = None
    """The user id of the person's assignee, or :data:`~zairyu.cases.services.agenda_lines.UNASSIGNED`."""
    date_from: date | None = None
    date_to: date | None = None
    show_done: bool = False

    def check(self) -> AgendaFilter:
        """Refuse a filter that cannot mean anything (naming the field and what is allowed)."""
        for k in self.kinds or ():
            if k not in KINDS:
                raise InvalidInputError(f"unknown kind of deadline '{k}'", field="kind", value=k,
                                        allowed="|".join(KINDS))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInputError("the range ends before it starts", field="to", value=self.date_to.isoformat(),
                                    allowed=f"a date on or after {self.date_from.isoformat()}")
        return self


@dataclass
class AgendaView:
    lines: list[AgendaLine]
    marks: dict[int, m.DeadlineMark] = field(default_factory=dict)
    """The marks of the lines shown, by line id (a done line shown by "show done", a snoozed line shown
    because its day has come)."""
    hidden: int = 0
    """How many lines the marks left out."""
    tasks: list[m.Task] = field(default_factory=list)


def agenda_view(s: Session, organisation_id: int, on: date, days: int, f: AgendaFilter = AgendaFilter(), *,
                only_assigned_to: int | None = None, with_marks: bool = True, with_tasks: bool = True,
                with_trace: bool = True, limit: int | None = None) -> AgendaView:
    """What is due up to ``on + days`` (or up to the filter's end date, if later), narrowed by ``f``.
    ``only_assigned_to``: a supporter's people only (the filters narrow within them). ``with_marks`` /
    ``with_tasks``: False for a client, who sees neither the office's marks nor its tasks. ``limit``: the first
    lines shown only (counted after the marks: a mark hides at most one line, so the office's marks are read
    beyond it)."""
    f.check()
    if days < 0:
        raise InvalidInputError("the number of days cannot be negative", field="days", value=days)
    if limit is not None and limit < 0:
        raise InvalidInputError("the number of lines cannot be negative", field="limit", value=limit)
    if f.date_to is not None:
        days = max(days, (f.date_to - on).days)
    days = min(days, MAX_RANGE_DAYS)
    want = None
    if limit is not None and f.date_from is None:
        want = limit + (count_marks(s, organisation_id) if with_marks else 0)
    lines = agenda(s, organisation_id, on, days, only_assigned_to=only_assigned_to, person_id=f.person_id,
                   kinds=f.kinds, assignee=f.assignee, with_trace=with_trace, limit=want)
    if f.date_from is not None or f.date_to is not None:
        lo, hi = f.date_from or date.min, f.date_to or date.max
        lines = [x for x in lines if lo <= x.date <= hi]
    view = AgendaView(lines)
    if with_marks and lines:
        marks = marks_of(s, organisation_id, {x.person_id for x in lines})
        kept = []
        for x in lines:
            mk = marks.get(key_of(x))
            if mark_hides(mk, x.date, on, show_done=f.show_done):
                view.hidden += 1
                continue
            if mk is not None:
                view.marks[x.id] = mk
            kept.append(x)
        view.lines = kept
    if limit is not None:
        view.lines = view.lines[:limit]
    if with_tasks and not f.kinds:
        until = f.date_to or on + timedelta(days=days)
        owner = None if f.assignee in (None, UNASSIGNED) else f.assignee
        tasks = list_tasks(s, organisation_id, person_id=f.person_id, due_by=until, owner_id=owner,
                           unowned=f.assignee == UNASSIGNED, only_assigned_to=only_assigned_to)
        view.tasks = [t for t in tasks if f.date_from is None or (t.due_on is not None and t.due_on >= f.date_from)]
    return view


def role_agenda(s: Session, organisation_id: int, role: str, user_id: int | None, person_id: int | None, on: date,
                days: int, f: AgendaFilter = AgendaFilter(), *, with_trace: bool = True,
                with_tasks: bool = True) -> AgendaView:
    """The agenda a user of ``role`` may see, narrowed by ``f`` (the one place that decides it: pages, API,
    calendar feed, e-mail digest): the office's for caseworkers and admins, a supporter's assigned people (the
    filters narrow within them), a client's own dates (``person_id``) — every one, without the office's marks or
    tasks (nothing for a client without a record)."""
    if role == "client":
        if person_id is None or f.person_id not in (None, person_id):
            return AgendaView([])
        f = replace(f, person_id=person_id, show_done=False, assignee=None)
        return agenda_view(s, organisation_id, on, days, f, with_marks=False, with_tasks=False,
                           with_trace=with_trace)
    return agenda_view(s, organisation_id, on, days, f, with_trace=with_trace, with_tasks=with_tasks,
                       only_assigned_to=user_id if role == "supporter" else None)


def user_agenda(s: Session, user: m.User, on: date, days: int, *, with_trace: bool = True) -> list[AgendaLine]:
    """The lines ``user`` may see (their calendar feed, their e-mail digest): :func:`role_agenda` for their role,
    the office's marks applied for staff."""
    return role_agenda(s, user.organisation_id, user.role, user.id, user.person_id, on, days,
                       with_trace=with_trace, with_tasks=False).lines
