"""The precedent register in an office's database (SQLite or PostgreSQL, tables of migration 0014): records
with every version kept and each change in the timeline, facets, and a search over summaries, notes and sources
on the terms zairyu computes itself (:mod:`zairyu.precedents.terms`), so both databases answer alike.

Every function works inside the caller's unit of work (``with db.transaction() as s:``) and validates before
it writes: a bad record raises naming the field and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from sqlalchemy import Select, Table, and_, delete, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from zairyu.cases import models as m
from zairyu.cases.services.audit import record as audit
from zairyu.cases.services.audit import snapshot
from zairyu.cases.services.common import Actor, DuplicateError, NotFoundError, _flush, fast_insert, now
from zairyu.errors import InvalidInputError
from zairyu.precedents.model import KINDS, OUTCOMES, Precedent, parse_precedent
from zairyu.precedents.register import Register
from zairyu.precedents.terms import query_terms, terms

FACETS = ("kind", "procedure", "outcome", "nationality", "tag", "year", "authority")
"""The facets a search filters on and counts."""
_MULTI_FACETS = {"nationality": "nationality", "tag": "circumstances"}
Sort = Literal["relevance", "date"]

P = cast(Table, m.Precedent.__table__)
F = cast(Table, m.PrecedentFacet.__table__)
T = cast(Table, m.PrecedentTerm.__table__)


def _text_of(p: Precedent) -> str:
    parts = [p.summary_ja, p.summary_en, p.summary_ru, p.summary_uk, p.notes, p.authority, p.legal_basis]
    for src in p.sources:
        parts += [src.title, src.publisher]
    return "\n".join(x for x in parts if x)


def _columns(p: Precedent) -> dict[str, Any]:
    return {"code": p.id, "kind": p.kind, "procedure": p.procedure, "outcome": p.outcome,
            "from_status": p.from_status, "to_status": p.to_status, "authority": p.authority[:300],
            "year": p.year, "first_day": p.first_day, "public_on": p.public_on}


def index_rows(precedent_id: int, p: Precedent, visible_to: int = 0
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The facet and term rows of one record (also used by the benchmark's bulk load)."""
    facets = {(f, str(v)) for f, v in (("kind", p.kind), ("procedure", p.procedure), ("outcome", p.outcome),
                                       ("year", p.year), ("authority", p.authority[:300]))}
    facets |= {("nationality", n) for n in p.nationality} | {("tag", t) for t in p.circumstances}
    day = p.first_day
    frows = [{"facet": f, "value": v, "precedent_id": precedent_id, "visible_to": visible_to, "first_day": day}
             for f, v in sorted(facets)]
    trows = [{"term": t, "precedent_id": precedent_id, "weight": n, "visible_to": visible_to, "first_day": day}
             for t, n in sorted(terms(_text_of(p)).items())]
    return frows, trows


def _reindex(s: Session, row: m.Precedent, p: Precedent) -> None:
    s.execute(delete(F).where(F.c.precedent_id == row.id))
    s.execute(delete(T).where(T.c.precedent_id == row.id))
    frows, trows = index_rows(row.id, p, row.organisation_id or 0)
    fast_insert(s, F, frows)
    fast_insert(s, T, trows)


def _row(s: Session, code: str) -> m.Precedent | None:
    return s.scalars(select(m.Precedent).where(m.Precedent.code == code)).first()


def add_precedent(s: Session, data: Mapping[str, Any] | Precedent, actor: Actor, *,
                  organisation_id: int | None = None, public: bool = True) -> m.Precedent:
    """A new record (validated first; a record with the same id is refused)."""
    p = data if isinstance(data, Precedent) else parse_precedent(dict(data))
    if _row(s, p.id) is not None:
        raise DuplicateError(f"a precedent with id '{p.id}' exists already; edit it instead", field="id",
                             value=p.id)
    t = now()
    row = m.Precedent(**_columns(p), organisation_id=organisation_id, public=public,
                      data=p.to_json(), created_at=t, updated_at=t)
    s.add(row)
    _flush(s, f"precedent {p.id}")
    s.add(m.PrecedentVersion(precedent_id=row.id, version=row.version, data=row.data, actor=actor.name, at=t))
    _reindex(s, row, p)
    audit(s, actor, row, "create", None, organisation_id=organisation_id)
    return row


