"""The case manager's tables (SQLAlchemy 2, typed).

Editable records carry a ``version`` column used for optimistic locking: an update made from a
stale copy is refused (:class:`zairyu.cases.services.StaleRecordError`), never silently applied.
``deadlines`` is derived from the rules and rewritten by the services; it is never typed by hand.
``timeline`` is append-only.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from zairyu.cases.crypto import EncryptedJSON, EncryptedText
from zairyu.messages import Message, Messages, render

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "caseworker", "supporter", "client")

CHANNELS = ("counter", "online")
STAGES = ("draft", "prepared", "filed", "under_examination", "additional_documents_requested", "decided",
          "withdrawn")
DECISIONS = ("granted", "denied")
RELATIONS = ("spouse", "child", "parent", "sibling", "other")
MARKS = ("done", "snoozed")
SEXES = ("female", "male", "other")
GRANTED_BY = ("landing", "change", "extension", "acquisition", "permanent_residence", "special_permission")
CARD_PATTERN = r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$"


def _in(col: str, values: tuple[str, ...]) -> str:
    return f"{col} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}




def display_name(p: Any) -> str:
    """'SOKOLOVA Anna (ソコロワ アンナ)': the Latin name with the family name in capitals, then kanji or kana."""
    latin = " ".join(x for x in (p.family_name.upper(), p.given_name) if x)
    kanji = "".join(x for x in (p.family_name_kanji, p.given_name_kanji) if x)
    kana = " ".join(x for x in (p.family_name_kana, p.given_name_kana) if x)
    native = kanji or kana
    return f"{latin} ({native})" if native else latin


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2), default="ja")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
    )


class SupporterAssignment(Base):
    """A supporter sees only the people assigned to them."""

    __tablename__ = "supporter_assignments"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CalendarToken(Base):
    """An unguessable, revocable iCalendar feed token; only its hash is stored."""

    __tablename__ = "calendar_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """The user who made the feed (migration 0011): it lives only as long as that user's access to what it
    shows (deactivation, a new password, a role change, an ended assignment revoke it)."""
    __table_args__ = (CheckConstraint("user_id IS NOT NULL OR person_id IS NOT NULL", name="owner"),)


class UserSession(Base):
    """A signed-in browser or API client (migration 0011). Only the SHA-256 of its random token is stored;
    signing out, deactivation and a new password delete the row, so the token stops working at once.
    ``created_at`` and ``expires_at`` are seconds since the epoch (UTC)."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    """'cookie' (the sign-in page) or 'bearer' (``POST /api/v1/auth/token``)."""
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name_kana: Mapped[str | None] = mapped_column(String(200))
    given_name_kana: Mapped[str | None] = mapped_column(String(200))
    family_name_kanji: Mapped[str | None] = mapped_column(String(200))
    given_name_kanji: Mapped[str | None] = mapped_column(String(200))
    nationality: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    born_in_japan: Mapped[bool | None] = mapped_column(Boolean)
    sex: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(Text)
    preferred_language: Mapped[str | None] = mapped_column(String(2))
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    """Stored encrypted (migration 0013, :mod:`zairyu.cases.crypto`)."""
    extra_facts: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    """Assessment facts not kept elsewhere (goal, circumstances, conduct), in the facts format; the grounds and
    narrative of a protection claim are here (``circumstances``): stored encrypted (migration 0013)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True, name="fk_people_assignee_id_users"), index=True)
    """The member of staff responsible for this person's case (migration 0016); set by
    :func:`zairyu.cases.services.assignees.assign_person`."""
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Set when the person is deleted (migration 0011): hidden everywhere, purged after the retention period
    by ``zairyu purge``."""
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(_in("sex", SEXES), name="sex"),
        Index("ix_people_org_name", "organisation_id", "family_name", "given_name"),
    )

    @property
    def display_name(self) -> str:
        return display_name(self)


class FamilyLink(Base):
    """``related_person`` is the ``relation`` of ``person`` (e.g. relation 'child': related is their child)."""

    __tablename__ = "family_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    related_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(_in("relation", RELATIONS), name="relation"),
        CheckConstraint("person_id <> related_person_id", name="not_self"),
        UniqueConstraint("person_id", "related_person_id", name="uq_family_links_pair"),
    )


class Stay(Base):
    """One grant of a status of residence; the person's current stay is their latest grant."""

    __tablename__ = "stays"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(60))
    period: Mapped[str | None] = mapped_column(String(20))
    granted_on: Mapped[date] = mapped_column(Date)
    granted_by: Mapped[str | None] = mapped_column(String(30))
    designation: Mapped[str | None] = mapped_column(String(60))
    """For Designated Activities: the designation (e.g. 'ukraine_evacuee'), as in the facts format."""
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    previous_expires_on: Mapped[date | None] = mapped_column(Date)
    card_number: Mapped[str | None] = mapped_column(EncryptedText)
    """The residence card number, stored encrypted (migration 0013)."""
    card_valid_until: Mapped[date | None] = mapped_column(Date)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint(_in("granted_by", GRANTED_BY), name="granted_by"),)


