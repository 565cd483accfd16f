"""One service function per use case of the case manager. The CLI and the web app call these.

Every function works inside the caller's session/transaction (``with db.transaction() as s:``) and
leaves nothing half-written: it validates first, writes, records the change in the timeline and
recomputes the deadlines of the people it touched, all in that one transaction. Bad input raises a
:class:`~zairyu.errors.ZairyuError` naming the record and the field.

The as-of date ``on`` (for deadlines) is always passed in by the interface, never read here.
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import itertools
import json
import operator
import re
import secrets
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    Table,
    Text,
    any_,
    bindparam,
    case,
    delete,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import cast as cast_sql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.deadlines import when_past as calendar_when_past
from zairyu.calendar.periods import expiry
from zairyu.cases import models as m
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.facts import EventKind, Facts, ProcedureCode, parse_facts
from zairyu.law.catalogue import catalogue, check_covered

# --------------------------------------------------------------------------- errors and actors


class NotFoundError(ZairyuError):
    """A record that does not exist (or is not visible to the caller)."""


class StaleRecordError(ZairyuError):
    """Someone else changed the record since it was read: reload and try again."""


class TransitionError(InvalidInputError):
    """An application stage change that the workflow does not allow."""


class DuplicateError(InvalidInputError):
    """A record that already exists (a person with the same names, birth date and nationality)."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user of the web app, or the command line (``cli:<login>``)."""

    name: str
    user_id: int | None = None


def now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- input models

CARD_RE = re.compile(m.CARD_PATTERN)
OTHER_EVENT_KINDS = ("departed", "returned")
"""Event kinds kept by the case manager beyond the facts format's: they become ``facts.departure``."""
EVENT_KINDS: tuple[str, ...] = (*EventKind.__args__, *OTHER_EVENT_KINDS)  # type: ignore[attr-defined]
PROCEDURES: tuple[str, ...] = ProcedureCode.__args__  # type: ignore[attr-defined]


def _territories() -> frozenset[str]:
    from babel import Locale

    return frozenset(str(k) for k in Locale("en").territories if isinstance(k, str) and len(k) == 2 and k.isalpha())


_ISO: frozenset[str] = frozenset()


def _iso_country(v: str | None) -> str | None:
    global _ISO
    if v is None or v == "":
        return None
    if not _ISO:
        _ISO = _territories()
    code = v.strip().upper()
    if code not in _ISO:
        raise ValueError(f"'{v}' is not an ISO 3166-1 alpha-2 country code such as 'RU', 'UA', 'MM'")
    return code


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonIn(_In):
    family_name: str = Field(min_length=1, max_length=200, description="Family name in Latin script")
    given_name: str | None = Field(None, max_length=200)
    family_name_kana: str | None = Field(None, max_length=200)
    given_name_kana: str | None = Field(None, max_length=200)
    family_name_kanji: str | None = Field(None, max_length=200)
    given_name_kanji: str | None = Field(None, max_length=200)
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2")
    birth_date: date | None = None
    born_in_japan: bool | None = None
    sex: Literal["female", "male", "other"] | None = None
    email: str | None = Field(None, max_length=320)
    phone: str | None = Field(None, max_length=50)
    address: str | None = None
    preferred_language: Literal["ja", "en", "ru", "uk"] | None = None
    notes: str | None = None
    extra_facts: dict[str, Any] | None = Field(
        None, description="Assessment facts kept with the person: goal, circumstances, conduct, "
                          "residence_in_japan_since")

    @field_validator("nationality")
    @classmethod
    def _nat(cls, v: str | None) -> str | None:
        return _iso_country(v)

    @field_validator("extra_facts")
    @classmethod
    def _extra(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
        if v is None:
            return v
        allowed = {"goal", "circumstances", "conduct", "residence_in_japan_since", "marriage"}
        bad = set(v) - allowed
        if bad:
            raise ValueError(f"unknown keys {sorted(bad)} (allowed: {', '.join(sorted(allowed))})")
        parse_facts(v, where="extra_facts")
        return v


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
            raise ValueError(f"{exc.message} (allowed: {exc.allowed})") from None


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


class EventIn(_In):
    kind: str
    on: date
    until: date | None = None
    note: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in EVENT_KINDS:
            raise ValueError(f"unknown event kind '{v}' (allowed: {', '.join(EVENT_KINDS)})")
        return v


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Mapping[str, Any], *, where: str) -> M:
    """Validate input, turning the first problem into an error naming the record and the field."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        val = err.get("input")
        raise InvalidInputError(msg, field=field, value=None if isinstance(val, dict | list) else val,
                                where=where) from None


# --------------------------------------------------------------------------- helpers


def _json(v: Any) -> Any:
    if isinstance(v, datetime):
        if v.tzinfo is None:  # SQLite hands back naive values; zairyu always writes UTC
            v = v.replace(tzinfo=UTC)
        return v.astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})


def snapshot(obj: m.Base, *, secrets_too: bool = False) -> dict[str, Any]:
    """The record's columns as JSON (for the timeline and the export); password hashes left out."""
    cols = obj.__table__.columns
    return {c.key: _json(getattr(obj, c.key)) for c in cols if secrets_too or c.key not in SECRET_COLUMNS}


def record(s: Session, actor: Actor, obj: m.Base, action: str, before: dict[str, Any] | None,
           *, person_id: int | None = None, organisation_id: int | None = None) -> None:
    """Append one entry to the timeline (never updated or deleted)."""
    after = snapshot(obj) if action != "delete" else None
    pid = person_id if person_id is not None else getattr(obj, "person_id", None)
    if isinstance(obj, m.Person):
        pid = obj.id
    s.add(m.TimelineEntry(at=now(), actor=actor.name, actor_user_id=actor.user_id,
                          organisation_id=organisation_id, person_id=pid, entity=obj.__tablename__,
                          entity_id=getattr(obj, "id", None), action=action, before=before, after=after))


def _flush(s: Session, what: str) -> None:
    try:
        s.flush()
    except StaleDataError:
        raise StaleRecordError(f"{what} was changed by someone else since you read it; reload and try again",
                               where=what) from None


