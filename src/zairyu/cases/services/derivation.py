"""From records to deadlines: the facts of a person built from their records (:func:`build_facts`), loaded
in bulk (:func:`load_rows`), and their derived deadlines rewritten in the current transaction
(:func:`recompute_deadlines`), each row marked with what computed it (:func:`derivation_fingerprint`)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast, get_args

from sqlalchemy import Table, delete, or_, select
from sqlalchemy.orm import Session

from zairyu.calendar import RULES_VERSION
from zairyu.calendar.deadlines import compute_deadlines, when_past
from zairyu.cases import models as m
from zairyu.cases.services.audit import record
from zairyu.cases.services.common import PENDING_STAGES, PROCEDURES, Actor, NotFoundError, _flush, fast_insert, now
from zairyu.errors import ZairyuError
from zairyu.facts import EventKind, Facts, parse_facts
from zairyu.law.catalogue import computation_digest

_INVERSE = {"spouse": "spouse", "child": "parent", "parent": "child", "sibling": "sibling", "other": "other"}
_FACT_EVENTS = frozenset(get_args(EventKind))


@dataclass
class PersonRows:
    """Everything the facts of one person are built from (loaded in bulk by the recompute)."""

    person: m.Person
    stays: list[m.Stay]
    applications: list[m.Application]
    events: list[m.Event]
    family: list[tuple[str, m.Person, m.Stay | None]]


def build_facts(rows: PersonRows) -> Facts:
    """The facts format for one person, from their records: current stay (the latest grant), history,
    pending application, events, departure, marriage and family."""
    p = rows.person
    where = f"person {p.id}"
    doc: dict[str, Any] = dict(p.extra_facts or {})
    doc["person"] = {"nationality": p.nationality, "birth_date": p.birth_date, "born_in_japan": p.born_in_japan}
    stays = sorted(rows.stays, key=lambda x: (x.granted_on, x.id))
    if stays:
        cur = stays[-1]
        doc["stay"] = {k: v for k, v in {
            "status": cur.status, "period": cur.period, "granted_on": cur.granted_on, "granted_by": cur.granted_by,
            "expires_on": cur.expires_on, "card_number": cur.card_number, "card_valid_until": cur.card_valid_until,
            "previous_expires_on": cur.previous_expires_on, "designation": cur.designation}.items() if v is not None}
        hist = []
        for i, st in enumerate(stays[:-1]):
            nxt = stays[i + 1].granted_on
            end = st.expires_on if st.expires_on is not None and st.expires_on < nxt else nxt
            hist.append({k: v for k, v in {"status": st.status, "from": st.granted_on, "to": end,
                                           "period": st.period}.items() if v is not None})
        doc["history"] = hist
        since = doc.get("residence_in_japan_since")
        if since is None:
            doc.pop("residence_in_japan_since", None)
        pend = None
        for a in sorted(rows.applications, key=lambda a: (a.filed_on or date.min, a.id)):
            if a.filed_on is None or a.filed_on < cur.granted_on or a.procedure not in PROCEDURES:
                continue
            if a.stage in PENDING_STAGES:
                pend = {"procedure": a.procedure, "target_status": a.target_status, "filed_on": a.filed_on,
                        "channel": a.channel}
            elif a.stage == "decided" and a.decision == "denied":
                pend = {"procedure": a.procedure, "target_status": a.target_status, "filed_on": a.filed_on,
                        "channel": a.channel, "decided_on": a.decision_date}
        if pend is not None:
            doc["pending_application"] = pend
            # a change of status filed and pending says which status the person wants: the goal, unless the
            # record's own facts name one (an assessment asked "which status do you want?" of a person whose
            # change to Student was under examination)
            goal = dict(doc.get("goal") or {})
            if (pend["procedure"] == "change_of_status" and pend.get("target_status") and "decided_on" not in pend
                    and not goal.get("status")):
                doc["goal"] = {**goal, "status": pend["target_status"]}
    events = sorted(rows.events, key=lambda e: (e.on, e.id))
    # a return to Japan is the facts' arrival (it starts, e.g., the 14 days for a card lost abroad, Art. 19-12(1))
    doc["events"] = [{"kind": "arrived" if e.kind == "returned" else e.kind, "on": e.on, "note": e.note}
                     for e in events if e.kind in _FACT_EVENTS or e.kind == "returned"]
    departure: dict[str, Any] | None = None
    for e in events:
        if e.kind == "departed":
            departure = {"departed_on": e.on, "intends_to_return": True, "re_entry_permit_until": e.until,
                         "re_entry_permit_extensions": []}
        elif e.kind == "re_entry_permit_extended" and departure is not None and e.until is not None:
            departure["re_entry_permit_extensions"].append(e.until)  # Art. 26(5): extended abroad
        elif e.kind in ("returned", "arrived") and departure is not None and e.on >= departure["departed_on"]:
            departure = None
    if departure is not None and stays and stays[-1].granted_on > departure["departed_on"]:
        departure = None  # a status granted after the departure was granted in Japan (at landing or after): back
    if departure is not None:
        doc["departure"] = departure
    fam = []
    for relation, other, other_stay in rows.family:
        fam.append({"relation": relation, "status": other_stay.status if other_stay else None,
                    "nationality": other.nationality})
        if relation == "spouse" and "marriage" not in doc:
            if other.nationality == "JP":
                kind = "japanese_national"
            elif other_stay is not None and other_stay.status == "permanent_resident":
                kind = "permanent_resident"
            elif other_stay is not None and other_stay.status == "special_permanent_resident":
                kind = "special_permanent_resident"
            else:
                kind = "foreign_resident"
            doc["marriage"] = {"spouse": kind}
    doc["family"] = fam
    return parse_facts(_plain(doc), where=where)


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def load_rows(s: Session, person_ids: Collection[int]) -> list[PersonRows]:
    """Load the records of many people in a few queries (not one per person)."""
    ids = list(person_ids)
    if not ids:
        return []
    out: list[PersonRows] = []
    for chunk_start in range(0, len(ids), 5000):
        chunk = ids[chunk_start:chunk_start + 5000]
        people = {p.id: p for p in s.scalars(select(m.Person).where(m.Person.id.in_(chunk)))}
        stays: dict[int, list[m.Stay]] = {i: [] for i in chunk}
        for st in s.scalars(select(m.Stay).where(m.Stay.person_id.in_(chunk))):
            stays[st.person_id].append(st)
        apps: dict[int, list[m.Application]] = {i: [] for i in chunk}
        for a in s.scalars(select(m.Application).where(m.Application.person_id.in_(chunk),
                                                        m.Application.filed_on.is_not(None))):
            apps[a.person_id].append(a)
        evs: dict[int, list[m.Event]] = {i: [] for i in chunk}
        for e in s.scalars(select(m.Event).where(m.Event.person_id.in_(chunk))):
            evs[e.person_id].append(e)
        links = list(s.scalars(select(m.FamilyLink).where(or_(m.FamilyLink.person_id.in_(chunk),
                                                               m.FamilyLink.related_person_id.in_(chunk)))))
        fam: dict[int, list[tuple[str, int]]] = {i: [] for i in chunk}
        for ln in links:
            if ln.person_id in fam:
                fam[ln.person_id].append((ln.relation, ln.related_person_id))
            if ln.related_person_id in fam:
                fam[ln.related_person_id].append((_INVERSE[ln.relation], ln.person_id))
        others = {o for v in fam.values() for _, o in v}
        other_people = {p.id: p for p in s.scalars(select(m.Person).where(m.Person.id.in_(others)))} if others else {}
        other_stay: dict[int, m.Stay] = {}
        if others:
            for st in s.scalars(select(m.Stay).where(m.Stay.person_id.in_(others))
                                .order_by(m.Stay.granted_on, m.Stay.id)):
                other_stay[st.person_id] = st
        for pid in chunk:
            if pid not in people:
                continue
            out.append(PersonRows(people[pid], stays[pid], apps[pid], evs[pid],
                                  [(rel, other_people[o], other_stay.get(o)) for rel, o in fam[pid]]))
    return out


def facts_for_person(s: Session, person_id: int) -> Facts:
    rows = load_rows(s, [person_id])
    if not rows:
        raise NotFoundError(f"no person with id {person_id}", field="id", value=person_id)
    return build_facts(rows[0])


BUILD_FACTS_VERSION = 2
"""The version of :func:`build_facts` (how records become facts): bump it when it builds other facts.
2: a pending change of status gives the goal; a stay granted after a departure ends that departure (the person
came back without a "returned" event)."""


@functools.lru_cache(maxsize=4096)
def derivation_fingerprint(statuses: frozenset[str] = frozenset()) -> str:
    """What computed a person's deadlines, as one value stored with every row (``computed_by``): the
    calendar's explicit rules version (:data:`zairyu.calendar.RULES_VERSION`), this module's
    :data:`BUILD_FACTS_VERSION`, and a digest of the law data those deadlines come from (the entries of
    ``statuses``, the ones the person holds or held, and the dated rule parameters:
    :func:`zairyu.law.catalogue.computation_digest`). A change of any of these makes ``zairyu db upgrade``
    recompute exactly the people it touches; a change of wording (a catalogue file) recomputes nothing."""
    h = hashlib.sha256(f"{RULES_VERSION}|{BUILD_FACTS_VERSION}|{computation_digest(statuses)}".encode())
    return h.hexdigest()[:32]


def _statuses(rows: PersonRows) -> frozenset[str]:
    return frozenset(st.status for st in rows.stays)


def stale_people(s: Session) -> list[int]:
    """The people whose stored deadlines were computed by other calendar rules or from other law data than
    this version would use for them."""
    stored: dict[int, set[str | None]] = {}
    for pid, by in s.execute(select(m.Deadline.person_id, m.Deadline.computed_by).distinct()):
        stored.setdefault(pid, set()).add(by)
    if not stored:
        return []
    held: dict[int, set[str]] = {pid: set() for pid in stored}
    for pid, code in s.execute(select(m.Stay.person_id, m.Stay.status).distinct()):
        if pid in held:
            held[pid].add(code)
    return sorted(pid for pid, bys in stored.items()
                  if bys != {derivation_fingerprint(frozenset(held[pid]))})


def deadline_rows(rows: PersonRows, on: date, computed_at: datetime) -> list[dict[str, Any]]:
    facts = build_facts(rows)
    fingerprint = derivation_fingerprint(_statuses(rows))
    out = []
    for d in compute_deadlines(facts, on):
        out.append({"person_id": rows.person.id, "organisation_id": rows.person.organisation_id, "kind": d.kind,
                    "topic": d.topic, "state": d.state, "when_past": when_past(d),
                    "date": d.date, "filing_date": d.filing_date,
                    "legal_basis": [b.model_dump(exclude_none=True) for b in d.legal_basis],
                    "explanation": d.text.to_json(), "trace": [t.to_json() for t in d.trace],
                    "risk": d.risk, "fact_status": d.fact_status, "computed_at": computed_at, "computed_for": on,
                    "computed_by": fingerprint})
    return out


def linked_people(s: Session, person_id: int) -> set[int]:
    a = s.scalars(select(m.FamilyLink.related_person_id).where(m.FamilyLink.person_id == person_id))
    b = s.scalars(select(m.FamilyLink.person_id).where(m.FamilyLink.related_person_id == person_id))
    return set(a) | set(b)


def save_change(s: Session, actor: Actor, obj: m.Base, action: str, before: dict[str, Any] | None, *, what: str,
                person_id: int, on: date, organisation_id: int | None = None) -> None:
    """The end of every change to a person's records, in the caller's transaction: write it (the database's
    refusal named as an error on ``what``), record it in the timeline, and recompute the deadlines of the
    person and of the people linked to them as of ``on``."""
    _flush(s, what)
    record(s, actor, obj, action, before, organisation_id=organisation_id)
    recompute_deadlines(s, person_id, on)


def recompute_deadlines(s: Session, person_id: int, on: date, *, cascade: bool = True) -> None:
    """Rewrite one person's derived deadlines in the current transaction; with ``cascade``, also those of
    the people linked to them (a principal's change re-evaluates the dependants' facts)."""
    ids = {person_id} | (linked_people(s, person_id) if cascade else set())
    recompute_many(s, ids, on)


def recompute_many(s: Session, person_ids: Iterable[int], on: date) -> int:
    ids = sorted(set(person_ids))
    s.flush()
    t = now()
    n = 0
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        s.execute(delete(m.Deadline).where(m.Deadline.person_id.in_(chunk)))
        rows: list[dict[str, Any]] = []
        for r in load_rows(s, chunk):
            try:
                rows.extend(deadline_rows(r, on, t))
            except ZairyuError as exc:  # facts the calendar refuses, e.g. a period the status does not allow
                exc.where = exc.where or f"person {r.person.id}"
                raise
        fast_insert(s, cast(Table, m.Deadline.__table__), rows)
        n += len(rows)
    return n


def recompute_all(s: Session, on: date, organisation_id: int | None = None) -> int:
    q = select(m.Person.id).where(m.Person.deleted_at.is_(None))
    if organisation_id is not None:
        q = q.where(m.Person.organisation_id == organisation_id)
    return recompute_many(s, list(s.scalars(q)), on)
