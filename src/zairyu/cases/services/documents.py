"""Documents (files kept by their SHA-256, with limits on size and type) and notes on a person."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.crypto import decrypt_file, encrypt_file
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import Actor, _check_version, _flush, _get, now
from zairyu.cases.services.people import get_person
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.files import write_private


def add_note(s: Session, person_id: int, body: str, actor: Actor, *, application_id: int | None = None,
             shared: bool = False) -> m.Note:
    """A note on the person: internal (the office's working record) unless ``shared`` with the client."""
    person = get_person(s, person_id)
    if not body.strip():
        raise InvalidInputError("a note cannot be empty", field="body", where=f"note for person {person_id}")
    n = m.Note(person_id=person_id, application_id=application_id, author_id=actor.user_id, body=body,
               shared=shared, created_at=now())
    s.add(n)
    _flush(s, "note")
    record(s, actor, n, "create", None, organisation_id=person.organisation_id)
    return n


def share_note(s: Session, note_id: int, shared: bool, actor: Actor, *, expected_version: int | None = None
               ) -> m.Note:
    """Share a note with the client, or make it internal again; recorded in the timeline."""
    n: m.Note = _get(s, m.Note, note_id, "note")
    _check_version(n, expected_version, f"note {note_id}")
    if n.shared == shared:
        return n
    before = snapshot(n)
    n.shared = shared
    _flush(s, f"note {note_id}")
    record(s, actor, n, "update", before, organisation_id=get_person(s, n.person_id).organisation_id)
    return n


def notes_of(s: Session, person_id: int, *, newest_first: bool = False, shared_only: bool = False
             ) -> list[m.Note]:
    """The person's notes; ``shared_only``: those shared with the client (what a client may read)."""
    q = select(m.Note).where(m.Note.person_id == person_id)
    if shared_only:
        q = q.where(m.Note.shared.is_(True))
    return list(s.scalars(q.order_by(m.Note.id.desc() if newest_first else m.Note.id)))


def check_application_of(s: Session, person_id: int, application_id: int | None) -> None:
    """A note or a document filed under an application: the application must be one of the person's."""
    if application_id is None:
        return
    a = s.get(m.Application, application_id)
    if a is None or a.person_id != person_id:
        raise InvalidInputError(f"application {application_id} is not one of this person's", field="application_id")


ALLOWED_TYPES = {
    "application/pdf": (".pdf",), "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",),
    "image/heic": (".heic",), "text/plain": (".txt",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
}
"""Document types accepted (never HTML or scripts: a stored file is never served inline as a page)."""

_MAGIC = {"application/pdf": b"%PDF", "image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8\xff"}


def check_upload(filename: str, content_type: str, data: bytes, *, max_bytes: int, where: str) -> str:
    """The rules every stored file passes, uploaded or imported: a plain file name (no folders), an accepted
    type whose extension and first bytes match, not empty, within the size limit. Returns the file name."""
    name = filename.strip()
    if not name or "/" in name or "\\" in name or name in (".", "..") or any(ord(c) < 32 for c in name):
        raise InvalidInputError("a document needs a plain file name (no folders, no control characters)",
                                field="filename", value=filename[:200], where=where)
    if content_type not in ALLOWED_TYPES:
        raise InvalidInputError(f"type '{content_type}' is not accepted", field="content_type",
                                allowed=", ".join(ALLOWED_TYPES), where=where)
    if not name.lower().endswith(ALLOWED_TYPES[content_type]):
        raise InvalidInputError(f"the file name does not end with {'/'.join(ALLOWED_TYPES[content_type])}",
                                field="filename", where=where)
    if len(data) == 0:
        raise InvalidInputError("the file is empty", field="size", where=where)
    if len(data) > max_bytes:
        raise InvalidInputError(f"the file is {len(data)} bytes; the limit is {max_bytes}", field="size",
                                where=where)
    magic = _MAGIC.get(content_type)
    if magic and not data.startswith(magic):
        raise InvalidInputError(f"the content is not {content_type}", field="content_type", where=where)
    return name


def store_document(s: Session, person_id: int, filename: str, content_type: str, data: bytes, actor: Actor, *,
                   upload_dir: Path, max_bytes: int, application_id: int | None = None,
                   organisation_id: int | None = None) -> m.Document:
    """Keep a file under the upload directory, named by its SHA-256; limits on size and type."""
    person = get_person(s, person_id, organisation_id)
    where = f"document {filename!r} of person {person_id}"
    name = check_upload(Path(filename).name, content_type, data, max_bytes=max_bytes, where=where)
    # a missing application and another person's answer alike: the answer tells nothing about other people
    check_application_of(s, person_id, application_id)
    digest = hashlib.sha256(data).hexdigest()
    rel = Path(digest[:2]) / digest
    path = upload_dir / rel
    if not path.exists():
        # encrypted with the field keys, 0600 in 0700 folders (docs/security.md)
        write_private(path, encrypt_file(data))
    doc = m.Document(person_id=person_id, application_id=application_id, filename=name, content_type=content_type,
                     size=len(data), sha256=digest, stored_path=str(rel), uploaded_by=actor.user_id, created_at=now())
    s.add(doc)
    _flush(s, where)
    record(s, actor, doc, "create", None, organisation_id=person.organisation_id)
    return doc


def documents_of(s: Session, person_id: int) -> list[m.Document]:
    return list(s.scalars(select(m.Document).where(m.Document.person_id == person_id, m.Document.deleted_at.is_(None))
                          .order_by(m.Document.id)))


def delete_document(s: Session, document_id: int, actor: Actor, *, organisation_id: int | None = None) -> m.Document:
    """Delete a document: no longer listed or downloadable; the record and file are kept for the retention
    period (``ZAIRYU_RETENTION_DAYS``), then removed by ``zairyu purge``. Recorded in the timeline."""
    doc: m.Document = _get(s, m.Document, document_id, "document", organisation_id)
    person = get_person(s, doc.person_id)
    before = snapshot(doc)
    doc.deleted_at = now()
    _flush(s, f"document {document_id}")
    record(s, actor, doc, "delete", before, organisation_id=person.organisation_id)
    return doc


def read_document(doc: m.Document, upload_dir: Path) -> bytes:
    """The document's content, decrypted and checked against its SHA-256."""
    data = decrypt_file((upload_dir / doc.stored_path).read_bytes(), where=f"document {doc.id}")
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        raise ZairyuError("the stored file does not match its SHA-256: it was altered or damaged",
                          where=f"document {doc.id}")
    return data
