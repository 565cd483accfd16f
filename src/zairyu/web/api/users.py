"""Accounts: the administrator manages users and supporter assignments; everyone sets their own
language and password."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError
from zairyu.web.accounts import MIN_PASSWORD, check_password, set_language, set_password
from zairyu.web.api.common import ERRORS, BodyId, Id
from zairyu.web.auth import hash_password, verify_password
from zairyu.web.permissions import Access, NotVisible, allow

router = APIRouter(tags=["users"], responses=ERRORS)

class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=200)
    role: Literal["admin", "caseworker", "supporter", "client"]
    language: Literal["ja", "en", "ru", "uk"] = "ja"
    password: str = Field(min_length=MIN_PASSWORD, max_length=1000)
    person_id: BodyId | None = Field(None, description="For a client: their own person record")


def user_json(u: m.User) -> dict[str, Any]:
    return {"id": u.id, "email": u.email, "display_name": u.display_name, "role": u.role, "language": u.language,
            "person_id": u.person_id, "active": u.active}


@router.get("/users", summary="Accounts of your organisation (admin)")
def users(access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    us = access.db.scalars(select(m.User).where(m.User.organisation_id == access.principal.organisation_id)
                           .order_by(m.User.id))
    return {"users": [user_json(u) for u in us]}


@router.post("/users", status_code=201, summary="Create an account (admin)")
def add_user(body: UserIn, access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    p = access.principal
    u = sv.add_user(access.db, p.organisation_id, email=body.email, display_name=body.display_name, role=body.role,
                    actor=sv.Actor(p.email, p.user_id), password_hash=hash_password(check_password(body.password)),
                    language=body.language, person_id=body.person_id)
    access.db.commit()
    return user_json(u)


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: BodyId


@router.post("/users/{user_id}/assignments", status_code=201, summary="Assign a person to a supporter (admin)")
def assign(user_id: Id, body: AssignIn, access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    p = access.principal
    u = access.db.get(m.User, user_id)
    if u is None or u.organisation_id != p.organisation_id:
        raise NotVisible("user")
    sv.assign_supporter(access.db, user_id, body.person_id, sv.Actor(p.email, p.user_id))
    access.db.commit()
    return {"user_id": user_id, "person_id": body.person_id}


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: Literal["ja", "en", "ru", "uk"] | None = None
    current_password: str | None = Field(None, max_length=1000)
    new_password: str | None = Field(None, max_length=1000)


def update_account(access: Access, body: AccountIn) -> m.User:
    """One's own language and password (a new password ends all other sessions)."""
    u = access.db.get(m.User, access.principal.user_id)
    assert u is not None
    act = sv.Actor(access.principal.email, access.principal.user_id)
    if body.language is not None:
        set_language(access.db, u, body.language, act)
    if body.new_password is not None:
        if not body.current_password or not u.password_hash or not verify_password(u.password_hash,
                                                                                   body.current_password):
            raise InvalidInputError("the current password is wrong", field="current_password")
        set_password(access.db, u, body.new_password, act)
    return u


@router.patch("/me", summary="Change your language or password")
def patch_me(body: AccountIn, access: Access = Depends(allow("account:write"))) -> dict[str, Any]:
    u = update_account(access, body)
    access.db.commit()
    return user_json(u)
