"""zairyu's settings, read from the environment (prefix ``ZAIRYU_``) by every interface.

* ``ZAIRYU_DATABASE_URL`` — a SQLAlchemy URL (``postgresql+psycopg://user@host/db``); unset means
  the embedded SQLite file ``<data dir>/zairyu.db`` (no set-up).
* ``ZAIRYU_DATA_DIR`` — default ``$XDG_DATA_HOME/zairyu`` or ``~/.local/share/zairyu``.
* ``ZAIRYU_UPLOAD_DIR`` — where documents are stored; default ``<data dir>/uploads``.
* ``ZAIRYU_SECRET_KEY_FILE`` — formerly the key that signed session tokens (sessions are kept on the server since
  migration 0011; no longer read); default ``<data dir>/secret.key``.
* ``ZAIRYU_CACHE_DIR`` — where data parsed once is kept between commands: the law files, the message
  catalogues, the national-holiday table, plural rules (default ``$XDG_CACHE_HOME/zairyu`` or
  ``~/.cache/zairyu``; :mod:`zairyu.datacache`).
* ``ZAIRYU_MAX_UPLOAD_BYTES`` — the largest accepted document (default 20 MB).
* ``ZAIRYU_SMTP_HOST`` / ``_PORT`` (25) / ``_FROM`` / ``_USER`` / ``_PASSWORD`` / ``_STARTTLS`` — the mail
  server for the daily e-mail reminders (``zairyu reminders send``); unset host: no mail.
* ``ZAIRYU_TRUSTED_PROXIES`` — addresses or networks of the reverse proxies in front of ``zairyu serve``,
  separated by commas (``10.0.0.5, 192.0.2.0/24``). Only a request from one of them may name the client's
  address in ``X-Forwarded-For`` (the sign-in throttle counts per address). Default: none.
* ``ZAIRYU_RETENTION_DAYS`` — how long deleted people and documents are kept before ``zairyu purge`` removes
  them (default 30).
* ``ZAIRYU_FIELD_KEYS`` / ``ZAIRYU_FIELD_KEY_FILE`` — the field-encryption keys (:mod:`zairyu.cases.crypto`);
  default key file ``<data dir>/field.keys``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zairyu"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZAIRYU_", extra="ignore")

    database_url: str | None = None
    data_dir: Path | None = None
    upload_dir: Path | None = None
    secret_key_file: Path | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str | None = None
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    trusted_proxies: str = ""
    retention_days: int = 30
    # ZAIRYU_FIELD_KEY_FILE is read by zairyu.cases.crypto.key_file_path, for every encrypted value: not here

    @property
    def data_path(self) -> Path:
        return self.data_dir or default_data_dir()

    @property
    def uploads_path(self) -> Path:
        return self.upload_dir or self.data_path / "uploads"

    @property
    def secret_key_path(self) -> Path:
        return self.secret_key_file or self.data_path / "secret.key"

    @property
    def db_url(self) -> str:
        """The configured database, or the embedded SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_path / 'zairyu.db'}"


def get_settings() -> Settings:
    """Read the environment now (cheap; not cached, so tests and tools can change it)."""
    return Settings()
