"""What the page forms need beyond the services: the choices they offer (nationalities, the statuses in force
on a date and the periods each allows, from the law catalogue) and the reader's-language text for an error the
services found in a field.

The validation itself is the services' (the same calls as the JSON API): a page catches the
:class:`~zairyu.errors.ZairyuError` a service raises, and shows the form again with what was typed and, next to
the error's ``field``, what that field allows — in the reader's language (the services' own texts are English,
for the API and the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from zairyu import glossary, nationality
from zairyu.duration import Duration
from zairyu.errors import ZairyuError
from zairyu.law.catalogue import catalogue
from zairyu.limits import DATES_ALLOWED, EARLIEST, LATEST
from zairyu.web.i18n import N_, format_period, gettext_for

FIELD_HINTS: dict[str, str] = {
    "family_name": N_("The family name is required: Latin letters, up to 200 characters."),
    "given_name": N_("Up to 200 characters."),
    "family_name_kana": N_("Up to 200 characters."),
    "given_name_kana": N_("Up to 200 characters."),
    "family_name_kanji": N_("Up to 200 characters."),
    "given_name_kanji": N_("Up to 200 characters."),
    "nationality": N_("A country zairyu knows: type its name in any language (for example 中国, China, Китай) "
                      "or its two-letter code, and choose it from the suggestions."),
    "birth_date": N_("A real calendar date (year, month, day), not after today."),
    "email": N_("An e-mail address, up to 320 characters."),
    "phone": N_("Up to 50 characters."),
    "sex": N_("Choose one of the options."),
    "preferred_language": N_("Choose one of the options."),
    "status": N_("A status of residence in force on the date of grant: choose it from the list."),
    "period": N_("A period of stay that this status allows: choose it from the list."),
    "new_period": N_("A period of stay that the new status allows: choose it from the list."),
    "granted_on": N_("A real calendar date (year, month, day), not after today, within the dates zairyu "
                     "covers and not before the status existed."),
    "granted_by": N_("Choose one of the options."),
    "expires_on": N_("The expiry is a real calendar date and cannot be before the date of grant."),
    "previous_expires_on": N_("For an extension, the expiry of the previous period of stay (a real calendar "
                              "date)."),
    "new_expires_on": N_("The expiry is a real calendar date and cannot be before the decision."),
    "card_number": N_("A residence card number: two letters, eight digits, two letters (for example "
                      "AB12345678CD)."),
    "card_valid_until": N_("A real calendar date (year, month, day)."),
    "kind": N_("Choose one of the options."),
    "on": N_("A real calendar date (year, month, day), within the dates zairyu covers (for an event: not after "
             "today)."),
    "until": N_("A real calendar date (year, month, day), not before the event."),
    "note": N_("Up to 2000 characters."),
    "procedure": N_("Choose one of the options."),
    "target_status": N_("A status of residence in force today: choose it from the list."),
    "date": N_("A real calendar date (year, month, day), not after today and not before the application was "
               "filed."),
    "decision_date": N_("A real calendar date (year, month, day), not after today and not before the "
                        "application was filed."),
    "filed_on": N_("A real calendar date (year, month, day), not after today and not before the current "
                   "status was granted."),
    "channel": N_("Choose one of the options."),
    "decision": N_("Choose one of the options."),
    "receipt_number": N_("Up to 100 characters."),
    "file": N_("A file of an accepted type (PDF, JPEG, PNG, HEIC, TXT, DOCX, XLSX) whose content matches its "
               "name, not empty and not larger than the limit."),
    "confirm": N_("Tick the box to confirm: this step cannot be undone."),
    "current_password": N_("The password you sign in with now. Nothing was changed."),
    "new_password": N_("At least 10 characters other than spaces."),
    "version": N_("Someone else saved this record after you opened the form. What you typed is still below: "
                  "reload the page to see their change, then make yours again."),
}
"""What each form field allows, as a reader is told it next to the field when the server refused its value."""

UPLOAD_FIELDS = {"content_type", "size", "filename", "file"}
STALE_FIELDS = {"version", "expected_version", "id"}


def error_field(exc: ZairyuError, prefix: str = "") -> str:
    """The form field an error belongs to (``stay.granted_on`` → ``granted_on``; upload problems → ``file``)."""
    name = (exc.field or "").split(".")[-1]
    if type(exc).__name__ == "StaleRecordError" or name in STALE_FIELDS:
        return "version"
    if name in UPLOAD_FIELDS:
        return "file"
    if name and prefix and f"{prefix}{name}" != name:
        return f"{prefix}{name}"
    return name or "form"


ALIASES = {"decision_date": "date", "filed_on": "date"}
"""Service fields that the application page's forms name otherwise (one date field per form)."""


