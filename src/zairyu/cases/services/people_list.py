"""The office's list of people (issue 13): sorted, filtered and paged in the database, each row with the
person's current status, the end of their stay, their next deadline that matters and their assignee; and the
same list, every page of it, for a CSV export.

Nothing here decides a legal question again. What the filters and columns say about a stay is read from the
deadlines the calendar stored for each person (:mod:`zairyu.cases.services.derivation`), with their states by
the calendar's one rule (:func:`~zairyu.calendar.deadlines.deadline_state`):

* **when the stay ends** is the person's stored ``special_period_end`` deadline (a change or extension filed
  in time: ICRRA Art. 20(6), its day to act by) if they have one, else their stored ``expiry_of_stay``
  (Art. 2-2(3)); a status without a period of stay (permanent residence) has neither and never "expires";
* **overstaying / no lawful status** on a day is what :func:`~zairyu.calendar.lawful_stay.holds_status_on`
  answers ``holds=False`` for. The database preselects the people whose stored end of stay has gone by; the
  calendar is then asked about each of them, so a person in the special period of a filed extension or change
  is never listed as overstaying;
* **the next deadline** is the person's earliest stored deadline that is overdue (an obligation not done in
  time) or still ahead on the day — the lines the agenda lists as overdue, today or upcoming, before the office's
  done and snooze marks (:mod:`~zairyu.cases.services.marks`: the agenda's own workflow). The list shows the
  legal deadline; an obligation fulfilled is recorded as its event (an address notified, ...), which the
  calendar then no longer counts.

Tuned for offices of 100,000 people: the filters are index range scans on the stored deadlines, the page's
people are sorted and counted in one query each, and the rows' details are read for the page only
(docs/bench-cases.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, field_validator
from sqlalchemy import ColumnElement, and_, exists, func, or_, select, text
from sqlalchemy.orm import Session, aliased, defer

from zairyu.cases import models as m
from zairyu.cases.services.agenda_lines import state_on
from zairyu.cases.services.common import _In, _iso_country, validate
from zairyu.cases.services.people import name_matches, unicode_lower
from zairyu.errors import InvalidInputError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
DEFAULT_EXPIRING_DAYS = 90
"""``expiring`` without a number of days: the stay ends within 90 days (about when ISA accepts an extension for
a period of 6 months or more: the ISA extension page, practice; see ``calendar.deadlines.filing_window``)."""
END_KINDS = ("special_period_end", "expiry_of_stay")
"""The stored deadlines that say when a stay ends, the first one found winning (see the module docstring)."""


class PeopleQuery(_In):
    """What the list shows: filters (all of them combine), sort and page. Bad values are refused naming the
    field and what is allowed."""

    search: str | None = Field(None, max_length=200, description="Part of any name (Latin, kana or kanji)")
    status: str | None = Field(None, max_length=60, description="Current status of residence (law catalogue code)")
    expiring: int | None = Field(None, ge=0, le=3660, description="Only people whose stay ends within this many "
                                                                   "days from the as-of date (inclusive)")
    overstaying: bool = Field(False, description="Only people who hold no status on the as-of date "
                                                 "(the calendar's holds_status_on)")
    assignee: str | None = Field(None, description="A user id, 'unassigned' or 'mine'")
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2 code (or a country's name)")
    sort: Literal["name", "next_deadline", "stay_expiry", "nationality", "assignee"] = "name"
    order: Literal["asc", "desc"] = "asc"
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @field_validator("search", "status", "assignee", "nationality", mode="before")
    @classmethod
    def _blank(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("nationality")
    @classmethod
    def _nat(cls, v: str | None) -> str | None:
        return _iso_country(v)

    @field_validator("assignee")
    @classmethod
    def _assignee(cls, v: str | None) -> str | None:
        if v is None or v in ("unassigned", "mine") or (v.isdigit() and 1 <= int(v) <= 2**63 - 1):
            return v
        raise ValueError(f"'{v}' is not an assignee (allowed: a user id, unassigned, mine)")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def people_query(data: dict[str, Any]) -> PeopleQuery:
    """Validate the list's parameters (from a URL, the API or the command line)."""
    return validate(PeopleQuery, data, where="people list")


