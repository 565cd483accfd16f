"""Signing in, shared by the sign-in page and ``POST /api/v1/auth/token``.

A request holds at most one database connection at a time (issue 12, finding 1: each sign-in held one while
the throttle took a second from the same pool, and 16 parallel failures froze the server): the throttle counts
the attempt on a connection of its own and returns it, the user's row is read on the request's session whose
connection is then handed back, and only then is the password checked (the slow part, argon2id)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from zairyu.cases.services.accounts import find_user, verify_password
from zairyu.errors import ZairyuError
from zairyu.web.auth import burn_time, parse_proxies, real_client


class LoginFailed(ZairyuError):
    """Wrong e-mail or password (deliberately not saying which)."""


class TooManyAttempts(ZairyuError):
    def __init__(self, retry_after: int, field: str = "email") -> None:
        super().__init__(f"too many failed attempts; try again in {retry_after} s", field=field)
        self.retry_after = retry_after


def client_address(request: Request) -> str:
    """The client's address: the peer, or what a configured proxy (``ZAIRYU_TRUSTED_PROXIES``) says it
    forwarded for. With no proxy configured, ``X-Forwarded-For`` is ignored."""
    peer = request.client.host if request.client else "unknown"
    proxies = getattr(request.app.state, "trusted_proxies", None)
    if proxies is None:
        proxies = request.app.state.trusted_proxies = parse_proxies(request.app.state.settings.trusted_proxies)
    return real_client(peer, request.headers.get("x-forwarded-for"), proxies)


def authenticate(request: Request, db: Session, email: str, password: str) -> int:
    """The id of the user whose e-mail and password these are; raises :class:`TooManyAttempts` or
    :class:`LoginFailed`."""
    throttle = request.app.state.throttle
    email = email.strip().lower()
    client = client_address(request)
    wait = throttle.admit_sign_in(email, client)  # counted before the check: parallel attempts cannot race it
    if wait:
        raise TooManyAttempts(wait)
    user = find_user(db, email)
    found = (user.id, user.password_hash) if user is not None and user.active and user.password_hash else None
    db.rollback()  # the connection goes back to the pool before the slow check
    if found is None:
        burn_time(password)
        raise LoginFailed("wrong e-mail address or password", field="password")
    user_id, password_hash = found
    if not verify_password(password_hash, password):
        raise LoginFailed("wrong e-mail address or password", field="password")
    throttle.succeeded(email, client)
    return user_id
