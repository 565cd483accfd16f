"""Account changes shared by ``zairyu users ...`` and the web app (one function per use case)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError
from zairyu.web.auth import hash_password

MIN_PASSWORD = 10


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(f"a password needs at least {MIN_PASSWORD} characters", field="password")
    return password


def find_user(s: Session, email: str) -> m.User | None:
    return s.scalars(select(m.User).where(func.lower(m.User.email) == email.strip().lower())).first()


def set_password(s: Session, user: m.User, password: str, actor: sv.Actor) -> None:
    """A new argon2id hash; every session signed for the old password ends."""
    before = sv.snapshot(user)
    user.password_hash = hash_password(check_password(password))
    s.flush()
    sv.record(s, actor, user, "update", before, organisation_id=user.organisation_id)


def set_language(s: Session, user: m.User, language: str, actor: sv.Actor) -> None:
    if language not in m.LANGUAGES:
        raise InvalidInputError(f"unknown language '{language}'", field="language", allowed="|".join(m.LANGUAGES))
    before = sv.snapshot(user)
    user.language = language
    s.flush()
    sv.record(s, actor, user, "update", before, organisation_id=user.organisation_id)


def add_or_update_user(s: Session, email: str, *, role: str, password: str, actor: sv.Actor,
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
    org = sv.default_organisation(s, actor)
    u = sv.add_user(s, org.id, email=email, display_name=display_name or email.split("@")[0], role=role,
                    actor=actor, password_hash=hash_password(password), language=language, person_id=person_id)
    return u, True
