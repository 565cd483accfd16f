"""Moving an office in and out: the JSON export/import format and the CSV import of people and stays.

JSON format (``"format": "zairyu-office"``, ``"format_version": 1``; described in docs/cases.md): one
object with the organisation and one list per table. Every record has a ``ref`` (1, 2, 3 … in the order
the records were created) and refers to other records by their refs, never by database ids, so an office
moves between databases (SQLite ↔ PostgreSQL) unchanged: export → import → export gives the same records
(the timeline gains one ``import`` entry). Deadlines are not exported: they are derived, and recomputed
on import. Document files travel inside the file (base64) and are checked against their SHA-256.

CSV import (people, each optionally with a current stay) is all or nothing: every row is checked first,
and if any row fails, nothing is stored and the error report names each failing row and field.
"""

from __future__ import annotations

import base64
import binascii
import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Date, DateTime, Table, false, func, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.crypto import encrypt_file
from zairyu.cases.services.common import _json
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.files import write_private
from zairyu.law.catalogue import catalogue, check_covered
from zairyu.settings import Settings

FORMAT = "zairyu-office"
DEFAULT_MAX_UPLOAD: int = Settings.model_fields["max_upload_bytes"].default
FORMAT_VERSION = 1

# (list name in the file, model, {column: referenced list}) in an order that satisfies the references.
TABLES: list[tuple[str, type[m.Base], dict[str, str]]] = [
    ("people", m.Person, {}),
    ("users", m.User, {"person_id": "people"}),
    ("supporter_assignments", m.SupporterAssignment, {"user_id": "users", "person_id": "people"}),
    ("calendar_tokens", m.CalendarToken, {"user_id": "users", "person_id": "people", "created_by": "users"}),
    ("family_links", m.FamilyLink, {"person_id": "people", "related_person_id": "people"}),
    ("applications", m.Application, {"person_id": "people", "assignee_id": "users"}),
    ("stays", m.Stay, {"person_id": "people", "application_id": "applications"}),
    ("events", m.Event, {"person_id": "people"}),
    ("notes", m.Note, {"person_id": "people", "application_id": "applications", "author_id": "users"}),
    ("tasks", m.Task, {"person_id": "people", "application_id": "applications", "owner_id": "users"}),
    ("documents", m.Document, {"person_id": "people", "application_id": "applications", "uploaded_by": "users"}),
    ("deadline_marks", m.DeadlineMark, {"person_id": "people", "by_user_id": "users"}),
]
# References to a list that comes later (a person's assignee is a user; users refer to people): written as
# refs like the others, set after every list is in.
LATE_REFS: dict[str, dict[str, str]] = {"people": {"assignee_id": "users"}}
_BY_TABLENAME: dict[str, tuple[str, dict[str, str]]] = {
    model.__tablename__: (name, {**refs, **LATE_REFS.get(name, {})}) for name, model, refs in TABLES}
_TIMELINE_REFS = {"actor_user_id": "users", "person_id": "people"}
CHAIN_COLUMNS = ("seq", "prev_hash", "hash")


def _table(model: type[m.Base]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)  # a mapped class's table (the declarative base types it as a FromClause)
    return t


