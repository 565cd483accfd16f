"""Signing in, shared by the sign-in page and ``POST /api/v1/auth/token``."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from zairyu.cases.models import User
from zairyu.cases.services.accounts import find_user, verify_password
from zairyu.errors import ZairyuError
from zairyu.web.auth import burn_time


class LoginFailed(ZairyuError):
    """Wrong e-mail or password (deliberately not saying which)."""


class TooManyAttempts(ZairyuError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s", field="email")
        self.retry_after = retry_after


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(request: Request, db: Session, email: str, password: str) -> User:
    throttle = request.app.state.throttle
    email = email.strip().lower()
    client = client_address(request)
    wait = throttle.retry_after(email, client)
    if wait:
        raise TooManyAttempts(wait)
    user = find_user(db, email)
    if user is None or not user.active or not user.password_hash:
        burn_time(password)
        throttle.failed(email, client)
        raise LoginFailed("wrong e-mail address or password", field="password")
    if not verify_password(user.password_hash, password):
        throttle.failed(email, client)
        raise LoginFailed("wrong e-mail address or password", field="password")
    throttle.succeeded(email)
    return user
