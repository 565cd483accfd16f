"""Applications and the office's workflow: draft, prepared, filed, examined, decided (a grant creates the
new stay) or withdrawn."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import (
    PROCEDURES,
    Actor,
    TransitionError,
    _check_version,
    _flush,
    _get,
    _In,
    now,
    validate,
)
from zairyu.cases.services.derivation import save_change
from zairyu.cases.services.people import get_person
from zairyu.cases.services.stays import add_stay, current_stay
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import catalogue, check_covered
from zairyu.limits import require_date


class ApplicationIn(_In):
    procedure: str
    target_status: str | None = None
    channel: Literal["counter", "online"] | None = None
    receipt_number: str | None = Field(None, max_length=60)
    notes: str | None = None

    @field_validator("procedure")
    @classmethod
    def _proc(cls, v: str) -> str:
        if v not in PROCEDURES:
            raise ValueError(f"unknown procedure '{v}' (allowed: {', '.join(PROCEDURES)})")
        return v


TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("prepared", "withdrawn"),
    "prepared": ("draft", "filed", "withdrawn"),
    "filed": ("under_examination", "additional_documents_requested", "decided", "withdrawn"),
    "under_examination": ("additional_documents_requested", "decided", "withdrawn"),
    "additional_documents_requested": ("under_examination", "decided", "withdrawn"),
    "decided": (),
    "withdrawn": (),
}
"""The office's own workflow. 'filed' and 'decided' need their dates (use file/decide)."""

# Procedures whose grant is a new period of stay, and how the new period is counted (law.md §3.2).
STAY_GRANTS: dict[str, Literal["change", "extension", "acquisition", "permanent_residence",
                               "special_permission"]] = {
    "change_of_status": "change", "extension_of_stay": "extension", "acquisition_of_status": "acquisition",
    "permanent_residence": "permanent_residence", "special_permission_to_stay": "special_permission",
}


def add_application(s: Session, person_id: int, data: Mapping[str, Any], actor: Actor, on: date, *,
                    organisation_id: int | None = None) -> m.Application:
    """A new application in the 'draft' stage; the target status must exist in the law on ``on``."""
    person = get_person(s, person_id, organisation_id)
    where = f"application of person {person_id}"
    a = validate(ApplicationIn, data, where=where)
    if a.target_status is not None:
        catalogue(check_covered(on)).status(a.target_status, field="target_status")
    t = now()
    app = m.Application(person_id=person_id, stage="draft", created_at=t, updated_at=t, **a.model_dump())
    s.add(app)
    _flush(s, where)
    record(s, actor, app, "create", None, organisation_id=person.organisation_id)
    return app


def get_application(s: Session, app_id: int, organisation_id: int | None = None) -> m.Application:
    a: m.Application = _get(s, m.Application, app_id, "application", organisation_id)
    return a


def _transition(app: m.Application, to: str) -> None:
    if to not in TRANSITIONS:
        raise InvalidInputError(f"unknown stage '{to}'", field="stage", value=to, allowed="|".join(TRANSITIONS),
                                where=f"application {app.id}")
    if to not in TRANSITIONS[app.stage]:
        allowed = "|".join(TRANSITIONS[app.stage]) or "none: the application is closed"
        raise TransitionError(f"cannot move from '{app.stage}' to '{to}'", field="stage", value=to,
                              allowed=allowed, where=f"application {app.id}")


def move_application(s: Session, app_id: int, to: str, actor: Actor, on: date, *,
                     expected_version: int | None = None, organisation_id: int | None = None) -> m.Application:
    """Move through the office's stages (use :func:`file_application` / :func:`decide_application` for
    'filed' and 'decided', which need their dates)."""
    app = get_application(s, app_id, organisation_id)
    what = f"application {app_id}"
    _check_version(app, expected_version, what)
    _transition(app, to)
    if to in ("filed", "decided"):
        raise InvalidInputError(f"'{to}' needs its date: use `applications {'file' if to == 'filed' else 'decide'}`",
                                field="stage", where=what)
    before = snapshot(app)
    app.stage = to
    app.updated_at = now()
    save_change(s, actor, app, "update", before, what=what, person_id=app.person_id, on=on)
    return app


