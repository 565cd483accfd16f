"""Stays: the grants of status a person has had, with their expiry (Civil Code Arts. 140/143)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.calendar.periods import expiry
from zairyu.cases import models as m
from zairyu.cases.services.audit import snapshot
from zairyu.cases.services.common import Actor, _check_version, _get, _In, now, validate
from zairyu.cases.services.derivation import save_change
from zairyu.cases.services.people import get_person
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.law.catalogue import catalogue, check_covered
from zairyu.limits import OutOfBounds

CARD_RE = re.compile(m.CARD_PATTERN)


class StayIn(_In):
    status: str = Field(min_length=1)
    period: str | None = None
    granted_on: date
    granted_by: Literal["landing", "change", "extension", "acquisition", "permanent_residence",
                        "special_permission"] | None = None
    designation: str | None = None
    expires_on: date | None = None
    previous_expires_on: date | None = None
    card_number: str | None = None
    card_valid_until: date | None = None

    @field_validator("card_number")
    @classmethod
    def _card(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        assert v is not None
        v = v.upper()
        if not CARD_RE.match(v):
            raise ValueError(f"'{v}' is not a residence card number "
                             "(2 letters, 8 digits, 2 letters, e.g. AB12345678CD)")
        return v

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        assert v is not None
        try:
            return Duration.parse(v).iso()
        except ZairyuError as exc:
            raise OutOfBounds(exc.message, exc.allowed or "") from None


def _check_status(code: str, on: date, where: str, field: str = "status") -> None:
    check_covered(on, field="granted_on" if field == "status" else "decision_date")
    catalogue(on).status(code, field=field)


def stay_expiry_of(st: StayIn, where: str) -> date | None:
    if st.expires_on is not None:
        return st.expires_on
    if st.period is None:
        return None
    period = Duration.parse(st.period, field="period")
    if st.granted_by == "extension":
        if st.previous_expires_on is None:
            raise InvalidInputError("an extension's expiry is counted from the previous expiry: give "
                                    "previous_expires_on or expires_on", field="previous_expires_on", where=where)
        return expiry(st.previous_expires_on, period, "extension").expires_on
    return expiry(st.granted_on, period, "change" if st.granted_by == "change" else "landing").expires_on


def add_stay(s: Session, person_id: int, data: Mapping[str, Any], actor: Actor, on: date, *,
             organisation_id: int | None = None, application_id: int | None = None) -> m.Stay:
    """Record a grant of status. The status must exist in the law on the grant date; the expiry is
    computed from the period (Civil Code Arts. 140/143) unless given as on the card."""
    person = get_person(s, person_id, organisation_id)
    where = f"stay of person {person_id}"
    st = validate(StayIn, data, where=where)
    if st.granted_on > on:
        # a grant is recorded once it has been made: one dated after today is refused (docs/cases.md)
        raise InvalidInputError(f"granted_on {st.granted_on} is after today ({on})", field="granted_on",
                                value=st.granted_on, allowed=f"a date not after {on}", where=where)
    _check_status(st.status, st.granted_on, where)
    exp = stay_expiry_of(st, where)
    if exp is not None and exp < st.granted_on:
        raise InvalidInputError(f"expires_on {exp} is before granted_on {st.granted_on}", field="expires_on",
                                where=where)
    stay = m.Stay(person_id=person_id, status=st.status, period=st.period, granted_on=st.granted_on,
                  granted_by=st.granted_by, designation=st.designation, expires_on=exp,
                  previous_expires_on=st.previous_expires_on, card_number=st.card_number,
                  card_valid_until=st.card_valid_until, application_id=application_id, created_at=now())
    s.add(stay)
    save_change(s, actor, stay, "create", None, what=where, person_id=person_id, on=on,
                organisation_id=person.organisation_id)
    return stay


def edit_stay(s: Session, stay_id: int, changes: Mapping[str, Any], actor: Actor, on: date, *,
              expected_version: int | None = None, organisation_id: int | None = None) -> m.Stay:
    stay: m.Stay = _get(s, m.Stay, stay_id, "stay", organisation_id)
    what = f"stay {stay_id}"
    _check_version(stay, expected_version, what)
    before = snapshot(stay)
    current = {k: getattr(stay, k) for k in StayIn.model_fields}
    if "period" in changes or "granted_on" in changes:
        current["expires_on"] = None  # recompute unless given again
    st = validate(StayIn, {**current, **changes}, where=what)
    _check_status(st.status, st.granted_on, what)
    exp = stay_expiry_of(st, what)
    for k, v in st.model_dump().items():
        setattr(stay, k, v)
    stay.expires_on = exp
    save_change(s, actor, stay, "update", before, what=what, person_id=stay.person_id, on=on)
    return stay


def stays_of(s: Session, person_id: int) -> list[m.Stay]:
    return list(s.scalars(select(m.Stay).where(m.Stay.person_id == person_id)
                          .order_by(m.Stay.granted_on, m.Stay.id)))


def current_stay(s: Session, person_id: int) -> m.Stay | None:
    stays = stays_of(s, person_id)
    return stays[-1] if stays else None
