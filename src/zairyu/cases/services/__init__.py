"""One service function per use case of the case manager, in one module per domain. The CLI and the web
app call these.

==================  =====================================================================================
``common``          errors, the actor of a change, vocabularies, input validation, record lookups, bulk insert
``audit``           the timeline: :func:`record` of every change, :func:`timeline_of` a person
``people``          people and their family links
``people_list``     the office's list of people: sorted, filtered, paged, exported (issue 13)
``stays``           grants of status and their expiry
``applications``    applications and the office's workflow (a grant creates the new stay)
``events``          events in a person's life
``documents``       documents and notes
``tasks``           the office's tasks (owner, due date, done)
``marks``           done and snooze on deadlines, and the one rule of what a mark hides
``agenda_view``     the agenda as the office reads it: filters, marks, the tasks due
``accounts``        organisations, users, passwords, languages, roles, deactivation, sessions, supporter
                    assignments, calendar feed tokens
``retention``       purging deleted people and documents after the retention period
``derivation``      facts built from the records, and the derived deadlines recomputed from them
``agenda_lines``    reading the stored deadlines: a person's, and the office's agenda
==================  =====================================================================================

Every function works inside the caller's unit of work (``with db.transaction() as s:`` on the command
line, ``with db.unit_of_work(session):`` on the web app's per-request session) and leaves nothing
half-written: it validates first, writes, records the change in the timeline and recomputes the deadlines
of the people it touched, all in that one transaction, which commits when the block ends. Bad input raises
a :class:`~zairyu.errors.ZairyuError` naming the record and the field.

The as-of date ``on`` (for deadlines) is always passed in by the interface, never read here.

Every public name is also importable from this package (``from zairyu.cases import services as svc``).
"""

from zairyu.calendar.deadlines import when_past
from zairyu.cases.services.accounts import (
    DEFAULT_ORGANISATION,
    MIN_PASSWORD,
    add_or_update_user,
    add_user,
    assign_supporter,
    assigned_people,
    calendar_tokens_of,
    change_role,
    check_password,
    count_users,
    create_account,
    create_calendar_token,
    create_organisation,
    default_organisation,
    end_assignment,
    end_session,
    end_sessions,
    find_user,
    get_user,
    hash_password,
    hash_token,
    resolve_calendar_token,
    revoke_calendar_token,
    revoke_feeds_made_by,
    sessions_of,
    set_active,
    set_language,
    set_password,
    start_session,
    update_own_account,
    users_of,
    verify_password,
)
from zairyu.cases.services.agenda_lines import (
    MAX_ROLL_DAYS,
    UNASSIGNED,
    AgendaItem,
    AgendaLine,
    PersonBrief,
    agenda,
    agenda_counts,
    deadlines_of,
    person_deadlines,
    state_on,
    stored_explanations,
)
from zairyu.cases.services.agenda_view import AgendaFilter, AgendaView, agenda_view, role_agenda, user_agenda
from zairyu.cases.services.applications import (
    STAY_GRANTS,
    TRANSITIONS,
    ApplicationIn,
    add_application,
    applications_of,
    decide_application,
    file_application,
    get_application,
    move_application,
)
from zairyu.cases.services.assignees import (
    STAFF_ROLES,
    application_assignee,
    assign_application,
    assign_people,
    assign_person,
    assignable_users,
)
from zairyu.cases.services.audit import SECRET_COLUMNS, record, record_access, snapshot, timeline_of
from zairyu.cases.services.common import (
    EVENT_KINDS,
    OTHER_EVENT_KINDS,
    PENDING_STAGES,
    PROCEDURES,
    Actor,
    DuplicateError,
    NotFoundError,
    StaleRecordError,
    TransitionError,
    fast_insert,
    now,
    validate,
)
from zairyu.cases.services.derivation import (
    PersonRows,
    build_facts,
    deadline_rows,
    derivation_fingerprint,
    facts_for_person,
    linked_people,
    load_rows,
    recompute_all,
    recompute_deadlines,
    recompute_many,
    stale_people,
)
from zairyu.cases.services.documents import (
    ALLOWED_TYPES,
    add_note,
    check_application_of,
    check_upload,
    delete_document,
    documents_of,
    notes_of,
    read_document,
    share_note,
    store_document,
)
from zairyu.cases.services.events import EventIn, add_event, events_of
from zairyu.cases.services.marks import get_mark, key_of, mark_deadline, mark_hides, marks_of, undo_mark
from zairyu.cases.services.people import (
    PersonIn,
    add_person,
    delete_person,
    edit_person,
    family_of,
    get_person,
    link_family,
    list_people,
)
from zairyu.cases.services.people_list import (
    DEFAULT_EXPIRING_DAYS,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PeoplePage,
    PeopleQuery,
    PeopleRow,
    all_rows,
    csv_cell,
    list_page,
    nationalities_of,
    overstaying_ids,
    people_query,
)
from zairyu.cases.services.retention import Purged, purge_deleted, remove_files, undelete_person
from zairyu.cases.services.stays import CARD_RE, StayIn, add_stay, current_stay, edit_stay, stay_expiry_of, stays_of
from zairyu.cases.services.tasks import add_task, complete_task, get_task, is_overdue, list_tasks, update_task

