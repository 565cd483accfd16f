"""Trust commands: ``zairyu audit verify``, ``zairyu keys new|rotate``, ``zairyu backup`` and ``zairyu restore``
(docs/security.md)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from zairyu.cli._app import app
from zairyu.errors import InvalidInputError

audit_app = typer.Typer(help="The audit timeline (tamper-evident: a hash chain over its entries).",
                        no_args_is_help=True)
keys_app = typer.Typer(help="Field-encryption keys (kept outside the database).", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the timeline's hash chain; name every entry that was changed or removed (exit status 1)."""
    from zairyu.cases import db
    from zairyu.cases.services.audit import verify_chain

    engine = db.get_engine()
    db.check_schema(engine)
    with db.transaction(engine) as s:
        rep = verify_chain(s)
    for p in rep.problems:
        typer.echo(f"zairyu: audit: {p}", err=True)
    if rep.problems:
        typer.echo(f"the timeline's chain is BROKEN: {len(rep.problems)} problem(s) in {rep.entries} entries")
        raise typer.Exit(1)
    typer.echo(f"the timeline's chain holds: {rep.entries} entries; head seq {rep.head_seq} hash {rep.head_hash} "
               "(note it elsewhere to detect a rewrite of the whole chain)")


@keys_app.command("new")
def keys_new() -> None:
    """Print a new field-encryption key (for ZAIRYU_FIELD_KEYS or a key file)."""
    from cryptography.fernet import Fernet

    typer.echo(Fernet.generate_key().decode())


@keys_app.command("rotate")
def keys_rotate(keep_old: bool = typer.Option(False, "--keep-old", help="Keep the old keys in the key file")
                ) -> None:
    """Re-encrypt every encrypted field with a new key. With a key file: a new key is made and put first, every
    value re-encrypted in one transaction, then the old keys dropped. With ZAIRYU_FIELD_KEYS: put the new key
    (`zairyu keys new`) first in the variable, keep the old ones after it, run this, then remove the old ones."""
    from sqlalchemy import text

    from zairyu.cases import crypto, db
    from zairyu.files import write_private
    from zairyu.settings import get_settings

    engine = db.get_engine()
    db.check_schema(engine)
    env = bool(os.environ.get("ZAIRYU_FIELD_KEYS", "").strip())
    ring = crypto.keyring()
    path = crypto.key_file_path()
    if not env:
        from cryptography.fernet import Fernet

        new = Fernet.generate_key()
        # first the file with both (a crash from here on leaves every value readable), then the values
        write_private(path, b"\n".join((new, *ring.keys)) + b"\n")
        crypto.forget_cached_keys()
        ring = crypto.keyring()
    with engine.begin() as conn:
        n = crypto.reencrypt_all(conn, ring)
        stored = sorted({r[0] for r in conn.execute(text("SELECT DISTINCT stored_path FROM documents"))})
    # the documents' files, under the new key too, before the old keys go
    files = crypto.reencrypt_files([get_settings().uploads_path / p for p in stored], ring)
    if not env and not keep_old:
        write_private(path, ring.primary + b"\n")
        crypto.forget_cached_keys()
    where = "ZAIRYU_FIELD_KEYS" if env else str(path)
    typer.echo(f"{n} values and {files} document files re-encrypted with key {crypto.key_id(ring.primary)} "
               f"({where})")
    if env:
        typer.echo("now remove the old keys from ZAIRYU_FIELD_KEYS (keep only the first)")


BACKUP_PASSPHRASE_ENV = "ZAIRYU_BACKUP_PASSPHRASE"


def _backup_passphrase(from_stdin: bool) -> str | None:
    """A backup's passphrase: the first line of standard input, or ZAIRYU_BACKUP_PASSPHRASE."""
    import sys

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return os.environ.get(BACKUP_PASSPHRASE_ENV) or None


@app.command("backup")
def backup_cmd(file: Path = typer.Argument(..., help="The backup file to write (a tar file, mode 0600)"),
               passphrase_stdin: bool = typer.Option(
                   False, "--passphrase-stdin", help=f"Encrypt the whole backup with a passphrase read from standard "
                                                     f"input (or set {BACKUP_PASSPHRASE_ENV}); 12 characters or more")
               ) -> None:
    """A consistent snapshot of the database and the documents, with checksums (docs/security.md); encrypted
    with a passphrase when one is given."""
    from zairyu.cases import db
    from zairyu.cases.backup import backup
    from zairyu.settings import get_settings

    if file.exists():
        raise InvalidInputError("the file exists: a backup never overwrites one", where=str(file))
    engine = db.get_engine()
    passphrase = _backup_passphrase(passphrase_stdin)
    man = backup(engine, file, get_settings().uploads_path, passphrase=passphrase)
    rows = sum(man["rows"].values())
    docs = sum(1 for k in man["sha256"] if k.startswith("documents/"))
    head = man["timeline_head"]
    typer.echo(f"backup written to {file}: {rows} rows in {len(man['rows'])} tables, {docs} documents; schema "
               f"{man['revision']}; timeline head seq {head.get('seq', 0)} {head.get('hash', '')}"
               f"{'; encrypted with the passphrase' if passphrase else ''}. The field-encryption keys are not in it: "
               "keep them apart")


@app.command("restore")
def restore_cmd(file: Path = typer.Argument(..., help="A backup made by `zairyu backup`"),
                passphrase_stdin: bool = typer.Option(
                    False, "--passphrase-stdin", help=f"An encrypted backup's passphrase, from standard input (or "
                                                      f"set {BACKUP_PASSPHRASE_ENV})")) -> None:
    """Restore a backup into an empty database (checksums verified first; all or nothing)."""
    from zairyu.cases import db
    from zairyu.cases.backup import restore
    from zairyu.settings import get_settings

    engine = db.get_engine()
    man = restore(engine, file, get_settings().uploads_path, passphrase=_backup_passphrase(passphrase_stdin))
    typer.echo(f"restored {sum(man['rows'].values())} rows and "
               f"{sum(1 for k in man['sha256'] if k.startswith('documents/'))} documents from {file} "
               f"(made {man['created_at']} on {man['database']})")