class Application(Base):
    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    procedure: Mapped[str] = mapped_column(String(40))
    target_status: Mapped[str | None] = mapped_column(String(60))
    channel: Mapped[str | None] = mapped_column(String(10))
    receipt_number: Mapped[str | None] = mapped_column(String(60))
    filed_on: Mapped[date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    decision: Mapped[str | None] = mapped_column(String(10))
    decision_date: Mapped[date | None] = mapped_column(Date)
    new_period: Mapped[str | None] = mapped_column(String(20))
    new_expires_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    """The member of staff handling this application (migration 0016); when unset, the person's assignee."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("stage", STAGES), name="stage"),
        CheckConstraint(_in("decision", DECISIONS), name="decision"),
    )


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"),
                                                       index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    stored_path: Mapped[str] = mapped_column(String(500))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Set when the document is deleted (migration 0011); purged with its file after the retention period."""
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(EncryptedText)
    """Stored encrypted (migration 0013): notes hold what staff think of a claim."""
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    """Internal (the office's working record, the default) or shared with the client, who then sees it on
    their page (migration 0018)."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class DeadlineMark(Base):
    """An office's mark on one deadline: done, or snoozed until a date (issue 13). Deadlines are recomputed
    rows (rewritten, never edited), so a mark names its deadline by what identifies it stably: the person, the
    kind, the topic ('' when the deadline has none) and the legal date. When the deadline is recomputed to
    another date the mark no longer matches it, and so no longer applies. A snooze never hides a deadline on
    or after its own date (:func:`zairyu.cases.services.marks.mark_hides`)."""

    __tablename__ = "deadline_marks"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    topic: Mapped[str] = mapped_column(String(40), default="")
    deadline_date: Mapped[date] = mapped_column(Date)
    mark: Mapped[str] = mapped_column(String(10))
    until: Mapped[date | None] = mapped_column(Date)
    """A snooze's last day of quiet: the line shows again on this date (or on its own date, if earlier)."""
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(_in("mark", MARKS), name="mark"),
        CheckConstraint("(mark = 'snoozed') = (until IS NOT NULL)", name="until_iff_snoozed"),
        UniqueConstraint("person_id", "kind", "topic", "deadline_date", name="uq_deadline_marks_deadline"),
    )


class Event(Base):
    """Something that happened to a person (moved, divorce, card_lost, departed, ...); feeds the facts."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    """For 'departed': the re-entry permit's (or special re-entry's) last day, when known."""
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class TimelineEntry(Base):
    """Append-only audit of every change and of every read of a person, document download, export and feed
    change: who, when, what before and after. Tamper-evident (migration 0013): when a transaction commits, its
    entries are sealed in a hash chain (``seq``, ``prev_hash``, ``hash``: :mod:`zairyu.cases.services.audit`);
    ``zairyu audit verify`` finds an edited or removed entry. ``before``/``after`` are stored encrypted."""

    __tablename__ = "timeline"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(320))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                                        index=True)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class Meta(Base):
    """Facts about the database itself (migration 0013), e.g. ``demo`` = ``yes`` in a database made by
    ``zairyu demo`` for the demo (the only kind where demo accounts get their published password)."""

    __tablename__ = "zairyu_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Deadline(Base):
    """A deadline derived by ``zairyu.calendar.deadlines.compute_deadlines``; rewritten, never edited."""

    __tablename__ = "deadlines"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    topic: Mapped[str | None] = mapped_column(String(40))
    """Sub-kind (notification: address / organization / spouse / lost_card; ...), as the calendar gives it."""
    date: Mapped[dt.date] = mapped_column(Date)
    filing_date: Mapped[dt.date | None] = mapped_column(Date)
    legal_basis: Mapped[list[Any]] = mapped_column(JSON)
    text: Mapped[list[Any]] = mapped_column("explanation", JSON)
    """The explanation as messages (``[{"key", "params"}]``, migration 0009): written in a language by
    :meth:`explanation`."""
    trace: Mapped[list[Any]] = mapped_column(JSON)
    """How the date was computed, one message a step: written by :meth:`trace_lines`."""
    risk: Mapped[bool] = mapped_column(Boolean, default=False)
    fact_status: Mapped[str] = mapped_column(String(20))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    computed_for: Mapped[dt.date] = mapped_column(Date)
    """The as-of date the rules were run for."""
    computed_by: Mapped[str | None] = mapped_column(String(64))
    """Fingerprint of the law data and calendar rules that computed the row (:func:`zairyu.cases.services.
    derivation_fingerprint`); NULL on rows written before migration 0008. ``zairyu db upgrade`` recomputes
    the people whose rows another version computed."""
    state: Mapped[str] = mapped_column(String(20), default="upcoming")
    """The calendar's state on ``computed_for`` (upcoming, today, overdue, passed, open)."""
    when_past: Mapped[str] = mapped_column(String(20), default="passed")
    """What the deadline becomes once its last day to act has gone by: 'overdue' (an obligation still to
    do), 'passed' (kept because it still matters) or 'window' (a window opening: no longer shown)."""
    def explanation(self, lang: str) -> str:
        """The explanation in ``lang`` (any language with a catalogue)."""
        return render(Messages.from_json(self.text), lang)

    def trace_lines(self, lang: str = "en") -> list[str]:
        """How the date was computed, in ``lang`` (English: the technical record)."""
        return [render(Message.from_json(t), lang) for t in self.trace or ()]

    # The agenda reads its lines from this index alone (migration 0005): its date range plus the listed columns.
    __table_args__ = (Index("ix_deadlines_agenda", "organisation_id", "date", "filing_date", "person_id", "kind",
                            "topic", "when_past", "risk", "fact_status", "computed_for", "id"),
                      Index("ix_deadlines_org_past_date", "organisation_id", "when_past", "date"))


