"""Data at rest (issue 12, finding 7): sensitive fields encrypted with keys outside the database, key rotation,
private files, the encrypted export, backup and restore. On SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import io
import json
import stat
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select, text
from tests.conftest import Cli

from zairyu.cases import crypto, db
from zairyu.cases import models as m
from zairyu.cases import services as sv

from .conftest import ACTOR, ON, DBHandle

CARD = "AB12345678CD"
NOTE = "Claim weak: the interview contradicted the written statement"
GROUNDS = ["political_opinion", "mobilisation"]


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _office(tdb: DBHandle) -> int:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office A", ACTOR).id
        p = sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU", "notes": "fled in 2022",
                                   "extra_facts": {"circumstances": {"cannot_return_safely": True,
                                                                     "grounds": GROUNDS}}}, ACTOR)
        sv.add_stay(s, p.id, {"status": "designated_activities", "designation": "ukraine_evacuee", "period": "P1Y",
                              "granted_on": "2026-03-01", "granted_by": "change", "card_number": CARD}, ACTOR, ON)
        sv.add_note(s, p.id, NOTE, ACTOR)
        # people and users refer to each other (a client account is a person; a person's case has an assignee)
        cw = sv.add_user(s, org, email="cw@example.org", display_name="Caseworker", role="caseworker", actor=ACTOR)
        sv.add_user(s, org, email="anna@example.org", display_name="Anna", role="client", actor=ACTOR,
                    person_id=p.id)
        sv.assign_person(s, p.id, cw.id, ACTOR, organisation_id=org)
        return p.id


def _raw(tdb: DBHandle, sql: str) -> list[str]:
    with tdb.engine.connect() as c:
        return [r[0] for r in c.execute(text(sql))]


def test_sensitive_fields_are_stored_encrypted_and_read_plain(tdb: DBHandle) -> None:
    pid = _office(tdb)
    stored = (_raw(tdb, "SELECT card_number FROM stays") + _raw(tdb, "SELECT body FROM notes")
              + _raw(tdb, "SELECT notes FROM people") + _raw(tdb, "SELECT extra_facts FROM people")
              + [x for x in _raw(tdb, 'SELECT "after" FROM timeline') if x is not None])
    # basis: a stolen database file or dump shows none of them (issue 12, "Data at rest")
    assert stored and all(v.startswith("zenc1:") for v in stored)
    dump = "\n".join(stored)
    for secret in (CARD, "Claim weak", "political_opinion", "fled in 2022"):
        assert secret not in dump
    with db.transaction(tdb.engine) as s:  # services see plain values
        assert sv.current_stay(s, pid).card_number == CARD  # type: ignore[union-attr]
        assert [n.body for n in sv.notes_of(s, pid)] == [NOTE]
        p = sv.get_person(s, pid)
        assert p.notes == "fled in 2022" and p.extra_facts["circumstances"]["grounds"] == GROUNDS  # type: ignore
        assert sv.timeline_of(s, pid)[0].after["family_name"] == "Sokolova"  # type: ignore[index]


def test_a_missing_key_is_a_clear_error(tdb: DBHandle, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _office(tdb)
    from cryptography.fernet import Fernet

    monkeypatch.setenv("ZAIRYU_FIELD_KEYS", Fernet.generate_key().decode())
    with pytest.raises(crypto.KeyError_, match="not among the configured keys"), db.transaction(tdb.engine) as s:
        sv.notes_of(s, pid)


def test_key_file_rotation_and_private_files(cli_db: DBHandle, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.delenv("ZAIRYU_FIELD_KEYS")
    crypto.forget_cached_keys()
    data = tmp_path / "data"
    r = cli("people", "add", "--family-name", "Sokolova", "--notes", "fled in 2022")
    assert r.exit_code == 0, r.output
    keyfile = data / "field.keys"
    assert _mode(keyfile) == 0o600 and _mode(data) == 0o700  # basis: files 0600, folders 0700 (issue 12)
    old = keyfile.read_bytes()
    doc = tmp_path / "letter.pdf"
    doc.write_bytes(b"%PDF-1.4 statement")
    r = cli("documents", "add", "1", str(doc))
    assert r.exit_code == 0, r.output
    files = [p for p in (data / "uploads").rglob("*")]
    assert all(_mode(p) == (0o700 if p.is_dir() else 0o600) for p in files), [oct(_mode(p)) for p in files]
    stored = next(p for p in files if p.is_file())
    # the document's file is encrypted with the field key, not the statement in clear
    assert b"statement" not in stored.read_bytes()
    assert crypto.file_key_id(stored.read_bytes()) == crypto.key_id(old.strip())
    if cli_db.kind == "sqlite":
        assert _mode(Path(cli_db.url.removeprefix("sqlite:///"))) == 0o600
    before = _raw(cli_db, "SELECT notes FROM people")[0]
    r = cli("keys", "rotate")
    assert r.exit_code == 0 and "re-encrypted" in r.output, r.output
    new = keyfile.read_bytes()
    assert new != old and len(new.split()) == 1 and _mode(keyfile) == 0o600
    after = _raw(cli_db, "SELECT notes FROM people")[0]
    assert after != before and after.split(":")[1] == crypto.key_id(new.strip())
    assert "1 document files re-encrypted" in r.output
    assert crypto.file_key_id(stored.read_bytes()) == crypto.key_id(new.strip())
    crypto.forget_cached_keys()
    with db.transaction(cli_db.engine) as s:
        assert sv.read_document(s.get(m.Document, 1), data / "uploads") == b"%PDF-1.4 statement"
    r = cli("people", "show", "1", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["person"]["notes"] == "fled in 2022"
    # the old key alone no longer opens anything
    monkeypatch.setenv("ZAIRYU_FIELD_KEYS", old.decode().strip())
    r = cli("people", "show", "1", "--json")
    assert r.exit_code == 2 and "not among the configured keys" in r.output


def test_a_backup_sealed_with_a_passphrase_restores_only_with_it(cli_db: DBHandle, cli: Cli, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import create_pg_database, drop_pg_database

    _office(cli_db)
    sealed = tmp_path / "sealed.backup"
    r = cli("backup", str(sealed), "--passphrase-stdin", input="correct horse battery\n")
    assert r.exit_code == 0 and "encrypted with the passphrase" in r.output, r.output
    raw = sealed.read_bytes()
    assert crypto.is_sealed(raw) and b"Sokolova" not in raw  # names are in no backup member in clear
    assert cli("backup", str(tmp_path / "short.backup"), "--passphrase-stdin", input="short\n").exit_code == 2
    target = create_pg_database("sealed") if cli_db.kind == "postgres" else f"sqlite:///{tmp_path / 'r.db'}"
    try:
        monkeypatch.setenv("ZAIRYU_DATABASE_URL", target)
        monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path / "restored"))
        r = cli("restore", str(sealed))
        assert r.exit_code == 2 and "the backup is encrypted: give its passphrase" in r.output
        r = cli("restore", str(sealed), "--passphrase-stdin", input="wrong horse battery\n")
        assert r.exit_code == 2
        r = cli("restore", str(sealed), "--passphrase-stdin", input="correct horse battery\n")
        assert r.exit_code == 0, r.output
        r = cli("people", "show", "1", "--json")
        assert json.loads(r.stdout)["stays"][0]["card_number"] == CARD
    finally:
        db.dispose_engine(target)
        if cli_db.kind == "postgres":
            drop_pg_database(target)


def test_a_backup_made_at_an_older_schema_is_restored_and_upgraded(cli_db: DBHandle, cli: Cli, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup made by an older zairyu (here: schema 0015, before assignees and shared notes) restores into this
    one: its tables as they were, then this zairyu's migrations over them."""
    from .conftest import create_pg_database, drop_pg_database

    pid = _office(cli_db)
    db.downgrade(cli_db.engine, "0015")
    old = tmp_path / "old.tar"
    r = cli("backup", str(old))
    assert r.exit_code == 0 and "schema 0015" in r.output, r.output
    target = create_pg_database("older") if cli_db.kind == "postgres" else f"sqlite:///{tmp_path / 'r.db'}"
    try:
        monkeypatch.setenv("ZAIRYU_DATABASE_URL", target)
        monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path / "restored"))
        r = cli("restore", str(old))
        assert r.exit_code == 0, r.output
        assert db.current_revision(db.get_engine(target)) == db.head_revision()
        r = cli("people", "show", str(pid), "--json")
        shown = json.loads(r.stdout)
        assert shown["stays"][0]["card_number"] == CARD and shown["person"]["notes"] == "fled in 2022"
        with db.transaction(db.get_engine(target)) as s:
            assert [n.shared for n in sv.notes_of(s, pid)] == [False]  # notes from before: internal
        assert cli("audit", "verify").exit_code == 0
    finally:
        db.dispose_engine(target)
        db.upgrade(cli_db.engine)  # the module's PostgreSQL database serves the next tests too
        if cli_db.kind == "postgres":
            drop_pg_database(target)


