"""An office's own decided applications proposed to the shared register, anonymised, with the client's consent
recorded and a second person's approval before anything appears.

What is copied from the case: the procedure, the status held before and the status asked for, the nationality,
the outcome, the period granted, the month of the decision, and the person's circumstance tags (codes of the
register's vocabulary). Never copied: names, card numbers, birth dates, addresses, notes or any other free text;
the summary is written from message templates (``precedent.office_report.summary``) in the four languages.

A proposal cannot be approved while it would be the only record of its office sharing its nationality, month,
from-status and to-status: someone who knows the office could recognise the client. It waits until a second
such case is proposed (:func:`alone_reason`)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zairyu import glossary
from zairyu.cases import models as m
from zairyu.cases.services.audit import record as audit
from zairyu.cases.services.audit import snapshot
from zairyu.cases.services.common import Actor, NotFoundError, now
from zairyu.errors import InvalidInputError
from zairyu.messages import message, render
from zairyu.precedents import store
from zairyu.precedents.model import SUMMARY_LANGS, parse_precedent

AUTHORITY = "出入国在留管理庁 (Immigration Services Agency of Japan)"
"""The decision's authority as the register writes it: the office's regional bureau is left out (it would
narrow down who the client is)."""
OUTCOME = {"granted": "granted", "denied": "refused"}


def _from_status(s: Session, app: m.Application) -> str | None:
    """The status the person held when the application was decided (the stay granted before the decision)."""
    day = app.decision_date or app.filed_on
    q = select(m.Stay.status).where(m.Stay.person_id == app.person_id)
    if day is not None:
        q = q.where(m.Stay.granted_on < day)
    if app.id is not None:
        q = q.where((m.Stay.application_id.is_(None)) | (m.Stay.application_id != app.id))
    return s.scalar(q.order_by(m.Stay.granted_on.desc(), m.Stay.id.desc()).limit(1))


def _summary(lang: str, procedure: str, from_status: str | None, to_status: str | None, nationality: str | None,
             outcome: str) -> str:
    country = str(Locale.parse(lang).territories.get(nationality, nationality)) if nationality else "—"
    return render(message("precedent.office_report.summary",
                          procedure=glossary.term("procedure", procedure, lang),
                          from_status=glossary.term("status", from_status, lang) if from_status else "—",
                          to_status=glossary.term("status", to_status, lang) if to_status else "—",
                          country=country,
                          outcome=render(message(f"precedent.outcome.{outcome}"), lang)), lang)


def draft_record(s: Session, app: m.Application) -> dict[str, Any]:
    """The anonymised record of a decided application (validated; not stored)."""
    if app.stage != "decided" or app.decision not in OUTCOME or app.decision_date is None:
        raise InvalidInputError("only a decided application (granted or denied, with its decision date) can be "
                                "proposed", field="application", value=app.id)
    person = s.get(m.Person, app.person_id)
    assert person is not None
    from_status = _from_status(s, app)
    to_status = app.target_status or (from_status if app.procedure == "extension_of_stay" else None)
    outcome = OUTCOME[app.decision]
    month = app.decision_date.strftime("%Y-%m")
    extra = person.extra_facts or {}
    tags = list((extra.get("circumstances") or {}).get("grounds") or [])
    rec: dict[str, Any] = {
        "id": f"office-{month}-{app.procedure.replace('_', '-')}-{secrets.token_hex(4)}",
        "kind": "office_report", "date": month, "authority": AUTHORITY, "procedure": app.procedure,
        "from_status": from_status, "to_status": to_status,
        "nationality": [person.nationality] if person.nationality else [], "number_of_people": 1,
        "circumstances": tags, "outcome": outcome,
        "period_granted": app.new_period if outcome == "granted" else None,
        "confidence": "high", "sources": [],
    }
    for lang in SUMMARY_LANGS:
        rec[f"summary_{lang}"] = _summary(lang, app.procedure, from_status, to_status, person.nationality, outcome)
    return parse_precedent(rec, where="proposal").to_json()


def match_key(rec: dict[str, Any]) -> str:
    return "|".join([",".join(rec.get("nationality") or []), rec["date"][:7], rec.get("from_status") or "",
                     rec.get("to_status") or ""])


def alone_reason(s: Session, proposal: m.PrecedentProposal) -> str | None:
    """Why the proposal may not appear yet (None when another of the office's proposals shares its key)."""
    others = s.scalar(select(func.count()).select_from(m.PrecedentProposal).where(
        m.PrecedentProposal.organisation_id == proposal.organisation_id,
        m.PrecedentProposal.match_key == proposal.match_key, m.PrecedentProposal.id != proposal.id)) or 0
    if others:
        return None
    nat, month, frm, to = proposal.match_key.split("|")
    return (f"it would be the only record of this office with nationality {nat or '—'}, month {month} and "
            f"status {frm or '—'} → {to or '—'}: someone who knows the office could recognise the client; it "
            f"can be approved once another such case is proposed")


def propose(s: Session, application_id: int, actor: Actor, *, organisation_id: int, consent: bool,
            consent_on: dt.date | None) -> m.PrecedentProposal:
    """Propose a decided application of the office (the client's consent recorded: yes, and on which day)."""
    if not consent:
        raise InvalidInputError("the client's consent to publish the anonymised record is required",
                                field="consent", allowed="yes")
    if consent_on is None:
        raise InvalidInputError("the day the client consented is required", field="consent_on",
                                allowed="YYYY-MM-DD")
    app = s.get(m.Application, application_id)
    person = s.get(m.Person, app.person_id) if app is not None else None
    if app is None or person is None or person.organisation_id != organisation_id:
        raise NotFoundError(f"no application with id {application_id}", field="application", value=application_id)
    if s.scalar(select(m.PrecedentProposal.id).where(m.PrecedentProposal.application_id == app.id)) is not None:
        raise InvalidInputError("this application has already been proposed", field="application", value=app.id)
    rec = draft_record(s, app)
    row = m.PrecedentProposal(code=rec["id"], organisation_id=organisation_id, application_id=app.id,
                              match_key=match_key(rec), data=rec, consent_on=consent_on,
                              consent_recorded_by=actor.name, proposed_by=actor.name,
                              proposed_by_user_id=actor.user_id, proposed_at=now(), state="proposed")
    s.add(row)
    s.flush()
    audit(s, actor, row, "create", None, organisation_id=organisation_id)
    return row


def approve(s: Session, proposal_id: int, actor: Actor, *, organisation_id: int) -> m.Precedent:
    """A second person (not the proposer) approves: the record enters the shared public register."""
    row = s.get(m.PrecedentProposal, proposal_id)
    if row is None or row.organisation_id != organisation_id:
        raise NotFoundError(f"no proposal with id {proposal_id}", field="proposal", value=proposal_id)
    if row.state == "approved":
        raise InvalidInputError("this proposal is already approved", field="proposal", value=proposal_id)
    if (actor.user_id is not None and actor.user_id == row.proposed_by_user_id) or actor.name == row.proposed_by:
        raise InvalidInputError("a second person approves: the proposer cannot approve their own proposal",
                                field="approver", value=actor.name)
    reason = alone_reason(s, row)
    if reason:
        raise InvalidInputError(f"not approved: {reason}", field="proposal", value=proposal_id)
    before = snapshot(row)
    precedent = store.add_precedent(s, row.data, actor, organisation_id=None, public=True)
    row.state, row.approved_by, row.approved_by_user_id, row.approved_at = "approved", actor.name, actor.user_id, now()
    s.flush()
    audit(s, actor, row, "update", before, organisation_id=organisation_id)
    return precedent


def office_actor(s: Session, email: str) -> tuple[Actor, int]:
    """An active admin or caseworker named by e-mail (the command line's ``--by``): the actor and their office."""
    u = s.scalar(select(m.User).where(m.User.email == email.strip().lower()))
    if u is None or not u.active or u.role not in ("admin", "caseworker"):
        raise InvalidInputError("an active admin or caseworker account is required", field="--by", value=email)
    return Actor(name=u.email, user_id=u.id), u.organisation_id


def proposal_of_application(s: Session, application_id: int) -> m.PrecedentProposal | None:
    return s.scalar(select(m.PrecedentProposal).where(m.PrecedentProposal.application_id == application_id))


def proposals_of(s: Session, organisation_id: int) -> list[m.PrecedentProposal]:
    return list(s.scalars(select(m.PrecedentProposal).where(m.PrecedentProposal.organisation_id == organisation_id)
                          .order_by(m.PrecedentProposal.id.desc())))


def proposal_json(s: Session, row: m.PrecedentProposal) -> dict[str, Any]:
    return {"id": row.id, "code": row.code, "state": row.state, "application_id": row.application_id,
            "record": row.data, "consent_on": row.consent_on.isoformat(), "proposed_by": row.proposed_by,
            "approved_by": row.approved_by, "waiting": alone_reason(s, row) if row.state == "proposed" else None}


__all__ = ["alone_reason", "approve", "draft_record", "office_actor", "proposal_json", "proposal_of_application",
           "proposals_of", "propose"]
