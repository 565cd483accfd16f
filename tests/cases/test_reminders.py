"""Daily e-mail reminders (issue "A working day in the office": reminders existed only as an iCalendar feed).

A real SMTP server (aiosmtpd) listens on a free local port; ``zairyu reminders send`` delivers each user the
agenda they may see, in their language, once a day, on SQLite and PostgreSQL. Expected lines come from the
same office's stored agenda (``zairyu agenda`` / ``zairyu people show``), not from constants.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from tests.cases.conftest import DBHandle

from zairyu.cases import db
from zairyu.cases import models as m

ON = "2026-11-25"


class Inbox:
    def __init__(self) -> None:
        self.mails: list[Message] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [x for x in self.mails if x["To"] == address]


@pytest.fixture
def inbox(cli_db: DBHandle, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("ZAIRYU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ZAIRYU_SMTP_PORT", str(port))
    monkeypatch.setenv("ZAIRYU_SMTP_FROM", "zairyu@office.example")
    yield box
    controller.stop()


def _ok(cli: Any, *args: str) -> str:
    r = cli(*args)
    assert r.exit_code == 0, r.output
    return str(r.stdout)


def test_each_user_gets_their_agenda_in_their_language_once_a_day(cli_db: DBHandle, cli: Any, inbox: Inbox) -> None:
    _ok(cli, "demo", "--on", ON)
    out = _ok(cli, "reminders", "send", "--on", ON)
    assert "sent to anna@demo.zairyu.example" in out

    # Anna (client, Russian) reads her own stay's end, as her record has it, in Russian, and nobody else's
    with db.transaction(cli_db.engine) as s:
        anna_id = s.scalar(select(m.User.person_id).where(m.User.email == "anna@demo.zairyu.example"))
        others = [p.family_name.upper() for p in s.scalars(select(m.Person).where(m.Person.id != anna_id))]
    shown = json.loads(_ok(cli, "people", "show", str(anna_id), "--json", "--on", ON))
    expiry = next(d["date"] for d in shown["deadlines"] if d["kind"] == "expiry_of_stay")
    (mail,) = inbox.to("anna@demo.zairyu.example")
    body = mail.get_content()
    assert mail["Content-Language"] == "ru"
    assert "сроков в ближайшие 14 дней" in mail["Subject"]
    assert f"{expiry}  предстоит  SOKOLOVA Anna" in body and "Окончание срока пребывания" in body
    assert "ст. 2-2(3)" in body  # the provision of the expiry (ICRRA Art. 2-2(3)), cited in Russian
    assert not any(name in body for name in others)

    # the caseworker (Japanese) gets the office's agenda: every line of `zairyu agenda --days 14`
    office = json.loads(_ok(cli, "agenda", "--on", ON, "--days", "14", "--json"))["deadlines"]
    (cw,) = inbox.to("caseworker@demo.zairyu.example")
    cw_body = cw.get_content()
    assert "期限切れ" in cw_body and "根拠：入管法" in cw_body
    assert sum(1 for line in cw_body.splitlines() if line[:4].isdigit()) == len(office)

    # the supporter (English) sees only the people assigned to them
    with db.transaction(cli_db.engine) as s:
        sup = s.scalar(select(m.User).where(m.User.email == "supporter@demo.zairyu.example"))
        assigned = {p.family_name.upper() for p in s.scalars(
            select(m.Person).join(m.SupporterAssignment, m.SupporterAssignment.person_id == m.Person.id)
            .where(m.SupporterAssignment.user_id == sup.id))}
    (sm,) = inbox.to("supporter@demo.zairyu.example")
    names = {line.split("  ")[2].split()[0] for line in sm.get_content().splitlines() if line[:4].isdigit()}
    assert names and names <= assigned

    # once a day: a second run sends nothing; the sending is in the timeline
    n = len(inbox.mails)
    assert "no digest to send" in _ok(cli, "reminders", "send", "--on", ON)
    assert len(inbox.mails) == n
    with db.transaction(cli_db.engine) as s:
        sent = s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.entity == "reminders")).all()
        assert {e.after["on"] for e in sent} == {ON} and len(sent) == n


def test_a_refused_address_is_reported_and_tried_again_next_run(cli_db: DBHandle, cli: Any, inbox: Inbox) -> None:
    _ok(cli, "demo", "--on", ON)
    inbox.refuse.add("anna@demo.zairyu.example")
    r = cli("reminders", "send", "--on", ON)
    assert r.exit_code == 1 and "not sent to anna@demo.zairyu.example" in r.stdout
    assert inbox.to("caseworker@demo.zairyu.example")
    inbox.refuse.clear()
    assert "sent to anna@demo.zairyu.example" in _ok(cli, "reminders", "send", "--on", ON)
    assert "caseworker@demo.zairyu.example" not in _ok(cli, "reminders", "send", "--on", ON)


def test_without_a_mail_server_it_says_which_setting_is_missing(cli_db: DBHandle, cli: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZAIRYU_SMTP_HOST", raising=False)
    _ok(cli, "demo", "--on", ON)
    r = cli("reminders", "send", "--on", ON)
    assert r.exit_code == 2 and "ZAIRYU_SMTP_HOST" in r.stderr
    preview = _ok(cli, "reminders", "send", "--on", ON, "--dry-run", "--user", "anna@demo.zairyu.example")
    assert preview.startswith("To: anna@demo.zairyu.example")
    r = cli("reminders", "send", "--on", ON, "--user", "nobody@office.example", "--dry-run")
    assert r.exit_code == 2 and "--user" in r.stderr
