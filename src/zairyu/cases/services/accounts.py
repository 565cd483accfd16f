"""Organisations, user accounts (argon2id passwords, languages, roles, deactivation), sessions, supporter
assignments and calendar feed tokens: one function per use case, shared by ``zairyu users ...`` and the web
app.

Access is taken away at once: deactivating an account, setting a new password, changing a role and ending an
assignment end what came from the old access (the sessions of the account; the calendar feeds its user made),
each recorded in the timeline."""

from __future__ import annotations

import hashlib
import re
import secrets
import time

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
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


def check_password(password: str, field: str = "password") -> str:
    """At least ``MIN_PASSWORD`` characters that are not spaces (ten spaces are no password)."""
    if len("".join(password.split())) < MIN_PASSWORD:
        raise InvalidInputError(f"a password needs at least {MIN_PASSWORD} characters other than spaces",
                                field=field)
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
    if not u.active:
        raise InvalidInputError(f"{u.email} is deactivated", field="user_id", where=f"user {user_id}")
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
            .where(m.Person.organisation_id == organisation_id, m.Person.deleted_at.is_(None))).all():
        assigned.setdefault(a.user_id, []).append(person)
    return assigned


def set_password(s: Session, user: m.User, password: str, actor: Actor, *, keep_session: int | None = None,
                 field: str = "password") -> None:
    """A new argon2id hash. Every session of the account ends (but ``keep_session``, the one that set it),
    and the calendar feeds its user made are revoked: a new password is what one sets when the old one may
    be known to someone else."""
    before = snapshot(user)
    user.password_hash = hash_password(check_password(password, field))
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)
    end_sessions(s, user.id, keep=keep_session)
    revoke_feeds_made_by(s, user.id)


def set_language(s: Session, user: m.User, language: str, actor: Actor) -> None:
    if language not in languages():
        raise InvalidInputError(f"unknown language '{language}'", field="language", allowed="|".join(languages()))
    before = snapshot(user)
    user.language = language
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)


def update_own_account(s: Session, user_id: int, actor: Actor, *, language: str | None = None,
                       current_password: str | None = None, new_password: str | None = None,
                       keep_session: int | None = None) -> m.User:
    """One's own language and password (a new password needs the current one, and ends all other sessions
    but ``keep_session``). The web app limits the attempts at the current password (``zairyu.web.auth``)."""
    u = s.get(m.User, user_id)
    assert u is not None
    if language is not None:
        set_language(s, u, language, actor)
    if new_password is not None:
        check_password(new_password, "new_password")
        if not current_password or not u.password_hash or not verify_password(u.password_hash, current_password):
            raise InvalidInputError("the current password is wrong", field="current_password")
        set_password(s, u, new_password, actor, keep_session=keep_session, field="new_password")
    return u


# --------------------------------------------------------------------------- taking access away


def _last_admin(s: Session, user: m.User) -> bool:
    """Whether ``user`` is the only active admin of their organisation (who could give access back)."""
    if user.role != "admin" or not user.active:
        return False
    others = s.scalar(select(func.count()).select_from(m.User).where(
        m.User.organisation_id == user.organisation_id, m.User.role == "admin", m.User.active.is_(True),
        m.User.id != user.id))
    return not others


def set_active(s: Session, user: m.User, active: bool, actor: Actor) -> None:
    """Deactivate an account (it cannot sign in; its sessions end and the feeds its user made are revoked at
    once) or activate it again. The organisation's last active admin cannot be deactivated."""
    if user.active == active:
        return
    if not active and _last_admin(s, user):
        raise InvalidInputError(f"{user.email} is the organisation's only active admin: make another admin first",
                                field="active", where=f"user {user.id}")
    before = snapshot(user)
    user.active = active
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)
    if not active:
        end_sessions(s, user.id)
        revoke_feeds_made_by(s, user.id)


def change_role(s: Session, user: m.User, role: str, actor: Actor, *, person_id: int | None = None) -> None:
    """A new role, in force at the next request (the role is read on every request). The feeds the user made
    came from the old role's access and are revoked; a former supporter's assignments end."""
    where = f"user {user.id}"
    if role not in m.ROLES:
        raise InvalidInputError(f"unknown role '{role}'", field="role", value=role, allowed="|".join(m.ROLES),
                                where=where)
    if role == user.role:
        return
    if _last_admin(s, user):
        raise InvalidInputError(f"{user.email} is the organisation's only active admin: make another admin first",
                                field="role", where=where)
    if role == "client":
        person_id = person_id if person_id is not None else user.person_id
        if person_id is None:
            raise InvalidInputError("a client account must be linked to their person record", field="person_id",
                                    where=where)
        _get(s, m.Person, person_id, "person", user.organisation_id)
        user.person_id = person_id
    before = snapshot(user)
    if user.role == "supporter":
        for a in s.scalars(select(m.SupporterAssignment).where(m.SupporterAssignment.user_id == user.id)):
            end_assignment(s, user.id, a.person_id, actor)
    user.role = role
    s.flush()
    record(s, actor, user, "update", before, organisation_id=user.organisation_id)
    revoke_feeds_made_by(s, user.id)


