"""Field encryption: the most sensitive fields are stored encrypted, with keys kept outside the database.

Encrypted fields (docs/security.md): a stay's residence card number, a person's notes and extra facts (the
grounds and narrative of a protection claim live in ``circumstances``), the body of notes, and the before/after
of timeline entries (which copy those fields). Uploaded documents (passports, statements) are encrypted with
the same keys in their files (:func:`encrypt_file`). The services, pages and API see plain values: the column types
below encrypt on write and decrypt on read.

Keys (Fernet: AES-128-CBC with HMAC-SHA256, from the maintained ``cryptography`` library), the first one encrypts,
every one decrypts:

* ``ZAIRYU_FIELD_KEYS`` — keys separated by commas (for servers whose secrets come from the environment), else
* ``ZAIRYU_FIELD_KEY_FILE`` — a file with one key a line, else ``<data dir>/field.keys``; created with a new key
  (mode 0600) the first time a field is encrypted and no key is configured.

A stored value is ``zenc1:<key id>:<token>``; the key id (the first 8 hex digits of the key's SHA-256) names the
key a value needs, so a missing key is a clear error, never a silent wrong answer. ``zairyu keys rotate``
re-encrypts every value with a new first key.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from zairyu.errors import ZairyuError
from zairyu.files import write_private
from zairyu.settings import default_data_dir

PREFIX = "zenc1:"


class KeyError_(ZairyuError):
    """The field-encryption keys are missing, unreadable or do not open a stored value."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


@dataclass(frozen=True)
class KeyRing:
    keys: tuple[bytes, ...]
    source: str
    """Where the keys came from: ``env`` or the key file's path."""

    @property
    def primary(self) -> bytes:
        return self.keys[0]

    def fernet(self, kid: str) -> Fernet:
        for k in self.keys:
            if key_id(k) == kid:
                return _fernet(k)
        raise KeyError_(f"a stored value needs field-encryption key {kid}, which is not among the configured keys "
                        f"({self.source}); restore that key (docs/security.md)", field="ZAIRYU_FIELD_KEYS")

    def encrypt(self, plain: str) -> str:
        k = self.primary
        return f"{PREFIX}{key_id(k)}:{_fernet(k).encrypt(plain.encode('utf-8')).decode('ascii')}"

    def decrypt(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # a value written before encryption (migration 0013 encrypts them all)
        kid, token = stored[len(PREFIX):].split(":", 1)
        try:
            return self.fernet(kid).decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise KeyError_(f"a stored value does not open with key {kid}: it was altered", field="database") \
                from None


FILE_PREFIX = b"zencf1:"
"""A stored document's file starts with this, then ``<key id>:`` and the Fernet token of its content."""


def encrypt_file(data: bytes, ring: KeyRing | None = None) -> bytes:
    """A document's content as stored: encrypted with the first key (the same keys as the fields)."""
    k = (ring or keyring()).primary
    return FILE_PREFIX + key_id(k).encode("ascii") + b":" + _fernet(k).encrypt(data)


def file_key_id(stored: bytes) -> str | None:
    """The key a stored file needs (None: a file written before documents were encrypted)."""
    if not stored.startswith(FILE_PREFIX):
        return None
    return stored[len(FILE_PREFIX):len(FILE_PREFIX) + 8].decode("ascii", "replace")


def decrypt_file(stored: bytes, *, where: str = "", ring: KeyRing | None = None) -> bytes:
    """The content of a stored document file (one written before encryption is returned as it is)."""
    kid = file_key_id(stored)
    if kid is None:
        return stored
    token = stored[len(FILE_PREFIX) + 9:]
    try:
        return (ring or keyring(create=False)).fernet(kid).decrypt(token)
    except InvalidToken:
        raise KeyError_(f"a stored document does not open with key {kid}: it was altered", where=where) from None


_fernets: dict[bytes, Fernet] = {}


def _fernet(key: bytes) -> Fernet:
    f = _fernets.get(key)
    if f is None:
        f = _fernets[key] = Fernet(key)
    return f


def _parse(text: str, source: str) -> tuple[bytes, ...]:
    keys = tuple(k.strip().encode("ascii") for k in text.replace(",", "\n").splitlines() if k.strip()
                 and not k.strip().startswith("#"))
    for k in keys:
        try:
            Fernet(k)
        except ValueError:
            raise KeyError_("a field-encryption key is not a Fernet key (32 url-safe base64-encoded bytes; "
                            "make one with `zairyu keys new`)", where=source) from None
    return keys


def key_file_path() -> Path:
    """``ZAIRYU_FIELD_KEY_FILE``, else ``<data dir>/field.keys`` — read from the environment directly: this is
    asked for every encrypted value read, and building the whole settings each time cost more than the
    decryption."""
    if f := os.environ.get("ZAIRYU_FIELD_KEY_FILE"):
        return Path(f)
    d = os.environ.get("ZAIRYU_DATA_DIR")
    return (Path(d) if d else default_data_dir()) / "field.keys"


_cache: dict[tuple[str, str], tuple[float, float, KeyRing]] = {}
_lock = threading.Lock()


def keyring(*, create: bool = True) -> KeyRing:
    """The configured keys (read again when the environment or the key file changes)."""
    env = os.environ.get("ZAIRYU_FIELD_KEYS", "").strip()
    if env:
        hit = _cache.get(("env", env))
        if hit is None:
            ring = KeyRing(_parse(env, "ZAIRYU_FIELD_KEYS"), "ZAIRYU_FIELD_KEYS")
            _cache[("env", env)] = (0.0, 0.0, ring)
            return ring
        return hit[2]
    path = key_file_path()
    ck = ("file", str(path))
    now = time.monotonic()
    hit = _cache.get(ck)
    if hit is not None and now - hit[0] < 1.0:
        return hit[2]
    with _lock:
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            if not create:
                raise KeyError_("no field-encryption key: set ZAIRYU_FIELD_KEYS or create the key file",
                                where=str(path)) from None
            write_private(path, Fernet.generate_key() + b"\n", exclusive=True)
            mtime = path.stat().st_mtime
        if hit is not None and hit[1] == mtime:
            _cache[ck] = (now, mtime, hit[2])
            return hit[2]
        try:
            text = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyError_(f"cannot read the field-encryption key file: {exc}", where=str(path)) from None
        keys = _parse(text, str(path))
        if not keys:
            raise KeyError_("the field-encryption key file holds no key", where=str(path))
        ring = KeyRing(keys, str(path))
        _cache[ck] = (now, mtime, ring)
        return ring


def forget_cached_keys() -> None:
    _cache.clear()


def _json_default(v: Any) -> Any:
    """Dates and times as the case manager writes them in JSON (ISO 8601; times in UTC)."""
    from zairyu.cases.services.common import _json  # here: the services import the models, which import this

    out = _json(v)
    if out is v:
        raise TypeError(f"{type(v).__name__} is not JSON serialisable")
    return out


class EncryptedText(TypeDecorator[str]):
    """A text column stored encrypted (see the module's docstring)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else keyring().encrypt(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else keyring().decrypt(value)


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON value stored encrypted: its JSON text, encrypted, in a text column."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return keyring().encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default))

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        if value is None:
            return None
        return json.loads(keyring().decrypt(value))


def encrypted_columns() -> list[tuple[str, str, str]]:
    """(table, column, primary-key column) of every encrypted column."""
    from zairyu.cases.models import Base

    out = []
    for t in Base.metadata.sorted_tables:
        pk = [c.name for c in t.primary_key.columns]
        for c in t.columns:
            if isinstance(c.type, EncryptedText | EncryptedJSON):
                out.append((t.name, c.name, pk[0]))
    return out


def reencrypt_all(conn: Any, ring: KeyRing) -> int:
    """Encrypt every stored value of every encrypted column with the ring's first key (values already under
    it are left alone); returns how many values were rewritten. Runs inside the caller's transaction."""
    from sqlalchemy import text

    primary_id = key_id(ring.primary)
    n = 0
    for table, col, pk in encrypted_columns():
        rows = conn.execute(text(f'SELECT "{pk}", "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL')).all()
        for rid, stored in rows:
            if stored.startswith(f"{PREFIX}{primary_id}:"):
                continue
            new = ring.encrypt(ring.decrypt(stored))
            conn.execute(text(f'UPDATE "{table}" SET "{col}" = :v WHERE "{pk}" = :id'), {"v": new, "id": rid})
            n += 1
    return n


