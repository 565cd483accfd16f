"""Reading the stored deadlines: a person's (:func:`person_deadlines`) and the office's agenda
(:func:`agenda`, :func:`agenda_counts`), tuned for offices of 100,000 people (docs/bench-cases.md)."""

from __future__ import annotations

import bisect
import functools
import gc
import itertools
import json
import operator
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple, cast

from sqlalchemy import Integer, Text, any_, bindparam, case, func, literal_column, select
from sqlalchemy import cast as cast_sql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from zairyu.calendar.deadlines import deadline_state, window_closes_on
from zairyu.calendar.model import LANGS, DeadlineState, deadline_json
from zairyu.cases import models as m
from zairyu.cases.services.common import StaleRecordError
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError
from zairyu.messages import Message, Messages, render


def stored_explanations(d: Any, langs: Iterable[str] = LANGS) -> dict[str, str]:
    """A stored deadline's explanation (its messages) written in each of ``langs``."""
    return {lang: d.explanation(lang) for lang in langs}


def deadlines_of(s: Session, person_id: int) -> list[m.Deadline]:
    return list(s.scalars(select(m.Deadline).where(m.Deadline.person_id == person_id)
                          .order_by(m.Deadline.date, m.Deadline.kind)))


def person_deadlines(s: Session, person_id: int, on: date) -> list[AgendaItem]:
    """One person's stored deadlines that matter on ``on``, each with its state (the calendar's
    :func:`~zairyu.calendar.deadlines.deadline_state`): a window that has closed is left out, as the
    calendar leaves it out."""
    p = get_person(s, person_id)
    rows = deadlines_of(s, person_id)
    siblings = [(d.kind, d.filing_date or d.date) for d in rows]
    out = []
    for d in rows:
        state = state_on(d, on, window_closes_on(d.kind, siblings))
        if state is not None:
            out.append(AgendaItem(d, p, state, on))
    return out


class PersonBrief(NamedTuple):
    """The few person fields an agenda line needs (loaded without the whole record)."""

    id: int
    family_name: str
    given_name: str | None
    family_name_kana: str | None
    given_name_kana: str | None
    family_name_kanji: str | None
    given_name_kanji: str | None
    nationality: str | None

    @property
    def display_name(self) -> str:
        return m.display_name(self)


class AgendaItem(NamedTuple):
    """One line of a person's own deadlines (:func:`person_deadlines`). The agenda's lines are
    :class:`AgendaLine` objects, which answer to the same ``deadline``, ``person``, ``state``, ``overdue``
    and ``to_json()``."""

    deadline: Any
    """A :class:`~zairyu.cases.models.Deadline`."""
    person: Any
    """A :class:`~zairyu.cases.models.Person`."""
    state: str
    """As of the agenda date: upcoming, today, overdue (an obligation not done in time), passed (a date
    gone by that still matters) or open (a window that has opened)."""
    as_of: date | None = None
    """The date the state is for (``days_left`` counts from it)."""

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def to_json(self, *, trace: bool = True, langs: Iterable[str] = LANGS) -> dict[str, Any]:
        """The stored deadline as :func:`~zairyu.calendar.model.deadline_json` writes every deadline, with its
        person; ``explanation`` in ``langs``, ``trace`` in English (the stored record)."""
        d = self.deadline
        p = self.person
        try:
            lines: list[str] | None = d.trace_lines("en") if trace else None
        except AttributeError:  # agenda lines can be loaded without their trace
            lines = None
        return deadline_json(
            kind=d.kind, topic=d.topic, date=d.date, filing_date=d.filing_date, state=self.state,
            days_left=days_left(d, d.computed_for if self.as_of is None else self.as_of), risk=d.risk,
            legal_basis=d.legal_basis, explanation=stored_explanations(d, langs), trace=lines,
            fact_status=d.fact_status, computed_for=d.computed_for, person=person_json(p, p.display_name))


def days_left(d: Any, on: date) -> int:
    """Days from ``on`` to a stored deadline's action date (negative when past), as the calendar counts."""
    action: date = d.filing_date or d.date
    return (action - on).days