def end_assignment(s: Session, user_id: int, person_id: int, actor: Actor) -> None:
    """The supporter no longer sees the person; the feeds of that person they made are revoked."""
    u = _get(s, m.User, user_id, "user")
    a = s.get(m.SupporterAssignment, (user_id, person_id))
    if a is None:
        raise NotFoundError(f"person {person_id} is not assigned to {u.email}", field="person_id", value=person_id)
    before = snapshot(a)
    s.delete(a)
    s.flush()
    record(s, actor, a, "delete", before, person_id=person_id, organisation_id=u.organisation_id)
    revoke_feeds_made_by(s, user_id, person_id=person_id)


# --------------------------------------------------------------------------- sessions


def start_session(s: Session, user_id: int, kind: str, max_age: int) -> str:
    """A new session for the user ('cookie' or 'bearer'); returns its token (only the SHA-256 is stored).
    The user's expired sessions are removed on the way."""
    token = secrets.token_urlsafe(32)
    t = time.time()
    s.execute(delete(m.UserSession).where(m.UserSession.user_id == user_id, m.UserSession.expires_at <= t))
    s.add(m.UserSession(token_hash=hash_token(token), user_id=user_id, kind=kind, created_at=t,
                        expires_at=t + max_age))
    s.flush()
    return token


def end_session(s: Session, token: str) -> None:
    """Sign out: the token stops working at once."""
    s.execute(delete(m.UserSession).where(m.UserSession.token_hash == hash_token(token)))


def end_sessions(s: Session, user_id: int, *, keep: int | None = None) -> None:
    """End every session of the user (but ``keep``, a session id)."""
    q = delete(m.UserSession).where(m.UserSession.user_id == user_id)
    if keep is not None:
        q = q.where(m.UserSession.id != keep)
    s.execute(q)


def sessions_of(s: Session, user_id: int) -> list[m.UserSession]:
    return list(s.scalars(select(m.UserSession).where(m.UserSession.user_id == user_id,
                                                      m.UserSession.expires_at > time.time())))


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


def create_calendar_token(s: Session, *, created_by: int, user_id: int | None = None,
                          person_id: int | None = None) -> str:
    """A new feed token made by user ``created_by``, of a user's agenda or of one person; returns the token
    itself (only its SHA-256 is stored)."""
    if (user_id is None) == (person_id is None):
        raise InvalidInputError("a calendar token belongs to exactly one user or one person", field="owner")
    token = secrets.token_urlsafe(32)
    s.add(m.CalendarToken(token_hash=hash_token(token), user_id=user_id, person_id=person_id, created_at=now(),
                          created_by=created_by))
    s.flush()
    return token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def resolve_calendar_token(s: Session, token: str) -> m.CalendarToken | None:
    """The live feed behind ``token``: not revoked, its creator still active, its person not deleted."""
    t = s.scalar(select(m.CalendarToken).where(m.CalendarToken.token_hash == hash_token(token)))
    if t is None or t.revoked_at is not None or t.created_by is None:
        return None
    creator = s.get(m.User, t.created_by)
    if creator is None or not creator.active:
        return None
    return t


def revoke_calendar_token(s: Session, token_id: int) -> None:
    t = _get(s, m.CalendarToken, token_id, "calendar token")
    if t.revoked_at is None:
        t.revoked_at = now()
        s.flush()


def revoke_feeds_made_by(s: Session, user_id: int, *, person_id: int | None = None) -> int:
    """Revoke the live feeds the user made (only those of ``person_id``, when given); how many."""
    q = select(m.CalendarToken).where(m.CalendarToken.created_by == user_id, m.CalendarToken.revoked_at.is_(None))
    if person_id is not None:
        q = q.where(m.CalendarToken.person_id == person_id)
    tokens = list(s.scalars(q))
    for t in tokens:
        t.revoked_at = now()
    s.flush()
    return len(tokens)


def revoke_feeds_of_person(s: Session, person_id: int) -> None:
    for t in s.scalars(select(m.CalendarToken).where(m.CalendarToken.person_id == person_id,
                                                     m.CalendarToken.revoked_at.is_(None))):
        t.revoked_at = now()
    s.flush()


def calendar_tokens_of(s: Session, user_id: int) -> list[m.CalendarToken]:
    """The live feeds the user made (only their maker may revoke a feed, or an admin of the office)."""
    return list(s.scalars(select(m.CalendarToken).where(
        m.CalendarToken.revoked_at.is_(None), m.CalendarToken.created_by == user_id)
        .order_by(m.CalendarToken.id)))
