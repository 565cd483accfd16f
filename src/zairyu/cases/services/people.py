"""People: adding, editing, finding them, and the family links between them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, field_validator
from sqlalchemy import ColumnElement, String, and_, delete, func, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from zairyu.cases import models as m
from zairyu.cases.services.audit import record, snapshot
from zairyu.cases.services.common import (
    Actor,
    DuplicateError,
    _check_version,
    _flush,
    _get,
    _In,
    _iso_country,
    now,
    validate,
)
from zairyu.cases.services.derivation import save_change
from zairyu.errors import InvalidInputError
from zairyu.facts import parse_facts
from zairyu.messages import languages


class PersonIn(_In):
    family_name: str = Field(min_length=1, max_length=200, description="Family name in Latin script")
    given_name: str | None = Field(None, max_length=200)
    family_name_kana: str | None = Field(None, max_length=200)
    given_name_kana: str | None = Field(None, max_length=200)
    family_name_kanji: str | None = Field(None, max_length=200)
    given_name_kanji: str | None = Field(None, max_length=200)
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2")
    birth_date: date | None = None
    born_in_japan: bool | None = None
    sex: Literal["female", "male", "other"] | None = None
    email: str | None = Field(None, max_length=320)
    phone: str | None = Field(None, max_length=50)
    address: str | None = None
    preferred_language: str | None = Field(None, description="A language zairyu writes (a catalogue file): ja, "
                                                               "en, ru, uk …")
    notes: str | None = None
    extra_facts: dict[str, Any] | None = Field(
        None, description="Assessment facts kept with the person: goal, circumstances, conduct, "
                          "residence_in_japan_since")

    @field_validator("preferred_language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        if v is not None and v not in languages():
            raise ValueError(f"unknown language '{v}' (allowed: {'|'.join(languages())})")
        return v

    @field_validator("nationality")
    @classmethod
    def _nat(cls, v: str | None) -> str | None:
        return _iso_country(v)


    @field_validator("extra_facts")
    @classmethod
    def _extra(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
        if v is None:
            return v
        allowed = {"goal", "circumstances", "conduct", "residence_in_japan_since", "marriage"}
        bad = set(v) - allowed
        if bad:
            raise ValueError(f"unknown keys {sorted(bad)} (allowed: {', '.join(sorted(allowed))})")
        parse_facts(v, where="extra_facts")
        return v


def _duplicate_of(s: Session, org_id: int, p: PersonIn, exclude: int | None = None) -> int | None:
    q = select(m.Person.id).where(
        m.Person.organisation_id == org_id, func.lower(m.Person.family_name) == p.family_name.lower(),
        func.lower(func.coalesce(m.Person.given_name, "")) == (p.given_name or "").lower(),
        m.Person.birth_date == p.birth_date if p.birth_date else m.Person.birth_date.is_(None),
        m.Person.nationality == p.nationality if p.nationality else m.Person.nationality.is_(None))
    if exclude is not None:
        q = q.where(m.Person.id != exclude)
    return s.scalar(q.limit(1))


def check_born(birth_date: date | None, on: date | None) -> None:
    """A date of birth that has come by ``on`` (the as-of day of a form, the API or the command line; an import or
    the demo, which record what an office already holds, pass none). A day's grace: the server's day may still be
    yesterday in Japan."""
    if birth_date is not None and on is not None and birth_date > on + timedelta(days=1):
        raise InvalidInputError(f"{birth_date.isoformat()} is after today ({on.isoformat()}): a date of birth that "
                                "has come", field="birth_date", value=birth_date.isoformat(), where="person")


def add_person(s: Session, organisation_id: int, data: Mapping[str, Any], actor: Actor, *,
               on: date | None = None) -> m.Person:
    p = validate(PersonIn, data, where="person")
    check_born(p.birth_date, on)
    dup = _duplicate_of(s, organisation_id, p)
    if dup is not None:
        raise DuplicateError(
            f"person {dup} already has the same names, birth date and nationality", field="family_name",
            value=p.family_name, where="person")
    t = now()
    person = m.Person(organisation_id=organisation_id, created_at=t, updated_at=t, **p.model_dump())
    s.add(person)
    _flush(s, "person")
    record(s, actor, person, "create", None, organisation_id=organisation_id)
    return person


def get_person(s: Session, person_id: int, organisation_id: int | None = None) -> m.Person:
    p: m.Person = _get(s, m.Person, person_id, "person", organisation_id)
    return p


def edit_person(s: Session, person_id: int, changes: Mapping[str, Any], actor: Actor, on: date, *,
                expected_version: int | None = None, organisation_id: int | None = None) -> m.Person:
    person = get_person(s, person_id, organisation_id)
    what = f"person {person_id}"
    _check_version(person, expected_version, what)
    before = snapshot(person)
    current = {k: getattr(person, k) for k in PersonIn.model_fields}
    unknown = set(changes) - set(PersonIn.model_fields)
    if unknown:
        raise InvalidInputError(f"unknown field(s) {', '.join(sorted(unknown))}", field=sorted(unknown)[0],
                                allowed=", ".join(PersonIn.model_fields), where=what)
    p = validate(PersonIn, {**current, **changes}, where=what)
    if "birth_date" in changes:
        check_born(p.birth_date, on)
    dup = _duplicate_of(s, person.organisation_id, p, exclude=person_id)
    if dup is not None:
        raise DuplicateError(f"person {dup} already has the same names, birth date and nationality",
                             field="family_name", where=what)
    for k, v in p.model_dump().items():
        setattr(person, k, v)
    person.updated_at = now()
    save_change(s, actor, person, "update", before, what=what, person_id=person_id, on=on)
    return person


class unicode_lower(FunctionElement[str]):
    """``lower()`` of every script's letters: PostgreSQL's own; on SQLite, whose own folds ASCII only, the
    function zairyu registers on each connection (:data:`zairyu.cases.db.UNICODE_LOWER`)."""

    type = String()
    inherit_cache = True


@compiles(unicode_lower)
def _lower_default(element: unicode_lower, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(unicode_lower, "sqlite")
def _lower_sqlite(element: unicode_lower, compiler: Any, **kw: Any) -> str:
    from zairyu.cases.db import UNICODE_LOWER

    return f"{UNICODE_LOWER}({compiler.process(element.clauses, **kw)})"


def _like(column: Any, text: str) -> ColumnElement[bool]:
    # ASCII typed: SQLite's own lower() folds what can match it (a letter outside ASCII lowers to one inside only
    # in rare cases — Turkish İ, the Kelvin sign —, which an ASCII search then does not find)
    low = func.lower(column) if text.isascii() else unicode_lower(column)
    return low.contains(text, autoescape=True)  # % and _ are characters (SQLAlchemy escapes them)


def name_matches(search: str) -> ColumnElement[bool]:
    """People whose names contain what was typed (the one rule of every search by name: the people list, the
    person pickers, the API): each word, split at spaces, in one of their names — Latin, kana or kanji — in any
    order ("anna sokolova" and "Sokolova" both find SOKOLOVA Anna), or the whole text in their kanji or kana
    name written together (山田太郎). Case does not matter; ``%`` and ``_`` are characters, not wildcards."""
    words = search.lower().split()
    if not words:
        return true()
    p = m.Person
    columns = (p.family_name, p.given_name, p.family_name_kana, p.given_name_kana, p.family_name_kanji,
               p.given_name_kanji)
    each_word = and_(*(or_(*(_like(c, w) for c in columns)) for w in words))
    together = "".join(words)
    return or_(each_word, _like(p.family_name_kanji + p.given_name_kanji, together),
               _like(p.family_name_kana + p.given_name_kana, together))


def named_in_full(p: m.Person, typed: str) -> bool:
    """Whether ``typed`` is one of the person's names in full, as :func:`name_matches` reads a name (its words in
    either order, any case; kanji or kana written together): "Sokolova Anna" is SOKOLOVA Anna's in full, and only
    part of SOKOLOVA Annabelle's (a person picker takes the one named in full)."""
    words, joined = sorted(typed.lower().split()), "".join(typed.lower().split())
    names = [(a or "", b or "") for a, b in ((p.family_name, p.given_name), (p.family_name_kanji, p.given_name_kanji),
                                             (p.family_name_kana, p.given_name_kana)) if a or b]
    return any(sorted(f"{a} {b}".lower().split()) == words or (a + b).lower() == joined for a, b in names)