def person_json(p: Any, name: str) -> dict[str, Any]:
    """Whose deadline it is, on an agenda line."""
    return {"id": p.id, "name": name, "family_name": p.family_name, "given_name": p.given_name,
            "nationality": p.nationality}


def state_on(d: Any, on: date, closes_on: date | None = None) -> DeadlineState | None:
    """A stored deadline's state on ``on``, by the calendar's rule; None for a window that has closed
    (``closes_on``: when its window closes, see :func:`person_deadlines`)."""
    return deadline_state(d.filing_date or d.date, d.when_past, on, closes_on)


MAX_ROLL_DAYS = 14
"""A filing date rolled past closed days is never this many days after the legal date (the longest run of
closed days — New Year's 12/29–1/3 joined to weekends, or Golden Week — is about 10 days)."""

_D = m.Deadline
# What an agenda line lists, all held in the index ix_deadlines_agenda (read without visiting the table).
_LINE_COLS = (_D.id, _D.person_id, _D.kind, _D.topic, _D.date, _D.filing_date, _D.when_past, _D.risk,
              _D.fact_status, _D.computed_for)
_LINE = {c.key: i for i, c in enumerate(_LINE_COLS)}
"""Where each listed column is in a line's row, by name (the rows are plain tuples from the driver)."""
_ID, _PERSON_ID, _KIND, _DATE, _FILING_DATE, _WHEN_PAST = (
    _LINE[k] for k in ("id", "person_id", "kind", "date", "filing_date", "when_past"))
_LINE_ORDER = operator.itemgetter(_DATE, _PERSON_ID, _KIND, _ID)  # as the SQL ORDER BY
_LINE_DATE = operator.itemgetter(_DATE)
_LINE_WHEN_PAST = operator.itemgetter(_WHEN_PAST)
_N_LINE_COLS = len(_LINE_COLS)
# The long parts of the lines, read for the whole agenda at once (:meth:`_Details.row`); the trace comes last
# and is left out when the agenda is read without traces.
_DETAIL_COLS: tuple[Any, ...] = (
    _D.id, cast_sql(_D.text, Text).label("text"), cast_sql(_D.legal_basis, Text).label("legal_basis"),
    cast_sql(_D.trace, Text).label("trace"))
_DETAIL = {c.key: i for i, c in enumerate(_DETAIL_COLS)}
"""Where each long part is in a line's details row, by name."""
_TEXT, _LEGAL, _TRACE = (_DETAIL[k] for k in ("text", "legal_basis", "trace"))
assert _TRACE == len(_DETAIL_COLS) - 1
_PERSON_COLS = (m.Person.id, m.Person.family_name, m.Person.given_name, m.Person.family_name_kana,
                m.Person.given_name_kana, m.Person.family_name_kanji, m.Person.given_name_kanji,
                m.Person.nationality)


