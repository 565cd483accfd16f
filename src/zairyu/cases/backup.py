"""``zairyu backup`` / ``zairyu restore``: a consistent snapshot of the database and the documents, in one file.

The backup is a tar file (mode 0600) holding ``manifest.json`` (zairyu's schema revision, the database kind, rows
per table, the timeline's head, and the SHA-256 of every other member), one ``tables/<name>.jsonl`` per table
(every row, values as stored: encrypted fields stay encrypted, so the backup needs the field-encryption keys,
which are *not* in it — keep them apart, docs/security.md) and ``documents/<sha256>`` for every stored document.

Consistency: on SQLite the database is first copied with SQLite's online backup (one instant), then read; on
PostgreSQL every table is read in one REPEATABLE READ, READ ONLY transaction (one snapshot). Documents are
stored by their SHA-256 and never rewritten, so those the snapshot names are the ones copied.

Restore goes into an empty database (no office) at the same schema revision: every member's checksum is
verified first (a damaged backup changes nothing), then the rows are inserted in one transaction and the
documents written; a backup of the restored database holds the same tables, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, MetaData, Table, Text, bindparam, create_engine, func, select, text
from sqlalchemy.engine import make_url

from zairyu.cases import db
from zairyu.cases.crypto import (
    decrypt_file,
    encrypted_columns,
    is_sealed,
    open_with_passphrase,
    seal_with_passphrase,
)
from zairyu.cases.models import Base
from zairyu.cases.services.common import _json
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.files import private_dir, write_private

FORMAT = "zairyu-backup"
FORMAT_VERSION = 1


class BackupError(ZairyuError):
    """A backup that cannot be made or restored."""


def _tables(conn: Any) -> list[Table]:
    """The database's own tables as they are (reflected: a database at an older schema revision has older
    tables), read and written as stored — encrypted columns stay ciphertext. In the order of zairyu's current
    tables (references before the records that make them), then any older table by name."""
    md = MetaData()
    md.reflect(bind=conn)
    for table, col, _ in encrypted_columns():  # ciphertext, whatever type the column was declared with
        if table in md.tables and col in md.tables[table].c:
            md.tables[table].c[col].type = Text()
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    return sorted((t for t in md.tables.values() if t.name != "alembic_version"),
                  key=lambda t: (order.get(t.name, len(order)), t.name))


def _dec(t: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        typ = t.c[k].type
        if v is not None and isinstance(typ, DateTime):
            v = datetime.fromisoformat(v)
        elif v is not None and isinstance(typ, Date):
            v = date.fromisoformat(v)
        elif isinstance(v, dict | list) and isinstance(typ, Text):
            v = json.dumps(v, ensure_ascii=False)  # a JSON value kept in a text column (before it was encrypted)
        out[k] = v
    return out


def _line(row: Any) -> bytes:
    return json.dumps({k: _json(v) for k, v in row._mapping.items()}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8") + b"\n"


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Any]:
    """A connection that sees one instant of the database."""
    if engine.dialect.name == "sqlite":
        src = make_url(engine.url).database
        if not src or src == ":memory:":
            raise BackupError("an in-memory database cannot be backed up", field="database")
        with tempfile.TemporaryDirectory(prefix="zairyu-backup-") as tmp:
            os.chmod(tmp, 0o700)
            copy = Path(tmp) / "snapshot.db"
            s_conn, d_conn = sqlite3.connect(src), sqlite3.connect(copy)
            try:
                s_conn.backup(d_conn)  # SQLite's online backup: a consistent copy of one instant
            finally:
                s_conn.close()
                d_conn.close()
            eng = create_engine(f"sqlite:///{copy}")
            try:
                with eng.connect() as conn:
                    yield conn
            finally:
                eng.dispose()
        return
    with engine.connect().execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True) as conn:
        with conn.begin():
            yield conn


def backup(engine: Engine, dest: Path, upload_dir: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Write the backup file; returns its manifest. With ``passphrase`` the whole file is sealed with it (scrypt,
    AES-256-GCM: :func:`zairyu.cases.crypto.seal_with_passphrase`), names and addresses included."""
    from alembic.runtime.migration import MigrationContext

    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    head: dict[str, Any] = {}
    with _snapshot(engine) as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision is None:
            raise BackupError("the database has no zairyu schema: nothing to back up", field="database")
        docs: list[tuple[str, str]] = []
        for t in _tables(conn):
            pk = list(t.primary_key.columns)
            rows = conn.execute(select(t).order_by(*pk))
            buf = io.BytesIO()
            n = 0
            for r in rows:
                buf.write(_line(r))
                n += 1
                if t.name == "documents":
                    docs.append((r.sha256, r.stored_path))
            members[f"tables/{t.name}.jsonl"] = buf.getvalue()
            counts[t.name] = n
        tl = Table("timeline", MetaData(), autoload_with=conn) if "timeline" in counts else None
        if tl is not None and "seq" in tl.c:
            last = conn.execute(select(tl.c.seq, tl.c.hash).where(tl.c.seq.is_not(None)).order_by(tl.c.seq.desc())
                                .limit(1)).first()
            if last is not None:
                head = {"seq": last.seq, "hash": last.hash}
    for sha, rel in sorted(set(docs)):
        try:
            data = (upload_dir / rel).read_bytes()
        except OSError as exc:
            raise BackupError(f"a stored document is missing: {exc.strerror}", where=str(upload_dir / rel)) from None
        # kept as stored (encrypted with the field keys, which are not in the backup); checked through its
        # decrypted content
        if hashlib.sha256(decrypt_file(data, where=str(upload_dir / rel))).hexdigest() != sha:
            raise BackupError("a stored document does not match its SHA-256 (damaged)", where=str(upload_dir / rel))
        members[f"documents/{sha}"] = data
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "revision": revision,
                "database": engine.dialect.name, "created_at": datetime.now(UTC).isoformat(), "rows": counts,
                "timeline_head": head,
                "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())}}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in [("manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode()),
                           *sorted(members.items())]:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, 0
            tar.addfile(info, io.BytesIO(data))
    write_private(dest, seal_with_passphrase(buf.getvalue(), passphrase) if passphrase else buf.getvalue())
    return manifest


