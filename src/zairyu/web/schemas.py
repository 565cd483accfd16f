"""The JSON API's answers, one pydantic model per resource: each route declares its model as
``response_model``, so ``/openapi.json`` describes every answer.

Routes that answer with small records let FastAPI validate and serialise them through the model (an answer
that does not fit its model is a server error, found by the tests). The hot routes (the assessment, the
agenda) and the routes whose texts are negotiated (:mod:`zairyu.web.api.lang`) build their JSON once and
return it pre-serialised (:meth:`~zairyu.web.api.lang.Langs.respond`): FastAPI then does not validate it
again, and the model documents it.

Texts are ``{lang: text}`` dicts (:data:`Texts`) holding the languages negotiated for the request.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Texts = Annotated[dict[str, str], Field(
    description="A text in the languages asked for: {lang: text} (one language, or every one for lang=all)",
    examples=[{"en": "Your period of stay ends at the end of 2026-12-30."}])]
Timestamp = Annotated[str, Field(json_schema_extra={"format": "date-time"},
                                 description="ISO 8601 date and time, as stored")]
Provision = dict[str, str]
"""``{"law", "provision", "note"?}``."""


class Out(BaseModel):
    """An answer: exactly its fields (a key the model does not list is an error, not silently dropped)."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- deadlines

class DeadlinePerson(Out):
    id: int
    name: str
    family_name: str
    given_name: str | None
    nationality: str | None


class DeadlineOut(Out):
    """One deadline, computed from facts or stored for a person (the one shape of both:
    :func:`zairyu.calendar.model.deadline_json`)."""

    kind: str
    topic: str | None
    date: dt.date
    filing_date: dt.date | None = Field(description="For a filing deadline on a closed day: the next open day")
    state: Literal["upcoming", "today", "overdue", "passed", "open"] | None = Field(
        description="On the as-of date; null for a stored window that has closed")
    days_left: int | None = Field(description="Days from the as-of date to the action date (negative when past)")
    overdue: bool
    risk: bool
    legal_basis: list[Provision]
    explanation: Texts
    trace: list[str] | None = Field(None, description="How the date was computed (English, the technical "
                                                      "record); left out on an agenda read without traces")
    fact_status: str
    computed_for: dt.date | None = Field(None, description="Stored deadlines: the date they were computed for")
    person: DeadlinePerson | None = Field(None, description="Agenda lines: whose deadline it is")
    mark: MarkOut | None = Field(None, description="Agenda lines read by staff: the office's mark on the line "
                                                   "(done, or snoozed and shown because its day has come)")


class MarkOut(Out):
    """The office's mark on one deadline, named by person, kind, topic and legal date (a deadline recomputed
    to another date is no longer marked)."""

    id: int
    person_id: int
    kind: str
    topic: str | None
    date: dt.date
    mark: Literal["done", "snoozed"]
    until: dt.date | None = Field(description="A snooze: the line shows again on this date, and always on and "
                                              "after the deadline's own date")
    by_user_id: int | None
    by_name: str | None
    at: Timestamp
    version: int


class TaskOut(Out):
    """One of the office's tasks: its own work, never a legal deadline."""

    id: int
    title: str
    person_id: int | None
    person_name: str | None
    application_id: int | None
    owner_id: int | None
    owner_name: str | None
    due_on: dt.date | None
    done: bool
    overdue: bool = Field(description="Not done and due before the as-of date")
    created_at: Timestamp
    version: int


class TasksOut(Out):
    tasks: list[TaskOut]


class StaffOut(Out):
    id: int
    display_name: str
    role: str


class StaffListOut(Out):
    staff: list[StaffOut]


class FamilyMemberOut(Out):
    link_id: int
    person_id: int
    name: str
    relation: Literal["spouse", "child", "parent", "sibling", "other"] = Field(
        description="What this relative is to the person whose links these are")


class FamilyOut(Out):
    family: list[FamilyMemberOut]


class DeadlinesOut(Out):
    as_of: dt.date
    deadlines: list[DeadlineOut]
    law_date: dt.date | None = Field(None, description="The law's date, when not the as-of date")


class StoredDeadlinesOut(Out):
    deadlines: list[DeadlineOut]


class AgendaOut(Out):
    as_of: dt.date
    days: int
    items: list[DeadlineOut]
    hidden: int = Field(0, description="Lines left out because the office marked them done or snoozed them")
    tasks: list[TaskOut] = Field([], description="The office's tasks due in the range (staff only): its own "
                                                 "work, not legal deadlines")


class ExpiryOut(Out):
    expires_on: dt.date
    counted_from: dt.date
    period: str
    kind: str
    trace: list[str]
    legal_basis: list[Provision]


# --------------------------------------------------------------------------- case records