class _Details:
    """What a batch of agenda lines shares: their people (read with the lines, each once), and their long
    parts — explanations, provisions (JSON) and traces (JSON) — read in one query for the whole batch the
    first time any line is shown. A long agenda that is only counted, filtered or paged never reads them;
    decoding them is most of the cost of a long agenda. Needs the session the agenda was read with to be
    still open."""

    __slots__ = ("_s", "on", "_ids", "with_trace", "people", "_rows", "_legal", "_names", "_texts")

    def __init__(self, s: Session, with_trace: bool, on: date) -> None:
        self._s = s
        self.on = on  # the agenda's date (``days_left`` counts from it)
        self._ids: list[int] = []  # the lines' ids (set once the lines are built)
        self.people: dict[int, PersonBrief] = {}  # by id (set once the lines are built)
        self.with_trace = with_trace
        self._rows: dict[int, Any] | None = None
        self._legal: dict[str, list[Any]] = {}  # the same few provision lists recur on thousands of lines
        self._names: dict[int, str] = {}  # a person with several lines is named once
        self._texts: dict[str, Messages] = {}  # the same explanation recurs (a kind on the same day)

    def to_json(self, d: AgendaLine, trace: bool, langs: Iterable[str]) -> dict[str, Any]:
        """:meth:`AgendaLine.to_json`: the same dictionary as :meth:`AgendaItem.to_json` gives for the stored
        deadline (:func:`~zairyu.calendar.model.deadline_json`), with the line's stored row looked up once
        instead of once per field."""
        p = d.person
        row = self.row(d.id)
        name = self._names.get(p.id)
        if name is None:
            name = self._names[p.id] = p.display_name
        text = self.text(row[_TEXT])
        return deadline_json(
            kind=d.kind, topic=d.topic, date=d.date, filing_date=d.filing_date, state=d.state,
            days_left=((d.filing_date or d.date) - self.on).days, risk=d.risk,
            legal_basis=[dict(b) for b in self.legal_basis(row[_LEGAL])],
            explanation={lang: render(text, lang) for lang in langs},
            trace=d.trace_lines("en") if trace and self.with_trace else None,
            fact_status=d.fact_status, computed_for=d.computed_for, person=person_json(p, name))

    def text(self, stored: str) -> Messages:
        got = self._texts.get(stored)
        if got is None:
            got = self._texts[stored] = Messages.from_json(json.loads(stored))
        return got

    def row(self, id_: int) -> Any:
        if self._rows is None:
            cols = _DETAIL_COLS if self.with_trace else _DETAIL_COLS[:_TRACE]
            q = select(*cols).where(_id_in(self._s, _D.id, self._ids))
            self._rows = {r[0]: r for r in self._s.connection().execute(q).all()}
        got = self._rows.get(id_)
        if got is None:  # recomputed by someone else between the two reads (PostgreSQL, read committed)
            raise StaleRecordError("the deadlines were recomputed while the agenda was read; reload it",
                                   field="agenda")
        return got

    def legal_basis(self, text: str) -> list[Any]:
        got = self._legal.get(text)
        if got is None:
            got = self._legal[text] = json.loads(text)
        return got


_Date = date  # the field named ``date`` below would hide the type


class AgendaLine(NamedTuple):
    """One line of the agenda, in one object: the columns it lists and its state (a tuple: built by the ten
    thousand for a large office), and its person, read with the agenda, one object per person however many
    lines they have. ``text`` (the explanation's messages), ``legal_basis`` and ``trace`` (when loaded
    with traces) are read for the whole agenda at the first use of any of them (see :class:`_Details`).
    Like :class:`AgendaItem` it has ``deadline`` (the line itself: it carries the deadline's own attribute
    names), ``person``, ``state``, ``overdue`` and ``to_json()``."""

    id: int
    person_id: int
    kind: str
    topic: str | None
    date: _Date
    filing_date: _Date | None
    when_past: str
    risk: bool
    fact_status: str
    computed_for: _Date
    state: str
    """As of the agenda date: upcoming, today, overdue (an obligation not done in time), passed (a date
    gone by that still matters) or open (a window that has opened)."""
    details: _Details

    @property
    def deadline(self) -> AgendaLine:
        return self

    @property
    def person(self) -> PersonBrief:
        """Id, names, nationality and ``display_name``."""
        return self.details.people[self.person_id]

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def to_json(self, *, trace: bool = True, langs: Iterable[str] = LANGS) -> dict[str, Any]:
        """The same dictionary as :meth:`AgendaItem.to_json` gives for the stored deadline and its person."""
        return self.details.to_json(self, trace, langs)

    @property
    def text(self) -> Messages:
        """The explanation as messages."""
        return self.details.text(self.details.row(self.id)[_TEXT])

    def explanation(self, lang: str) -> str:
        """The explanation in ``lang``."""
        return render(self.text, lang)

    @property
    def legal_basis(self) -> list[Any]:
        return [dict(b) for b in self.details.legal_basis(self.details.row(self.id)[_LEGAL])]

    @property
    def trace(self) -> list[Any]:
        """The stored trace (messages as JSON)."""
        if not self.details.with_trace:
            raise AttributeError("trace")  # loaded without traces: hasattr(line, "trace") is False
        text: str | None = self.details.row(self.id)[_TRACE]
        return json.loads(text) if text is not None else []

    def trace_lines(self, lang: str = "en") -> list[str]:
        """How the date was computed, in ``lang``."""
        return [render(Message.from_json(t), lang) for t in self.trace]


