"""Signing in: argon2id password checks, server-side sessions, and the sign-in throttle.

A session is a random token (``secrets.token_urlsafe(32)``) whose SHA-256 is a row of ``user_sessions``
(:func:`zairyu.cases.services.accounts.start_session`), carried in the ``zairyu_session`` cookie (HttpOnly,
SameSite=Lax, Secure under HTTPS) by browsers or as ``Authorization: Bearer <token>`` by API clients
(``POST /api/v1/auth/token``). Every request looks the row up together with its user
(:func:`zairyu.web.permissions.load_principal`): signing out, deactivating the account or setting a new
password deletes the rows, and the old cookie or token stops working at once.

The throttle (:class:`LoginThrottle`) counts attempts in the database with one atomic statement per key, so
parallel attempts cannot get past it, and backs off exponentially instead of locking an account for a fixed
time that an attacker could renew.
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, case, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from zairyu.cases.models import LoginThrottle as T
from zairyu.cases.services.accounts import hash_password, verify_password

SESSION_COOKIE = "zairyu_session"
SESSION_MAX_AGE = 12 * 3600

# The argon2id hashes themselves are made and checked by the accounts service
# (zairyu.cases.services.accounts.hash_password / verify_password).
_DUMMY_HASH = hash_password(secrets.token_hex(8))


def burn_time(password: str) -> None:
    """Spend the time of a real verification, so unknown e-mail addresses are not revealed by timing."""
    verify_password(_DUMMY_HASH, password)


# --------------------------------------------------------------------------- client addresses

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(text: str) -> list[Network]:
    """``ZAIRYU_TRUSTED_PROXIES``: addresses or networks (``10.0.0.5, 192.0.2.0/24``) of reverse proxies."""
    nets = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                nets.append(ipaddress.ip_network(part, strict=False))
            except ValueError as exc:
                from zairyu.errors import InvalidInputError

                raise InvalidInputError(f"'{part}' is not an IP address or network",
                                        field="ZAIRYU_TRUSTED_PROXIES", allowed="addresses like 10.0.0.5 or "
                                        "10.0.0.0/24, separated by commas") from exc
    return nets


def _trusted(address: str, proxies: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in proxies)


def real_client(peer: str, forwarded_for: str | None, proxies: list[Network]) -> str:
    """The address a request came from: its peer, unless the peer is a configured proxy; then the right-most
    address in ``X-Forwarded-For`` that is not itself a configured proxy (what the proxies appended; anything
    further left was written by the client and proves nothing). No proxies configured: always the peer."""
    if not proxies or not forwarded_for or not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:100]
    return hops[0][:100] if hops else peer


# --------------------------------------------------------------------------- the throttle


@dataclass(frozen=True)
class Backoff:
    """``free`` attempts, then each further one waits 1, 2, 4 … seconds after the one before, up to ``cap``."""

    free: int
    cap: float

    def delay(self, attempts: int) -> float:
        if attempts < self.free:
            return 0.0
        return float(min(2.0 ** min(attempts - self.free, 30), self.cap))


PAIR = Backoff(free=5, cap=900)
"""One account from one address: the guesses at one password from one place."""
ADDRESS = Backoff(free=30, cap=900)
"""One address, whatever the accounts: spraying one password over many accounts."""
ACCOUNT = Backoff(free=10, cap=900)
"""One account from addresses it has never signed in from: guessing from many places. An address the account
signed in from before (in the last ``KNOWN_FOR`` seconds) is spared this count, so a stranger's failures
elsewhere cannot lock the account's owner out."""
PASSWORD_CHANGE = Backoff(free=5, cap=900)
"""The current password asked for when setting a new one (a signed-in session guessing it)."""

FORGET_AFTER = 24 * 3600.0
"""A key without attempts for this long starts again from zero."""
KNOWN_FOR = 90 * 86400.0


class LoginThrottle:
    """Counts sign-in attempts in the database (table ``login_throttle``), per account at an address, per
    address and per account, with exponential backoff.

    Every attempt is counted *before* the password is checked, by one atomic ``INSERT ... ON CONFLICT DO
    UPDATE ... WHERE next_at <= now RETURNING failures`` per key, in one short transaction on a connection of
    its own that is back in the pool before the slow password check: parallel attempts are serialised by the
    database and cannot get past the count, and no request holds two connections. A successful sign-in
    clears its account's counts. ``clock`` gives seconds since the epoch (tests pass their own)."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock

    @staticmethod
    def _email(email: str) -> str:
        return email.strip().lower()[:320]

    def _upsert(self, conn: Connection, key: str, now: float) -> int | None:
        """Count one attempt on ``key`` unless it must wait; the new count, or None when it must wait."""
        ins = pg_insert(T) if conn.dialect.name == "postgresql" else sqlite_insert(T)
        stmt = ins.values(key=key, failures=1, next_at=now, updated_at=now).on_conflict_do_update(
            index_elements=[T.key],
            set_={"failures": case((T.updated_at < now - FORGET_AFTER, 1), else_=T.failures + 1),
                  "updated_at": now},
            where=T.next_at <= now,
        ).returning(T.failures)
        n = conn.execute(stmt).scalar()
        return int(n) if n is not None else None

    def admit(self, keys: list[tuple[str, Backoff]]) -> int:
        """Count one attempt on every key, all or none: 0 when the attempt may go ahead, else the seconds to
        wait (nothing is counted then)."""
        now = self.clock()
        with self.engine.connect() as conn:
            with conn.begin() as tx:
                for key, backoff in keys:
                    n = self._upsert(conn, key, now)
                    if n is None:
                        next_at = conn.execute(select(T.next_at).where(T.key == key)).scalar() or now
                        tx.rollback()
                        return max(1, int(next_at - now + 0.999))
                    conn.execute(update(T).where(T.key == key).values(next_at=now + backoff.delay(n)))
        return 0

    def admit_sign_in(self, email: str, client: str) -> int:
        """Before checking a password for ``email`` from ``client``: 0, or the seconds to wait."""
        e = self._email(email)
        keys = [(f"p:{e}|{client}"[:400], PAIR), (f"c:{client}"[:400], ADDRESS)]
        if not self.known_address(e, client):
            keys.append((f"e:{e}"[:400], ACCOUNT))
        return self.admit(keys)

    def known_address(self, email: str, client: str) -> bool:
        now = self.clock()
        with self.engine.connect() as conn:
            at = conn.execute(select(T.updated_at).where(T.key == f"k:{self._email(email)}|{client}"[:400])).scalar()
        return at is not None and at > now - KNOWN_FOR

    def succeeded(self, email: str, client: str) -> None:
        """The password was right: its account's counts start again, the address is remembered as one the
        account signs in from, and the address's count is given back this attempt."""
        now = self.clock()
        e = self._email(email)
        known = f"k:{e}|{client}"[:400]
        with self.engine.begin() as conn:
            conn.execute(delete(T).where(T.key.in_([f"p:{e}|{client}"[:400], f"e:{e}"[:400], known])))
            conn.execute(insert(T).values(key=known, failures=0, next_at=0.0, updated_at=now))
            conn.execute(update(T).where(T.key == f"c:{client}"[:400], T.failures > 0)
                         .values(failures=T.failures - 1))
            conn.execute(delete(T).where(T.updated_at < now - KNOWN_FOR))  # what no longer counts

    def admit_password_check(self, user_id: int) -> int:
        """Before checking the current password when a signed-in user sets a new one."""
        return self.admit([(f"pw:{user_id}", PASSWORD_CHANGE)])

    def password_check_succeeded(self, user_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(T).where(T.key == f"pw:{user_id}"))