def _check_version(obj: Any, expected: int | None, what: str) -> None:
    if expected is not None and obj.version != expected:
        raise StaleRecordError(
            f"{what} is at version {obj.version}, your copy is version {expected}: it was changed by someone "
            "else since you read it; reload and try again", where=what, field="version")


def _get(s: Session, cls: type[Any], id_: int, label: str, organisation_id: int | None = None) -> Any:
    obj = s.get(cls, id_)
    if obj is None:
        raise NotFoundError(f"no {label} with id {id_}", field="id", value=id_)
    if organisation_id is not None:
        owner = obj if hasattr(obj, "organisation_id") else s.get(m.Person, obj.person_id)
        if owner is None or owner.organisation_id != organisation_id:
            raise NotFoundError(f"no {label} with id {id_}", field="id", value=id_)
    return obj


# --------------------------------------------------------------------------- organisations and users


def create_organisation(s: Session, name: str, actor: Actor) -> m.Organisation:
    name = name.strip()
    if not name:
        raise InvalidInputError("an organisation needs a name", field="name", where="organisation")
    if s.scalar(select(m.Organisation.id).where(m.Organisation.name == name)) is not None:
        raise DuplicateError(f"an organisation named '{name}' already exists", field="name", value=name,
                             where="organisation")
    org = m.Organisation(name=name, created_at=now())
    s.add(org)
    _flush(s, "organisation")
    record(s, actor, org, "create", None, organisation_id=org.id)
    return org


DEFAULT_ORGANISATION = "zairyu office"


def default_organisation(s: Session, actor: Actor, *, create: bool = True) -> m.Organisation:
    """The office the command line works on: the first organisation, created when there is none."""
    org = s.scalars(select(m.Organisation).order_by(m.Organisation.id).limit(1)).first()
    if org is None:
        if not create:
            raise NotFoundError("there is no office yet: run `zairyu demo` or `zairyu people add`")
        org = create_organisation(s, DEFAULT_ORGANISATION, actor)
    return org


def add_user(s: Session, organisation_id: int, *, email: str, display_name: str, role: str, actor: Actor,
             password_hash: str | None = None, language: str = "ja", person_id: int | None = None) -> m.User:
    """Create an account (the web app hashes the password with argon2id and passes the hash)."""
    where = f"user {email}"
    email = email.strip().lower()
    if not re.match(r"^[^@\s]+@[^@\s]+$", email):
        raise InvalidInputError(f"'{email}' is not an e-mail address", field="email", where=where)
    if role not in m.ROLES:
        raise InvalidInputError(f"unknown role '{role}'", field="role", value=role, allowed="|".join(m.ROLES),
                                where=where)
    if language not in m.LANGUAGES:
        raise InvalidInputError(f"unknown language '{language}'", field="language", value=language,
                                allowed="|".join(m.LANGUAGES), where=where)
    if role == "client" and person_id is None:
        raise InvalidInputError("a client account must be linked to their person record", field="person_id",
                                where=where)
    if person_id is not None:
        _get(s, m.Person, person_id, "person", organisation_id)
    if s.scalar(select(m.User.id).where(func.lower(m.User.email) == email)) is not None:
        raise DuplicateError(f"a user with e-mail {email} already exists", field="email", where=where)
    u = m.User(organisation_id=organisation_id, email=email, display_name=display_name, password_hash=password_hash,
               role=role, language=language, person_id=person_id, active=True, created_at=now())
    s.add(u)
    _flush(s, where)
    record(s, actor, u, "create", None, organisation_id=organisation_id)
    return u


def assign_supporter(s: Session, user_id: int, person_id: int, actor: Actor) -> None:
    u = _get(s, m.User, user_id, "user")
    _get(s, m.Person, person_id, "person", u.organisation_id)
    if u.role != "supporter":
        raise InvalidInputError(f"user {u.email} is a {u.role}, not a supporter", field="role",
                                where=f"user {user_id}")
    if s.get(m.SupporterAssignment, (user_id, person_id)) is None:
        a = m.SupporterAssignment(user_id=user_id, person_id=person_id, created_at=now())
        s.add(a)
        _flush(s, "supporter assignment")
        record(s, actor, a, "create", None, person_id=person_id, organisation_id=u.organisation_id)


def create_calendar_token(s: Session, *, user_id: int | None = None, person_id: int | None = None) -> str:
    """A new feed token; returns the token itself (only its SHA-256 is stored)."""
    if (user_id is None) == (person_id is None):
        raise InvalidInputError("a calendar token belongs to exactly one user or one person", field="owner")
    token = secrets.token_urlsafe(32)
    s.add(m.CalendarToken(token_hash=hash_token(token), user_id=user_id, person_id=person_id, created_at=now()))
    s.flush()
    return token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def resolve_calendar_token(s: Session, token: str) -> m.CalendarToken | None:
    t = s.scalar(select(m.CalendarToken).where(m.CalendarToken.token_hash == hash_token(token)))
    return t if t is not None and t.revoked_at is None else None


def revoke_calendar_token(s: Session, token_id: int) -> None:
    t = _get(s, m.CalendarToken, token_id, "calendar token")
    if t.revoked_at is None:
        t.revoked_at = now()
        s.flush()


# --------------------------------------------------------------------------- people


def _duplicate_of(s: Session, org_id: int, p: PersonIn, exclude: int | None = None) -> int | None:
    q = select(m.Person.id).where(
        m.Person.organisation_id == org_id, func.lower(m.Person.family_name) == p.family_name.lower(),
        func.lower(func.coalesce(m.Person.given_name, "")) == (p.given_name or "").lower(),
        m.Person.birth_date == p.birth_date if p.birth_date else m.Person.birth_date.is_(None),
        m.Person.nationality == p.nationality if p.nationality else m.Person.nationality.is_(None))
    if exclude is not None:
        q = q.where(m.Person.id != exclude)
    return s.scalar(q.limit(1))