@dataclass(frozen=True)
class NextDeadline:
    """A person's next stored deadline that matters, with its state on the list's date."""

    kind: str
    topic: str | None
    date: dt.date
    filing_date: dt.date | None
    state: str

    @property
    def action_date(self) -> dt.date:
        return self.filing_date or self.date


@dataclass
class PeopleRow:
    person: m.Person
    stay: m.Stay | None
    """The current stay (the latest grant)."""
    expiry: date | None
    """The end of the period of stay as the calendar computed it (the stored ``expiry_of_stay``)."""
    stay_ends: date | None
    """When the stay ends: the special period's day to act by when one runs, else ``expiry``."""
    special_period: bool
    next_deadline: NextDeadline | None
    assignee: m.User | None


@dataclass
class PeoplePage:
    rows: list[PeopleRow]
    total: int
    query: PeopleQuery
    on: date

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))


_P = m.Person
_D = m.Deadline


def _current_stays() -> Any:
    """(person_id, status) of every person's current stay: the latest grant (as :func:`stays.current_stay`)."""
    later = aliased(m.Stay)
    s1 = m.Stay
    return select(s1.person_id, s1.status).where(~exists().where(
        later.person_id == s1.person_id,
        or_(later.granted_on > s1.granted_on, and_(later.granted_on == s1.granted_on, later.id > s1.id))))


def _ends(organisation_id: int) -> Any:
    """(person_id, date) of each person's stored deadline saying when their stay ends (:data:`END_KINDS`)."""
    other = aliased(_D)
    return select(_D.person_id, _D.date, _D.kind).where(
        _D.organisation_id == organisation_id,
        or_(_D.kind == "special_period_end",
            and_(_D.kind == "expiry_of_stay",
                 ~exists().where(other.person_id == _D.person_id, other.kind == "special_period_end"))))


def overstaying_ids(s: Session, organisation_id: int, on: date) -> list[int]:
    """The office's people who hold no status of residence on ``on``, as the calendar answers it
    (:func:`~zairyu.calendar.lawful_stay.holds_status_on` is False): among the people whose stored end of stay
    has gone by, those the calendar says hold nothing. A person in the special period of an extension or change
    filed in time (ICRRA Art. 20(6)) holds their status and is not listed."""
    from zairyu.calendar.lawful_stay import covered_day, holds_status_on
    from zairyu.cases.services.derivation import build_facts, load_rows
    from zairyu.law.catalogue import catalogue

    ends = _ends(organisation_id).subquery()
    candidates = list(s.scalars(select(ends.c.person_id).join(_P, _P.id == ends.c.person_id).where(
        ends.c.date < on, _P.deleted_at.is_(None))))
    if not candidates:
        return []
    law = catalogue(covered_day(on))
    out = []
    for i in range(0, len(candidates), 500):
        for rows in load_rows(s, candidates[i:i + 500]):
            if holds_status_on(build_facts(rows), on, law).holds is False:
                out.append(rows.person.id)
    return sorted(out)


def _matters(on: date) -> ColumnElement[bool]:
    """A stored deadline that matters on ``on``: overdue (an obligation whose day has gone by), or today and
    ahead — the agenda's overdue, today and upcoming lines (what has merely passed, or a window's opening gone
    by, is not a next deadline)."""
    act = func.coalesce(_D.filing_date, _D.date)
    return or_(act >= on, and_(_D.when_past == "overdue", act < on))


