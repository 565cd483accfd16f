"""Session tokens: a verified token is remembered (one signature check per token), but a tampered, foreign
or expired token is refused every time, remembered or not."""

from __future__ import annotations

import time

import pytest

from zairyu.web.auth import SESSION_MAX_AGE, Sessions, fingerprint


def test_a_token_names_its_user_and_password_fingerprint() -> None:
    s = Sessions("secret-one")
    token = s.issue(42, "$argon2id$hash")
    for _ in range(2):  # the second read comes from the remembered verification
        claims = s.read(token)
        assert claims is not None
        assert (claims.user_id, claims.fingerprint) == (42, fingerprint("$argon2id$hash"))


def test_tampered_and_foreign_tokens_are_refused() -> None:
    s = Sessions("secret-one")
    token = s.issue(42, "h")
    assert s.read(token) is not None
    assert s.read(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert Sessions("another-secret").read(token) is None


def test_a_remembered_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Sessions("secret-one")
    token = s.issue(7, "h")
    assert s.read(token) is not None  # verified and remembered
    later = time.time() + SESSION_MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert s.read(token) is None
    assert s.read(token) is None  # and not remembered as valid afterwards