def add_person(s: Session, organisation_id: int, data: Mapping[str, Any], actor: Actor) -> m.Person:
    p = validate(PersonIn, data, where="person")
    dup = _duplicate_of(s, organisation_id, p)
    if dup is not None:
        raise DuplicateError(
            f"person {dup} already has the same names, birth date and nationality", field="family_name",
            value=p.family_name, where="person")
    t = now()
    person = m.Person(organisation_id=organisation_id, created_at=t, updated_at=t, **p.model_dump())
    s.add(person)
    _flush(s, "person")
    record(s, actor, person, "create", None, organisation_id=organisation_id)
    return person


def get_person(s: Session, person_id: int, organisation_id: int | None = None) -> m.Person:
    p: m.Person = _get(s, m.Person, person_id, "person", organisation_id)
    return p


def edit_person(s: Session, person_id: int, changes: Mapping[str, Any], actor: Actor, on: date, *,
                expected_version: int | None = None, organisation_id: int | None = None) -> m.Person:
    person = get_person(s, person_id, organisation_id)
    what = f"person {person_id}"
    _check_version(person, expected_version, what)
    before = snapshot(person)
    current = {k: getattr(person, k) for k in PersonIn.model_fields}
    unknown = set(changes) - set(PersonIn.model_fields)
    if unknown:
        raise InvalidInputError(f"unknown field(s) {', '.join(sorted(unknown))}", field=sorted(unknown)[0],
                                allowed=", ".join(PersonIn.model_fields), where=what)
    p = validate(PersonIn, {**current, **changes}, where=what)
    dup = _duplicate_of(s, person.organisation_id, p, exclude=person_id)
    if dup is not None:
        raise DuplicateError(f"person {dup} already has the same names, birth date and nationality",
                             field="family_name", where=what)
    for k, v in p.model_dump().items():
        setattr(person, k, v)
    person.updated_at = now()
    _flush(s, what)
    record(s, actor, person, "update", before)
    recompute_deadlines(s, person_id, on)
    return person