def _conditions(s: Session, organisation_id: int, q: PeopleQuery, on: date, *, user_id: int | None,
                only_assigned_to: int | None, only_person: int | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [_P.organisation_id == organisation_id, _P.deleted_at.is_(None)]
    if only_assigned_to is not None:  # a supporter sees only the people assigned to them
        conds.append(_P.id.in_(select(m.SupporterAssignment.person_id).where(
            m.SupporterAssignment.user_id == only_assigned_to)))
    if only_person is not None:  # a client: their own record
        conds.append(_P.id == only_person)
    if q.search:
        conds.append(name_matches(q.search))
    if q.status:
        check_status(q.status, on)
        cur = _current_stays().subquery()
        conds.append(_P.id.in_(select(cur.c.person_id).where(cur.c.status == q.status)))
    if q.nationality:
        conds.append(_P.nationality == q.nationality)
    if q.assignee == "unassigned":
        conds.append(_P.assignee_id.is_(None))
    elif q.assignee == "mine":
        if user_id is None:
            raise InvalidInputError("'mine' needs a signed-in user", field="assignee", value="mine",
                                    allowed="a user id or unassigned", where="people list")
        conds.append(_P.assignee_id == user_id)
    elif q.assignee is not None:
        conds.append(_P.assignee_id == int(q.assignee))
    if q.expiring is not None:
        ends = _ends(organisation_id).subquery()
        conds.append(_P.id.in_(select(ends.c.person_id).where(
            ends.c.date >= on, ends.c.date <= on + timedelta(days=q.expiring))))
    if q.overstaying:
        conds.append(_P.id.in_(overstaying_ids(s, organisation_id, on)))
    return conds


def check_status(code: str, on: date) -> None:
    """A status the law catalogue knows on ``on``: in force, or held on under transitional measures."""
    from zairyu.calendar.lawful_stay import covered_day
    from zairyu.law.catalogue import catalogue, suggest

    law = catalogue(covered_day(on))
    if not law.holdable(code):
        close = suggest(code, (v.code for v in law.statuses))  # as the law catalogue's own check suggests
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InvalidInputError(f"unknown status of residence '{code}'{hint}", field="status", value=code,
                                allowed=", ".join(sorted(v.code for v in law.statuses)), where="people list")


def _ordered(stmt: Any, organisation_id: int, q: PeopleQuery, on: date, *, narrow: bool) -> Any:
    desc = q.order == "desc"

    def key(col: Any) -> Any:
        return (col.desc() if desc else col.asc()).nulls_last()

    # every script's letters folded (unicode_lower): Шевченко sorts with абрамова, not before it (on SQLite this
    # costs some 10 ms a page on 30,000 people, docs/bench-cases.md)
    name = (unicode_lower(_P.family_name), unicode_lower(func.coalesce(_P.given_name, "")))
    by_name = [key(c) for c in name]
    if q.sort == "name":
        keys = by_name
    elif q.sort == "nationality":
        keys = [key(_P.nationality), *(c.asc() for c in name)]
    elif q.sort == "assignee":
        u = aliased(m.User)
        stmt = stmt.outerjoin(u, u.id == _P.assignee_id)
        keys = [key(unicode_lower(u.display_name)), *(c.asc() for c in name)]
    elif q.sort in ("stay_expiry", "next_deadline"):
        if q.sort == "stay_expiry":
            value: Any = func.min(_D.date)
            where: ColumnElement[bool] = _D.kind == "expiry_of_stay"
        else:
            value, where = func.min(func.coalesce(_D.filing_date, _D.date)), _matters(on)
        if narrow:
            # a short list (a few thousand people at most): one look-up per person in the deadlines' person index
            sort_key: Any = select(value).where(_D.person_id == _P.id, where).scalar_subquery()
        else:
            # a long list: one grouped query over the office's deadlines (read from the covering index
            # ix_deadlines_agenda), joined by person — 2-5 times faster than 100,000 look-ups
            grouped = select(_D.person_id, value.label("v")).where(
                _D.organisation_id == organisation_id, where).group_by(_D.person_id).subquery()
            stmt = stmt.outerjoin(grouped, grouped.c.person_id == _P.id)
            sort_key = grouped.c.v
        keys = [key(sort_key), *(c.asc() for c in name)]
    return stmt.order_by(*keys, _P.id.desc() if desc and q.sort == "name" else _P.id.asc())


NARROW = 5000
"""Up to this many people, a sort by expiry or next deadline looks each one up; above, it groups the office's
deadlines once (docs/bench-cases.md, "The people list")."""


def _no_jit(s: Session) -> None:
    """PostgreSQL: no JIT compilation for the rest of this transaction. The list's filters make the planner's
    cost estimate cross ``jit_above_cost`` on a large office, and compiling then took longer than the query:
    a filtered page of 30,000 people answered in ~120 ms without JIT against ~240 ms with it
    (docs/bench-cases.md, "The people list")."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SET LOCAL jit = off"))


def list_page(s: Session, organisation_id: int, q: PeopleQuery, on: date, *, user_id: int | None = None,
              only_assigned_to: int | None = None, only_person: int | None = None) -> PeoplePage:
    """One page of the list, with the number of people all pages hold."""
    _no_jit(s)
    conds = _conditions(s, organisation_id, q, on, user_id=user_id, only_assigned_to=only_assigned_to,
                        only_person=only_person)
    total = int(s.scalar(select(func.count()).select_from(_P).where(*conds)) or 0)
    ids = list(s.scalars(_ordered(select(_P.id).where(*conds), organisation_id, q, on, narrow=total <= NARROW)
                         .offset(q.offset).limit(q.page_size)))
    return PeoplePage(rows_for(s, ids, on), total, q, on)


def all_rows(s: Session, organisation_id: int, q: PeopleQuery, on: date, *, user_id: int | None = None,
             only_assigned_to: int | None = None, only_person: int | None = None, batch: int = 1000
             ) -> Iterator[PeopleRow]:
    """Every row the filters select (all pages), in the list's order: for the export."""
    _no_jit(s)
    conds = _conditions(s, organisation_id, q, on, user_id=user_id, only_assigned_to=only_assigned_to,
                        only_person=only_person)
    total = int(s.scalar(select(func.count()).select_from(_P).where(*conds)) or 0)
    ids = list(s.scalars(_ordered(select(_P.id).where(*conds), organisation_id, q, on, narrow=total <= NARROW)))
    for i in range(0, len(ids), batch):
        yield from rows_for(s, ids[i:i + batch], on)


def rows_for(s: Session, ids: Sequence[int], on: date) -> list[PeopleRow]:
    """The rows of these people, in this order: a few queries for all of them."""
    if not ids:
        return []
    # the encrypted columns (notes, assessment facts, card numbers) are not part of a row: not read, not decrypted
    people = {p.id: p for p in s.scalars(select(_P).where(_P.id.in_(ids)).options(
        defer(_P.notes), defer(_P.extra_facts)))}
    stays: dict[int, m.Stay] = {}
    for st in s.scalars(select(m.Stay).where(m.Stay.person_id.in_(ids)).options(defer(m.Stay.card_number))
                        .order_by(m.Stay.granted_on, m.Stay.id)):
        stays[st.person_id] = st  # the latest grant wins
    act = func.coalesce(_D.filing_date, _D.date)
    cols = (_D.person_id, _D.kind, _D.topic, _D.date, _D.filing_date, _D.when_past)
    expiry: dict[int, date] = {}
    special: dict[int, date] = {}
    for pid, kind, d in s.execute(select(_D.person_id, _D.kind, _D.date).where(
            _D.person_id.in_(ids), _D.kind.in_(END_KINDS))):
        (special if kind == "special_period_end" else expiry)[pid] = d
    nxt: dict[int, NextDeadline] = {}
    rows = s.execute(select(*cols).where(_D.person_id.in_(ids), _matters(on)).order_by(act, _D.kind)).all()
    for pid, kind, topic, d, fd, wp in rows:
        if pid in nxt:
            continue
        state = state_on(_Line(d, fd, wp), on)
        if state is not None:
            nxt[pid] = NextDeadline(kind, topic, d, fd, state)
    assignee_ids = {p.assignee_id for p in people.values() if p.assignee_id is not None}
    users = {u.id: u for u in s.scalars(select(m.User).where(m.User.id.in_(assignee_ids)))} if assignee_ids else {}
    out = []
    for pid in ids:
        p = people.get(pid)
        if p is None:
            continue
        exp = expiry.get(pid)
        out.append(PeopleRow(p, stays.get(pid), exp, special.get(pid, exp), pid in special, nxt.get(pid),
                             users.get(p.assignee_id) if p.assignee_id is not None else None))
    return out


@dataclass(frozen=True)
class _Line:
    date: dt.date
    filing_date: dt.date | None
    when_past: str


def nationalities_of(s: Session, organisation_id: int) -> list[str]:
    """The nationalities the office's people hold (for the list's nationality filter)."""
    return [n for n in s.scalars(select(_P.nationality).where(
        _P.organisation_id == organisation_id, _P.deleted_at.is_(None), _P.nationality.is_not(None))
        .distinct().order_by(_P.nationality)) if n]


CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP): such a cell is
written with a leading apostrophe, which Excel and LibreOffice show as text."""


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text