def dumps(doc: Mapping[str, Any]) -> str:
    """The file text: stable key order, so exports of the same office are byte-for-byte equal."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- export


def _rows(s: Session, model: type[m.Base], org_id: int, people: set[int], users: set[int]) -> list[Any]:
    t = _table(model)
    q = select(model)
    if "organisation_id" in t.c:
        q = q.where(t.c.organisation_id == org_id)
    elif "person_id" in t.c:
        q = q.where(t.c.person_id.in_(people)) if people else q.where(false())
    elif "user_id" in t.c:
        q = q.where(t.c.user_id.in_(users)) if users else q.where(false())
    pk = [c for c in t.primary_key.columns]
    return list(s.scalars(q.order_by(*pk)))


def _remap(snap: dict[str, Any], refs: dict[str, str], maps: dict[str, dict[int, int]], self_list: str | None
           ) -> dict[str, Any]:
    out = dict(snap)
    if "id" in out and self_list is not None:
        out["id"] = maps[self_list].get(out["id"]) if out["id"] is not None else None
    out.pop("organisation_id", None)
    for col, lst in refs.items():
        if col in out and out[col] is not None:
            out[col] = maps[lst].get(out[col])
    return out


def export_office(s: Session, organisation_id: int, *, upload_dir: Path, password_hashes: bool = False
                  ) -> dict[str, Any]:
    """The office as a document (format: docs/cases.md). Accounts' password hashes only when asked for
    (``password_hashes``): without them, the accounts of an imported office get new passwords."""
    org = s.get(m.Organisation, organisation_id)
    if org is None:
        raise sv.NotFoundError(f"no organisation with id {organisation_id}", field="organisation_id")
    maps: dict[str, dict[int, int]] = {}
    doc: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION,
                           "organisation": {"name": org.name, "created_at": _json(org.created_at)}}
    people: set[int] = set()
    users: set[int] = set()
    for name, model, refs in TABLES:
        rows = _rows(s, model, organisation_id, people, users)
        has_id = "id" in _table(model).c
        if has_id:
            maps[name] = {r.id: i + 1 for i, r in enumerate(rows)}
        if name == "people":
            people = {r.id for r in rows}
        if name == "users":
            users = {r.id for r in rows}
        items = []
        for r in rows:
            snap = {k: _json(v) for k, v in sv.snapshot(r, secrets_too=True).items()
                    if password_hashes or k != "password_hash"}
            item = _remap(snap, refs, maps, name if has_id else None)
            if has_id:
                item["ref"] = item.pop("id")
            if name == "documents":
                try:
                    data = sv.read_document(r, upload_dir)
                except OSError as exc:
                    raise ZairyuError(f"the stored file is missing: {exc.strerror}", where=f"document {r.id}",
                                      field="stored_path") from None
                item.pop("stored_path")
                item["content_base64"] = base64.b64encode(data).decode()
            items.append(item)
        doc[name] = items
    for name, late in LATE_REFS.items():
        for item in doc[name]:
            for col, lst in late.items():
                if item.get(col) is not None:
                    item[col] = maps[lst].get(item[col])
    timeline = []
    for e in s.scalars(select(m.TimelineEntry).where(m.TimelineEntry.organisation_id == organisation_id)
                       .order_by(m.TimelineEntry.id)):
        snap = {k: _json(v) for k, v in sv.snapshot(e).items()}
        for k in ("id", *CHAIN_COLUMNS):
            snap.pop(k, None)  # an imported history is chained anew in the database it goes into
        lst, refs = _BY_TABLENAME.get(e.entity, ("", {}))
        item = _remap(snap, _TIMELINE_REFS, maps, None)
        item["entity_id"] = maps[lst].get(e.entity_id) if lst and e.entity_id is not None and lst in maps else (
            1 if e.entity == "organisations" else None)
        for k in ("before", "after"):
            if isinstance(e.__dict__.get(k), dict):
                item[k] = _remap(getattr(e, k), refs, maps, lst or None)
        timeline.append(item)
    doc["timeline"] = timeline
    return doc


# --------------------------------------------------------------------------- import


def _in(t: Table, row: Mapping[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k not in t.c:
            raise InvalidInputError(f"unknown field '{k}'", field=k, where=where)
        col = t.c[k]
        if v is not None and isinstance(col.type, DateTime):
            try:
                v = datetime.fromisoformat(v)
            except (TypeError, ValueError):
                raise InvalidInputError(f"'{v}' is not a date and time", field=k, where=where) from None
        elif v is not None and isinstance(col.type, Date):
            try:
                v = date.fromisoformat(v)
            except (TypeError, ValueError):
                raise InvalidInputError(f"'{v}' is not a valid date", field=k, value=v, allowed="YYYY-MM-DD",
                                        where=where) from None
        out[k] = v
    return out


def _complete(t: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Every column of the table, in table order (a bulk insert needs the same keys on every row); a
    column missing from the file gets its default, as an ORM insert would give it."""
    out: dict[str, Any] = {}
    for c in t.c:
        if c.key == "id":
            continue
        if c.key in row:
            out[c.key] = row[c.key]
        elif isinstance(c.default, ScalarElementColumnDefault):
            out[c.key] = c.default.arg
        else:
            out[c.key] = None
    return out


