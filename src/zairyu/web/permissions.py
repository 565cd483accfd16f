"""Who may do what: the ONE mechanism every route goes through.

Each route declares ``access: Access = Depends(allow("person:read", scope="person"))``. The
dependency

1. resolves the signed-in user (session cookie, or ``Authorization: Bearer`` for API clients);
2. checks that the user's role may perform the action (:data:`ACTIONS`);
3. for state-changing requests authenticated by cookie, checks the CSRF token
   (``X-CSRF-Token`` header or ``csrf_token`` form field must equal the ``zairyu_csrf`` cookie);
4. for routes about one person (or one application, document or note of a person), checks that the
   person is visible to the user: caseworkers and admins see their organisation's people, a
   supporter sees only the people assigned to them, a client only their own record. Anything else
   answers 404, exactly as if it did not exist.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from zairyu.cases.models import Application, Document, Note, Person, SupporterAssignment
from zairyu.cases.services.accounts import hash_token
from zairyu.web.auth import SESSION_COOKIE
from zairyu.web.params import MAX_ID

CSRF_COOKIE = "zairyu_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

ALL = frozenset({"admin", "caseworker", "supporter", "client"})
STAFF = frozenset({"admin", "caseworker", "supporter"})
OFFICE = frozenset({"admin", "caseworker"})

ACTIONS: dict[str, frozenset[str]] = {
    "law:read": ALL,            # the law catalogue, the calculators and the assessment on posted facts
    "person:list": ALL,         # filtered to the visible people
    "person:read": ALL,
    "person:create": OFFICE,
    "person:write": STAFF,
    "people:assign": OFFICE,    # bulk assignment from the people list (issue 13)
    "people:export": STAFF,     # the people list as CSV (a supporter: only their people); recorded as an access
    "stay:write": STAFF,
    "application:write": STAFF,
    "document:write": STAFF,
    "note:write": STAFF,
    "note:read": STAFF,         # staff notes ("claim weak") are the office's working record, not the client's
    "note:read_shared": ALL,    # … except the notes staff share with the client (Note.shared)
    "timeline:read": STAFF,     # who changed what: staff e-mail addresses and technical entries
    "agenda:read": ALL,
    "calendar:manage": ALL,     # one's own feeds
    "account:write": ALL,       # one's own language and password
    "user:manage": frozenset({"admin"}),
    "precedent:read": ALL,      # clients: the public register only (zairyu.web.api.precedents)
    "precedent:write": OFFICE,
    "precedent:publish": frozenset({"admin"}),  # the public read-only register on or off
    "record:delete": frozenset({"admin"}),  # delete a person or a document (kept for the retention period)
    # the office's day (issue 13): none of it is the client's
    "task:read": STAFF,         # a supporter: their people's tasks and their own
    "task:write": STAFF,
    "assignee:write": OFFICE,   # who handles a person or an application
    "mark:write": STAFF,        # done / snooze on a deadline of a person the user sees
    "family:write": STAFF,      # link two people the user sees
}

Scope = Literal["person", "application", "document", "note"]


class AuthRequired(Exception):
    """No valid session: API answers 401, pages redirect to the sign-in page."""


class Forbidden(Exception):
    """The role may not perform the action (403)."""

    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action


class NotVisible(Exception):
    """The record does not exist or is not visible to this user (404, indistinguishable)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class CsrfFailed(Exception):
    """A state-changing request without the matching CSRF token (403)."""


@dataclass(frozen=True)
class Principal:
    user_id: int
    email: str
    display_name: str
    role: str
    organisation_id: int
    person_id: int | None
    language: str
    bearer: bool = False
    session_id: int | None = None

    def may(self, action: str) -> bool:
        return self.role in ACTIONS[action]


@dataclass
class Access:
    """What a route gets: the user, the database session and (for scoped routes) the person."""

    principal: Principal
    db: Session
    person: Person | None = None
    record: Any = None

    @property
    def person_id(self) -> int:
        assert self.person is not None
        return self.person.id


def visible_people(p: Principal) -> ColumnElement[bool]:
    """SQL condition selecting the people ``p`` may see (the one definition of visibility). A deleted person
    is seen by nobody."""
    cond = (Person.organisation_id == p.organisation_id) & Person.deleted_at.is_(None)
    if p.role == "supporter":
        assigned = select(SupporterAssignment.person_id).where(SupporterAssignment.user_id == p.user_id)
        return cond & Person.id.in_(assigned)
    if p.role == "client":
        return cond & (Person.id == (p.person_id if p.person_id is not None else -1))
    return cond


