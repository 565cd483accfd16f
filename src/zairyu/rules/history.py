"""A person's stays as one ordered list (history + the current stay), for rules that count years."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from zairyu.calendar.lawful_stay import covered_day, holds_status_on
from zairyu.facts import HistoryEntry, PendingApplication, Stay
from zairyu.rules.context import Ctx


@dataclass(frozen=True, slots=True)
class Run:
    start: date | None
    known: bool


def entries(ctx: Ctx) -> list[tuple[str, date | None]]:
    hist: list[HistoryEntry] = sorted(ctx.facts.history, key=lambda h: h.from_)
    out: list[tuple[str, date | None]] = [(h.status, h.from_) for h in hist]
    st = ctx.facts.stay
    if st is not None and not (out and out[-1][0] == st.status and (st.granted_on is None
                                                                     or out[-1][1] == st.granted_on)):
        out.append((st.status, st.granted_on))
    return out


def trailing_run(ctx: Ctx, pred: Callable[[str], bool | None]) -> Run | None:
    """The start of the current unbroken run of stays whose status satisfies ``pred`` (None: not now)."""
    items = entries(ctx)
    start: date | None = None
    known = True
    found = False
    for code, frm in reversed(items):
        ok = pred(code)
        if ok is None:
            known = False
            break
        if not ok:
            break
        found = True
        start = frm
        if frm is None:
            known = False
    if not found:
        return None if known else Run(None, False)
    return Run(start, known and start is not None)


@dataclass(frozen=True, slots=True)
class Gap:
    """Days between two consecutive stays not covered by the earlier one's period of stay."""

    first: date
    """The first day after the earlier stay's ``to``."""
    last: date
    """The day before the next stay starts (the count starts again from ``resumed``)."""
    resumed: date
    known: bool
    """True: no status was held on those days (the calendar says so); False: a change or extension filed by
    the expiry would have kept the status in the special period (Art. 20(6)), and the facts do not say."""


@dataclass(frozen=True, slots=True)
class Continuity:
    """Breaks in the person's stays (permanent residence counts only unbroken years)."""

    gaps: tuple[Gap, ...]

    @property
    def restart(self) -> date | None:
        """The day the count starts again after the last certain break (None: no break)."""
        known = [g.resumed for g in self.gaps if g.known]
        return max(known) if known else None

    @property
    def maybe(self) -> Gap | None:
        """The last gap after the last certain break that may have been a special period."""
        r = self.restart
        open_ = [g for g in self.gaps if not g.known and (r is None or g.resumed > r)]
        return max(open_, key=lambda g: g.resumed) if open_ else None

    @property
    def last(self) -> Gap | None:
        r, m = self.restart, self.maybe
        if m is not None:
            return m
        return next((g for g in self.gaps if g.known and g.resumed == r), None)


def _held_through_gap(ctx: Ctx, h: HistoryEntry, resumed: date) -> bool | None:
    """Ask the calendar whether the status of ``h`` was still held on the day before ``resumed``: its period
    of stay ended on ``h.to``; only a special period (Art. 20(6)) could have carried it further. The
    application on record (``pending_application``, decided on the day the next stay starts) is the one that
    counts; with none, the calendar is asked whether an in-time change or extension decided that day would
    have covered the gap (True: then the facts do not say — None; False: no application could have)."""
    day = resumed - timedelta(days=1)
    law = ctx.law.at(covered_day(h.to or day))
    if law.has_status(h.status) and law.status(h.status).periods.kind in ("indefinite", "activity_duration"):
        return False  # no period of stay, no special period: the status ended on ``to`` (loss, revocation)
    stay = Stay(status=h.status, period=h.period, granted_on=min(h.from_, h.to or h.from_), expires_on=h.to)
    app = ctx.facts.pending_application
    on_record = app is not None and app.decided_on == resumed and app.filed_on <= resumed
    if not on_record:
        app = PendingApplication(procedure="extension_of_stay", filed_on=h.to or h.from_, decided_on=resumed)
    past = ctx.facts.model_copy(update={"stay": stay, "pending_application": app, "departure": None,
                                        "history": [], "events": []})
    held = holds_status_on(past, day, law).holds
    if on_record or held is False:
        return held
    return None


def continuity(ctx: Ctx) -> Continuity:
    """The gaps between consecutive stays (history, then the current stay): a stay with a ``to`` day followed
    by one starting later than the next day. A gap breaks the count where the calendar says no status was held
    (law.md §2.6, "continuous"); a stay without ``to`` runs until the next one starts (no gap)."""
    memo = ctx._memo.get("continuity")
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    hist: list[HistoryEntry] = sorted(ctx.facts.history, key=lambda h: h.from_)
    starts: list[date | None] = [h.from_ for h in hist[1:]]
    st = ctx.facts.stay
    if st is not None and hist and not (hist[-1].status == st.status and (st.granted_on is None
                                                                            or hist[-1].from_ == st.granted_on)):
        starts.append(st.granted_on)
    gaps: list[Gap] = []
    for h, nxt in zip(hist, starts, strict=False):
        if h.to is None or nxt is None or nxt > ctx.on or nxt <= h.to + timedelta(days=1):
            continue
        held = _held_through_gap(ctx, h, nxt)
        if held is True:
            continue
        gaps.append(Gap(h.to + timedelta(days=1), nxt - timedelta(days=1), nxt, held is False))
    out = ctx._memo["continuity"] = Continuity(tuple(gaps))
    return out
