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

_TITLES: dict[str, tuple[str, str, str, str]] = {  # ja, en, ru, uk
    "expiry_of_stay": ("在留期間の満了日", "Period of stay ends", "Окончание срока пребывания",
                       "Закінчення строку перебування"),
    # the about-3-months-before window is ISA's rule for extensions; a change is filed when its reason arises
    "earliest_filing_day": ("更新申請の受付開始", "Extension filing opens",
                            "Начало приёма заявлений о продлении",
                            "Початок приймання заяв про продовження"),
    "last_filing_day": ("更新・変更申請の期限", "Last day to file extension/change",
                        "Последний день подачи на продление/изменение", "Останній день подання на продовження/зміну"),
    "special_period_end": ("特例期間の終了", "Special period ends", "Окончание особого периода",
                           "Закінчення особливого періоду"),
    "notification": ("届出の期限", "Notification deadline", "Срок уведомления", "Строк повідомлення"),
    "revocation_risk": ("在留資格取消しのリスク", "Revocation risk", "Риск аннулирования статуса",
                        "Ризик анулювання статусу"),
    "acquisition_filing": ("在留資格取得申請の期限", "Apply to acquire a status", "Подать на получение статуса",
                           "Подати на набуття статусу"),
    "stay_without_status_end": ("在留資格なしで在留できる期限", "Stay without status ends",
                                "Окончание пребывания без статуса", "Закінчення перебування без статусу"),
    "re_entry_deadline": ("再入国の期限", "Re-entry deadline", "Срок возвращения в Японию",
                          "Строк повернення до Японії"),
    "card_expiry": ("在留カードの有効期限", "Residence card expires", "Окончание срока действия карты",
                    "Закінчення строку дії картки"),
    "card_renewal_from": ("在留カード更新の受付開始", "Card renewal opens", "Открывается продление карты",
                          "Відкривається продовження картки"),
    "coe_expiry": ("認定証明書の有効期限", "Certificate of eligibility expires", "Окончание срока действия COE",
                   "Закінчення строку дії COE"),
    "review_request_deadline": ("審査請求の期限", "Last day to request review", "Последний день для жалобы",
                                "Останній день для скарги"),
    "departure_deadline": ("出国期限", "Leave Japan by", "Выехать из Японии до", "Виїхати з Японії до"),
}
_TOPICS: dict[str, tuple[str, str, str, str]] = {
    "address": ("住居地", "address", "адрес", "адреса"),
    "organization": ("所属機関", "organisation", "организация", "організація"),
    "spouse": ("配偶者", "spouse", "супруг(а)", "чоловік/дружина"),
    "lost_card": ("在留カード再交付", "lost card", "утерянная карта", "втрачена картка"),
    "damaged_card": ("在留カード再交付命令", "order for a new card", "предписание о новой карте",
                     "припис про нову картку"),
    "personal_details": ("氏名等の変更", "name or other details", "имя или другие данные", "ім'я чи інші дані"),
    "activity": ("活動なし3か月", "3 months without activity", "3 месяца без деятельности",
                 "3 місяці без діяльності"),
    "spouse_activity": ("配偶者活動なし6か月", "6 months without spouse activity",
                        "6 месяцев без супружеской жизни", "6 місяців без подружнього життя"),
}
_LANG_INDEX = {"ja": 0, "en": 1, "ru": 2, "uk": 3}
_LABELS: dict[str, tuple[str, str, str, str]] = {
    "filing": ("休日のため受付日: ", "Filing accepted on (holiday roll-forward): ",
               "Приём в ближайший рабочий день: ", "Прийом найближчого робочого дня: "),
    "provisions": ("根拠: ", "Provisions: ", "Основания: ", "Підстави: "),
    "certainty": ("確度: ", "Certainty: ", "Достоверность: ", "Достовірність: "),
    "computation": ("計算: ", "Computation: ", "Расчёт: ", "Розрахунок: "),
}


def title(d: Deadline, lang: str) -> str:
    """A short human title for a deadline, e.g. 'Notification deadline (address)'."""
    i = _LANG_INDEX.get(lang, 1)
    base = _TITLES[d.kind][i] if d.kind in _TITLES else d.kind
    if d.topic in _TOPICS:
        t = _TOPICS[d.topic][i]
        return f"{base}（{t}）" if lang == "ja" else f"{base} ({t})"
    return base


def uid(person_label: str, d: Deadline) -> str:
    """Stable per person + kind + topic + date."""
    key = "|".join((person_label, d.kind, d.topic or "", d.date.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@zairyu"


def _description(d: Deadline, lang: str) -> str:
    i = _LANG_INDEX.get(lang, 1)
    lines = [d.explanation(lang), ""]
    if d.filing_date is not None:
        lines.append(_LABELS["filing"][i] + d.filing_date.isoformat())
    lines.append(_LABELS["provisions"][i] + d.provisions(lang))
    if d.fact_status in ("practice", "unverified"):
        lines.append(_LABELS["certainty"][i] + d.fact_status)
    lines.append(_LABELS["computation"][i] + " / ".join(d.trace_lines(lang)))
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