def edit_precedent(s: Session, code: str, data: Mapping[str, Any] | Precedent, actor: Actor, *,
                   expected_version: int | None = None) -> m.Precedent:
    """A new version of a record (the whole record, validated); the previous version stays in
    ``precedent_versions`` and the change is in the timeline."""
    row = _row(s, code)
    if row is None:
        raise NotFoundError(f"no precedent '{code}'", field="id", value=code)
    if expected_version is not None and row.version != expected_version:
        from zairyu.cases.services.common import StaleRecordError

        raise StaleRecordError(f"precedent {code} was changed by someone else since you read it; reload and "
                               "try again", where=f"precedent {code}")
    p = data if isinstance(data, Precedent) else parse_precedent({**dict(data), "id": code})
    if p.id != code:
        raise InvalidInputError("a record's id cannot be changed", field="id", value=p.id)
    before = snapshot(row)
    for k, v in _columns(p).items():
        setattr(row, k, v)
    row.data = p.to_json()
    row.updated_at = now()
    _flush(s, f"precedent {code}")
    s.add(m.PrecedentVersion(precedent_id=row.id, version=row.version, data=row.data, actor=actor.name,
                             at=row.updated_at))
    _reindex(s, row, p)
    audit(s, actor, row, "update", before, organisation_id=row.organisation_id)
    return row


def load_records(s: Session, records: Iterable[Precedent], actor: Actor) -> dict[str, int]:
    """Load records into the shared public register: new ones added, changed ones given a new version,
    the same ones left alone (loading twice changes nothing)."""
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for p in records:
        row = _row(s, p.id)
        if row is None:
            add_precedent(s, p, actor)
            counts["added"] += 1
        elif row.data == p.to_json():
            counts["unchanged"] += 1
        else:
            edit_precedent(s, p.id, p, actor)
            counts["updated"] += 1
    return counts


def _visible(organisation_id: int | None, public_only: bool) -> Any:
    if public_only or organisation_id is None:
        return and_(P.c.public.is_(True), P.c.organisation_id.is_(None))
    return or_(P.c.organisation_id.is_(None), P.c.organisation_id == organisation_id)


def get_precedent(s: Session, code: str, *, organisation_id: int | None = None,
                  public_only: bool = True) -> tuple[Precedent, int]:
    """The current record and its version number."""
    r = s.execute(select(P.c.data, P.c.version).where(P.c.code == code,
                                                       _visible(organisation_id, public_only))).first()
    if r is None:
        raise NotFoundError(f"no precedent '{code}'", field="id", value=code)
    return Precedent.model_validate(r.data), r.version


def get_precedent_or_none(s: Session, code: str) -> m.Precedent | None:
    return _row(s, code)


def versions_of(s: Session, code: str) -> list[m.PrecedentVersion]:
    row = _row(s, code)
    if row is None:
        raise NotFoundError(f"no precedent '{code}'", field="id", value=code)
    return list(s.scalars(select(m.PrecedentVersion).where(m.PrecedentVersion.precedent_id == row.id)
                          .order_by(m.PrecedentVersion.version)))


@dataclass
class SearchResult:
    total: int
    items: list[tuple[Precedent, int]]
    """(record, relevance score: the query's terms' occurrences; 0 without a query)"""
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def check_filters(filters: Mapping[str, Iterable[str] | str | None]) -> dict[str, list[str]]:
    """Facet filters, checked: ``{"procedure": ["change_of_status"], "year": ["2023"]}``."""
    out: dict[str, list[str]] = {}
    for k, v in filters.items():
        if v is None or v == [] or v == "":
            continue
        if k not in FACETS:
            raise InvalidInputError(f"unknown facet '{k}'", field=k, allowed=", ".join(FACETS))
        vals = [v] if isinstance(v, str) else list(v)
        if k == "year" and not all(x.isdigit() and len(x) == 4 for x in vals):
            raise InvalidInputError("a year is four digits", field="year", value=",".join(vals))
        if k == "kind" and not set(vals) <= set(KINDS):
            raise InvalidInputError("unknown kind", field="kind", allowed=", ".join(KINDS))
        if k == "outcome" and not set(vals) <= set(OUTCOMES):
            raise InvalidInputError("unknown outcome", field="outcome", allowed=", ".join(OUTCOMES))
        out[k] = vals
    return out


def _facet_rows(facet: str, vals: list[str], vis: list[int]) -> Any:
    return and_(F.c.facet == facet, F.c.value.in_(vals), F.c.visible_to.in_(vis))