def list_people(s: Session, organisation_id: int, *, search: str | None = None, limit: int | None = None,
                offset: int = 0, only_assigned_to: int | None = None) -> list[m.Person]:
    q = select(m.Person).where(m.Person.organisation_id == organisation_id)
    if search:
        like = f"%{search.lower()}%"
        q = q.where(or_(*(func.lower(c).like(like) for c in (
            m.Person.family_name, m.Person.given_name, m.Person.family_name_kana, m.Person.given_name_kana,
            m.Person.family_name_kanji, m.Person.given_name_kanji))))
    if only_assigned_to is not None:
        q = q.join(m.SupporterAssignment, m.SupporterAssignment.person_id == m.Person.id).where(
            m.SupporterAssignment.user_id == only_assigned_to)
    q = q.order_by(m.Person.family_name, m.Person.given_name, m.Person.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return list(s.scalars(q))


def link_family(s: Session, person_id: int, related_person_id: int, relation: str, actor: Actor, on: date
                ) -> m.FamilyLink:
    """``related`` is the ``relation`` of ``person`` (relation 'child': related is person's child)."""
    what = f"family link {person_id}→{related_person_id}"
    if relation not in m.RELATIONS:
        raise InvalidInputError(f"unknown relation '{relation}'", field="relation", value=relation,
                                allowed="|".join(m.RELATIONS), where=what)
    if person_id == related_person_id:
        raise InvalidInputError("a person cannot be their own relative", field="related_person_id", where=what)
    a = get_person(s, person_id)
    get_person(s, related_person_id, a.organisation_id)
    link = m.FamilyLink(person_id=person_id, related_person_id=related_person_id, relation=relation,
                        created_at=now())
    s.add(link)
    _flush(s, what)
    record(s, actor, link, "create", None, organisation_id=a.organisation_id)
    recompute_deadlines(s, person_id, on)
    return link


# --------------------------------------------------------------------------- stays


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
    _flush(s, where)
    record(s, actor, stay, "create", None, organisation_id=person.organisation_id)
    recompute_deadlines(s, person_id, on)
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
    _flush(s, what)
    record(s, actor, stay, "update", before)
    recompute_deadlines(s, stay.person_id, on)
    return stay


def stays_of(s: Session, person_id: int) -> list[m.Stay]:
    return list(s.scalars(select(m.Stay).where(m.Stay.person_id == person_id)
                          .order_by(m.Stay.granted_on, m.Stay.id)))


def current_stay(s: Session, person_id: int) -> m.Stay | None:
    stays = stays_of(s, person_id)
    return stays[-1] if stays else None


# --------------------------------------------------------------------------- applications

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

PENDING_STAGES = ("filed", "under_examination", "additional_documents_requested")

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
    _flush(s, what)
    record(s, actor, app, "update", before)
    recompute_deadlines(s, app.person_id, on)
    return app


def file_application(s: Session, app_id: int, filed_on: date, actor: Actor, on: date, *,
                     channel: str | None = None, receipt_number: str | None = None,
                     expected_version: int | None = None, organisation_id: int | None = None) -> m.Application:
    app = get_application(s, app_id, organisation_id)
    what = f"application {app_id}"
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
    _flush(s, what)
    record(s, actor, app, "update", before)
    recompute_deadlines(s, app.person_id, on)
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
    _check_version(app, expected_version, what)
    _transition(app, "decided")
    if decision not in m.DECISIONS:
        raise InvalidInputError(f"unknown decision '{decision}'", field="decision", value=decision,
                                allowed="|".join(m.DECISIONS), where=what)
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
    _flush(s, what)
    record(s, actor, app, "update", before)
    recompute_deadlines(s, app.person_id, on)
    return app


def applications_of(s: Session, person_id: int) -> list[m.Application]:
    return list(s.scalars(select(m.Application).where(m.Application.person_id == person_id)
                          .order_by(m.Application.created_at, m.Application.id)))


# --------------------------------------------------------------------------- events, notes, tasks, documents


def add_event(s: Session, person_id: int, data: Mapping[str, Any], actor: Actor, on: date, *,
              organisation_id: int | None = None) -> m.Event:
    person = get_person(s, person_id, organisation_id)
    where = f"event of person {person_id}"
    e = validate(EventIn, data, where=where)
    ev = m.Event(person_id=person_id, created_at=now(), **e.model_dump())
    s.add(ev)
    _flush(s, where)
    record(s, actor, ev, "create", None, organisation_id=person.organisation_id)
    recompute_deadlines(s, person_id, on)
    return ev


def add_note(s: Session, person_id: int, body: str, actor: Actor, *, application_id: int | None = None) -> m.Note:
    person = get_person(s, person_id)
    if not body.strip():
        raise InvalidInputError("a note cannot be empty", field="body", where=f"note for person {person_id}")
    n = m.Note(person_id=person_id, application_id=application_id, author_id=actor.user_id, body=body,
               created_at=now())
    s.add(n)
    _flush(s, "note")
    record(s, actor, n, "create", None, organisation_id=person.organisation_id)
    return n


def add_task(s: Session, organisation_id: int, title: str, actor: Actor, *, person_id: int | None = None,
             owner_id: int | None = None, due_on: date | None = None, application_id: int | None = None) -> m.Task:
    if not title.strip():
        raise InvalidInputError("a task needs a title", field="title", where="task")
    if person_id is not None:
        get_person(s, person_id, organisation_id)
    if owner_id is not None:
        _get(s, m.User, owner_id, "user", organisation_id)
    t = m.Task(organisation_id=organisation_id, person_id=person_id, owner_id=owner_id, title=title, due_on=due_on,
               application_id=application_id, done=False, created_at=now())
    s.add(t)
    _flush(s, "task")
    record(s, actor, t, "create", None, organisation_id=organisation_id)
    return t


def complete_task(s: Session, task_id: int, actor: Actor, *, expected_version: int | None = None) -> m.Task:
    t: m.Task = _get(s, m.Task, task_id, "task")
    _check_version(t, expected_version, f"task {task_id}")
    before = snapshot(t)
    t.done = True
    _flush(s, f"task {task_id}")
    record(s, actor, t, "update", before, organisation_id=t.organisation_id)
    return t


ALLOWED_TYPES = {
    "application/pdf": (".pdf",), "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",),
    "image/heic": (".heic",), "text/plain": (".txt",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
}
"""Document types accepted (never HTML or scripts: a stored file is never served inline as a page)."""

_MAGIC = {"application/pdf": b"%PDF", "image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8\xff"}


def store_document(s: Session, person_id: int, filename: str, content_type: str, data: bytes, actor: Actor, *,
                   upload_dir: Path, max_bytes: int, application_id: int | None = None,
                   organisation_id: int | None = None) -> m.Document:
    """Keep a file under the upload directory, named by its SHA-256; limits on size and type."""
    person = get_person(s, person_id, organisation_id)
    where = f"document {filename!r} of person {person_id}"
    name = Path(filename).name.strip()
    if not name:
        raise InvalidInputError("a document needs a file name", field="filename", where=where)
    if content_type not in ALLOWED_TYPES:
        raise InvalidInputError(f"type '{content_type}' is not accepted", field="content_type",
                                allowed=", ".join(ALLOWED_TYPES), where=where)
    if not name.lower().endswith(ALLOWED_TYPES[content_type]):
        raise InvalidInputError(f"the file name does not end with {'/'.join(ALLOWED_TYPES[content_type])}",
                                field="filename", where=where)
    if len(data) == 0:
        raise InvalidInputError("the file is empty", field="size", where=where)
    if len(data) > max_bytes:
        raise InvalidInputError(f"the file is {len(data)} bytes; the limit is {max_bytes}", field="size",
                                where=where)
    magic = _MAGIC.get(content_type)
    if magic and not data.startswith(magic):
        raise InvalidInputError(f"the content is not {content_type}", field="content_type", where=where)
    if application_id is not None:
        a = get_application(s, application_id)
        if a.person_id != person_id:
            raise InvalidInputError(f"application {application_id} belongs to another person",
                                    field="application_id", where=where)
    digest = hashlib.sha256(data).hexdigest()
    rel = Path(digest[:2]) / digest
    path = upload_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    doc = m.Document(person_id=person_id, application_id=application_id, filename=name, content_type=content_type,
                     size=len(data), sha256=digest, stored_path=str(rel), uploaded_by=actor.user_id, created_at=now())
    s.add(doc)
    _flush(s, where)
    record(s, actor, doc, "create", None, organisation_id=person.organisation_id)
    return doc


def read_document(doc: m.Document, upload_dir: Path) -> bytes:
    data = (upload_dir / doc.stored_path).read_bytes()
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise ZairyuError("the stored file does not match its SHA-256: it was altered or damaged",
                          where=f"document {doc.id}")
    return data


def timeline_of(s: Session, person_id: int) -> list[m.TimelineEntry]:
    return list(s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.person_id == person_id)
                          .order_by(m.TimelineEntry.id)))


# --------------------------------------------------------------------------- facts and deadlines

_INVERSE = {"spouse": "spouse", "child": "parent", "parent": "child", "sibling": "sibling", "other": "other"}
_FACT_EVENTS = frozenset(EventKind.__args__)  # type: ignore[attr-defined]


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
            hist.append({"status": st.status, "from": st.granted_on, "to": end})
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
    events = sorted(rows.events, key=lambda e: (e.on, e.id))
    doc["events"] = [{"kind": e.kind, "on": e.on, "note": e.note} for e in events if e.kind in _FACT_EVENTS]
    departure: dict[str, Any] | None = None
    for e in events:
        if e.kind == "departed":
            departure = {"departed_on": e.on, "intends_to_return": True, "re_entry_permit_until": e.until}
        elif e.kind in ("returned", "arrived") and departure is not None and e.on >= departure["departed_on"]:
            departure = None
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


def when_past(d: Any) -> str:
    """What a deadline becomes once its last day to act has gone by, by the calendar's own relevance rule
    (zairyu.calendar.deadlines): an obligation stays 'overdue', a window opening is dropped, a revocation
    risk is 'risk' (kept on the person's page, not on the agenda), anything else is kept as 'passed'."""
    past = calendar_when_past(d)
    return "risk" if d.risk and past != "window" else past