def _check_record(name: str, row: Mapping[str, Any], where: str) -> None:
    """The same checks as the services apply to typed input (a file may have been edited by hand)."""
    if name == "people":
        sv.validate(sv.PersonIn, {k: row.get(k) for k in sv.PersonIn.model_fields}, where=where)
    elif name == "stays":
        st = sv.validate(sv.StayIn, {k: row.get(k) for k in sv.StayIn.model_fields}, where=where)
        check_covered(st.granted_on, field="granted_on")
        catalogue(st.granted_on).status(st.status, field="status")
    elif name == "applications":
        sv.validate(sv.ApplicationIn, {k: row.get(k) for k in sv.ApplicationIn.model_fields}, where=where)
        if row.get("stage") not in m.STAGES:
            raise InvalidInputError(f"unknown stage '{row.get('stage')}'", field="stage", allowed="|".join(m.STAGES),
                                    where=where)
    elif name == "events":
        sv.validate(sv.EventIn, {k: row.get(k) for k in sv.EventIn.model_fields}, where=where)
    elif name == "users":
        if row.get("role") not in m.ROLES:
            raise InvalidInputError(f"unknown role '{row.get('role')}'", field="role", allowed="|".join(m.ROLES),
                                    where=where)


def import_office(s: Session, doc: Any, actor: sv.Actor, on: date, *, upload_dir: Path, where: str = "import",
                  max_bytes: int = DEFAULT_MAX_UPLOAD) -> m.Organisation:
    """Add an exported office to this database as a new organisation (refs become new ids). Its documents pass
    the same rules as an upload (:func:`~zairyu.cases.services.documents.check_upload`, ``max_bytes``)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInputError(f"not a zairyu office export (expected \"format\": \"{FORMAT}\")", field="format",
                                where=where)
    if doc.get("format_version") != FORMAT_VERSION:
        raise InvalidInputError(f"format_version {doc.get('format_version')!r} is not supported",
                                field="format_version", allowed=str(FORMAT_VERSION), where=where)
    o = doc.get("organisation") or {}
    if not isinstance(o, dict):
        raise InvalidInputError("must be an object with the office's name", field="organisation", where=where)
    name = str(o.get("name") or "").strip()
    if not name or len(name) > 200:
        raise InvalidInputError("the office needs a name", field="organisation.name",
                                allowed="1 to 200 characters", where=where)
    existing = s.scalar(select(m.Organisation.id).where(m.Organisation.name == name))
    if existing is not None:
        raise sv.DuplicateError(f"an office named '{name}' already exists here (organisation {existing}); import "
                                "into another database or rename the office in the file",
                                field="organisation.name", where=where)
    created = _in(_table(m.Organisation), {"created_at": o.get("created_at")}, f"{where}: organisation")
    org_id = s.execute(insert(m.Organisation).returning(m.Organisation.id),
                       {"name": name, "created_at": created["created_at"] or sv.now(), "version": 1}).scalar_one()
    assert org_id is not None
    maps: dict[str, dict[int, int]] = {}
    late: list[tuple[Table, str, str, Any, int, str]] = []  # (table, column, target list, row ref, value, where)
    people_keys: set[tuple[Any, ...]] = set()
    for lst, model, refs in TABLES:
        t = _table(model)
        rows = doc.get(lst, [])
        if not isinstance(rows, list):
            raise InvalidInputError("must be a list", field=lst, where=where)
        prepared = []
        for i, raw in enumerate(rows):
            if not isinstance(raw, dict):
                raise InvalidInputError("each record must be an object", field=f"{lst}[{i}]", where=where)
            row = dict(raw)
            rw = f"{where}: {lst} ref {row.get('ref', i + 1)}"
            ref = row.pop("ref", None)
            content = row.pop("content_base64", None)
            for col, target in LATE_REFS.get(lst, {}).items():
                if row.get(col) is not None:
                    late.append((t, col, target, ref, row.pop(col), rw))
            for col, target in refs.items():
                if row.get(col) is not None:
                    new = maps.get(target, {}).get(row[col])
                    if new is None:
                        raise InvalidInputError(f"refers to {target} ref {row[col]}, which is not in the file",
                                                field=col, where=rw)
                    row[col] = new
            if "organisation_id" in t.c:
                row["organisation_id"] = org_id
            _check_record(lst, row, rw)
            if lst == "people":
                key = (row["family_name"].lower(), (row.get("given_name") or "").lower(), row.get("birth_date"),
                       row.get("nationality"))
                if key in people_keys:
                    raise sv.DuplicateError("the same person (names, birth date, nationality) appears twice",
                                            field="family_name", where=rw)
                people_keys.add(key)
            if lst == "users":
                if s.scalar(select(m.User.id).where(func.lower(m.User.email) == str(row.get("email")).lower())):
                    raise sv.DuplicateError(f"a user with e-mail {row.get('email')} already exists", field="email",
                                            where=rw)
            if lst == "calendar_tokens" and s.scalar(select(m.CalendarToken.id).where(
                    m.CalendarToken.token_hash == row.get("token_hash"))):
                raise sv.DuplicateError("this calendar feed already exists in this database (the file was exported "
                                        "from here): a feed's address belongs to one office; remove the feed from "
                                        "the file or import into another database", field="token_hash", where=rw)
            if lst == "documents":
                if content is None:
                    raise InvalidInputError("the file content is missing", field="content_base64", where=rw)
                try:
                    data = base64.b64decode(str(content), validate=True)
                except (binascii.Error, ValueError):
                    raise InvalidInputError("the file content is not base64", field="content_base64",
                                            where=rw) from None
                sv.check_upload(str(row.get("filename") or ""), str(row.get("content_type") or ""), data,
                                max_bytes=max_bytes, where=rw)
                digest = hashlib.sha256(data).hexdigest()
                if digest != row.get("sha256"):
                    raise InvalidInputError("the content does not match its SHA-256", field="sha256", where=rw)
                rel = Path(digest[:2]) / digest
                write_private(upload_dir / rel, encrypt_file(data))
                row["stored_path"] = str(rel)
            prepared.append((ref, _in(t, row, rw)))
        if not prepared:
            maps[lst] = {}
            continue
        rows_in = [_complete(t, r) for _, r in prepared]
        if "id" in t.c:
            ids = _reserve_ids(s, t, len(rows_in))
            for r, new_id in zip(rows_in, ids, strict=True):
                r["id"] = new_id
            maps[lst] = {ref: new for (ref, _), new in zip(prepared, ids, strict=True)}
        sv.fast_insert(s, t, rows_in)
    for lt, col, target, row_ref, value, rw in late:
        new = maps.get(target, {}).get(value)
        if new is None:
            raise InvalidInputError(f"refers to {target} ref {value}, which is not in the file", field=col, where=rw)
        s.execute(lt.update().where(lt.c.id == maps[_BY_TABLENAME[lt.name][0]][row_ref]).values({col: new}))
    # the timeline, as it was, with refs turned back into this database's ids
    entries = []
    for i, raw in enumerate(doc.get("timeline", [])):
        row = {k: v for k, v in raw.items() if k not in CHAIN_COLUMNS}
        rw = f"{where}: timeline[{i}]"
        lst2, refs2 = _BY_TABLENAME.get(row.get("entity", ""), (None, {}))
        inv = maps  # ref → new id, per list
        for col, target in _TIMELINE_REFS.items():
            if row.get(col) is not None:
                row[col] = inv.get(target, {}).get(row[col])
        if row.get("entity") == "organisations":
            row["entity_id"] = org_id
        elif lst2 is not None and row.get("entity_id") is not None:
            row["entity_id"] = inv.get(lst2, {}).get(row["entity_id"])
        for k in ("before", "after"):
            if isinstance(row.get(k), dict):
                snap = dict(row[k])
                if lst2 is not None and snap.get("id") is not None:
                    snap["id"] = inv.get(lst2, {}).get(snap["id"])
                for col, target in refs2.items():
                    if snap.get(col) is not None:
                        snap[col] = inv.get(target, {}).get(snap[col])
                if lst2 is not None and "organisation_id" in _table(_model_of(lst2)).c:
                    snap["organisation_id"] = org_id
                row[k] = snap
        row["organisation_id"] = org_id
        entries.append(_in(_table(m.TimelineEntry), row, rw))
    tl = _table(m.TimelineEntry)
    entries = [_complete(tl, e) for e in entries]
    for e, new_id in zip(entries, _reserve_ids(s, tl, len(entries)), strict=True):
        e["id"] = new_id
    sv.fast_insert(s, tl, entries)
    org = s.get(m.Organisation, org_id)
    assert org is not None
    sv.record(s, actor, org, "import", None, organisation_id=org_id)
    sv.recompute_all(s, on, org_id)
    return org


def _model_of(lst: str) -> type[m.Base]:
    return next(model for name, model, _ in TABLES if name == lst)


# --------------------------------------------------------------------------- CSV

PERSON_COLUMNS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                  "given_name_kanji", "nationality", "birth_date", "born_in_japan", "sex", "email", "phone",
                  "address", "preferred_language", "notes")
STAY_COLUMNS = ("status", "period", "granted_on", "granted_by", "designation", "expires_on", "previous_expires_on",
                "card_number", "card_valid_until")
CSV_COLUMNS = PERSON_COLUMNS + STAY_COLUMNS


@dataclass
class CsvReport:
    people: int = 0
    stays: int = 0
    errors: list[str] = field(default_factory=list)


class CsvImportError(InvalidInputError):
    """One or more CSV rows are wrong; nothing was imported. ``errors`` lists every failing row."""

    def __init__(self, errors: list[str], where: str) -> None:
        shown = errors[:50]
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} row(s) have errors; nothing was imported:\n  " + "\n  ".join(shown) + more,
                         where=where)
        self.errors = errors


def _bool(v: str) -> bool | None:
    x = v.strip().lower()
    if x in ("", "unknown"):
        return None
    if x in ("1", "true", "yes", "y"):
        return True
    if x in ("0", "false", "no", "n"):
        return False
    raise ValueError(f"'{v}' is not yes/no")


def _csv_rows(reader: csv.DictReader[str], where: str) -> Iterator[dict[str | Any, Any]]:
    """The rows, a malformed or oversized field turned into one error naming its line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInputError(f"line {reader.line_num}: the CSV cannot be read ({exc})", field="csv",
                                    allowed=f"fields up to {csv.field_size_limit()} characters", where=where) from None
        yield row


