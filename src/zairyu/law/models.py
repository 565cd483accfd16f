"""Typed models of the law files (YAML under ``zairyu/law/data``).

Every fact carries its legal basis, its sources and a fact status, and is dated with
``valid_from`` / ``valid_to`` (inclusive; ``None`` = open). A change in the law is a new dated
version beside the old one, never an edit that rewrites the past.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from zairyu.duration import Duration
from zairyu.errors import LawDataError, ZairyuError

FactStatus = Literal["law", "isa", "practice", "unverified"]
"""How sure we are: stated in the Act/Ordinance; stated by ISA; consistent practitioner
statements; or could not be confirmed (never presented as certain)."""

Table = Literal["I-1", "I-2", "I-3", "I-4", "I-5", "II", "special_act"]
Employment = Literal["unrestricted", "within_activity", "not_permitted", "by_designation"]
PeriodKind = Literal["fixed", "designated", "indefinite", "activity_duration"]
Notification = Literal["activity_organization", "contract_organization", "spouse"]
NotificationScope = Literal["all_holders", "spouses_only", "contract_based_only", "depends_on_activity"]
"""Who among a status's holders carries the Art. 19-16 duty: everyone; only those who hold the status
as a spouse (Art. 19-16(iii)); only those whose activity rests on a contract (Entertainer); or it
depends on which activity the holder pursues (HSP (ii): (c)-type → activity organisation)."""

COVERED_FROM = date(2012, 7, 9)
"""The residence-card system (2012 reform) starts the period zairyu's data covers."""
COVERED_TO = date(2027, 12, 31)

_FACT_RANK: dict[str, int] = {"law": 3, "isa": 2, "practice": 1, "unverified": 0}


def weakest(*statuses: FactStatus) -> FactStatus:
    """The least certain of several fact statuses (law > isa > practice > unverified)."""
    return min(statuses, key=lambda s: _FACT_RANK[s])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalBasis(_Strict):
    """One provision: ``{"law": "ICRRA", "provision": "Art. 20(3)"}``."""

    law: str = Field(description="Short name of the law: ICRRA, Ordinance, Civil Code, ...")
    provision: str = Field(description="Written like 'Art. 20(3)' or 'Art. 22-4(1)(vii)'")
    note: str | None = None


class Source(_Strict):
    title: str
    url: str | None = None
    consulted: date = Field(description="Date the source was last read (verification date)")


def _check_duration(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"'{value}' is not an ISO 8601 period of stay (write it like P5Y, P1Y3M, P90D)")
    try:
        Duration.parse(value, field=field)
    except ZairyuError as exc:
        raise ValueError(f"{exc.message} (write it like P5Y, P1Y3M, P90D)") from None
    return value


def _iso_period(value: str) -> str:
    return _check_duration(value, "period")


IsoPeriod = Annotated[str, AfterValidator(_iso_period)]
"""An ISO 8601 period of stay (P5Y, P1Y3M, P90D), checked where it is read so errors name the item."""


