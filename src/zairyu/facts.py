"""The facts format: one JSON document describing one person (shared by the calendar and the
assessment). Unknown facts stay unknown (``None``): nothing is ever defaulted silently.

Publish the JSON Schema with ``zairyu schema facts``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator

from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.limits import BoundedDates, OutOfBounds, allowed_of, error_of, loads_json, read_text_file

GrantedBy = Literal["landing", "change", "extension", "acquisition", "permanent_residence", "special_permission"]
SpouseKind = Literal["japanese_national", "permanent_resident", "special_permanent_resident", "foreign_resident"]
EventKind = Literal[
    "divorce", "spouse_death", "moved", "left_organization", "joined_organization", "stopped_activity",
    "card_lost", "arrived", "birth", "address_notified", "left_address", "card_issued", "coe_issued",
    "refugee_recognized", "complementary_protection_recognized", "deportation_order", "detained",
    # calendar: a marriage's breakdown, the activity resumed, and notifications/applications already made
    "separated", "activity_resumed", "organization_notified", "spouse_notified", "card_reissue_applied",
    # notifications of Arts. 19-10, 19-12 (abroad), 19-13 and 19-16 beyond leaving or joining (law.md §4.2)
    "personal_details_changed", "personal_details_notified", "card_lost_abroad", "card_reissue_ordered",
    "organization_dissolved", "organization_renamed", "organization_relocated",
    # the refugee procedure and the end of a stay: a refusal's notice received, a review requested, a revocation
    "refugee_refused", "review_requested", "status_revoked",
]
ProcedureCode = Literal[
    "change_of_status", "extension_of_stay", "permanent_residence", "acquisition_of_status",
    "certificate_of_eligibility", "re_entry_permit", "refugee_recognition", "complementary_protection",
    "special_permission_to_stay", "departure_order", "card_renewal",
]


class _Facts(BoundedDates):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Facts):
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2, e.g. RU, UA, MM")
    birth_date: date | None = None
    born_in_japan: bool | None = None

    @field_validator("nationality")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is None:
            return v
        from zairyu.nationality import codes

        if len(v) != 2 or not v.isalpha() or v.upper() not in codes():
            raise ValueError(f"'{v}' is not an ISO 3166-1 alpha-2 country code such as 'RU', 'UA', 'MM'")
        return v.upper()


def _check_period(v: str | None) -> str | None:
    """An ISO 8601 period of stay, or an error naming what is allowed."""
    if v is not None:
        try:
            Duration.parse(v)
        except InvalidInputError as exc:
            raise OutOfBounds(exc.message, exc.allowed or "") from None
    return v


class Stay(_Facts):
    status: str = Field(description="Status code from the law catalogue, e.g. 'temporary_visitor'")
    period: str | None = Field(None, description="ISO 8601 duration; omitted when indefinite")
    granted_on: date | None = None
    granted_by: GrantedBy | None = None
    expires_on: date | None = Field(None, description="As on the card; computed when absent")
    card_number: str | None = Field(None, pattern=r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$")
    card_issued_on: date | None = None
    card_valid_until: date | None = None
    previous_expires_on: date | None = Field(
        None, description="For an extension: the old expiry (the new period runs from the day after it)"
    )
    designation: str | None = Field(
        None, description="For Designated Activities: the designation, e.g. 'refugee_applicant', 'ukraine_evacuee'"
    )

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        return _check_period(v)

    @model_validator(mode="after")
    def _order(self) -> Stay:
        if self.granted_on and self.expires_on and self.expires_on < self.granted_on:
            raise ValueError(f"expires_on {self.expires_on} is before granted_on {self.granted_on}")
        return self


class PendingApplication(_Facts):
    procedure: ProcedureCode
    target_status: str | None = None
    filed_on: date
    channel: Literal["counter", "online"] | None = None
    decided_on: date | None = Field(
        None, description="Date of the decision, once made (ends the special period of Art. 20(6))"
    )


class Departure(_Facts):
    departed_on: date
    intends_to_return: bool | None = None
    re_entry_permit_until: date | None = Field(
        None, description="The re-entry permit's validity as granted (Art. 26(3)); omitted for special re-entry")
    re_entry_permit_effective_on: date | None = Field(
        None, description="The day the re-entry permit took effect (the date of the endorsement, Art. 26(2)): its "
                          "extensions abroad cannot go beyond 6 years from it (7 for Special Permanent Residents)")
    re_entry_permit_extensions: list[date] = Field(
        default_factory=list,
        description="The permit's validity as extended abroad by a Japanese embassy or consulate (Art. 26(5), (6)), "
                    "in order: each by up to 1 year")


class Event(_Facts):
    kind: EventKind
    on: date
    note: str | None = None
    until: date | None = Field(
        None, description="The last day a notice designates: for 'status_revoked', the day to leave by "
                          "(ICRRA Art. 22-4(7): at most 30 days)")

    @model_validator(mode="after")
    def _until(self) -> Event:
        if self.until is not None and self.kind != "status_revoked":
            raise ValueError(f"'until' is given only for a 'status_revoked' event, not '{self.kind}'")
        if self.until is not None and self.until < self.on:
            raise ValueError(f"until {self.until} is before the event's day {self.on}")
        return self


class Marriage(_Facts):
    spouse: SpouseKind | None = None
    married_on: date | None = None
    cohabiting: bool | None = None


class HistoryEntry(_Facts):
    status: str
    from_: date = Field(alias="from")
    to: date | None = None
    period: str | None = Field(
        None, description="ISO 8601 duration: the period of stay that status was granted for (decides whether the "
                          "person was a mid/long-term resident then, ICRRA Art. 19-3)")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        return _check_period(v)


class FamilyMember(_Facts):
    relation: Literal["spouse", "child", "parent", "sibling", "other"]
    status: str | None = None
    nationality: str | None = None


class Goal(_Facts):
    status: str | None = None
    activity_fits: bool | None = Field(
        None, description="The intended activity fits the target status (admission, contract, genuine marriage)"
    )
    meets_landing_criteria: bool | None = Field(
        None, description="The landing-criteria ordinance's conditions for the target status are met"
    )
    changes_designation: bool | None = Field(
        None, description="With the current status as the goal: the designation changes (a new Designated "
                          "Activities designation, SSW field or employer, HSP (i) organisation) — a change of "
                          "status (Art. 20(1)), not an extension"
    )


class Circumstances(_Facts):
    cannot_return_safely: bool | None = None
    grounds: list[str] = Field(default_factory=list, description="Circumstance tags (the precedent register's "
                               "vocabulary, src/zairyu/precedents/data/tags.yaml), e.g. 'mobilisation', "
                               "'political_opinion'")
    fear_of_persecution_convention_reason: bool | None = None
    serious_harm_feared: bool | None = None
    medical_treatment: bool | None = None
    coe_issued_on: date | None = None
    school_admission: bool | None = None
    status_activity_ended: bool | None = Field(
        None, description="The activity of the current status has ended (graduation, end of contract or training); "
                          "a person whose activity continues keeps the status under some measures (law.md §6)"
    )
    titp_stopped_through_own_fault: bool | None = Field(
        None, description="A technical intern whose training stopped through their own fault (Myanmar measure: "
                          "not changed to it from 2024-10-01, law.md §12; rules.yaml myanmar_measure_titp_conditions)"
    )
    titp_new_site_sought: bool | None = Field(
        None, description="The intern's supervising body (or company) first tried to find a new training site "
                          "(Myanmar measure: required from 2024-10-01, law.md §12)"
    )
    ssw1_reasonable_ground_for_sixth_year: bool | None = Field(
        None, description="SSW (i): a reasonable ground to stay beyond 5 years in total, up to 6 (from 2025-09-30, "
                          "Ordinance Arts. 20-2/21-2; ISA's example: narrowly failed the SSW (ii) test)"
    )
    @field_validator("grounds")
    @classmethod
    def _grounds(cls, v: list[str]) -> list[str]:
        from zairyu.precedents.tags import check_tags

        return check_tags(v)

    in_deportation_proceedings: bool | None = Field(
        None, description="Under a detention order, provisional release or supervision measures (Art. 50(2))"
    )
    intends_to_leave_promptly: bool | None = Field(
        None, description="Appeared, or will appear, at an immigration office intending to leave promptly"
    )
    refugee_application_number: int | None = Field(
        None, ge=1, description="Which refugee (or complementary-protection) application this is or would be: 1 for "
                                "the first. From 2024-06-10 removal is no longer suspended from the third on unless "
                                "materials showing reasonable grounds are submitted (law.md §6.3)")
    reasonable_grounds_materials: bool | None = Field(
        None, description="A repeat applicant submits materials showing reasonable grounds for recognition "
                          "(law.md §6.3: keeps the suspension of removal on a third or later application)")
    arrived_within_six_months: bool | None = Field(
        None, description="A refugee applicant without status applies within 6 months of arriving in Japan "
                          "(provisional stay, Art. 61-2-4; the condition is unverified, law.md §6.2)")


class Conduct(_Facts):
    """Guideline factors (good conduct, livelihood, taxes, notifications); None = not known."""

    criminal_record: bool | None = None
    independent_livelihood: bool | None = None
    taxes_paid: bool | None = None
    pension_and_insurance_paid: bool | None = None
    notifications_complied: bool | None = None
    engaged_in_status_activity: bool | None = None
    hsp_points: int | None = Field(None, ge=0)
    # the permanent-residence guideline's shorter routes and its "continuous residence" (law.md §2.6)
    contribution_to_japan: bool | None = Field(
        None, description="Has contributed to Japan (diplomacy, society, economy, culture...) as ISA's separate "
                          "contribution guideline recognises: permanent residence after 5 years"
    )
    special_zone_researcher: bool | None = Field(
        None, description="Is a researcher etc. in a regional-revitalisation special zone: permanent residence "
                          "after 3 years"
    )
    special_hsp_criteria_met: bool | None = Field(
        None, description="Meets the Special Highly Skilled Professional (J-Skip, 特別高度人材) criteria"
    )
    special_hsp_since: date | None = Field(
        None, description="First day of the current continuous stay as a Special Highly Skilled Professional "
                          "(J-Skip); omitted if never"
    )
    special_hsp_criteria_met_since: date | None = Field(
        None, description="Since when the J-Skip criteria have been met (the permanent-residence route asks that "
                          "they were met 1 year before the application)"
    )
    long_absences_abroad: bool | None = Field(
        None, description="Spent long periods abroad during the residence counted for permanent residence (can "
                          "break its continuity; the guideline sets no number of days)"
    )
    sentenced_three_years_or_more: bool | None = Field(
        None, description="Sentenced to life imprisonment or to imprisonment of 3 years or more, not suspended "
                          "(from 2024-06-10 removal is then not suspended by a refugee application, law.md §6.3)")
    overstaying: bool | None = None
    previously_deported: bool | None = None
    has_passport: bool | None = None


class Facts(_Facts):
    """Everything known about one person. Every field is optional except the current stay."""

    person: Person = Field(default_factory=Person)
    stay: Stay | None = None
    pending_application: PendingApplication | None = None
    departure: Departure | None = None
    events: list[Event] = Field(default_factory=list)
    marriage: Marriage | None = None
    residence_in_japan_since: date | None = None
    history: list[HistoryEntry] = Field(default_factory=list)
    family: list[FamilyMember] = Field(default_factory=list)
    goal: Goal | None = None
    circumstances: Circumstances | None = None
    conduct: Conduct | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Facts:
        if self.stay and self.pending_application and self.stay.granted_on:
            if self.pending_application.filed_on < self.stay.granted_on:
                raise ValueError(
                    f"pending_application.filed_on {self.pending_application.filed_on} is before "
                    f"stay.granted_on {self.stay.granted_on}"
                )
        return self


def _field_of(err: Any) -> str:
    return ".".join(str(x) for x in err["loc"] if x != "__root__") or "facts"


def parse_facts(data: Any, *, where: str | None = None) -> Facts:
    """Validate a facts document; errors name the field (``stay.expires_on``) and the problem."""
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        raise error_of(err)(msg, field=_field_of(err), value=err.get("input") if not isinstance(
            err.get("input"), dict | list) else None, allowed=allowed_of(err), where=where) from None


def load_facts(path: Path) -> Facts:
    """A facts file: one line naming the file for anything wrong with it (unreadable, not UTF-8, not JSON,
    nested too deeply, not valid facts)."""
    data = loads_json(read_text_file(path, what="facts file"), where=str(path))
    return parse_facts(data, where=str(path))


def facts_schema() -> dict[str, Any]:
    return Facts.model_json_schema(by_alias=True)