def can_see(db: Session, p: Principal, person_id: int) -> Person | None:
    return db.scalars(select(Person).where(Person.id == person_id, visible_people(p))).first()


def can_see_all(db: Session, p: Principal, person_ids: Iterable[int | None]) -> dict[int, Person]:
    """:func:`can_see` for many people in one query: those of ``person_ids`` that ``p`` may see, by id."""
    ids = sorted({i for i in person_ids if i is not None})
    if not ids:
        return {}
    return {x.id: x for x in db.scalars(select(Person).where(Person.id.in_(ids), visible_people(p)))}


async def db_session(request: Request) -> AsyncIterator[Session]:
    """One session per request (async so that it costs no thread hop; the queries are short)."""
    factory = request.app.state.sessionmaker
    with factory() as s:
        try:
            yield s
        except Exception:
            s.rollback()
            raise


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header ('' when the header is there but names none)."""
    auth = request.headers.get("authorization")
    if auth is None:
        return None
    return auth[7:].strip() if auth.lower().startswith("bearer ") else ""


_SESSION_SQL = ("SELECT u.id, u.email, u.display_name, u.role, u.organisation_id, u.person_id, u.language, s.id "
                "FROM user_sessions s JOIN users u ON u.id = s.user_id "
                "WHERE s.token_hash = {0} AND s.expires_at > {0} AND u.active = {0} AND u.password_hash IS NOT NULL")


def _session_row(db: Session, token: str) -> tuple[Any, ...] | None:
    """The live session of ``token`` with its (active) user, read on every request. Asked of the database
    driver directly with a fixed statement: through the ORM this lookup was about a sixth of the server's time
    per assessment (docs/bench-web.md). The values are bound parameters; the session's connection is reused."""
    conn = db.connection()
    placeholder = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    cur = conn.connection.cursor()
    try:
        cur.execute(_SESSION_SQL.format(placeholder), (hash_token(token), time.time(), True))
        row = cur.fetchone()
    finally:
        cur.close()
    return tuple(row) if row is not None else None


def load_principal(request: Request, db: Session) -> Principal | None:
    """The signed-in user, or None. Cached on the request.

    A request with an ``Authorization`` header is judged by that header alone (an empty or unknown bearer
    token is no session, whatever cookie comes with it): only a request that proved itself with a bearer
    token skips the CSRF check, which a browser's cookie cannot do on its own (issue 12, finding 10)."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    bearer = bearer_token(request)
    token = bearer if bearer is not None else request.cookies.get(SESSION_COOKIE)
    principal: Principal | None = None
    if token:
        row = _session_row(db, token)
        if row is not None:
            uid, email, name, role, org, person_id, language, session_id = row
            principal = Principal(uid, email, name, role, org, person_id, language, bearer=bool(bearer),
                                  session_id=session_id)
    request.state.principal = principal
    return principal


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (created on first use; the page sets the cookie)."""
    tok = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not tok:
        tok = secrets.token_urlsafe(32)
        request.state.new_csrf = tok
    return str(tok)


async def check_csrf(request: Request) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not cookie or not sent or not secrets.compare_digest(cookie, sent):
        raise CsrfFailed()


UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _scoped_person_id(db: Session, scope: Scope, request: Request) -> tuple[int | None, Any]:
    params = request.path_params
    try:
        key = int(params[f"{scope}_id"])
    except (KeyError, ValueError):
        return None, None
    if not 1 <= key <= MAX_ID:  # ids are 64-bit in both databases; anything else cannot exist
        return None, None
    if scope == "person":
        return key, None
    model: Any = {"application": Application, "document": Document, "note": Note}[scope]
    rec = db.get(model, key)
    if rec is None or getattr(rec, "deleted_at", None) is not None:
        return None, None
    return rec.person_id, rec


def allow(action: str, *, scope: Scope | None = None) -> Callable[..., Any]:
    """The dependency a route declares; see the module docstring."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")

    async def dependency(request: Request, db: Session = Depends(db_session)) -> Access:
        principal = load_principal(request, db)
        if principal is None:
            raise AuthRequired()
        if not principal.may(action):
            raise Forbidden(action)
        if request.method in UNSAFE and not principal.bearer:
            await check_csrf(request)
        access = Access(principal, db)
        if scope is not None:
            pid, record = _scoped_person_id(db, scope, request)
            person = can_see(db, principal, pid) if pid is not None else None
            if person is None:
                raise NotVisible(scope)
            access.person = person
            access.record = record
        return access

    dependency.__name__ = f"allow_{action.replace(':', '_')}"
    return dependency