class Dated(_Strict):
    valid_from: date | None = None
    valid_to: date | None = None

    @model_validator(mode="after")
    def _order(self) -> Dated:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self

    def in_force(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class Cited(Dated):
    legal_basis: list[LegalBasis] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    fact_status: FactStatus
    note: str | None = None


TEXT_LANGS = ("ja", "en", "ru", "uk")
"""The languages the law data gives a status's activities, work note and rows of periods in (every status
has all four: tests/law/test_law_translations.py); a reader of another language reads them in English."""


def in_lang(lang: str, ja: str, en: str, **others: str | None) -> str:
    """A text the law data gives in several languages, in ``lang``: Japanese, English, or another language
    the data has (``ru=``, ``uk=``); English where it has none in ``lang``."""
    if lang == "ja":
        return ja
    return others.get(lang) or en


class PeriodRow(_Strict):
    """One sub-row of a status's line in Ordinance App. Table II, where the line splits by who the
    holder is (Designated Activities since 2021-03-30: (一) 告示 activities, (二) one further row,
    (三) everyone else). The version's own kind/values/max stay the union of all rows."""

    row: str = Field(description="The row's label in the Ordinance, e.g. '一'")
    applies_to_ja: str
    applies_to_en: str
    applies_to_ru: str | None = None
    applies_to_uk: str | None = None
    kind: PeriodKind | None = Field(None, description="None: the row's periods are not known")
    values: list[IsoPeriod] = Field(default_factory=list)
    max: IsoPeriod | None = None
    fact_status: FactStatus
    note: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> PeriodRow:
        if self.kind == "fixed" and not self.values:
            raise ValueError("kind 'fixed' needs a non-empty 'values' list")
        if self.kind == "designated" and not self.max:
            raise ValueError("kind 'designated' needs 'max'")
        if self.kind is None and (self.values or self.max):
            raise ValueError("a row without a kind (periods unknown) takes no 'values' or 'max'")
        return self

    def applies_to(self, lang: str) -> str:
        """Who the row is for, in ``lang`` (English where the data has no text in that language)."""
        return in_lang(lang, self.applies_to_ja, self.applies_to_en, ru=self.applies_to_ru, uk=self.applies_to_uk)

    def allows(self, period: Duration) -> bool | None:
        """Whether a granted period conforms to this sub-row; None when the row's periods are unknown."""
        if self.kind is None:
            return None
        if period.iso() in self.values:
            return True
        return self.kind == "designated" and self.max is not None and period <= Duration.parse(self.max)


class Periods(Cited):
    """The periods of stay a status allows (Ordinance App. Table II), as one dated version.

    * ``fixed``: only the listed ``values`` (plus, when ``designated_up_to`` is set, any period
      not exceeding it, e.g. Temporary Visitor's "15 days or less in units of days");
    * ``designated``: a period the Minister designates individually, not exceeding ``max``
      (``values`` then lists the usual fixed grants named beside it in the Ordinance);
    * ``indefinite``: no expiry (Permanent Resident, HSP (ii));
    * ``activity_duration``: the period during which the activity is performed (Diplomat).
    """

    kind: PeriodKind
    values: list[IsoPeriod] = Field(default_factory=list)
    max: IsoPeriod | None = None
    designated_up_to: IsoPeriod | None = None
    unit: Literal["days", "any"] = "any"
    rows: list[PeriodRow] = Field(
        default_factory=list, description="Sub-rows of the Ordinance's line (Designated Activities)"
    )

    @model_validator(mode="after")
    def _shape(self) -> Periods:
        if self.kind == "fixed" and not self.values:
            raise ValueError("kind 'fixed' needs a non-empty 'values' list")
        if self.kind == "designated" and not self.max:
            raise ValueError("kind 'designated' needs 'max'")
        if self.kind in ("indefinite", "activity_duration") and (self.values or self.max):
            raise ValueError(f"kind '{self.kind}' takes no 'values' or 'max'")
        return self

    def allows(self, period: Duration) -> bool:
        """Whether a granted period conforms to this version of the Ordinance's table."""
        if self.kind in ("indefinite", "activity_duration"):
            return False
        if period.iso() in self.values:
            return True
        if self.kind == "designated" and self.max:
            return period <= Duration.parse(self.max)
        if self.designated_up_to:
            if self.unit == "days" and (period.years or period.months):
                return False
            return period <= Duration.parse(self.designated_up_to)
        return False

    @property
    def longest(self) -> Duration | None:
        """The longest period available (used by the permanent-residence guideline)."""
        cands = [Duration.parse(v) for v in self.values]
        if self.max:
            cands.append(Duration.parse(self.max))
        return max(cands, key=Duration.approx_days) if cands else None

    def contract(self) -> dict[str, object]:
        """The public JSON shape: {kind, values} | {kind, max} | {kind}.

        The contract knows three kinds; Diplomat's "period during which the activity is performed"
        has no fixed length, so it is published as ``{"kind": "indefinite", "ends": "with_activity"}``.
        """
        if self.kind == "activity_duration":
            return {"kind": "indefinite", "ends": "with_activity"}
        out: dict[str, object] = {"kind": self.kind}
        if self.values:
            out["values"] = list(self.values)
        if self.max:
            out["max"] = self.max
        if self.designated_up_to:
            out["designated_up_to"] = self.designated_up_to
        if self.unit != "any":
            out["unit"] = self.unit
        return out


class Transitional(Cited):
    """A status's life after it ends (valid_to): who may still hold it, extend it, change into it or enter
    with it, under the supplementary provisions of the act that ended it (TITP after 2027-04-01, law.md §12).
    Dated from the day after the status ends; ``valid_to`` None while the end is not known."""

    who_ja: str
    who_en: str
    extension: bool = Field(description="Holders who were in the status's activity on valid_from may extend")
    change_from: list[str] = Field(
        default_factory=list, description="Codes of statuses whose holders (in that status on valid_from) may "
                                          "still change to this one")
    change_from_held_for: IsoPeriod | None = Field(
        None, description="How long the holder must have held a change_from status by valid_from")
    entry_until: date | None = Field(
        None, description="New entry (landing) only with a certificate of eligibility issued before valid_from, "
                          "up to this day")


class NameVersion(Dated):
    name_ja: str
    name_en: str


class Status(Cited):
    """A status of residence (在留資格), or Special Permanent Resident (outside the Act)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    former_names: list[NameVersion] = Field(default_factory=list)
    table: Table
    parent: str | None = Field(None, description="Group code for sub-categories, e.g. 'hsp' for hsp_1a")
    outside_act: bool = Field(False, description="True for Special Permanent Resident (Special Act)")
    mid_long_term: bool = Field(True, description="Holders can be mid- to long-term residents (Art. 19-3)")
    activity_ja: str
    activity_en: str
    activity_ru: str | None = Field(None, description="activity_en in Russian (shown to a Russian reader)")
    activity_uk: str | None = Field(None, description="activity_en in Ukrainian (shown to a Ukrainian reader)")
    employment: Employment
    employment_note: str | None = Field(None, description="In English; its translations are employment_note_<lang>")
    employment_note_ja: str | None = None
    employment_note_ru: str | None = None
    employment_note_uk: str | None = None
    permission_outside_activity: bool = Field(
        description="Whether permission for activity outside the status (Art. 19(2)) can be granted"
    )
    work_status: bool = Field(
        False, description="A 'work status' (就労資格) for the permanent-residence guideline's 5 years"
    )
    periods: list[Periods] = Field(min_length=1, description="Dated versions of the periods of stay")
    landing_criteria: bool = Field(description="Landing-criteria ordinance applies (I-2, I-4)")
    notification: Notification | None = Field(None, description="Art. 19-16 duty, if any")
    notification_scope: NotificationScope = Field(
        "all_holders", description="Which holders carry the Art. 19-16 duty (spouses_only for the spouse duty)"
    )
    notification_note: str | None = None
    notification_designations: list[str] = Field(
        default_factory=list,
        description="When given: only holders under these designations (facts stay.designation) carry the "
                    "Art. 19-16 duty (Designated Activities: a spouse designation, law.md §12)")
    no_activity_revocation_after: IsoPeriod | None = Field(
        None, description="Art. 22-4(1)(vi): how long without the status's activities makes a revocation ground, "
                          "where the status differs from the Table I rule (rules.yaml table_i_no_activity_revocation)")
    transitional_note: str | None = None
    transitional: list[Transitional] = Field(
        default_factory=list, description="Dated transitional life after valid_to (who may still hold it)")
    replaced_by: list[str] = Field(
        default_factory=list, description="Codes of the status(es) that took this one's place when it ended"
    )

    def activity(self, lang: str) -> str:
        """The status's activities (zairyu's short words for the Appended Table's line) in ``lang``: Japanese,
        English or a translation the data has (English where it has none in that language)."""
        return in_lang(lang, self.activity_ja, self.activity_en, ru=self.activity_ru, uk=self.activity_uk)

    def employment_note_in(self, lang: str) -> str | None:
        """The note on work (hours, the employer, ...) in ``lang`` (English where the data has none in it)."""
        if self.employment_note is None:
            return None
        return in_lang(lang, self.employment_note_ja or self.employment_note, self.employment_note,
                       ru=self.employment_note_ru, uk=self.employment_note_uk)
    unverified_fields: list[str] = Field(
        default_factory=list,
        description="Fields of this entry that could not be confirmed (shown as unverified whatever fact_status says)",
    )

    @field_validator("unverified_fields")
    @classmethod
    def _known_fields(cls, v: list[str]) -> list[str]:
        for name in v:
            if name not in cls.model_fields:
                raise ValueError(f"'{name}' is not a field of a status")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Status:
        if self.notification is None and self.notification_scope != "all_holders":
            raise ValueError("notification_scope needs a notification")
        for t in self.transitional:
            if self.valid_to is None or t.valid_from is None or t.valid_from <= self.valid_to:
                raise ValueError("a transitional entry starts after the status ends (valid_to)")
        if self.notification == "spouse" and self.notification_scope != "spouses_only":
            raise ValueError("the spouse duty (Art. 19-16(iii)) applies only to spouses: set notification_scope: "
                             "spouses_only")
        return self

    @property
    def counts_toward_pr_five_years(self) -> bool:
        """Whether years on this status count toward the permanent-residence guideline's 5 years
        "on a work status (excluding TITP and SSW (i)) or a residence status" — the residence
        statuses being Appended Table II."""
        return self.work_status or self.table == "II"


class FeeVersion(Cited):
    counter: int | None = Field(ge=0, description="Yen at the counter (None: not filed at the counter)")
    online: int | None = Field(ge=0, description="Yen online (None: no online filing)")
    online_fact_status: FactStatus | None = Field(
        None, description="Fact status of the online amount when it is less certain than the counter amount"
    )


class Fee(_Strict):
    procedure: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    versions: list[FeeVersion] = Field(min_length=1)
    note: str | None = None


class StatusFile(_Strict):
    statuses: list[Status]


class FeeFile(_Strict):
    fees: list[Fee]


class Document(_Strict):
    """A document to submit: its Japanese name (what the office reads) and what it is in en/ru/uk."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    ja: str
    en: str
    ru: str | None = None
    uk: str | None = None
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    fact_status: FactStatus = "isa"


class Text(_Strict):
    ja: str
    en: str
    ru: str | None = None
    uk: str | None = None


class Procedure(Cited):
    """A residence procedure (在留手続): change of status, extension, permanent residence, ..."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    special_period: bool = Field(False, description="Art. 20(6) special period applies while pending")
    online: bool = Field(False, description="Can be filed through the online residence system")
    processing_time: Text | None = None
    documents: list[Document] = Field(default_factory=list)
    status_documents: dict[str, list[Document]] = Field(
        default_factory=dict, description="Extra documents per target status code"
    )
    fee_codes: list[str] = Field(
        default_factory=list, description="Codes in fees.yaml for this procedure (default: its own code)"
    )
    free: bool = Field(False, description="No fee is charged (ICRRA Art. 67 lists no fee for it)")


class MeasurePeriod(Cited):
    """The period of stay granted under a measure in one dated stretch of it, with who gets which (the Myanmar
    measure granted 6 months at first and 1 year from about April 2022, law.md §12)."""

    period: IsoPeriod = Field(description="The usual grant in this stretch")
    who_ja: str
    who_en: str


class Measure(Cited):
    """A dated special measure for nationals of one country (e.g. Ukrainian evacuees)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    name_ru: str | None = None
    name_uk: str | None = None
    nationalities: list[str] = Field(min_length=1, description="ISO 3166-1 alpha-2 codes")
    target_status: str
    designation: str | None = Field(
        None, description="The Designated Activities designation it grants, as facts name it (stay.designation)")
    keeps_status_while_activity_continues: bool = Field(
        False, description="A person whose original activity continues keeps the current status (e.g. an enrolled "
                           "student keeps Student): the measure is for those whose activity has ended")
    period: str | None = Field(None, description="The period first granted under the measure (see periods for later "
                                                    "changes)")
    periods: list[MeasurePeriod] = Field(
        default_factory=list, description="Dated periods granted under the measure, when they changed over time")
    work: Employment
    summary_ja: str
    summary_en: str
    summary_ru: str | None = None
    summary_uk: str | None = None

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        return None if v is None else _check_duration(v, "period")

    def period_on(self, on: date) -> MeasurePeriod | None:
        """The dated period entry in force on a day (None when the measure records no dated periods then)."""
        return next((p for p in self.periods if p.in_force(on)), None)


RuleDecidedOn = Literal["as_of", "event"]
"""Which day decides whether a rule parameter applies: the day assessed (``as_of``), or the day of an event
the rule is about, such as the day a residence card was issued (``event``)."""


class RuleParameter(Cited):
    """A dated rule of the law that the rules read (an OpenFisca-style parameter): a cut-over (the day a rule
    starts or stops applying), a length the rule uses, or a list the rule checks against.

    The rules ask the law view of their date for it (``law.rule(code)``: None when not in force then); a rule
    whose question is about another day (the day a card was issued) reads the entry's own dates
    (``law.rule_entry(code).valid_from``). No date, length or list with legal meaning lives in Python.
    """

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    name_ru: str | None = None
    name_uk: str | None = None
    decided_on: RuleDecidedOn = Field(
        "as_of", description="as_of: applies on the days it is in force; event: to events dated in force"
    )
    period: IsoPeriod | None = Field(None, description="A length the rule uses, e.g. P6Y for a 6-year ceiling")
    nationalities: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=list, description="ISO 3166-1 alpha-2 codes of the nationalities the rule names"
    )
    count: int | None = Field(
        None, ge=1, description="A number the rule uses, e.g. 3 for 'the third application onward'")

    def name(self, lang: str) -> str:
        """The rule's name in ``lang`` (English where the data has none in that language)."""
        return in_lang(lang, self.name_ja, self.name_en, ru=self.name_ru, uk=self.name_uk)

    def length(self) -> Duration:
        """The rule's period as a :class:`Duration` (an error naming the rule when it has none)."""
        if self.period is None:
            raise LawDataError("the rule parameter has no period", where=f"rules '{self.code}'", field="period")
        return Duration.parse(self.period)