@functools.cache
def derivation_fingerprint() -> str:
    """What computes a person's deadlines, as one value: a SHA-256 over the law data (``zairyu/law/data``),
    the calendar (``zairyu/calendar``), the facts format and period arithmetic, and the function that builds
    facts from the records. Stored with every deadline row (``computed_by``): when an upgrade of zairyu
    changes any of it, ``zairyu db upgrade`` recomputes the deadlines it computed before."""
    import inspect

    import zairyu

    root = Path(zairyu.__file__).parent
    h = hashlib.sha256()
    files = sorted([*(root / "law" / "data").glob("*.yaml"), *(root / "calendar").glob("*.py"),
                    root / "facts.py", root / "duration.py"])
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(inspect.getsource(build_facts).encode())
    return h.hexdigest()[:32]


def stale_people(s: Session) -> list[int]:
    """The people whose stored deadlines another version of the law data or calendar computed."""
    fp = derivation_fingerprint()
    q = select(m.Deadline.person_id).where(or_(m.Deadline.computed_by.is_(None), m.Deadline.computed_by != fp))
    return sorted(set(s.scalars(q.distinct())))


def deadline_rows(rows: PersonRows, on: date, computed_at: datetime) -> list[dict[str, Any]]:
    facts = build_facts(rows)
    fingerprint = derivation_fingerprint()
    out = []
    for d in compute_deadlines(facts, on):
        out.append({"person_id": rows.person.id, "organisation_id": rows.person.organisation_id, "kind": d.kind,
                    "topic": d.topic, "state": d.state, "when_past": when_past(d),
                    "date": d.date, "filing_date": d.filing_date,
                    "legal_basis": [b.model_dump(exclude_none=True) for b in d.legal_basis],
                    "explanation_ja": d.explanation_ja, "explanation_en": d.explanation_en,
                    "explanation_ru": d.explanation_ru, "explanation_uk": d.explanation_uk, "trace": list(d.trace),
                    "risk": d.risk, "fact_status": d.fact_status, "computed_at": computed_at, "computed_for": on,
                    "computed_by": fingerprint})
    return out


def stored_explanations(d: Any) -> dict[str, str]:
    """A stored deadline's explanation in ja/en/ru/uk. Rows written before migration 0006 lack ru/uk until
    their next recompute; for those the English is read through the calendar's message catalogue."""
    from zairyu.calendar.texts import localize

    out = {"ja": d.explanation_ja, "en": d.explanation_en}
    for lang in ("ru", "uk"):
        out[lang] = getattr(d, f"explanation_{lang}", None) or localize(d.explanation_en, lang) or d.explanation_en
    return out


def linked_people(s: Session, person_id: int) -> set[int]:
    a = s.scalars(select(m.FamilyLink.related_person_id).where(m.FamilyLink.person_id == person_id))
    b = s.scalars(select(m.FamilyLink.person_id).where(m.FamilyLink.related_person_id == person_id))
    return set(a) | set(b)


def recompute_deadlines(s: Session, person_id: int, on: date, *, cascade: bool = True) -> None:
    """Rewrite one person's derived deadlines in the current transaction; with ``cascade``, also those of
    the people linked to them (a principal's change re-evaluates the dependants' facts)."""
    ids = {person_id} | (linked_people(s, person_id) if cascade else set())
    recompute_many(s, ids, on)


def _json_default(v: Any) -> Any:
    if isinstance(v, date | datetime):
        return _json(v)
    raise TypeError(f"{type(v).__name__} is not JSON serialisable")


def _dumps(v: Any) -> str:
    return json.dumps(v, default=_json_default)


def fast_insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany straight through the driver, values converted as SQLAlchemy's column types would
    (dates, UTC timestamps, JSON, booleans): several times faster than going through SQLAlchemy's
    per-row parameter processing, which matters for importing 100,000 people."""
    if not rows:
        return
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    cols = list(rows[0].keys())
    conv: list[Any] = []
    for c in cols:
        typ = table.c[c].type
        if isinstance(typ, JSON):
            conv.append(_dumps)
        elif sqlite and isinstance(typ, DateTime):
            conv.append(lambda v: None if v is None else v.strftime("%Y-%m-%d %H:%M:%S.%f"))
        elif sqlite and isinstance(typ, Date):
            conv.append(lambda v: None if v is None else v.isoformat())
        elif sqlite and isinstance(typ, Boolean):
            conv.append(lambda v: None if v is None else int(v))
        else:
            conv.append(None)
    columns = [[r[c] for r in rows] if f is None else list(map(f, (r[c] for r in rows)))
               for c, f in zip(cols, conv, strict=True)]  # column by column: the conversions run in C loops
    params = list(zip(*columns, strict=True))
    q = conn.dialect.identifier_preparer.quote  # e.g. events."on" is a reserved word
    names = ", ".join(q(c) for c in cols)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # COPY is PostgreSQL's bulk path; it runs on this session's connection, inside its transaction
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {q(table.name)} ({names}) FROM STDIN") as cp:
            for row in params:
                cp.write_row(row)
        return
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO {q(table.name)} ({names}) VALUES ({', '.join(mark for _ in cols)})"
    conn.exec_driver_sql(sql, params)


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
    q = select(m.Person.id)
    if organisation_id is not None:
        q = q.where(m.Person.organisation_id == organisation_id)
    return recompute_many(s, list(s.scalars(q)), on)


def deadlines_of(s: Session, person_id: int) -> list[m.Deadline]:
    return list(s.scalars(select(m.Deadline).where(m.Deadline.person_id == person_id)
                          .order_by(m.Deadline.date, m.Deadline.kind)))


def person_deadlines(s: Session, person_id: int, on: date) -> list[AgendaItem]:
    """All of one person's stored deadlines with their state as of ``on``."""
    p = get_person(s, person_id)
    return [AgendaItem(d, p, state_on(d, on)) for d in deadlines_of(s, person_id)]


# --------------------------------------------------------------------------- agenda

class PersonBrief(NamedTuple):
    """The few person fields an agenda line needs (loaded without the whole record)."""

    id: int
    family_name: str
    given_name: str | None
    family_name_kana: str | None
    given_name_kana: str | None
    family_name_kanji: str | None
    given_name_kanji: str | None
    nationality: str | None

    @property
    def display_name(self) -> str:
        return m.display_name(self)


