"""Organisations, user accounts (argon2id passwords, languages), supporter assignments and calendar feed
tokens: one function per use case, shared by ``zairyu users ...`` and the web app."""

from __future__ import annotations

import hashlib
import re
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, DuplicateError, NotFoundError, _flush, _get, now
from zairyu.errors import InvalidInputError
from zairyu.messages import languages

# --------------------------------------------------------------------------- passwords

# argon2id (RFC 9106) with argon2-cffi's defaults: m=64 MiB, t=3, p=4.
_hasher = PasswordHasher(type=Type.ID)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


MIN_PASSWORD = 10


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(f"a password needs at least {MIN_PASSWORD} characters", field="password")
    return password


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
    if language not in languages():
        raise InvalidInputError(f"unknown language '{language}'", field="language", value=language,
                                allowed="|".join(languages()), where=where)
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


def create_account(s: Session, organisation_id: int, *, email: str, display_name: str, role: str, password: str,
                   actor: Actor, language: str = "ja", person_id: int | None = None) -> m.User:
    """An account with its password (checked, then hashed with argon2id)."""
    return add_user(s, organisation_id, email=email, display_name=display_name, role=role, actor=actor,
                    password_hash=hash_password(check_password(password)), language=language, person_id=person_id)


def find_user(s: Session, email: str) -> m.User | None:
    return s.scalars(select(m.User).where(func.lower(m.User.email) == email.strip().lower())).first()


def get_user(s: Session, user_id: int, organisation_id: int | None = None) -> m.User | None:
    """The account, or None when there is none (in that organisation)."""
    u = s.get(m.User, user_id)
    return u if u is not None and (organisation_id is None or u.organisation_id == organisation_id) else None


def users_of(s: Session, organisation_id: int | None) -> list[m.User]:
    """The accounts of one organisation (of every organisation with None), oldest first."""
    q = select(m.User).order_by(m.User.id)
    if organisation_id is not None:
        q = q.where(m.User.organisation_id == organisation_id)
    return list(s.scalars(q))


def count_users(s: Session, *, with_password: bool = False) -> int:
    """How many accounts there are (only those that can sign in: ``with_password``)."""
    q = select(func.count()).select_from(m.User)
    if with_password:
        q = q.where(m.User.password_hash.is_not(None))
    return int(s.scalar(q) or 0)


def assigned_people(s: Session, organisation_id: int) -> dict[int, list[m.Person]]:
    """The people assigned to each supporter of the organisation, by user id."""
    assigned: dict[int, list[m.Person]] = {}
    for a, person in s.execute(
            select(m.SupporterAssignment, m.Person).join(m.Person, m.Person.id == m.SupporterAssignment.person_id)
            .where(m.Person.organisation_id == organisation_id)).all():
        assigned.setdefault(a.user_id, []).append(person)
    return assigned


def set_password(s: Session, user: m.User, password: str, actor: Actor) -> None:
    """A new argon2id hash; every session signed for the old password ends."""
    before = snapshot(user)
    user.password_hash = hash_password(check_password(password))
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)


def set_language(s: Session, user: m.User, language: str, actor: Actor) -> None:
    if language not in languages():
        raise InvalidInputError(f"unknown language '{language}'", field="language", allowed="|".join(languages()))
    before = snapshot(user)
    user.language = language
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)


def update_own_account(s: Session, user_id: int, actor: Actor, *, language: str | None = None,
                       current_password: str | None = None, new_password: str | None = None) -> m.User:
    """One's own language and password (a new password needs the current one, and ends all other sessions)."""
    u = s.get(m.User, user_id)
    assert u is not None
    if language is not None:
        set_language(s, u, language, actor)
    if new_password is not None:
        if not current_password or not u.password_hash or not verify_password(u.password_hash, current_password):
            raise InvalidInputError("the current password is wrong", field="current_password")
        set_password(s, u, new_password, actor)
    return u


def add_or_update_user(s: Session, email: str, *, role: str, password: str, actor: Actor,
                       display_name: str | None = None, language: str = "ja",
                       person_id: int | None = None) -> tuple[m.User, bool]:
    """Create the account, or, when it exists with the same role (e.g. made by ``zairyu demo``), set its
    password. Returns (user, created)."""
    check_password(password)
    existing = find_user(s, email)
    if existing is not None:
        if existing.role != role:
            raise InvalidInputError(f"{existing.email} exists with role '{existing.role}'", field="role",
                                    value=role, allowed=existing.role)
        set_password(s, existing, password, actor)
        return existing, False
    org = default_organisation(s, actor)
    u = add_user(s, org.id, email=email, display_name=display_name or email.split("@")[0], role=role,
                 actor=actor, password_hash=hash_password(password), language=language, person_id=person_id)
    return u, True


# --------------------------------------------------------------------------- calendar feed tokens


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


def calendar_tokens_of(s: Session, user_id: int, visible: ColumnElement[bool]) -> list[m.CalendarToken]:
    """The live feed tokens of the user and of the people matching ``visible`` (the people the user sees)."""
    people = select(m.Person.id).where(visible)
    return list(s.scalars(select(m.CalendarToken).where(
        m.CalendarToken.revoked_at.is_(None),
        or_(m.CalendarToken.user_id == user_id, m.CalendarToken.person_id.in_(people)))
        .order_by(m.CalendarToken.id)))
