"""A person's stays as one ordered list (history + the current stay), for rules that count years."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from zairyu.facts import HistoryEntry
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