class AgendaItem(NamedTuple):
    """One line of a person's own deadlines (:func:`person_deadlines`). The agenda's lines are
    :class:`AgendaLine` objects, which answer to the same ``deadline``, ``person``, ``state``, ``overdue``
    and ``to_json()``."""

    deadline: Any
    """A :class:`~zairyu.cases.models.Deadline`."""
    person: Any
    """A :class:`~zairyu.cases.models.Person`."""
    state: str
    """As of the agenda date: upcoming, today, overdue (an obligation not done in time), passed (a date
    gone by that still matters) or open (a window that has opened)."""

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def to_json(self, *, trace: bool = True) -> dict[str, Any]:
        d = self.deadline
        p = self.person
        out = {
            "kind": d.kind, "topic": d.topic, "date": d.date.isoformat(),
            "filing_date": d.filing_date.isoformat() if d.filing_date else None,
            "state": self.state, "overdue": self.state == "overdue", "legal_basis": d.legal_basis,
            "explanation": stored_explanations(d),
            "fact_status": d.fact_status, "risk": d.risk, "computed_for": d.computed_for.isoformat(),
            "person": {"id": p.id, "name": p.display_name, "family_name": p.family_name,
                       "given_name": p.given_name, "nationality": p.nationality},
        }
        if trace:
            try:
                out["trace"] = d.trace
            except AttributeError:  # agenda lines can be loaded without their trace
                pass
        return out


def state_on(d: Any, on: date) -> str:
    act = d.filing_date or d.date
    if act > on:
        return "upcoming"
    if act == on:
        return "today"
    past: str = d.when_past
    return {"window": "open", "risk": "passed"}.get(past, past)


MAX_ROLL_DAYS = 14
"""A filing date rolled past closed days is never this many days after the legal date (the longest run of
closed days — New Year's 12/29–1/3 joined to weekends, or Golden Week — is about 10 days)."""

_D = m.Deadline
# What an agenda line lists, all held in the index ix_deadlines_agenda (read without visiting the table).
_LINE_COLS = (_D.id, _D.person_id, _D.kind, _D.topic, _D.date, _D.filing_date, _D.when_past, _D.risk,
              _D.fact_status, _D.computed_for)
_LINE_ORDER = operator.itemgetter(4, 1, 2, 0)  # date, person, kind, id (as the SQL ORDER BY)
_LINE_DATE = operator.itemgetter(4)
_LINE_WHEN_PAST = operator.itemgetter(6)
_N_LINE_COLS = len(_LINE_COLS)
_PERSON_COLS = (m.Person.id, m.Person.family_name, m.Person.given_name, m.Person.family_name_kana,
                m.Person.given_name_kana, m.Person.family_name_kanji, m.Person.given_name_kanji,
                m.Person.nationality)


class _Details:
    """What a batch of agenda lines shares: their people (read with the lines, each once), and their long
    parts — explanations, provisions (JSON) and traces (JSON) — read in one query for the whole batch the
    first time any line is shown. A long agenda that is only counted, filtered or paged never reads them;
    decoding them is most of the cost of a long agenda. Needs the session the agenda was read with to be
    still open."""

    __slots__ = ("_s", "_ids", "with_trace", "people", "_rows", "_legal", "_names")

    def __init__(self, s: Session, with_trace: bool) -> None:
        self._s = s
        self._ids: list[int] = []  # the lines' ids (set once the lines are built)
        self.people: dict[int, PersonBrief] = {}  # by id (set once the lines are built)
        self.with_trace = with_trace
        self._rows: dict[int, Any] | None = None
        self._legal: dict[str, list[Any]] = {}  # the same few provision lists recur on thousands of lines
        self._names: dict[int, str] = {}  # a person with several lines is named once

    def to_json(self, d: AgendaLine, trace: bool) -> dict[str, Any]:
        """:meth:`AgendaLine.to_json`: the same keys in the same order with the same values as
        :meth:`AgendaItem.to_json` of the stored deadline, with the line's stored row looked up once instead
        of once per field."""
        p = d.person
        state = d.state
        row = self.row(d.id)
        name = self._names.get(p.id)
        if name is None:
            name = self._names[p.id] = p.display_name
        fd = d.filing_date
        ja, en, ru, uk = row[1], row[2], row[4], row[5]
        out = {
            "kind": d.kind, "topic": d.topic, "date": d.date.isoformat(),
            "filing_date": fd.isoformat() if fd else None,
            "state": state, "overdue": state == "overdue",
            "legal_basis": [dict(b) for b in self.legal_basis(row[3])],
            "explanation": {"ja": ja, "en": en, "ru": ru, "uk": uk} if ru and uk else stored_explanations(d),
            "fact_status": d.fact_status, "risk": d.risk, "computed_for": d.computed_for.isoformat(),
            "person": {"id": p.id, "name": name, "family_name": p.family_name,
                       "given_name": p.given_name, "nationality": p.nationality},
        }
        if trace and self.with_trace:
            out["trace"] = json.loads(row[6]) if row[6] is not None else []
        return out

    def row(self, id_: int) -> Any:
        if self._rows is None:
            cols: list[Any] = [_D.id, _D.explanation_ja, _D.explanation_en, cast_sql(_D.legal_basis, Text),
                               _D.explanation_ru, _D.explanation_uk]
            if self.with_trace:
                cols.append(cast_sql(_D.trace, Text))
            q = select(*cols).where(_id_in(self._s, _D.id, self._ids))
            self._rows = {r[0]: r for r in self._s.connection().execute(q).all()}
        got = self._rows.get(id_)
        if got is None:  # recomputed by someone else between the two reads (PostgreSQL, read committed)
            raise StaleRecordError("the deadlines were recomputed while the agenda was read; reload it",
                                   field="agenda")
        return got

    def legal_basis(self, text: str) -> list[Any]:
        got = self._legal.get(text)
        if got is None:
            got = self._legal[text] = json.loads(text)
        return got


_Date = date  # the field named ``date`` below would hide the type


