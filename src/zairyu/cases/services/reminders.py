"""E-mail reminders: each user's daily digest of the agenda they see, in their language.

An office lives by its agenda; not everyone opens it every morning, and an iCalendar feed shows dates but not
what to do. The digest lists, for one user, what is overdue and what falls due in the next days — the same
lines as their agenda (a caseworker or admin: the office; a supporter: the people assigned to them; a client:
their own record), each with its date, its state, the person, what it is, and its provision in the user's
language. ``zairyu reminders send`` sends one digest per user per day (run it from cron or a systemd timer);
a digest already sent for that day is not sent again, and each sending is recorded in the timeline.

SMTP settings: ``ZAIRYU_SMTP_HOST`` (unset: no mail is sent), ``ZAIRYU_SMTP_PORT`` (25), ``ZAIRYU_SMTP_FROM``,
``ZAIRYU_SMTP_USER`` / ``ZAIRYU_SMTP_PASSWORD`` (optional), ``ZAIRYU_SMTP_STARTTLS`` (false).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.agenda_view import user_agenda
from zairyu.cases.services.common import Actor, now
from zairyu.errors import InvalidInputError
from zairyu.glossary import term
from zairyu.messages import FALLBACK, languages, message, render
from zairyu.messages.citation import cite_all
from zairyu.settings import Settings

DIGEST_DAYS = 14
"""How far ahead a digest looks (besides what is overdue)."""


@dataclass(frozen=True)
class Digest:
    user_id: int
    to: str
    lang: str
    lines: int
    overdue: int
    subject: str
    body: str


def digest(s: Session, user: m.User, on: date, *, days: int = DIGEST_DAYS) -> Digest | None:
    """``user``'s digest for ``on`` (None when their agenda has nothing to say)."""
    lang = user.language if user.language in languages() else FALLBACK
    items = user_agenda(s, user, on, days, with_trace=False)
    if not items:
        return None
    overdue = sum(1 for i in items if i.state == "overdue")
    subject = render(message("reminder.subject", n=str(len(items)), overdue=str(overdue), days=days,
                             date=on.isoformat()), lang)
    out = [render(message("reminder.greeting", name=user.display_name, date=on.isoformat(), days=days), lang), ""]
    for i in items:
        j = i.to_json(trace=False, langs=(lang,))
        kind = term("deadline", j["kind"], lang)
        state = render(message(f"reminder.state.{j['state']}"), lang) if j["state"] else ""
        out.append(render(message("reminder.line", date=j["date"], state=state, person=j["person"]["name"],
                                  kind=kind), lang))
        text = j["explanation"].get(lang) or ""
        if text:
            out.append("    " + text)
        prov = cite_all(j["legal_basis"], lang)
        if prov:
            out.append("    " + render(message("reminder.basis", prov=prov), lang))
    out += ["", render(message("reminder.footer"), lang)]
    return Digest(user.id, user.email, lang, len(items), overdue, subject, "\n".join(out) + "\n")


def _already_sent(s: Session, user_id: int, on: date) -> bool:
    last = s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.entity == "reminders",
                                                   m.TimelineEntry.entity_id == user_id)
                     .order_by(m.TimelineEntry.id.desc()).limit(1)).first()
    return bool(last is not None and last.after and last.after.get("on") == on.isoformat())


def smtp_settings(settings: Settings) -> dict[str, Any]:
    if not settings.smtp_host:
        raise InvalidInputError("no SMTP server is set", field="ZAIRYU_SMTP_HOST",
                                allowed="the host name of the office's mail server (and ZAIRYU_SMTP_FROM)")
    if not settings.smtp_from:
        raise InvalidInputError("no sender address is set", field="ZAIRYU_SMTP_FROM",
                                allowed="an e-mail address such as zairyu@office.example")
    return {"host": settings.smtp_host, "port": settings.smtp_port}


def send_digests(s: Session, actor: Actor, on: date, settings: Settings, *, days: int = DIGEST_DAYS,
                 users: Sequence[str] | None = None, dry_run: bool = False, again: bool = False
                 ) -> tuple[list[Digest], list[tuple[Digest, str]]]:
    """Send each active user (or only ``users``, by e-mail) their digest for ``on``, once a day (``again``: even
    if sent already). Returns what was sent (or would be, with ``dry_run``) and what the server refused, with
    its answer. Each sending is recorded in the timeline (who, how many lines); a refused one is not, so the
    next run tries it again."""
    if days < 0:
        raise InvalidInputError("the number of days cannot be negative", field="days", value=days)
    q = select(m.User).where(m.User.active.is_(True)).order_by(m.User.id)
    if users:
        q = q.where(m.User.email.in_(list(users)))
    chosen = list(s.scalars(q))
    if users:
        unknown = sorted(set(users) - {u.email for u in chosen})
        if unknown:
            raise InvalidInputError(f"no active account {', '.join(unknown)}", field="--user", value=unknown[0])
    todo = [d for u in chosen if (again or not _already_sent(s, u.id, on))
            and (d := digest(s, u, on, days=days)) is not None]
    if dry_run or not todo:
        return todo, []
    sent: list[Digest] = []
    failed: list[tuple[Digest, str]] = []
    conf = smtp_settings(settings)
    with smtplib.SMTP(conf["host"], conf["port"], timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        for d in todo:
            mail = EmailMessage()
            mail["From"], mail["To"], mail["Subject"] = settings.smtp_from, d.to, d.subject
            mail.set_content(d.body)
            mail["Content-Language"] = d.lang  # after the content: setting it clears the Content-* headers
            try:
                smtp.send_message(mail)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                failed.append((d, str(exc)))  # not recorded: the next run tries this user again
                continue
            sent.append(d)
            user = s.get(m.User, d.user_id)
            s.add(m.TimelineEntry(at=now(), actor=actor.name, actor_user_id=actor.user_id,
                                  organisation_id=user.organisation_id if user else None, person_id=None,
                                  entity="reminders", entity_id=d.user_id, action="sent", before=None,
                                  after={"on": on.isoformat(), "lines": d.lines, "overdue": d.overdue}))
            s.flush()
    return sent, failed
