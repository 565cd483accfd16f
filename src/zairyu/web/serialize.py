"""Records as JSON for the API (and the few htmx fragments that need them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from zairyu.calendar.deadlines import window_closes_on
from zairyu.calendar.model import deadline_json
from zairyu.cases import models as m
from zairyu.cases.services.agenda_lines import days_left, state_on, stored_explanations


def _v(x: Any) -> Any:
    return x.isoformat() if isinstance(x, date | datetime) else x


def person_json(p: m.Person, *, staff: bool = True) -> dict[str, Any]:
    """``staff=False`` (a client reading their own record): the staff's ``notes`` are left out (null)."""
    cols = ("id", "family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
            "given_name_kanji", "nationality", "birth_date", "born_in_japan", "sex", "email", "phone", "address",
            "preferred_language", "notes", "extra_facts", "version")
    out = {c: _v(getattr(p, c)) for c in cols}
    out["display_name"] = p.display_name
    if not staff:
        out["notes"] = None
    out["assignee_id"], out["assignee_name"] = _assignee(p, staff)
    return out


def _assignee(rec: Any, staff: bool) -> tuple[int | None, str | None]:
    """Who handles a person or an application, for staff (a client is never shown the office's assignees)."""
    from sqlalchemy.orm import object_session

    uid = rec.assignee_id if staff else None
    if uid is None:
        return None, None
    s = object_session(rec)
    u = s.get(m.User, uid) if s is not None else None
    return uid, (u.display_name if u is not None else None)


def stay_json(s: m.Stay) -> dict[str, Any]:
    cols = ("id", "person_id", "status", "period", "granted_on", "granted_by", "designation", "expires_on",
            "previous_expires_on", "card_number", "card_valid_until", "application_id", "version")
    return {c: _v(getattr(s, c, None)) for c in cols}


def application_json(a: m.Application, *, staff: bool = True) -> dict[str, Any]:
    """``staff=False`` (a client): the staff's ``notes`` on the application are left out (null)."""
    from zairyu.cases.services import TRANSITIONS

    cols = ("id", "person_id", "procedure", "target_status", "channel", "receipt_number", "filed_on", "stage",
            "decision", "decision_date", "new_period", "new_expires_on", "notes", "version")
    out = {c: _v(getattr(a, c)) for c in cols}
    if not staff:
        out["notes"] = None
    out["next_stages"] = list(TRANSITIONS.get(a.stage, ()))
    out["assignee_id"], out["assignee_name"] = _assignee(a, staff)
    return out


def document_json(d: m.Document) -> dict[str, Any]:
    return {"id": d.id, "person_id": d.person_id, "application_id": d.application_id, "filename": d.filename,
            "content_type": d.content_type, "size": d.size, "sha256": d.sha256, "created_at": _v(d.created_at),
            "download": f"/api/v1/documents/{d.id}/download"}


def note_json(n: m.Note) -> dict[str, Any]:
    return {"id": n.id, "person_id": n.person_id, "application_id": n.application_id, "author_id": n.author_id,
            "body": n.body, "shared": n.shared, "version": n.version, "created_at": _v(n.created_at)}


def deadlines_json(rows: Sequence[m.Deadline], on: date, langs: Iterable[str]) -> list[dict[str, Any]]:
    """A person's stored deadlines (every one, as stored) in the one deadline shape
    (:func:`~zairyu.calendar.model.deadline_json`), each with its state on ``on`` by the calendar's rule
    (null for a window that has closed) and its days left; explanations in ``langs``, traces in English."""
    siblings = [(d.kind, d.filing_date or d.date) for d in rows]
    return [deadline_json(
        kind=d.kind, topic=d.topic, date=d.date, filing_date=d.filing_date,
        state=state_on(d, on, window_closes_on(d.kind, siblings)), days_left=days_left(d, on), risk=d.risk,
        legal_basis=d.legal_basis, explanation=stored_explanations(d, langs), trace=d.trace_lines("en"),
        fact_status=d.fact_status, computed_for=d.computed_for) for d in rows]


def timeline_json(t: m.TimelineEntry) -> dict[str, Any]:
    return {"id": t.id, "at": _v(t.at), "actor": t.actor, "entity": t.entity, "entity_id": t.entity_id,
            "action": t.action, "before": t.before, "after": t.after}


LIST_COLUMNS = ("id", "family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                "given_name_kanji", "nationality", "birth_date", "born_in_japan", "sex", "email", "phone", "address",
                "preferred_language", "version")


def people_row_json(r: Any) -> dict[str, Any]:
    """A row of the people list (:class:`~zairyu.cases.services.people_list.PeopleRow`) for the API: the person
    without the staff's notes and assessment facts (not read for a list, see ``rows_for``)."""
    nd = r.next_deadline
    p = r.person
    out = {c: _v(getattr(p, c)) for c in LIST_COLUMNS}
    out["display_name"] = p.display_name
    out.update(current_status=r.stay.status if r.stay else None, stay_expires_on=_v(r.expiry),
               stay_ends_on=_v(r.stay_ends), special_period=r.special_period,
               next_deadline=None if nd is None else {"kind": nd.kind, "topic": nd.topic, "date": _v(nd.date),
                                                      "filing_date": _v(nd.filing_date), "state": nd.state},
               assignee=None if r.assignee is None else {"id": r.assignee.id, "name": r.assignee.display_name})
    return out