class AgendaLine(NamedTuple):
    """One line of the agenda, in one object: the columns it lists and its state (a tuple: built by the ten
    thousand for a large office), and its person, read with the agenda, one object per person however many
    lines they have. ``explanation_ja``/``_en``/``_ru``/``_uk``, ``legal_basis`` and ``trace`` (when loaded
    with traces) are read for the whole agenda at the first use of any of them (see :class:`_Details`).
    Like :class:`AgendaItem` it has ``deadline`` (the line itself: it carries the deadline's own attribute
    names), ``person``, ``state``, ``overdue`` and ``to_json()``."""

    id: int
    person_id: int
    kind: str
    topic: str | None
    date: _Date
    filing_date: _Date | None
    when_past: str
    risk: bool
    fact_status: str
    computed_for: _Date
    state: str
    """As of the agenda date: upcoming, today, overdue (an obligation not done in time), passed (a date
    gone by that still matters) or open (a window that has opened)."""
    details: _Details

    @property
    def deadline(self) -> AgendaLine:
        return self

    @property
    def person(self) -> PersonBrief:
        """Id, names, nationality and ``display_name``."""
        return self.details.people[self.person_id]

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def to_json(self, *, trace: bool = True) -> dict[str, Any]:
        """The same dictionary as :meth:`AgendaItem.to_json` gives for the stored deadline and its person."""
        return self.details.to_json(self, trace)

    @property
    def explanation_ja(self) -> str:
        text: str = self.details.row(self.id)[1]
        return text

    @property
    def explanation_en(self) -> str:
        text: str = self.details.row(self.id)[2]
        return text

    @property
    def legal_basis(self) -> list[Any]:
        return [dict(b) for b in self.details.legal_basis(self.details.row(self.id)[3])]

    @property
    def explanation_ru(self) -> str | None:
        text: str | None = self.details.row(self.id)[4]  # None on rows written before migration 0006
        return text

    @property
    def explanation_uk(self) -> str | None:
        text: str | None = self.details.row(self.id)[5]
        return text

    @property
    def trace(self) -> list[Any]:
        if not self.details.with_trace:
            raise AttributeError("trace")  # loaded without traces: hasattr(line, "trace") is False
        text: str | None = self.details.row(self.id)[6]
        return json.loads(text) if text is not None else []


def _agenda_base(organisation_id: int, only_assigned_to: int | None, person_id: int | None) -> Any:
    base = select(*_LINE_COLS).where(_D.organisation_id == organisation_id)
    if only_assigned_to is not None:
        base = base.join(m.SupporterAssignment, m.SupporterAssignment.person_id == _D.person_id).where(
            m.SupporterAssignment.user_id == only_assigned_to)
    if person_id is not None:
        base = base.where(_D.person_id == person_id)
    return base


def _id_in(s: Session, column: Any, ids: Collection[int]) -> Any:
    """``column IN (ids)`` with the ids as one parameter (an array on PostgreSQL, a JSON list on SQLite):
    tens of thousands of separate parameters cost more to send and to plan than the lookups themselves."""
    wanted = sorted(ids)
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        return column == any_(bindparam(None, wanted, type_=ARRAY(Integer)))
    if dialect == "sqlite":
        listed = func.json_each(bindparam(None, json.dumps(wanted)))
        return column.in_(select(literal_column("value")).select_from(listed))
    return column.in_(wanted)


def _people_brief(s: Session, ids: Collection[int]) -> dict[int, PersonBrief]:
    """The agenda's people, each read once however many lines they have (straight from the driver: the
    columns are all text and integers, so there is nothing for SQLAlchemy to convert)."""
    conn = s.connection()
    dialect = conn.dialect.name
    cols = ", ".join(c.name for c in _PERSON_COLS)
    wanted = sorted(ids)
    if dialect == "sqlite":
        sql, arg = f"SELECT {cols} FROM people WHERE id IN (SELECT value FROM json_each(?))", json.dumps(wanted)
    elif dialect == "postgresql":
        # a binary array: PostgreSQL parsing tens of thousands of ids from text took ~10 ms
        sql, arg = f"SELECT {cols} FROM people WHERE id = ANY(%b)", wanted  # type: ignore[assignment]
    else:
        rows = conn.execute(select(*_PERSON_COLS).where(_id_in(s, m.Person.id, ids))).all()
        return {r[0]: PersonBrief._make(r) for r in rows}
    cur = conn.connection.cursor()
    try:
        cur.execute(sql, (arg,))
        got = cur.fetchall()
    finally:
        cur.close()
    make = tuple.__new__
    return {r[0]: make(PersonBrief, r) for r in got}


def agenda(s: Session, organisation_id: int, on: date, days: int = 30, *,
           only_assigned_to: int | None = None, person_id: int | None = None,
           limit: int | None = None, offset: int = 0, with_trace: bool = True) -> list[AgendaLine]:
    """What is due up to ``on + days``, plus what has gone by and still matters (an obligation not done:
    overdue; the end of a stay or of the special period: passed). Overdue first, then by date.
    Window openings and revocation risks whose date has gone by are left out (they stay on the
    person's page). ``limit``/``offset`` page through it; each part is an index range scan.

    The lines' explanations, provisions and traces are read when first used, from the same session
    (use the lines before the session closes)."""
    if days < 0:
        raise InvalidInputError("the number of days cannot be negative", field="days", value=days)
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInputError("limit and offset cannot be negative", field="limit")
    want = None if limit is None else offset + limit
    sql = _agenda_sql(s.get_bind().dialect, organisation_id, only_assigned_to, person_id, on, days, want)
    with _gc_paused():
        return _agenda_items(s, on, sql, want, offset, with_trace)