Kokuji = Literal["kokuji", "non_kokuji"]
"""A Designated Activities designation fixed by the public notice (特定活動告示, MOJ Notice No. 131 of 1990, under
ICRRA Art. 7(1)(ii)) or designated outside it (告示外: refugee applicants, departure preparation, country
measures)."""


class Designation(Cited):
    """A designation of Designated Activities (App. Table I-5) as facts name it (``stay.designation``): whether
    the public notice fixes it and under which number, and what the law attaches to it. Dated: a designation
    that ended (the COVID-19 "unable to return" designation) is not offered or extended after its valid_to."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str
    name_en: str
    kokuji: Kokuji | None = Field(None, description="告示 or 告示外; None: not recorded in zairyu's reference")
    number: str | None = Field(None, description="The item of the public notice (告示第46号 → '46'; '5-2')")
    period_row: Literal["一", "三"] | None = Field(
        None, description="The sub-row of Ordinance App. Table II that sets its periods (law.md §1.3)")
    period: IsoPeriod | None = Field(None, description="The period usually granted, where zairyu's reference gives one")
    measure: str | None = Field(None, description="The country measure (measures.yaml) that grants it")
    special_re_entry: bool = Field(
        True, description="False where Ordinance Art. 29-4 excludes its holders from special re-entry "
                          "(refugee applicants)")
    spouse: bool = Field(False, description="Held as a spouse: the Art. 19-16(iii) duty")
    unverified_fields: list[str] = Field(
        default_factory=list, description="Fields that could not be confirmed (shown as unverified)")

    @field_validator("unverified_fields")
    @classmethod
    def _known_fields(cls, v: list[str]) -> list[str]:
        for name in v:
            if name not in cls.model_fields:
                raise ValueError(f"'{name}' is not a field of a designation")
        return v

    @model_validator(mode="after")
    def _number(self) -> Designation:
        if self.number is not None and self.kokuji != "kokuji":
            raise ValueError("only a designation of the public notice (kokuji: kokuji) has a number")
        return self


class DesignationFile(_Strict):
    designations: list[Designation]


class RuleFile(_Strict):
    rules: list[RuleParameter]


class ProcedureFile(_Strict):
    procedures: list[Procedure]


class MeasureFile(_Strict):
    measures: list[Measure]


class LawFiles(_Strict):
    """The whole law as one document (used for the exported JSON Schema)."""

    statuses: list[Status]
    fees: list[Fee]
    procedures: list[Procedure] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    rules: list[RuleParameter] = Field(default_factory=list)
    designations: list[Designation] = Field(default_factory=list)