def form_errors(exc: ZairyuError, lang: str, prefix: str = "", *, aliases: bool = False) -> dict[str, str]:
    """``{field: what it allows, in lang}`` for an error a service raised (the field as the form names it)."""
    _ = gettext_for(lang)
    field = error_field(exc, prefix)
    hint_field = field
    if aliases and field in ALIASES:
        field = ALIASES[field]
    hint = FIELD_HINTS.get(hint_field.removeprefix(prefix)) if field != "version" else FIELD_HINTS["version"]
    if hint is None:
        hint = N_("This value cannot be accepted. Check it and try again.")
    text = _(hint)
    if exc.allowed and DATES_ALLOWED in exc.allowed:  # a date outside the range zairyu accepts: say which
        text += f" ({EARLIEST.isoformat()} – {LATEST.isoformat()})"
    return {field: text}


def refused_status(exc: ZairyuError) -> int:
    """The status of a form shown again with its error: 409 for a stale copy of the record (or another conflict,
    as the API answers it: ``web.app.error_status``), else 422 for a refused value."""
    from zairyu.web.app import error_status

    return 409 if error_status(exc) == 409 else 422


def typed(form: Any) -> dict[str, str]:
    """What was typed into a form, to show it again (files and the CSRF token left out)."""
    return {k: v for k, v in dict(form).items() if isinstance(v, str) and k != "csrf_token"}


def combine_period(form: dict[str, Any], key: str) -> None:
    """A period chosen as "another period" (years, months, days typed as numbers) written as the ISO period the
    services take (``P1Y6M``); the number fields leave the form. A period chosen from the list stays as it is."""
    parts = {unit: str(form.pop(f"{key}_{unit.lower()}", "") or "").strip() for unit in ("Y", "M", "D")}
    if form.get(key) != "other":
        return
    iso = "".join(f"{int(v)}{unit}" for unit, v in parts.items() if v.isdigit() and int(v) > 0)
    form[key] = f"P{iso}" if iso else "other"  # "other" with no numbers: refused by the service, naming the field


# --------------------------------------------------------------------------- choices


@dataclass(frozen=True)
class StatusChoice:
    code: str
    label: str
    periods: tuple[tuple[str, str], ...]
    """``(ISO period, the period in the reader's words)``; empty when the status has no fixed period (Permanent
    Resident: indefinite)."""
    up_to: str | None = None
    """For a period the Minister designates individually up to a maximum (Student since 2021-03-30: up to 4 years
    3 months; Temporary Visitor: 15 days or less in days): that maximum, in the reader's words. The form then also
    offers "another period" as years, months and days."""


def status_label(code: str, lang: str, name_ja: str = "", name_en: str = "") -> str:
    known = code in glossary.KINDS["status"]
    ja = glossary.term_ja("status", code) if known else name_ja or code
    if lang == "ja":
        return ja
    own = glossary.term("status", code, lang) if known else name_en or code
    return f"{ja} — {own}"


@cache
def status_choices(on: date, lang: str) -> tuple[StatusChoice, ...]:
    """Every status of residence in force on ``on`` (the law catalogue), with the periods its version allows,
    sorted by the name in the reader's language."""
    law = catalogue(on)
    out = []
    for view in law.statuses:
        code, p = view.code, view.periods
        isos = list(p.values)
        limit = p.max if p.kind == "designated" else p.designated_up_to
        if limit:
            # the usual grants: this version's listed values, else the fixed list of the status's earlier versions
            # that this version still allows (law data), and the maximum itself
            if not isos:
                for old in view.status.periods:
                    isos.extend(v for v in old.values if v not in isos and p.allows(Duration.parse(v)))
            if p.kind == "designated" and limit not in isos:
                isos.insert(0, limit)
            isos.sort(key=lambda v: Duration.parse(v), reverse=True)
        out.append(StatusChoice(code, status_label(code, lang, view.name_ja, view.name_en),
                                tuple((iso, format_period(iso, lang)) for iso in isos),
                                format_period(limit, lang) if limit else None))
    return tuple(sorted(out, key=lambda c: c.label.split(" — ")[-1].casefold()))


def nationality_names(lang: str) -> list[tuple[str, str]]:
    """``(code, name in lang)`` for the nationality field's suggestions."""
    return list(nationality.names(lang).items())


def nationality_value(value: str | None, lang: str) -> str:
    """A stored code shown as its name in the reader's language (what the field holds); other text as typed."""
    if value and len(value) == 2 and value.upper() in nationality.codes():
        return nationality.name(value, lang)
    return value or ""
