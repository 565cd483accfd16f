"""Accounts: the administrator manages users and supporter assignments; everyone sets their own
language and password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from zairyu.cases import models as m
from zairyu.cases.db import unit_of_work
from zairyu.cases.services import accounts
from zairyu.web.api.common import ERRORS
from zairyu.web.params import BodyId, Id
from zairyu.web.permissions import Access, allow
from zairyu.web.schemas import AssignmentOut, UserOut, UsersOut
from zairyu.web.shared import (
    AccountIn,
    UserChangeIn,
    UserIn,
    assign_supporter,
    change_user,
    create_user,
    end_assignment,
    password_changed,
    update_account,
)

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


@router.patch("/users/{user_id}", response_model=UserOut,
              summary="Deactivate or activate an account, or change its role (admin); takes effect at once")
def patch_user(user_id: Id, body: UserChangeIn, access: Access = Depends(allow("user:manage"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        u = change_user(access, user_id, body)
    return user_json(u)


@router.delete("/users/{user_id}/assignments/{person_id}", status_code=204, response_class=Response,
               summary="End a supporter's assignment (admin); the feeds of that person they made are revoked")
def unassign(user_id: Id, person_id: Id, access: Access = Depends(allow("user:manage"))) -> Response:
    with unit_of_work(access.db):
        end_assignment(access, user_id, person_id)
    return Response(status_code=204)


@router.patch("/me", response_model=UserOut, summary="Change your language or password")
def patch_me(request: Request, body: AccountIn, access: Access = Depends(allow("account:write"))) -> dict[str, Any]:
    with unit_of_work(access.db):
        u = update_account(request, access, body)
    password_changed(request, access, body)
    return user_json(u)