class PersonFields(Out):
    """The person's own fields, as every answer about a person gives them."""

    id: int
    family_name: str
    given_name: str | None
    family_name_kana: str | None
    given_name_kana: str | None
    family_name_kanji: str | None
    given_name_kanji: str | None
    nationality: str | None
    birth_date: dt.date | None
    born_in_japan: bool | None
    sex: str | None
    email: str | None
    phone: str | None
    address: str | None
    preferred_language: str | None


class PersonOut(PersonFields):
    notes: str | None
    extra_facts: dict[str, Any] | None
    version: int
    display_name: str
    assignee_id: int | None = Field(None, description="The member of staff who handles the case (null for a "
                                                      "client reading their own record)")
    assignee_name: str | None = None


class StayOut(Out):
    id: int
    person_id: int
    status: str
    period: str | None
    granted_on: dt.date
    granted_by: str | None
    designation: str | None
    expires_on: dt.date | None
    previous_expires_on: dt.date | None
    card_number: str | None
    card_valid_until: dt.date | None
    application_id: int | None
    version: int


class ApplicationOut(Out):
    id: int
    person_id: int
    procedure: str
    target_status: str | None
    channel: str | None
    receipt_number: str | None
    filed_on: dt.date | None
    stage: str
    decision: str | None
    decision_date: dt.date | None
    new_period: str | None
    new_expires_on: dt.date | None
    notes: str | None
    version: int
    next_stages: list[str]
    assignee_id: int | None = Field(None, description="The member of staff handling this application; null: the "
                                                      "person's assignee (and for a client)")
    assignee_name: str | None = None


class PersonDetailOut(PersonOut):
    current_stay: StayOut | None
    deadlines: list[DeadlineOut]
    applications: list[ApplicationOut]


class NextDeadlineOut(Out):
    """A person's next stored deadline that matters on the as-of date (overdue, today or ahead)."""

    kind: str
    topic: str | None
    date: dt.date
    filing_date: dt.date | None = Field(description="For a filing deadline on a closed day: the next open day")
    state: Literal["upcoming", "today", "overdue"]


class AssigneeOut(Out):
    id: int
    name: str


class PersonListOut(PersonFields):
    """A person as a row of the people list: the record without the staff's notes and the assessment facts
    (read one person at a time: ``GET /people/{id}``), and what the list shows of their stay."""

    version: int
    display_name: str

    current_status: str | None = Field(description="The status of their current stay (law catalogue code)")
    stay_expires_on: dt.date | None = Field(
        description="The end of the period of stay as the calendar computed it (stored deadline expiry_of_stay)")
    stay_ends_on: dt.date | None = Field(
        description="When the stay ends: the special period's day to act by (ICRRA Art. 20(6)) when an extension "
                    "or change was filed in time, else stay_expires_on; null for a status without a period")
    special_period: bool = Field(description="Whether stay_ends_on is the end of a special period")
    next_deadline: NextDeadlineOut | None
    assignee: AssigneeOut | None = Field(description="The member of staff responsible for the case")


class PeopleOut(Out):
    people: list[PersonListOut]
    total: int = Field(description="How many people all pages of this list hold")
    page: int
    page_size: int
    pages: int
    as_of: dt.date = Field(description="The day the filters and deadline states are for")


class BulkAssignOut(Out):
    assigned: int = Field(description="How many people were assigned (all of them, or the request failed)")
    assignee_id: int | None
    person_ids: list[int]


class StaysOut(Out):
    stays: list[StayOut]


class ApplicationsOut(Out):
    applications: list[ApplicationOut]


class DocumentOut(Out):
    id: int
    person_id: int
    application_id: int | None
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: Timestamp
    download: str = Field(description="Where to download it (always as an attachment)")


class DocumentsOut(Out):
    documents: list[DocumentOut]


class NoteOut(Out):
    id: int
    person_id: int
    application_id: int | None
    author_id: int | None
    body: str
    shared: bool
    """Shared with the client; false: internal (staff only)."""
    version: int
    created_at: Timestamp


class NotesOut(Out):
    notes: list[NoteOut]


class EventOut(Out):
    id: int
    person_id: int
    kind: str
    on: dt.date
    until: dt.date | None
    note: str | None


class EventsOut(Out):
    events: list[EventOut]


class TimelineEntryOut(Out):
    id: int
    at: Timestamp
    actor: str | None
    entity: str
    entity_id: int | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class TimelineOut(Out):
    timeline: list[TimelineEntryOut]


# --------------------------------------------------------------------------- accounts

class TokenOut(Out):
    access_token: str
    token_type: Literal["bearer"]
    expires_in: int = Field(description="Seconds")


class MeOut(Out):
    id: int
    email: str
    display_name: str
    role: str
    organisation_id: int
    person_id: int | None
    language: str