__all__ = [
    "DEFAULT_EXPIRING_DAYS", "DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "PeoplePage", "PeopleQuery", "PeopleRow",
    "all_rows", "csv_cell", "list_page", "nationalities_of",
    "overstaying_ids", "people_query",
    "STAFF_ROLES", "application_assignee", "assign_application", "assign_people", "assign_person",
    "assignable_users",
    "ALLOWED_TYPES", "CARD_RE", "DEFAULT_ORGANISATION", "EVENT_KINDS", "MAX_ROLL_DAYS", "MIN_PASSWORD",
    "OTHER_EVENT_KINDS", "PENDING_STAGES", "PROCEDURES", "SECRET_COLUMNS", "STAY_GRANTS", "TRANSITIONS", "Actor",
    "AgendaItem", "AgendaLine", "ApplicationIn", "DuplicateError", "EventIn", "NotFoundError", "PersonBrief",
    "PersonIn", "PersonRows", "StaleRecordError", "StayIn", "TransitionError", "add_application", "add_event",
    "add_note", "add_or_update_user", "add_person", "add_stay", "add_task", "add_user", "agenda", "agenda_counts",
    "applications_of", "assign_supporter", "assigned_people", "build_facts", "calendar_tokens_of",
    "check_application_of", "check_password", "complete_task", "count_users", "create_account", "create_calendar_token",
    "create_organisation", "current_stay", "deadline_rows", "deadlines_of", "decide_application",
    "default_organisation", "derivation_fingerprint", "documents_of", "edit_person", "edit_stay", "events_of",
    "facts_for_person", "fast_insert", "file_application", "find_user", "get_application", "get_person",
    "get_user", "hash_password", "hash_token", "link_family", "linked_people", "list_people", "load_rows",
    "move_application", "notes_of", "share_note", "undelete_person", "now", "person_deadlines", "read_document",
    "recompute_all",
    "recompute_deadlines", "recompute_many", "record", "record_access", "resolve_calendar_token",
    "revoke_calendar_token",
    "set_language", "set_password", "snapshot", "stale_people", "state_on", "stay_expiry_of", "stays_of",
    "check_upload", "store_document", "stored_explanations", "timeline_of", "update_own_account", "users_of",
    "validate",
    "verify_password", "when_past",
    # sessions and access (issue 12)
    "Purged", "change_role", "delete_document", "delete_person", "end_assignment", "end_session", "end_sessions",
    "purge_deleted", "remove_files", "revoke_feeds_made_by", "sessions_of", "set_active", "start_session",
    # the office's day (issue 13)
    "AgendaFilter", "AgendaView", "UNASSIGNED", "agenda_view",
    "role_agenda", "user_agenda", "family_of", "get_mark", "get_task", "key_of",
    "is_overdue", "list_tasks", "mark_deadline", "mark_hides", "marks_of", "undo_mark", "update_task",
]
