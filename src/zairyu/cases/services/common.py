"""What every domain of the case manager shares: its errors, the actor of a change, the vocabularies of
procedures, stages and events, input validation, the record lookups and flushes that report stale or
missing records, and the bulk insert that the recompute and the import use."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Table
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from zairyu.cases import models as m
from zairyu.cases.crypto import EncryptedJSON, EncryptedText
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.facts import EventKind, ProcedureCode
from zairyu.limits import BoundedDates, allowed_of, error_of

# --------------------------------------------------------------------------- errors and actors


class NotFoundError(ZairyuError):
    """A record that does not exist (or is not visible to the caller)."""


class StaleRecordError(ZairyuError):
    """Someone else changed the record since it was read: reload and try again."""


class TransitionError(InvalidInputError):
    """An application stage change that the workflow does not allow."""


class DuplicateError(InvalidInputError):
    """A record that already exists (a person with the same names, birth date and nationality)."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user of the web app, or the command line (``cli:<login>``)."""

    name: str
    user_id: int | None = None


def now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- input models

OTHER_EVENT_KINDS = ("departed", "returned", "re_entry_permit_extended")
"""Event kinds kept by the case manager beyond the facts format's: they become ``facts.departure`` (a return is
also the facts' ``arrived``; ``re_entry_permit_extended`` — the permit extended abroad, Art. 26(5) — gives the
new validity in ``until``)."""
EVENT_KINDS: tuple[str, ...] = (*get_args(EventKind), *OTHER_EVENT_KINDS)
PROCEDURES: tuple[str, ...] = get_args(ProcedureCode)


def _iso_country(v: str | None) -> str | None:
    """A nationality as stored: its ISO code, from a code or a country's name in any language zairyu writes
    (:mod:`zairyu.nationality` decides; "China" is CN, never cut to CH)."""
    from zairyu.nationality import resolve

    try:
        return resolve(v)
    except InvalidInputError as exc:
        raise ValueError(f"{exc.message} (allowed: {exc.allowed})") from None


class _In(BoundedDates):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Mapping[str, Any], *, where: str) -> M:
    """Validate input, turning the first problem into an error naming the record and the field."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        val = err.get("input")
        raise error_of(err)(msg, field=field, value=None if isinstance(val, dict | list) else val,
                            allowed=allowed_of(err), where=where) from None


# --------------------------------------------------------------------------- helpers

def _json(v: Any) -> Any:
    if isinstance(v, datetime):
        if v.tzinfo is None:  # SQLite hands back naive values; zairyu always writes UTC
            v = v.replace(tzinfo=UTC)
        return v.astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def _flush(s: Session, what: str) -> None:
    try:
        s.flush()
    except StaleDataError:
        raise StaleRecordError(f"{what} was changed by someone else since you read it; reload and try again",
                               where=what) from None


def _check_version(obj: Any, expected: int | None, what: str) -> None:
    if expected is not None and obj.version != expected:
        raise StaleRecordError(
            f"{what} is at version {obj.version}, your copy is version {expected}: it was changed by someone "
            "else since you read it; reload and try again", where=what, field="version")


def _get(s: Session, cls: type[Any], id_: int, label: str, organisation_id: int | None = None) -> Any:
    obj = s.get(cls, id_)
    if obj is None or getattr(obj, "deleted_at", None) is not None:  # a deleted person or document is gone
        raise NotFoundError(f"no {label} with id {id_}", field="id", value=id_)
    if organisation_id is not None:
        owner = obj if hasattr(obj, "organisation_id") else s.get(m.Person, obj.person_id)
        if owner is None or owner.organisation_id != organisation_id:
            raise NotFoundError(f"no {label} with id {id_}", field="id", value=id_)
    return obj


PENDING_STAGES = ("filed", "under_examination", "additional_documents_requested")


def _json_default(v: Any) -> Any:
    if isinstance(v, date | datetime):
        return _json(v)
    raise TypeError(f"{type(v).__name__} is not JSON serialisable")


def _dumps(v: Any) -> str:
    return json.dumps(v, default=_json_default)


def fast_insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany straight through the driver, values converted as SQLAlchemy's column types would
    (dates, UTC timestamps, JSON, booleans): several times faster than going through SQLAlchemy's
    per-row parameter processing, which matters for importing 100,000 people."""
    if not rows:
        return
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    cols = list(rows[0].keys())
    conv: list[Any] = []
    if table.name == "timeline":
        s.info["timeline_unsealed"] = True  # sealed in the hash chain when the transaction commits
    for c in cols:
        typ = table.c[c].type
        if isinstance(typ, EncryptedText | EncryptedJSON):
            conv.append(functools.partial(typ.process_bind_param, dialect=conn.dialect))
        elif isinstance(typ, JSON):
            conv.append(_dumps)
        elif sqlite and isinstance(typ, DateTime):
            conv.append(lambda v: None if v is None else v.strftime("%Y-%m-%d %H:%M:%S.%f"))
        elif sqlite and isinstance(typ, Date):
            conv.append(lambda v: None if v is None else v.isoformat())
        elif sqlite and isinstance(typ, Boolean):
            conv.append(lambda v: None if v is None else int(v))
        else:
            conv.append(None)
    columns = [[r[c] for r in rows] if f is None else list(map(f, (r[c] for r in rows)))
               for c, f in zip(cols, conv, strict=True)]  # column by column: the conversions run in C loops
    params = list(zip(*columns, strict=True))
    q = conn.dialect.identifier_preparer.quote  # e.g. events."on" is a reserved word
    names = ", ".join(q(c) for c in cols)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # COPY is PostgreSQL's bulk path; it runs on this session's connection, inside its transaction
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {q(table.name)} ({names}) FROM STDIN") as cp:
            for row in params:
                cp.write_row(row)
        return
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO {q(table.name)} ({names}) VALUES ({', '.join(mark for _ in cols)})"
    conn.exec_driver_sql(sql, params)