def import_csv(s: Session, organisation_id: int, text: str, actor: sv.Actor, on: date, *, where: str = "CSV"
               ) -> CsvReport:
    """Import people (one per row), each with an optional current stay. All or nothing."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise InvalidInputError(f"the CSV header cannot be read ({exc})", field="header", where=where) from None
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if "family_name" not in header or unknown:
        raise InvalidInputError(
            f"unknown column(s) {', '.join(unknown)}" if unknown else "the header has no family_name column",
            field="header", allowed=", ".join(CSV_COLUMNS), where=where)
    existing = {(f.lower(), (g or "").lower(), b, n) for f, g, b, n in s.execute(
        select(m.Person.family_name, m.Person.given_name, m.Person.birth_date, m.Person.nationality)
        .where(m.Person.organisation_id == organisation_id)).all()}
    seen: dict[tuple[Any, ...], int] = {}
    errors: list[str] = []
    law = functools.lru_cache(maxsize=None)(catalogue)  # rows come in any date order
    row_of: list[str] = []
    people: list[dict[str, Any]] = []
    stays: list[dict[str, Any] | None] = []
    for n, raw in enumerate(_csv_rows(reader, where), start=2):  # row 1 is the header
        label = f"row {n}"
        try:
            vals = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items() if k is not None}
            label = f"row {n} ({vals.get('family_name') or '?'} {vals.get('given_name') or ''})".replace(" )", ")")
            pdata: dict[str, Any] = {k: vals[k] for k in PERSON_COLUMNS if vals.get(k)}
            if "born_in_japan" in pdata:
                try:
                    pdata["born_in_japan"] = _bool(pdata["born_in_japan"])
                except ValueError as exc:
                    raise InvalidInputError(str(exc), field="born_in_japan") from None
            p = sv.validate(sv.PersonIn, pdata, where=label)
            key = (p.family_name.lower(), (p.given_name or "").lower(), p.birth_date, p.nationality)
            if key in existing:
                raise sv.DuplicateError("this person is already in the office (same names, birth date, nationality)",
                                        field="family_name")
            if key in seen:
                raise sv.DuplicateError(f"the same person is on row {seen[key]}", field="family_name")
            seen[key] = n
            sdata = {k: vals[k] for k in STAY_COLUMNS if vals.get(k)}
            st_row: dict[str, Any] | None = None
            if sdata:
                st = sv.validate(sv.StayIn, sdata, where=label)
                check_covered(st.granted_on, field="granted_on")
                law(st.granted_on).status(st.status, field="status")
                exp = sv.stay_expiry_of(st, label)
                if exp is not None and exp < st.granted_on:
                    raise InvalidInputError(f"expires_on {exp} is before granted_on {st.granted_on}",
                                            field="expires_on")
                st_row = {**st.model_dump(), "expires_on": exp}
            people.append(p.model_dump())
            row_of.append(label)
            stays.append(st_row)
        except ZairyuError as exc:
            exc.where = None
            errors.append(f"{label}: {exc.one_line()}")
    if errors:
        raise CsvImportError(errors, where)
    return _bulk_insert(s, organisation_id, people, stays, actor, on, row_of, where)


def _reserve_ids(s: Session, table: Table, n: int) -> list[int]:
    """Ids for ``n`` new rows, taken before inserting them in bulk: from the sequence on PostgreSQL, after
    the current maximum on SQLite (the transaction's write lock keeps them ours)."""
    if n == 0:
        return []
    if s.get_bind().dialect.name == "postgresql":
        q = text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, :n)")
        return [int(x) for x in s.execute(q, {"n": n}).scalars()]
    start = int(s.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(start, start + n))


