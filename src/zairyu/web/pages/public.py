"""Sign in and out: the only pages without a permission (the sign-in form is CSRF-protected)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from zairyu.cases.db import unit_of_work
from zairyu.cases.services.accounts import count_users, end_session, start_session
from zairyu.web.auth import SESSION_COOKIE, SESSION_MAX_AGE
from zairyu.web.i18n import gettext_for
from zairyu.web.login import LoginFailed, TooManyAttempts, authenticate
from zairyu.web.permissions import check_csrf, db_session, load_principal
from zairyu.web.render import page, request_lang, set_cookie

router = APIRouter()


def _safe_next(nxt: str | None) -> str:
    # Only local paths: never redirect a signed-in user to another site.
    if nxt and nxt.startswith("/") and not nxt.startswith("//") and "\\" not in nxt:
        return nxt
    return "/"


def _no_accounts(db: Session) -> bool:
    return count_users(db) == 0


@router.get("/login")
def login_form(request: Request, next: str | None = None, db: Session = Depends(db_session)) -> Response:
    if load_principal(request, db) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html", {"next": _safe_next(next), "email": "", "no_accounts": _no_accounts(db)})


@router.post("/login")
async def login(request: Request, email: str = Form(..., max_length=320), password: str = Form(..., max_length=1000),
                next: str = Form("/"), db: Session = Depends(db_session)) -> Response:
    await check_csrf(request)
    lang = request_lang(request)
    _ = gettext_for(lang)
    try:
        # in the thread pool: the password check (argon2id) must not stop the server's event loop
        user_id = await run_in_threadpool(authenticate, request, db, email, password)
    except TooManyAttempts as exc:
        return page(request, "login.html", {
            "next": _safe_next(next), "email": email, "no_accounts": False,
            "error": _("Too many failed attempts. Try again in %(n)s seconds.") % {"n": exc.retry_after}},
            status_code=429)
    except LoginFailed:
        return page(request, "login.html", {
            "next": _safe_next(next), "email": email, "no_accounts": _no_accounts(db),
            "error": _("Wrong e-mail address or password.")}, status_code=401)
    with unit_of_work(db):
        token = start_session(db, user_id, "cookie", SESSION_MAX_AGE)
    resp = RedirectResponse(_safe_next(next), status_code=303)
    set_cookie(resp, request, SESSION_COOKIE, token, max_age=SESSION_MAX_AGE)
    return resp


@router.post("/logout")
async def logout(request: Request, db: Session = Depends(db_session)) -> Response:
    """Sign out: the session ends on the server, so the old cookie no longer works anywhere."""
    await check_csrf(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with unit_of_work(db):
            end_session(db, token)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
