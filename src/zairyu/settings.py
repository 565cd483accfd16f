"""zairyu's settings, read from the environment (prefix ``ZAIRYU_``) by every interface.

* ``ZAIRYU_DATABASE_URL`` — a SQLAlchemy URL (``postgresql+psycopg://user@host/db``); unset means
  the embedded SQLite file ``<data dir>/zairyu.db`` (no set-up).
* ``ZAIRYU_DATA_DIR`` — default ``$XDG_DATA_HOME/zairyu`` or ``~/.local/share/zairyu``.
* ``ZAIRYU_UPLOAD_DIR`` — where documents are stored; default ``<data dir>/uploads``.
* ``ZAIRYU_SECRET_KEY_FILE`` — the web app's signing key; default ``<data dir>/secret.key``.
* ``ZAIRYU_MAX_UPLOAD_BYTES`` — the largest accepted document (default 20 MB).
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
    field_key_file: Path | None = None

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