class UserOut(Out):
    id: int
    email: str
    display_name: str
    role: str
    language: str
    person_id: int | None
    active: bool


class UsersOut(Out):
    users: list[UserOut]


class AssignmentOut(Out):
    user_id: int
    person_id: int


class CalendarTokenOut(Out):
    id: int
    person_id: int | None
    user_id: int | None
    created_at: Timestamp
    revoked: bool
    created_by: int | None = Field(None, description="The user who made the feed (it is revoked with their access)")


class CalendarTokensOut(Out):
    tokens: list[CalendarTokenOut]


class CalendarTokenCreatedOut(Out):
    url: str = Field(description="The feed's address (shown only this once)")
    token: str


# --------------------------------------------------------------------------- the law

class LawStatusesOut(Out):
    as_of: dt.date
    statuses: list[dict[str, Any]] = Field(description="Each status with its periods, provisions and `names` "
                                                       "({lang: name})")


class LawStatusOut(Out):
    as_of: dt.date
    status: dict[str, Any]


class FeeOut(BaseModel):
    """A procedure's fee (counter and online), with its provisions."""

    model_config = ConfigDict(extra="allow")
    as_of: dt.date | None = None
    counter: int | None = None
    online: int | None = None
    fact_status: str | None = None
    legal_basis: list[Provision] = []


class LawProceduresOut(Out):
    as_of: dt.date
    procedures: list[dict[str, Any]] = Field(description="Each procedure with its `fee` and `names`")
    fees: dict[str, FeeOut] = Field(description="The fees by procedure code")


class LawMeasuresOut(Out):
    as_of: dt.date
    measures: list[dict[str, Any]]


# --------------------------------------------------------------------------- the assessment

class SimilarPrecedentOut(Out):
    """One precedent beside an option, with its summary per language: ``{lang: {"lang", "text"}}`` where
    ``lang`` says the language the text is actually in (a missing language falls back visibly)."""

    id: str
    kind: str
    date: str
    outcome: str
    authority: str
    from_status: str | None
    to_status: str | None
    nationality: list[str]
    circumstances: list[str]
    shared_circumstances: list[str]
    score: float
    summary: dict[str, dict[str, str]]
    sources: list[dict[str, str]]


class OptionPrecedentsOut(Out):
    """``option.precedents``: beside a route that turns on discretion (and refugee recognition, complementary
    protection), the precedents public on the as-of date sharing its procedure and target status, most similar
    first, counted granted/refused; beside refugee recognition the latest statistics' base rate."""

    similar: list[SimilarPrecedentOut]
    granted: int
    refused: int
    public_on: dt.date
    base_rate: dict[str, Any] | None = None


class AssessmentOut(Out):
    """Every option with its verdict, requirements, documents, fee and deadline, and the person's deadlines.
    An option's parts (requirements, documents, texts as {lang: text}) are described loosely while the rules'
    shapes change; ``precedents`` is :class:`OptionPrecedentsOut`."""

    as_of: dt.date
    options: list[dict[str, Any]] = Field(description="procedure, variant, target_status, verdict, "
                                                      "requirements, documents, fee, explanation ({lang: text}), "
                                                      "precedents (OptionPrecedentsOut), …")
    deadlines: list[DeadlineOut]
    notes: list[dict[str, Any]] | None = None
    law_date: dt.date | None = None


class InterviewQuestionOut(Out):
    fact: str
    question: Texts
    type: str
    choices: list[str]
    settles: list[str]
    text: str | None = None


class InterviewOut(Out):
    """One step of the guided interview."""

    facts: dict[str, Any]
    question: InterviewQuestionOut | None
    done: bool
    unknown_facts: list[dict[str, Any]]
    assessment: AssessmentOut


# --------------------------------------------------------------------------- the precedent register

class PrecedentOut(BaseModel):
    """One record of the register (the fields of src/zairyu/precedents/data/precedents.yaml) and its version."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: str
    date: str
    procedure: str
    outcome: str
    sources: list[dict[str, Any]]
    version: int | None = None


class ProposalOut(Out):
    """An office's decided application proposed to the shared register (docs/precedents.md)."""

    id: int
    code: str = Field(description="the record's id once approved")
    state: str = Field(description="proposed | approved")
    application_id: int | None
    record: dict[str, Any] = Field(description="the anonymised draft record (PrecedentOut fields)")
    consent_on: dt.date
    proposed_by: str
    approved_by: str | None
    waiting: str | None = Field(description="why it cannot be approved yet (the office's only such record)")


class ProposalsOut(Out):
    proposals: list[ProposalOut]


class PrecedentsOut(Out):
    total: int
    results: list[dict[str, Any]] = Field(description="records (PrecedentOut fields) with their relevance score")
    facets: dict[str, dict[str, int]] = Field(description="{facet: {value: matching records}}")
