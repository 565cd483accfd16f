"""Deadlines as an iCalendar file (RFC 5545) that common calendar apps import.

One all-day event per deadline on its legal date, with two reminders (14 days and 1 day before), the
explanation, the rolled filing date and the provisions in the description. The UID is stable for one
person, kind, topic and date, so re-importing the file (or refreshing a feed built with it) updates
events instead of duplicating them. ``DTSTAMP`` is the as-of date of the computation, never the clock,
so the same facts on the same date give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from zairyu.calendar.model import Deadline

PRODID = "-//zairyu//Calendar of a stay//EN"
ALARMS_BEFORE = (timedelta(days=14), timedelta(days=1))

# Titles, topics and labels are catalogue messages (``ics.title.<kind>``, ``ics.topic.<topic>``, ``ics.label.*`` in
# src/zairyu/messages/<lang>.yaml): a calendar is written in any language that has a catalogue.


def _text(key: str, lang: str, **params: object) -> str:
    from zairyu.messages import catalogue, message, render

    if key not in catalogue("en"):
        return ""
    return render(message(key, **params), lang)


def title(d: Deadline, lang: str) -> str:
    """A short human title for a deadline, e.g. 'Notification deadline (address)'."""
    from zairyu.glossary import term

    base = _text(f"ics.title.{d.kind}", lang) or term("deadline", d.kind, lang)  # the glossary's name of the kind
    return with_topic(base, d.topic, lang)


def with_topic(name: str, topic: str | None, lang: str) -> str:
    """A deadline's name with its topic in words where the kind alone does not say it (``ics.topic.*``: a
    notification's address or spouse): 'Notification deadline (address)', 届出期限（配偶者）."""
    words = _text(f"ics.topic.{topic}", lang) if topic else ""
    return _text("ics.with_topic", lang, title=name, topic=words) if words else name


def uid(person_label: str, d: Deadline) -> str:
    """Stable per person + kind + topic + date."""
    key = "|".join((person_label, d.kind, d.topic or "", d.date.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@zairyu"


def _description(d: Deadline, lang: str) -> str:
    from zairyu.glossary import term

    def line(label: str, text: str) -> str:
        return _text("ics.line", lang, label=_text(f"ics.label.{label}", lang), text=text)

    lines = [d.explanation(lang), ""]
    if d.filing_date is not None:
        lines.append(line("filing", d.filing_date.isoformat()))
    lines.append(line("provisions", d.provisions(lang)))
    if d.fact_status in ("practice", "unverified"):
        lines.append(line("certainty", term("fact_status", d.fact_status, lang)))
    lines.append(line("computation", " / ".join(d.trace_lines(lang))))
    return "\n".join(lines)


def deadlines_to_ics(deadlines: Iterable[Deadline], *, person_label: str, lang: str = "ja",
                     stamp: datetime | None = None, labels: Iterable[str] | None = None,
                     calendar_name: str | None = None) -> bytes:
    """Build an iCalendar file from deadlines (e.g. those of :func:`compute_deadlines`).

    ``stamp`` (DTSTAMP) defaults to the deadlines' as-of date at 00:00 UTC.

    One calendar can hold many people's deadlines (a supporter's feed): ``labels`` then gives each
    deadline's person, in the same order (each event's title and UID use it, so an event keeps its UID
    whether it comes in a person's own calendar or in a shared one), and ``calendar_name`` names the
    calendar (default ``zairyu — <person_label>``).
    """
    items = list(deadlines)
    people = [person_label] * len(items) if labels is None else list(labels)
    if len(people) != len(items):
        raise ValueError(f"{len(people)} labels for {len(items)} deadlines")
    from icalendar import Alarm, Calendar, Event, vText  # here, not at the top: `zairyu deadlines` seldom writes .ics

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # an X- property is not known to be text: escaped explicitly (RFC 5545 §3.3.11), or a name with a line
    # break would end the line and break the whole feed
    cal.add("x-wr-calname", vText(calendar_name or f"zairyu — {person_label}"))
    as_of = next((d.as_of for d in items if d.as_of is not None), None)
    dtstamp = stamp or datetime.combine(as_of or date(2000, 1, 1), time(0, 0), tzinfo=UTC)
    for d, person in zip(items, people, strict=True):
        ev = Event()
        ev.add("uid", uid(person, d))
        ev.add("dtstamp", dtstamp)
        ev.add("dtstart", d.date)
        ev.add("dtend", d.date + timedelta(days=1))
        prefix = "⚠ " if d.risk else ""
        ev.add("summary", f"{prefix}{title(d, lang)} — {person}")
        ev.add("description", _description(d, lang))
        ev.add("categories", ["zairyu", d.kind])
        ev.add("transp", "TRANSPARENT")
        for before in ALARMS_BEFORE:
            al = Alarm()
            al.add("action", "DISPLAY")
            al.add("trigger", -before)
            al.add("description", f"{title(d, lang)} — {d.date.isoformat()}")
            ev.add_component(al)
        cal.add_component(ev)
    return bytes(cal.to_ical())