@functools.lru_cache(maxsize=256)
def _agenda_sql(dialect: Any, organisation_id: int, only_assigned_to: int | None, person_id: int | None,
                on: date, days: int, want: int | None) -> tuple[str, str]:
    """The agenda's two line queries as plain SQL (only integers and dates are rendered into it), remembered:
    compiling them was about a sixth of a small office's agenda request, and the same office, user and day
    ask for the same agenda many times."""
    from datetime import timedelta

    until = on + timedelta(days=days)
    act = func.coalesce(_D.filing_date, _D.date)
    base = _agenda_base(organisation_id, only_assigned_to, person_id)
    # What has gone by and still matters (overdue, passed), in one query. ``computed_at`` is not listed but is
    # outside the covering index ix_deadlines_agenda: without it both SQLite and PostgreSQL read every past
    # deadline of the office from that index (~100,000 entries for 100,000 people) instead of seeking the
    # few thousand in ix_deadlines_org_past_date (organisation, when_past, date): 24 ms against 9 on SQLite.
    gone = base.where(_D.when_past.in_(("overdue", "passed")), _D.date < on, act < on).add_columns(_D.computed_at)
    ahead = base.where(_D.date >= on - timedelta(days=MAX_ROLL_DAYS), _D.date <= until, act >= on)
    line_order = (_D.date, _D.person_id, _D.kind, _D.id)
    # 'overdue' sorts before 'passed': the overdue lines come first, each part in line order
    gone = gone.order_by(_D.when_past, *line_order)
    ahead = ahead.order_by(*line_order)
    if want is not None:
        gone, ahead = gone.limit(want), ahead.limit(want)
    return tuple(str(q.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[return-value]
                 for q in (gone, ahead))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """A long agenda is tens of thousands of small objects without reference cycles; while they are built,
    Python's cycle collector would otherwise walk the whole heap many times over (half of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Dates(dict[Any, Any]):
    """SQLite gives dates as 'YYYY-MM-DD' text: each distinct one (a few hundred on an agenda) is parsed once."""

    def __missing__(self, key: Any) -> Any:
        got = self[key] = key if key is None or isinstance(key, _Date) else _Date.fromisoformat(key)
        return got


_PAST_STATE = {"window": "open", "risk": "passed"}  # as state_on


def _in_batches(cur: Any, size: int = 2000) -> Iterator[Any]:
    while batch := cur.fetchmany(size):
        yield from batch


def _agenda_items(s: Session, on: date, sql: tuple[str, str], want: int | None, offset: int,
                  with_trace: bool) -> list[AgendaLine]:
    gone, ahead = sql
    conn = s.connection()
    dialect = conn.dialect
    # The line queries go straight to the driver as plain SQL (only integers and dates are rendered into
    # it): SQLAlchemy's per-row result processing was a third of a long agenda's time.
    cur = conn.connection.cursor()
    # SQLite returns dates as ISO text, which sorts and compares like the dates themselves
    text_dates = dialect.name == "sqlite"
    key: Any = on.isoformat() if text_dates else on
    details = _Details(s, with_trace)
    make = tuple.__new__
    past = _PAST_STATE

    try:
        # the overdue lines come first (with a limit, the first ``want`` of what has gone by hold every
        # overdue and passed line the page can show)
        cur.execute(gone)
        went = list(cur.fetchall())
        n_over = bisect.bisect_right(went, "overdue", key=_LINE_WHEN_PAST)
        head = [r[:_N_LINE_COLS] for r in went[:n_over]]  # without the column that only steered the query
        rest: Iterator[Any] = iter(())
        if want is None or len(head) < want:
            cur.execute(ahead)
            # What has passed comes before what is ahead, except lines ahead only by a rolled filing date
            # (dated before ``on``: they come first). The rest is turned into lines as the driver gives the
            # rows, and each row is freed as soon as its line is built, so that the next rows reuse its memory
            # (~15 % less time than holding every row, more in a process whose heap is scattered). sqlite3
            # steps row by row in C; psycopg makes rows one at a time in Python but many at once in C.
            rest = iter(cast(Iterable[Any], cur)) if text_dates else _in_batches(cur)
            middle = [r[:_N_LINE_COLS] for r in went[n_over:]]
            for r in rest:
                if r[4] >= key:
                    middle.sort(key=_LINE_ORDER)
                    head += middle
                    head.append(r)
                    break
                middle.append(r)
            else:
                middle.sort(key=_LINE_ORDER)
                head += middle
        rows = itertools.islice(itertools.chain(head, rest), offset, want)
        # one object per line (its columns and its state), built in one comprehension
        if text_dates:  # dates as text, booleans as 0/1
            dates = _Dates()
            lines = [make(AgendaLine, (id_, pid, kind, topic, dates[d], dates[fd], wp, risk == 1, fs, dates[cf],
                                       "upcoming" if (act := fd or d) > key else "today" if act == key
                                       else past.get(wp, wp), details))
                     for id_, pid, kind, topic, d, fd, wp, risk, fs, cf in rows]
        else:
            lines = [make(AgendaLine, r + ("upcoming" if (act := r[5] or r[4]) > key else "today" if act == key
                                          else past.get(r[6], r[6]), details))
                     for r in rows]
    finally:
        cur.close()
    details._ids = [line[0] for line in lines]
    details.people = _people_brief(s, {line[1] for line in lines})
    return lines


def agenda_counts(s: Session, organisation_id: int, on: date, *, only_assigned_to: int | None = None
                  ) -> dict[str, int]:
    """How many agenda lines are overdue, due within 7 days and within 30 days (for dashboards).
    Two counting queries on the deadlines indexes (no rows are loaded)."""
    from datetime import timedelta

    D = m.Deadline
    act = func.coalesce(D.filing_date, D.date)
    week, month = on + timedelta(days=7), on + timedelta(days=30)
    ahead = select(func.count(), func.coalesce(func.sum(case((act <= week, 1), else_=0)), 0)).where(
        D.organisation_id == organisation_id, D.date >= on - timedelta(days=MAX_ROLL_DAYS), D.date <= month,
        act >= on)
    late = select(func.count()).where(D.organisation_id == organisation_id, D.when_past == "overdue", D.date < on,
                                      act < on)
    if only_assigned_to is not None:
        mine = select(m.SupporterAssignment.person_id).where(m.SupporterAssignment.user_id == only_assigned_to)
        ahead = ahead.where(D.person_id.in_(mine))
        late = late.where(D.person_id.in_(mine))
    n_month, n_week = s.execute(ahead).one()
    return {"overdue": int(s.scalar(late) or 0), "week": int(n_week), "month": int(n_month)}