def test_export_is_encrypted_and_leaves_password_hashes_out(cli_db: DBHandle, cli: Cli, tmp_path: Path) -> None:
    _office(cli_db)
    r = cli("users", "add", "boss@office.example", "--role", "admin", "--password", "long enough password")
    assert r.exit_code == 0, r.output
    out = tmp_path / "office.zairyu"
    r = cli("export", str(out))
    assert r.exit_code == 2 and "passphrase" in r.output  # never in the clear by accident
    r = cli("export", str(out), "--passphrase-stdin", input="a long passphrase\n")
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert _mode(out) == 0o600
    assert b"Sokolova" not in raw and CARD.encode() not in raw and b"argon2" not in raw
    assert cli("import", str(out)).exit_code == 2
    r = cli("import", str(out), "--passphrase-stdin", input="the wrong passphrase\n")
    assert r.exit_code == 2 and "wrong passphrase" in r.output
    plain = tmp_path / "plain.json"
    assert cli("export", str(plain), "--unencrypted").exit_code == 0
    doc = json.loads(plain.read_text())
    assert all("password_hash" not in u for u in doc["users"])  # basis: hashes only on request (issue 12)
    assert doc["stays"][0]["card_number"] == CARD
    assert cli("export", str(tmp_path / "h.json"), "--unencrypted", "--with-password-hashes").exit_code == 0
    assert "argon2" in (tmp_path / "h.json").read_text()
    with db.transaction(cli_db.engine) as s:  # the export is in the audit timeline
        entries = [e for e in s.scalars(select(m.TimelineEntry).order_by(m.TimelineEntry.id)) if e.action == "export"]
    assert len(entries) == 3 and entries[0].actor.startswith("cli:")