# a line is its row's columns, then its state and details: the fields are named as the columns, in their order
assert AgendaLine._fields[:_N_LINE_COLS] == tuple(_LINE), "AgendaLine's fields follow _LINE_COLS"


def _agenda_base(organisation_id: int, only_assigned_to: int | None, person_id: int | None,
                 kinds: tuple[str, ...] | None = None, assignee: int | None = None) -> Any:
    """The lines of one office, narrowed: to a supporter's people, one person, some kinds of deadline, the
    people one member of staff handles (``assignee``: their user id; :data:`UNASSIGNED`: nobody's)."""
    base = select(*_LINE_COLS).where(_D.organisation_id == organisation_id)
    if only_assigned_to is not None:
        base = base.join(m.SupporterAssignment, m.SupporterAssignment.person_id == _D.person_id).where(
            m.SupporterAssignment.user_id == only_assigned_to)
    if person_id is not None:
        base = base.where(_D.person_id == person_id)
    if kinds is not None:
        base = base.where(_D.kind.in_(kinds))
    if assignee is not None:
        handled = select(m.Person.id).where(m.Person.organisation_id == organisation_id,
                                            m.Person.assignee_id.is_(None) if assignee == UNASSIGNED
                                            else m.Person.assignee_id == assignee)
        base = base.where(_D.person_id.in_(handled))
    return base


UNASSIGNED = 0
"""The ``assignee`` filter for the people nobody is assigned to (user ids start at 1)."""


def _id_in(s: Session, column: Any, ids: Collection[int]) -> Any:
    """``column IN (ids)`` with the ids as one parameter (an array on PostgreSQL, a JSON list on SQLite):
    tens of thousands of separate parameters cost more to send and to plan than the lookups themselves."""
    wanted = sorted(ids)
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        return column == any_(bindparam(None, wanted, type_=ARRAY(Integer)))
    if dialect == "sqlite":
        listed = func.json_each(bindparam(None, json.dumps(wanted)))
        return column.in_(select(literal_column("value")).select_from(listed))
    return column.in_(wanted)


def _people_brief(s: Session, ids: Collection[int]) -> dict[int, PersonBrief]:
    """The agenda's people, each read once however many lines they have (straight from the driver: the
    columns are all text and integers, so there is nothing for SQLAlchemy to convert)."""
    conn = s.connection()
    dialect = conn.dialect.name
    cols = ", ".join(c.name for c in _PERSON_COLS)
    wanted = sorted(ids)
    arg: str | list[int]
    if dialect == "sqlite":
        sql, arg = f"SELECT {cols} FROM people WHERE id IN (SELECT value FROM json_each(?))", json.dumps(wanted)
    elif dialect == "postgresql":
        # a binary array: PostgreSQL parsing tens of thousands of ids from text took ~10 ms
        sql, arg = f"SELECT {cols} FROM people WHERE id = ANY(%b)", wanted
    else:
        rows = conn.execute(select(*_PERSON_COLS).where(_id_in(s, m.Person.id, ids))).all()
        return {r[0]: PersonBrief._make(r) for r in rows}
    cur = conn.connection.cursor()
    try:
        cur.execute(sql, (arg,))
        got = cur.fetchall()
    finally:
        cur.close()
    make = tuple.__new__
    return {r[0]: make(PersonBrief, r) for r in got}