def _matches(s: Session, query: str | None, filters: dict[str, list[str]], vis: list[int]) -> Select[Any]:
    """``(id, score, first_day)`` of the matching records, read from the index tables only: the rows of the
    query's term (or of the most selective facet) drive, the other facets are probed by primary key."""
    qt = query_terms(query or "")
    rest = dict(filters)
    if len(qt) == 1:  # one term (e.g. 留学): its rows are the matches
        stmt = select(T.c.precedent_id.label("id"), T.c.weight.label("score"), T.c.first_day) \
            .where(T.c.term == qt[0], T.c.visible_to.in_(vis))
        drive = T.c.precedent_id
    elif qt:
        stmt = (select(T.c.precedent_id.label("id"), func.sum(T.c.weight).label("score"),
                       func.max(T.c.first_day).label("first_day"))
                .where(T.c.term.in_(qt), T.c.visible_to.in_(vis)).group_by(T.c.precedent_id)
                .having(func.count() == len(qt)))
        drive = T.c.precedent_id
    elif filters:
        if len(filters) == 1:  # nothing to choose
            first = next(iter(filters))
        else:
            sizes = {f: s.scalar(select(func.count()).where(_facet_rows(f, v, vis))) or 0
                     for f, v in filters.items()}
            first = min(sizes, key=lambda f: (sizes[f], FACETS.index(f)))
        vals = rest.pop(first)
        stmt = select(F.c.precedent_id.label("id"), literal(0).label("score"), F.c.first_day) \
            .where(_facet_rows(first, vals, vis))
        if len(vals) > 1 and first in _MULTI_FACETS:  # a record with two of the values would come twice
            stmt = stmt.distinct()
        drive = F.c.precedent_id
    else:
        stmt = select(F.c.precedent_id.label("id"), literal(0).label("score"), F.c.first_day) \
            .where(F.c.facet == "kind", F.c.visible_to.in_(vis))
        drive = F.c.precedent_id
    for f, vals in rest.items():
        other = F.alias(f"f_{f}")
        stmt = stmt.where(exists().where(other.c.facet == f, other.c.value.in_(vals),
                                         other.c.precedent_id == drive))
    return stmt


def search(s: Session, query: str | None = None, filters: Mapping[str, Any] | None = None, *,
           sort: Sort = "relevance", limit: int = 20, offset: int = 0, organisation_id: int | None = None,
           public_only: bool = True, facet_counts: bool = False) -> SearchResult:
    """Records matching every term of ``query`` (and every facet filter), most relevant (or most recent)
    first — ties by date, then the newer record; with ``facet_counts`` the number of matching records per
    facet value. Clients and callers without an organisation see the shared public register only."""
    if sort not in ("relevance", "date"):
        raise InvalidInputError("unknown sort", field="sort", value=sort, allowed="relevance, date")
    checked = check_filters(filters or {})
    vis = [0] if public_only or organisation_id is None else [0, organisation_id]
    sub = _matches(s, query, checked, vis).subquery()
    order = ([sub.c.score.desc(), sub.c.first_day.desc(), sub.c.id.desc()] if sort == "relevance"
             else [sub.c.first_day.desc(), sub.c.id.desc()])
    page = s.execute(select(sub.c.id, sub.c.score).order_by(*order).limit(limit).offset(offset)).all()
    total = int(s.scalar(select(func.count()).select_from(sub)) or 0) if page or offset else 0
    data: dict[int, Any] = {}
    if page:
        data = {r.id: r.data for r in s.execute(select(P.c.id, P.c.data).where(P.c.id.in_([r.id for r in page])))}
    items = [(Precedent.model_validate(data[r.id]), int(r.score or 0)) for r in page]
    facets: dict[str, dict[str, int]] = {}
    if facet_counts and total:
        q = (select(F.c.facet, F.c.value, func.count()).where(F.c.precedent_id.in_(select(sub.c.id)))
             .group_by(F.c.facet, F.c.value))
        for f, v, n in s.execute(q).all():
            facets.setdefault(str(f), {})[str(v)] = int(n)
    return SearchResult(total, items, facets)


def register_of(s: Session, *, organisation_id: int | None = None, public_only: bool = True) -> Register:
    """The database's records as a register for the assessment (what the office sees)."""
    rows = s.execute(select(P.c.data).where(_visible(organisation_id, public_only)).order_by(P.c.id)).all()
    return Register(Precedent.model_validate(r.data) for r in rows)


def count_precedents(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(P)) or 0)


__all__ = ["FACETS", "SearchResult", "add_precedent", "check_filters", "count_precedents", "edit_precedent",
           "get_precedent", "index_rows", "load_records", "register_of", "search", "versions_of"]