def _tables(backup: Path) -> dict[str, bytes]:
    with tarfile.open(backup) as tar:
        return {i.name: tar.extractfile(i).read() for i in tar.getmembers() if i.name != "manifest.json"}  # type: ignore


def test_backup_restore_round_trip(cli_db: DBHandle, cli: Cli, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import create_pg_database, drop_pg_database

    _office(cli_db)
    doc = tmp_path / "letter.pdf"
    doc.write_bytes(b"%PDF-1.4 statement")
    assert cli("documents", "add", "1", str(doc)).exit_code == 0
    first = tmp_path / "first.tar"
    r = cli("backup", str(first))
    assert r.exit_code == 0, r.output
    assert _mode(first) == 0o600
    assert cli("backup", str(first)).exit_code == 2  # never overwritten
    # restore into an empty database of the same kind, with its own data directory
    target = create_pg_database("restore") if cli_db.kind == "postgres" else f"sqlite:///{tmp_path / 'r.db'}"
    try:
        monkeypatch.setenv("ZAIRYU_DATABASE_URL", target)
        monkeypatch.setenv("ZAIRYU_DATA_DIR", str(tmp_path / "restored"))
        r = cli("restore", str(first))
        assert r.exit_code == 0, r.output
        assert cli("restore", str(first)).exit_code == 2  # only into an empty database
        second = tmp_path / "second.tar"
        assert cli("backup", str(second)).exit_code == 0
        assert _tables(first) == _tables(second)  # basis: round trip identical (issue 12)
        r = cli("people", "show", "1", "--json")
        assert json.loads(r.stdout)["stays"][0]["card_number"] == CARD
        assert (tmp_path / "restored" / "uploads").exists()
        assert cli("audit", "verify").exit_code == 0
        # a damaged backup is refused before anything is written
        members = {**_tables(first)}
        name = next(k for k in members if k.startswith("tables/people"))
        bad = tmp_path / "bad.tar"
        with tarfile.open(first) as src, tarfile.open(bad, "w") as dst:
            for info in src.getmembers():
                data = src.extractfile(info).read()  # type: ignore[union-attr]
                if info.name == name:
                    data = data.replace(b"Sokolova", b"Sokolovb")
                info.size = len(data)
                dst.addfile(info, io.BytesIO(data))
        monkeypatch.setenv("ZAIRYU_DATABASE_URL", f"sqlite:///{tmp_path / 'r2.db'}")
        r = cli("restore", str(bad))
        assert r.exit_code == 2 and "checksum mismatch" in r.output and name in r.output
    finally:
        db.dispose_engine(target)
        if cli_db.kind == "postgres":
            drop_pg_database(target)
