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

from icalendar import Alarm, Calendar, Event

from zairyu.calendar.model import Deadline

PRODID = "-//zairyu//Calendar of a stay//EN"
ALARMS_BEFORE = (timedelta(days=14), timedelta(days=1))

_TITLES: dict[str, tuple[str, str]] = {
    "expiry_of_stay": ("在留期間の満了日", "Period of stay ends"),
    "earliest_filing_day": ("更新・変更申請の受付開始", "Extension/change filing opens"),
    "last_filing_day": ("更新・変更申請の期限", "Last day to file extension/change"),
    "special_period_end": ("特例期間の終了", "Special period ends"),
    "notification": ("届出の期限", "Notification deadline"),
    "revocation_risk": ("在留資格取消しのリスク", "Revocation risk"),
    "acquisition_filing": ("在留資格取得申請の期限", "Apply to acquire a status"),
    "stay_without_status_end": ("在留資格なしで在留できる期限", "Stay without status ends"),
    "re_entry_deadline": ("再入国の期限", "Re-entry deadline"),
    "card_expiry": ("在留カードの有効期限", "Residence card expires"),
    "card_renewal_from": ("在留カード更新の受付開始", "Card renewal opens"),
    "coe_expiry": ("認定証明書の有効期限", "Certificate of eligibility expires"),
}
_TOPICS: dict[str, tuple[str, str]] = {
    "address": ("住居地", "address"), "organization": ("所属機関", "organisation"), "spouse": ("配偶者", "spouse"),
    "lost_card": ("在留カード再交付", "lost card"), "activity": ("活動なし3か月", "3 months without activity"),
    "spouse_activity": ("配偶者活動なし6か月", "6 months without spouse activity"),
}


def title(d: Deadline, lang: str) -> str:
    """A short human title for a deadline, e.g. 'Notification deadline (address)'."""
    i = 0 if lang == "ja" else 1
    base = _TITLES.get(d.kind, (d.kind, d.kind))[i]
    if d.topic in _TOPICS:
        t = _TOPICS[d.topic][i]
        return f"{base}（{t}）" if lang == "ja" else f"{base} ({t})"
    return base


def uid(person_label: str, d: Deadline) -> str:
    """Stable per person + kind + topic + date."""
    key = "|".join((person_label, d.kind, d.topic or "", d.date.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@zairyu"


def _description(d: Deadline, lang: str) -> str:
    ja = lang == "ja"
    lines = [d.explanation(lang), ""]
    if d.filing_date is not None:
        lines.append(("休日のため受付日: " if ja else "Filing accepted on (holiday roll-forward): ")
                     + d.filing_date.isoformat())
    lines.append(("根拠: " if ja else "Provisions: ") + d.provisions())
    if d.fact_status in ("practice", "unverified"):
        lines.append(("確度: " if ja else "Certainty: ") + d.fact_status)
    lines.append(("計算: " if ja else "Computation: ") + " / ".join(d.trace))
    return "\n".join(lines)


def deadlines_to_ics(deadlines: Iterable[Deadline], *, person_label: str, lang: str = "ja",
                     stamp: datetime | None = None) -> bytes:
    """Build an iCalendar file from deadlines (e.g. those of :func:`compute_deadlines`).

    ``stamp`` (DTSTAMP) defaults to the deadlines' as-of date at 00:00 UTC.
    """
    items = list(deadlines)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"zairyu — {person_label}")
    as_of = next((d.as_of for d in items if d.as_of is not None), None)
    dtstamp = stamp or datetime.combine(as_of or date(2000, 1, 1), time(0, 0), tzinfo=UTC)
    for d in items:
        ev = Event()
        ev.add("uid", uid(person_label, d))
        ev.add("dtstamp", dtstamp)
        ev.add("dtstart", d.date)
        ev.add("dtend", d.date + timedelta(days=1))
        prefix = "⚠ " if d.risk else ""
        ev.add("summary", f"{prefix}{title(d, lang)} — {person_label}")
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