def _bulk_insert(s: Session, organisation_id: int, people: list[dict[str, Any]],
                 stays: list[dict[str, Any] | None], actor: sv.Actor, on: date, row_of: list[str], where: str
                 ) -> CsvReport:
    """Insert validated rows in bulk (Core executemany with ids reserved up front), then derive the
    deadlines from the same rows in memory, so 100,000 people import in well under a minute."""
    t = sv.now()
    rep = CsvReport()
    person_t, stay_t = _table(m.Person), _table(m.Stay)
    errors: list[str] = []
    for i in range(0, len(people), 20000):
        pchunk = people[i:i + 20000]
        schunk = stays[i:i + 20000]
        ids = _reserve_ids(s, person_t, len(pchunk))
        prow = [{**p, "id": pid, "organisation_id": organisation_id, "created_at": t, "updated_at": t, "version": 1}
                for pid, p in zip(ids, pchunk, strict=True)]
        label_of = {pid: row_of[i + k] for k, pid in enumerate(ids)}
        sv.fast_insert(s, person_t, prow)
        srows = [{**st, "person_id": pid, "created_at": t, "version": 1}
                 for pid, st in zip(ids, schunk, strict=True) if st is not None]
        for sid, sr in zip(_reserve_ids(s, stay_t, len(srows)), srows, strict=True):
            sr["id"] = sid
        if srows:
            sv.fast_insert(s, stay_t, [{c: sr.get(c) for c in stay_t.c.keys()} for sr in srows])
        timeline: list[dict[str, Any]] = []
        for p in prow:
            timeline.append({"at": t, "actor": actor.name, "actor_user_id": actor.user_id,
                             "organisation_id": organisation_id, "person_id": p["id"], "entity": "people",
                             "entity_id": p["id"], "action": "import", "before": None,
                             "after": {k: v for k, v in p.items() if k != "organisation_id"}})  # dates: JSON text
        stay_of: dict[int, dict[str, Any]] = {}
        for sr in srows:
            stay_of[sr["person_id"]] = sr
            timeline.append({"at": t, "actor": actor.name, "actor_user_id": actor.user_id,
                             "organisation_id": organisation_id, "person_id": sr["person_id"], "entity": "stays",
                             "entity_id": sr["id"], "action": "import", "before": None,
                             "after": sr})
        sv.fast_insert(s, _table(m.TimelineEntry), timeline)
        # derive deadlines in grant-date order: the law catalogue's per-date cache then stays warm
        deadlines: list[dict[str, Any]] = []
        order = sorted(prow, key=lambda p: (stay_of[p["id"]]["granted_on"] if p["id"] in stay_of else date.min))
        for p in order:
            one = stay_of.get(p["id"])
            # plain attribute holders: build_facts only reads them (ORM instances cost more to create)
            person: Any = SimpleNamespace(**p)
            stay_rows: list[Any] = [SimpleNamespace(**one)] if one is not None else []
            rows = sv.PersonRows(person, stay_rows, [], [], [])
            try:
                deadlines.extend(sv.deadline_rows(rows, on, t))
            except ZairyuError as exc:  # e.g. a period the status does not allow (checked by the calendar)
                exc.where = None
                errors.append(f"{label_of[p['id']]}: {exc.one_line()}")
        if errors:  # the transaction is rolled back: nothing is stored
            raise CsvImportError(sorted(errors, key=lambda e: int(e.split()[1])), where)
        sv.fast_insert(s, _table(m.Deadline), deadlines)
        rep.people += len(prow)
        rep.stays += len(srows)
    return rep
