"""Accounts: the administrator manages users and supporter assignments; everyone sets their own
language and password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from zairyu.cases import models as m
from zairyu.cases.db import unit_of_work
from zairyu.cases.services import accounts
from zairyu.web.api.common import ERRORS
from zairyu.web.params import BodyId, Id
from zairyu.web.permissions import Access, allow
from zairyu.web.schemas import AssignmentOut, UserOut, UsersOut
from zairyu.web.shared import AccountIn, UserIn, assign_supporter, create_user, update_account

router = APIRouter(tags=["users"], responses=ERRORS)


def user_json(u: m.User) -> dict[str, Any]:
    return {"id": u.id, "email": u.email, "display_name": u.display_name, "role": u.role, "language": u.language,
            "person_id": u.person_id, "active": u.active}


@router.get("/users", response_model=UsersOut, summary="Accounts of your organisation (admin)")
def users(access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    return {"users": [user_json(u) for u in accounts.users_of(access.db, access.principal.organisation_id)]}


@router.post("/users", status_code=201, response_model=UserOut, summary="Create an account (admin)")
def add_user(body: UserIn, access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        u = create_user(access, body)
    return user_json(u)


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: BodyId


@router.post("/users/{user_id}/assignments", status_code=201, response_model=AssignmentOut,
             summary="Assign a person to a supporter (admin)")
def assign(user_id: Id, body: AssignIn, access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        assign_supporter(access, user_id, body.person_id)
    return {"user_id": user_id, "person_id": body.person_id}


@router.patch("/me", response_model=UserOut, summary="Change your language or password")
def patch_me(body: AccountIn, access: Access = Depends(allow("account:write"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        u = update_account(access, body)
    return user_json(u)