class LoginThrottle(Base):
    """The sign-in throttle's counters (migration 0011; replaces ``login_failures``). One row per key:
    ``p:<e-mail>|<address>`` (an account at an address), ``c:<address>``, ``e:<e-mail>``, ``pw:<user id>``
    (the current password when changing it) and ``k:<e-mail>|<address>`` (an address the account signed in
    from). ``failures`` is raised by one atomic statement per attempt, before the password is checked;
    ``next_at`` is when the next attempt is allowed (seconds since the epoch, UTC)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    next_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


# --------------------------------------------------------------------------- the precedent register

class Precedent(Base):
    """One record of the precedent register (src/zairyu/precedents): its current version as the validated
    record (``data``) plus the columns searched and faceted. ``organisation_id`` NULL = the shared public
    register; ``public`` False = visible to the office's staff only."""

    __tablename__ = "precedents"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                                        index=True)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[str] = mapped_column(String(20))
    procedure: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(60))
    to_status: Mapped[str | None] = mapped_column(String(60))
    authority: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date] = mapped_column(Date)
    public_on: Mapped[date] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_precedents_procedure_to", "procedure", "to_status"),
        Index("ix_precedents_first_day", "first_day"),
        Index("ix_precedents_year_kind", "year", "kind"),
    )


class PrecedentProposal(Base):
    """An office's decided application proposed to the shared register (migration 0015): the anonymised draft
    record, the client's consent as recorded, who proposed it and the second person who approved it."""

    __tablename__ = "precedent_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"),
                                                       unique=True)
    match_key: Mapped[str] = mapped_column(String(300))
    """nationality|month|from status|to status: the records an outsider could tell apart within one office."""
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    consent_on: Mapped[date] = mapped_column(Date)
    consent_recorded_by: Mapped[str] = mapped_column(String(320))
    proposed_by: Mapped[str] = mapped_column(String(320))
    proposed_by_user_id: Mapped[int | None] = mapped_column(Integer)
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    approved_by: Mapped[str | None] = mapped_column(String(320))
    approved_by_user_id: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        CheckConstraint("state IN ('proposed', 'approved')", name="state"),
        Index("ix_precedent_proposals_match", "organisation_id", "match_key"),
    )


class PrecedentVersion(Base):
    """Every version of a record, the current one included: an edit never loses the previous one."""

    __tablename__ = "precedent_versions"
    precedent_id: Mapped[int] = mapped_column(ForeignKey("precedents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PrecedentFacet(Base):
    """A record's facets (``kind``, ``procedure``, ``outcome``, ``nationality``, ``tag``, ``year``,
    ``authority``), one row per value, with who may see the record (``visible_to``: 0 = the shared public
    register, else the organisation's id) and its date, so that a filtered page is read in order from the
    index."""

    __tablename__ = "precedent_facets"
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(300), primary_key=True)
    precedent_id: Mapped[int] = mapped_column(ForeignKey("precedents.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    visible_to: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date] = mapped_column(Date)
    __table_args__ = (
        Index("ix_precedent_facets_page", "facet", "value", "visible_to", "first_day", "precedent_id"),
    )


class PrecedentTerm(Base):
    """The search index zairyu maintains itself, the same on SQLite and PostgreSQL: a word (Latin or
    Cyrillic, lower case) or a Japanese character bigram, with how often the record's texts hold it."""

    __tablename__ = "precedent_terms"
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    precedent_id: Mapped[int] = mapped_column(ForeignKey("precedents.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    weight: Mapped[int] = mapped_column(Integer)
    visible_to: Mapped[int] = mapped_column(Integer)
    """0 = the shared public register, else the organisation whose staff alone see the record."""
    first_day: Mapped[date] = mapped_column(Date)
    __table_args__ = (
        Index("ix_precedent_terms_page", "term", "visible_to", "weight", "first_day", "precedent_id"),
    )