def agenda(s: Session, organisation_id: int, on: date, days: int = 30, *,
           only_assigned_to: int | None = None, person_id: int | None = None,
           limit: int | None = None, offset: int = 0, with_trace: bool = True,
           kinds: Collection[str] | None = None, assignee: int | None = None) -> list[AgendaLine]:
    """What is due up to ``on + days``, plus what has gone by and still matters (an obligation not done:
    overdue; the end of a stay or of the special period: passed). Overdue first, then by date.
    Window openings and revocation risks whose date has gone by are left out (they stay on the
    person's page). ``limit``/``offset`` page through it; each part is an index range scan.

    The lines' explanations, provisions and traces are read when first used, from the same session
    (use the lines before the session closes)."""
    if days < 0:
        raise InvalidInputError("the number of days cannot be negative", field="days", value=days)
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInputError("limit and offset cannot be negative", field="limit")
    want = None if limit is None else offset + limit
    sql = _agenda_sql(s.get_bind().dialect, organisation_id, only_assigned_to, person_id, on, days, want,
                      tuple(sorted(kinds)) if kinds is not None else None, assignee)
    with _gc_paused():
        return _agenda_items(s, on, sql, want, offset, with_trace)


@functools.lru_cache(maxsize=256)
def _agenda_sql(dialect: Any, organisation_id: int, only_assigned_to: int | None, person_id: int | None,
                on: date, days: int, want: int | None, kinds: tuple[str, ...] | None = None,
                assignee: int | None = None) -> tuple[str, str]:
    """The agenda's two line queries as plain SQL (only integers and dates are rendered into it), remembered:
    compiling them was about a sixth of a small office's agenda request, and the same office, user and day
    ask for the same agenda many times."""
    from datetime import timedelta

    until = on + timedelta(days=days)
    act = func.coalesce(_D.filing_date, _D.date)
    base = _agenda_base(organisation_id, only_assigned_to, person_id, kinds, assignee)
    # What has gone by and still matters (overdue, passed), in one query. ``computed_at`` is not listed but is
    # outside the covering index ix_deadlines_agenda: without it both SQLite and PostgreSQL read every past
    # deadline of the office from that index (~100,000 entries for 100,000 people) instead of seeking the
    # few thousand in ix_deadlines_org_past_date (organisation, when_past, date): 24 ms against 9 on SQLite.
    gone = base.where(_D.when_past.in_(("overdue", "passed")), _D.date < on, act < on).add_columns(_D.computed_at)
    ahead = base.where(_D.date >= on - timedelta(days=MAX_ROLL_DAYS), _D.date <= until, act >= on)
    line_order = (_D.date, _D.person_id, _D.kind, _D.id)
    # 'overdue' sorts before 'passed': the overdue lines come first, each part in line order
    gone = gone.order_by(_D.when_past, *line_order)
    ahead = ahead.order_by(*line_order)
    if want is not None:
        gone, ahead = gone.limit(want), ahead.limit(want)
    gone_sql, ahead_sql = (str(q.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
                           for q in (gone, ahead))
    return gone_sql, ahead_sql


@contextmanager
def _gc_paused() -> Iterator[None]:
    """A long agenda is tens of thousands of small objects without reference cycles; while they are built,
    Python's cycle collector would otherwise walk the whole heap many times over (half of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Dates(dict[Any, Any]):
    """SQLite gives dates as 'YYYY-MM-DD' text: each distinct one (a few hundred on an agenda) is parsed once."""

    def __missing__(self, key: Any) -> Any:
        got = self[key] = key if key is None or isinstance(key, _Date) else _Date.fromisoformat(key)
        return got


class _States(dict[tuple[date, str], Any]):
    """Each agenda line's state by the calendar's rule (:func:`deadline_state`), computed once per (action
    date, what the line becomes once past): a long agenda has a few hundred of those for tens of thousands
    of lines. The agenda holds no window whose action date has gone by (its query leaves them out)."""

    def __init__(self, on: date) -> None:
        super().__init__()
        self.on = on

    def __missing__(self, key: tuple[date, str]) -> Any:
        got = self[key] = deadline_state(key[0], key[1], self.on)
        return got


def _in_batches(cur: Any, size: int = 2000) -> Iterator[Any]:
    while batch := cur.fetchmany(size):
        yield from batch


def _agenda_items(s: Session, on: date, sql: tuple[str, str], want: int | None, offset: int,
                  with_trace: bool) -> list[AgendaLine]:
    gone, ahead = sql
    conn = s.connection()
    dialect = conn.dialect
    # The line queries go straight to the driver as plain SQL (only integers and dates are rendered into
    # it): SQLAlchemy's per-row result processing was a third of a long agenda's time.
    cur = conn.connection.cursor()
    # SQLite returns dates as ISO text, which sorts and compares like the dates themselves
    text_dates = dialect.name == "sqlite"
    key: Any = on.isoformat() if text_dates else on
    details = _Details(s, with_trace, on)
    make = tuple.__new__
    states = _States(on)
    date_at, filing_at, past_at = _DATE, _FILING_DATE, _WHEN_PAST

    try:
        # the overdue lines come first (with a limit, the first ``want`` of what has gone by hold every
        # overdue and passed line the page can show)
        cur.execute(gone)
        went = list(cur.fetchall())
        n_over = bisect.bisect_right(went, "overdue", key=_LINE_WHEN_PAST)
        head = [r[:_N_LINE_COLS] for r in went[:n_over]]  # without the column that only steered the query
        rest: Iterator[Any] = iter(())
        if want is None or len(head) < want:
            cur.execute(ahead)
            # What has passed comes before what is ahead, except lines ahead only by a rolled filing date
            # (dated before ``on``: they come first). The rest is turned into lines as the driver gives the
            # rows, and each row is freed as soon as its line is built, so that the next rows reuse its memory
            # (~15 % less time than holding every row, more in a process whose heap is scattered). sqlite3
            # steps row by row in C; psycopg makes rows one at a time in Python but many at once in C.
            rest = iter(cast(Iterable[Any], cur)) if text_dates else _in_batches(cur)
            middle = [r[:_N_LINE_COLS] for r in went[n_over:]]
            for r in rest:
                if r[date_at] >= key:
                    middle.sort(key=_LINE_ORDER)
                    head += middle
                    head.append(r)
                    break
                middle.append(r)
            else:
                middle.sort(key=_LINE_ORDER)
                head += middle
        rows = itertools.islice(itertools.chain(head, rest), offset, want)
        # one object per line (its columns and its state), built in one comprehension
        if text_dates:  # dates as text, booleans as 0/1
            dates = _Dates()
            lines = [make(AgendaLine, (id_, pid, kind, topic, dates[d], dates[fd], wp, risk == 1, fs, dates[cf],
                                       states[(dates[fd or d], wp)], details))
                     for id_, pid, kind, topic, d, fd, wp, risk, fs, cf in rows]
        else:
            lines = [make(AgendaLine, r + (states[(r[filing_at] or r[date_at], r[past_at])], details))
                     for r in rows]
    finally:
        cur.close()
    details._ids = [line.id for line in lines]
    details.people = _people_brief(s, {line.person_id for line in lines})
    return lines


def agenda_counts(s: Session, organisation_id: int, on: date, *, only_assigned_to: int | None = None
                  ) -> dict[str, int]:
    """How many agenda lines are overdue, due within 7 days and within 30 days (for dashboards).
    Two counting queries on the deadlines indexes (no rows are loaded)."""
    from datetime import timedelta

    D = m.Deadline
    act = func.coalesce(D.filing_date, D.date)
    week, month = on + timedelta(days=7), on + timedelta(days=30)
    ahead = select(func.count(), func.coalesce(func.sum(case((act <= week, 1), else_=0)), 0)).where(
        D.organisation_id == organisation_id, D.date >= on - timedelta(days=MAX_ROLL_DAYS), D.date <= month,
        act >= on)
    late = select(func.count()).where(D.organisation_id == organisation_id, D.when_past == "overdue", D.date < on,
                                      act < on)
    if only_assigned_to is not None:
        mine = select(m.SupporterAssignment.person_id).where(m.SupporterAssignment.user_id == only_assigned_to)
        ahead = ahead.where(D.person_id.in_(mine))
        late = late.where(D.person_id.in_(mine))
    n_month, n_week = s.execute(ahead).one()
    return {"overdue": int(s.scalar(late) or 0), "week": int(n_week), "month": int(n_month)}
