"""Signing in: checking argon2id password hashes, signed session tokens, and login throttling.

A session is a token signed with the server's secret (itsdangerous), carried either in the
``zairyu_session`` cookie (HttpOnly, SameSite=Lax, Secure under HTTPS) by browsers or as
``Authorization: Bearer <token>`` by API clients (``POST /api/v1/auth/token``). The token names the
user and a fingerprint of their password hash, so changing a password ends every old session.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine, delete, insert, select

from zairyu.cases.models import LoginFailure as F
from zairyu.cases.services.accounts import hash_password, verify_password

SESSION_COOKIE = "zairyu_session"
SESSION_MAX_AGE = 12 * 3600

# The argon2id hashes themselves are made and checked by the accounts service
# (zairyu.cases.services.accounts.hash_password / verify_password).
_DUMMY_HASH = hash_password(secrets.token_hex(8))


def burn_time(password: str) -> None:
    """Spend the time of a real verification, so unknown e-mail addresses are not revealed by timing."""
    verify_password(_DUMMY_HASH, password)


def load_or_create_secret(path: Path) -> str:
    """The signing key: read from ``path`` or created there (mode 600) on first start."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    from zairyu.files import private_dir

    private_dir(path.parent)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SessionClaims:
    user_id: int
    fingerprint: str


class Sessions:
    """Signed session tokens (cookie or bearer). A token names the user and a fingerprint of their password
    hash; the user's row is still read on every request (see ``permissions.load_principal``), so a changed
    password or a deactivated account ends the session at once."""

    CACHE_SIZE = 4096

    def __init__(self, secret: str) -> None:
        self._s = URLSafeTimedSerializer(secret, salt="zairyu-session")
        # token -> (claims, expiry): checking the signature once per token, not once per request (a
        # signed token's claims never change; its expiry is still checked every time)
        self._verified: dict[str, tuple[SessionClaims, float]] = {}

    def issue(self, user_id: int, password_hash: str) -> str:
        return self._s.dumps({"u": user_id, "f": fingerprint(password_hash)})

    def read(self, token: str) -> SessionClaims | None:
        hit = self._verified.get(token)
        if hit is not None:
            if time.time() < hit[1]:
                return hit[0]
            self._verified.pop(token, None)
        try:
            data, signed_at = self._s.loads(token, max_age=SESSION_MAX_AGE, return_timestamp=True)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("f"), str):
            return None
        claims = SessionClaims(data["u"], data["f"])
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = (claims, signed_at.timestamp() + SESSION_MAX_AGE)
        return claims


class LoginThrottle:
    """At most ``limit`` failed sign-ins per e-mail address and per client address in ``window`` seconds.

    The failures are kept in the database (table ``login_failures``), each recorded in its own short
    transaction: the limit holds across all of the server's worker processes and across restarts, and a
    failure is recorded even though the sign-in request itself fails. ``clock`` gives seconds since the
    epoch (tests pass their own)."""

    def __init__(self, engine: Engine, limit: int = 5, window: float = 900.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.limit = limit
        self.window = window
        self.clock = clock

    @staticmethod
    def _keys(email: str, client: str) -> tuple[str, str]:
        return f"e:{email.strip().lower()}"[:400], f"c:{client}"[:400]

    def retry_after(self, email: str, client: str) -> int:
        """Seconds to wait before another attempt (0 = allowed now)."""
        now = self.clock()
        waits = []
        with self.engine.connect() as conn:
            for key in self._keys(email, client):
                times = conn.execute(select(F.at).where(F.key == key, F.at > now - self.window)
                                     .order_by(F.at.desc()).limit(self.limit)).scalars().all()
                if len(times) >= self.limit:
                    # allowed again when the oldest of the last ``limit`` failures leaves the window
                    waits.append(int(times[-1] + self.window - now) + 1)
        return max(waits, default=0)

    def failed(self, email: str, client: str) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(insert(F), [{"key": k, "at": now} for k in self._keys(email, client)])
            conn.execute(delete(F).where(F.at <= now - self.window))  # what no longer counts

    def succeeded(self, email: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(F).where(F.key == self._keys(email, "")[0]))