def read_backup(path: Path, passphrase: str | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the members, every checksum verified (a sealed backup opened with ``passphrase``)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"not a zairyu backup: {exc.strerror}", where=str(path)) from None
    if is_sealed(raw):
        if not passphrase:
            raise InvalidInputError("the backup is encrypted: give its passphrase (--passphrase-stdin or "
                                    "ZAIRYU_BACKUP_PASSPHRASE)", field="--passphrase-stdin", where=str(path))
        raw = open_with_passphrase(raw, passphrase, where=str(path))
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r") as tar:
            members: dict[str, bytes] = {}
            for info in tar.getmembers():
                if not info.isfile():
                    raise BackupError(f"unexpected member {info.name!r}", where=str(path))
                f = tar.extractfile(info)
                assert f is not None
                members[info.name] = f.read()
    except (OSError, tarfile.TarError) as exc:
        raise InvalidInputError(f"not a zairyu backup: {exc}", where=str(path)) from None
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError):
        raise InvalidInputError("not a zairyu backup: no manifest", where=str(path)) from None
    if manifest.get("format") != FORMAT:
        raise InvalidInputError("not a zairyu backup", where=str(path))
    sums: dict[str, str] = manifest.get("sha256", {})
    if set(sums) != set(members):
        missing = sorted(set(sums) ^ set(members))
        raise BackupError(f"the backup is incomplete or has extra members: {', '.join(missing[:5])}",
                          where=str(path))
    for name, data in members.items():
        if hashlib.sha256(data).hexdigest() != sums[name]:
            raise BackupError(f"checksum mismatch: {name} is damaged; nothing was restored", where=str(path))
    return manifest, members


def restore(engine: Engine, path: Path, upload_dir: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Restore the backup into an empty database; returns its manifest."""
    manifest, members = read_backup(path, passphrase)
    revision, head = manifest["revision"], db.head_revision()
    if revision not in db.known_revisions():
        raise BackupError(f"the backup is at schema revision {revision}, which this zairyu does not know (it knows up "
                          f"to {head}): restore it with a zairyu at least as new as the one that made it",
                          where=str(path))
    # the schema the backup was made at, its rows as they were, then this zairyu's migrations over them
    current = db.current_revision(engine)
    if current is None:
        db.upgrade(engine, revision)
    elif current != revision:
        raise BackupError(f"the database is at schema revision {current}, the backup at {revision}: restore goes into "
                          "an empty database only; nothing was changed", field="database")
    with engine.connect() as conn:
        tables = _tables(conn)
    with engine.begin() as conn:
        for t in tables:
            if conn.execute(select(func.count()).select_from(t)).scalar():
                raise BackupError(f"the database is not empty (table {t.name} has rows): restore goes into an empty "
                                  "database only; nothing was changed", field="database")
        for name, data in members.items():
            if name.startswith("documents/"):
                write_private(private_dir(upload_dir) / name.split("/", 1)[1][:2] / name.split("/", 1)[1], data)
        later: list[tuple[Table, str, list[dict[str, Any]]]] = []
        seen: set[str] = set()
        for t in tables:
            body = members.get(f"tables/{t.name}.jsonl", b"")
            rows = [_dec(t, json.loads(line)) for line in body.splitlines() if line]
            # a reference to a table restored later (a person's assignee is a user; a user may be a person):
            # inserted empty, set once both are in
            for col in {fk.parent.name for fk in t.foreign_keys if fk.column.table.name not in seen | {t.name}}:
                later.append((t, col, [{"id": r["id"], "v": r[col]} for r in rows if r.get(col) is not None]))
                rows = [{**r, col: None} for r in rows]
            seen.add(t.name)
            for i in range(0, len(rows), 2000):
                conn.execute(t.insert(), rows[i:i + 2000])
        for t, col, values in later:
            if values:
                conn.execute(t.update().where(t.c.id == bindparam("id_")).values({col: bindparam("v")}),
                             [{"id_": v["id"], "v": v["v"]} for v in values])
        if conn.dialect.name == "postgresql":
            for t in tables:
                if "id" in t.c and t.c.id.primary_key:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{t.name}\"', 'id'), "
                                      f"COALESCE((SELECT MAX(id) FROM \"{t.name}\"), 0) + 1, false)"))
    if revision != head:
        db.upgrade(engine)
    return manifest