def reencrypt_files(paths: list[Path], ring: KeyRing) -> int:
    """Encrypt each stored document file with the ring's first key (files already under it are left alone; a
    file written before documents were encrypted is encrypted now); each file replaced atomically. Returns how
    many files were rewritten."""
    primary_id = key_id(ring.primary)
    n = 0
    for path in paths:
        try:
            stored = path.read_bytes()
        except FileNotFoundError:
            continue  # a document purged meanwhile
        if file_key_id(stored) == primary_id:
            continue
        write_private(path, encrypt_file(decrypt_file(stored, where=str(path), ring=ring), ring))
        n += 1
    return n


# --------------------------------------------------------------------------- exports sealed with a passphrase

SEALED_FORMAT = "zairyu-sealed"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_with_passphrase(data: bytes, passphrase: str) -> bytes:
    """``data`` encrypted with a key derived from ``passphrase`` (scrypt; AES-256-GCM), as a small JSON document
    that says how (so that a later zairyu can open it)."""
    import base64

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(passphrase) < 12:
        raise KeyError_("the passphrase must be at least 12 characters", field="passphrase")
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, **_SCRYPT)
    ct = AESGCM(key).encrypt(nonce, data, SEALED_FORMAT.encode())
    b64 = base64.b64encode
    return json.dumps({"format": SEALED_FORMAT, "format_version": 1, "kdf": {"name": "scrypt", **_SCRYPT,
                       "salt": b64(salt).decode()}, "cipher": "AES-256-GCM", "nonce": b64(nonce).decode(),
                       "data": b64(ct).decode()}).encode() + b"\n"


def is_sealed(data: bytes) -> bool:
    return data.lstrip()[:200].find(f'"format": "{SEALED_FORMAT}"'.encode()) >= 0


def open_with_passphrase(data: bytes, passphrase: str, *, where: str = "") -> bytes:
    import base64

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        doc = json.loads(data)
        kdf = doc["kdf"]
        key = _derive(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        return AESGCM(key).decrypt(base64.b64decode(doc["nonce"]), base64.b64decode(doc["data"]),
                                   SEALED_FORMAT.encode())
    except InvalidTag:
        raise KeyError_("wrong passphrase, or the file was altered", field="passphrase", where=where) from None
    except (ValueError, KeyError, TypeError):
        raise KeyError_("not a sealed zairyu file", where=where) from None