def list_people(s: Session, organisation_id: int, *, search: str | None = None, limit: int | None = None,
                offset: int = 0, only_assigned_to: int | None = None) -> list[m.Person]:
    q = select(m.Person).where(m.Person.organisation_id == organisation_id, m.Person.deleted_at.is_(None))
    if search and search.strip():
        q = q.where(name_matches(search))
    if only_assigned_to is not None:
        q = q.join(m.SupporterAssignment, m.SupporterAssignment.person_id == m.Person.id).where(
            m.SupporterAssignment.user_id == only_assigned_to)
    q = q.order_by(m.Person.family_name, m.Person.given_name, m.Person.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return list(s.scalars(q))


def delete_person(s: Session, person_id: int, actor: Actor, *, organisation_id: int | None = None) -> m.Person:
    """Delete a person: from now on they are gone from every list, agenda, feed and search, and their client
    account (if any) is deactivated; the record is kept for the retention period (``ZAIRYU_RETENTION_DAYS``)
    and then removed for good by ``zairyu purge``. Recorded in the timeline."""
    from zairyu.cases.services.accounts import revoke_feeds_of_person, set_active

    person = get_person(s, person_id, organisation_id)
    before = snapshot(person)
    person.deleted_at = now()
    s.flush()
    record(s, actor, person, "delete", before, organisation_id=person.organisation_id)
    # the agenda reads the stored deadlines: a deleted person has none (they are derived, recomputable)
    s.execute(delete(m.Deadline).where(m.Deadline.person_id == person_id))
    revoke_feeds_of_person(s, person_id)
    for u in s.scalars(select(m.User).where(m.User.person_id == person_id, m.User.active.is_(True))):
        set_active(s, u, False, actor)
    return person


def link_family(s: Session, person_id: int, related_person_id: int, relation: str, actor: Actor, on: date
                ) -> m.FamilyLink:
    """``related`` is the ``relation`` of ``person`` (relation 'child': related is person's child)."""
    what = f"family link {person_id}→{related_person_id}"
    if relation not in m.RELATIONS:
        raise InvalidInputError(f"unknown relation '{relation}'", field="relation", value=relation,
                                allowed="|".join(m.RELATIONS), where=what)
    if person_id == related_person_id:
        raise InvalidInputError("a person cannot be their own relative", field="related_person_id", where=what)
    a = get_person(s, person_id)
    get_person(s, related_person_id, a.organisation_id)
    pair = ((m.FamilyLink.person_id == person_id) & (m.FamilyLink.related_person_id == related_person_id)) | (
        (m.FamilyLink.person_id == related_person_id) & (m.FamilyLink.related_person_id == person_id))
    if s.scalars(select(m.FamilyLink.id).where(pair)).first() is not None:
        raise DuplicateError("these two people are already linked", field="related_person_id",
                             value=related_person_id, where=what)
    link = m.FamilyLink(person_id=person_id, related_person_id=related_person_id, relation=relation,
                        created_at=now())
    s.add(link)
    save_change(s, actor, link, "create", None, what=what, person_id=person_id, on=on,
                organisation_id=a.organisation_id)
    return link


INVERSE = {"spouse": "spouse", "child": "parent", "parent": "child", "sibling": "sibling", "other": "other"}
"""A link read from the other side: if B is A's child, A is B's parent."""


def family_of(s: Session, person_id: int) -> list[tuple[m.FamilyLink, m.Person, str]]:
    """The person's family links, read from their side: (link, the other person, what the other person is to
    them). Deleted people are left out."""
    out: list[tuple[m.FamilyLink, m.Person, str]] = []
    q = select(m.FamilyLink).where(or_(m.FamilyLink.person_id == person_id,
                                       m.FamilyLink.related_person_id == person_id)).order_by(m.FamilyLink.id)
    for link in s.scalars(q):
        if link.person_id == person_id:
            other, relation = s.get(m.Person, link.related_person_id), link.relation
        else:
            other, relation = s.get(m.Person, link.person_id), INVERSE[link.relation]
        if other is not None and other.deleted_at is None:
            out.append((link, other, relation))
    return out