def file_application(s: Session, app_id: int, filed_on: date, actor: Actor, on: date, *,
                     channel: str | None = None, receipt_number: str | None = None,
                     expected_version: int | None = None, organisation_id: int | None = None) -> m.Application:
    app = get_application(s, app_id, organisation_id)
    what = f"application {app_id}"
    require_date(filed_on, field="filed_on", where=what)
    _check_version(app, expected_version, what)
    if app.stage == "draft":
        _transition(app, "prepared")  # filing a draft passes through 'prepared'
        app.stage = "prepared"
    _transition(app, "filed")
    if channel is not None and channel not in m.CHANNELS:
        raise InvalidInputError(f"unknown channel '{channel}'", field="channel", value=channel,
                                allowed="|".join(m.CHANNELS), where=what)
    st = current_stay(s, app.person_id)
    # a change or an extension is filed during the stay it changes or extends (ICRRA Arts. 20, 21)
    if app.procedure in ("change_of_status", "extension_of_stay") and st is not None and filed_on < st.granted_on:
        raise InvalidInputError(f"filed_on {filed_on} is before the current stay was granted ({st.granted_on})",
                                field="filed_on", where=what)
    before = snapshot(app)
    app.stage = "filed"
    app.filed_on = filed_on
    app.channel = channel or app.channel
    app.receipt_number = receipt_number or app.receipt_number
    app.updated_at = now()
    save_change(s, actor, app, "update", before, what=what, person_id=app.person_id, on=on)
    return app


def decide_application(s: Session, app_id: int, decision: str, decision_date: date, actor: Actor, on: date, *,
                       new_period: str | None = None, new_expires_on: date | None = None,
                       card_number: str | None = None, card_valid_until: date | None = None,
                       expected_version: int | None = None, organisation_id: int | None = None) -> m.Application:
    """Record the government's decision. A grant of change, extension, acquisition, permanent residence
    or special permission creates the new stay: a change runs from the decision date (ICRRA Art. 20), an
    extension from the day after the old expiry (Art. 21; law.md §3.2)."""
    app = get_application(s, app_id, organisation_id)
    what = f"application {app_id}"
    for name, d in (("decision_date", decision_date), ("new_expires_on", new_expires_on),
                    ("card_valid_until", card_valid_until)):
        require_date(d, field=name, where=what)
    if new_period is not None:
        new_period = Duration.parse(new_period, field="new_period").iso()
    _check_version(app, expected_version, what)
    _transition(app, "decided")
    if decision not in m.DECISIONS:
        raise InvalidInputError(f"unknown decision '{decision}'", field="decision", value=decision,
                                allowed="|".join(m.DECISIONS), where=what)
    if decision_date > on:
        # a decision is recorded once it has been made: one dated after today is refused (docs/cases.md), so
        # that a future grant never shows as the person's current status before its date
        raise InvalidInputError(f"decision_date {decision_date} is after today ({on})", field="decision_date",
                                value=decision_date, allowed=f"a date not after {on}", where=what)
    if app.filed_on is not None and decision_date < app.filed_on:
        raise InvalidInputError(f"decision_date {decision_date} is before filed_on {app.filed_on}",
                                field="decision_date", where=what)
    before = snapshot(app)
    app.stage = "decided"
    app.decision = decision
    app.decision_date = decision_date
    app.updated_at = now()
    if decision == "granted" and app.procedure in STAY_GRANTS:
        grant = STAY_GRANTS[app.procedure]
        old = current_stay(s, app.person_id)
        status = app.target_status or (old.status if old is not None and grant == "extension" else None)
        if grant == "permanent_residence":
            status = "permanent_resident"
        if status is None:
            raise InvalidInputError("the application has no target status for the new stay",
                                    field="target_status", where=what)
        stay_data: dict[str, Any] = {"status": status, "granted_on": decision_date, "granted_by": grant,
                                     "period": new_period, "expires_on": new_expires_on,
                                     "card_number": card_number, "card_valid_until": card_valid_until}
        if grant == "extension":
            if old is None or old.expires_on is None:
                raise InvalidInputError("an extension needs the current stay's expiry", field="expires_on",
                                        where=f"current stay of person {app.person_id}")
            stay_data["previous_expires_on"] = old.expires_on
            stay_data["designation"] = old.designation
        if grant not in ("permanent_residence",) and new_period is None and new_expires_on is None:
            raise InvalidInputError("a grant needs the new period of stay (e.g. P1Y) or the new expiry",
                                    field="new_period", where=what)
        stay = add_stay(s, app.person_id, stay_data, actor, on, application_id=app.id)
        app.new_period = stay.period
        app.new_expires_on = stay.expires_on
    else:
        app.new_period = new_period
        app.new_expires_on = new_expires_on
    save_change(s, actor, app, "update", before, what=what, person_id=app.person_id, on=on)
    return app


def applications_of(s: Session, person_id: int) -> list[m.Application]:
    return list(s.scalars(select(m.Application).where(m.Application.person_id == person_id)
                          .order_by(m.Application.created_at, m.Application.id)))
