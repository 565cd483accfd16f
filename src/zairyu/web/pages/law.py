"""The law browser: statuses of residence on a chosen date, with periods, provisions and sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from zairyu.errors import ZairyuError
from zairyu.law.catalogue import COVERED_FROM, COVERED_TO, StatusView, catalogue, check_covered
from zairyu.law.models import TEXT_LANGS
from zairyu.web.forms import form_errors
from zairyu.web.i18n import N_, format_period, gettext_for
from zairyu.web.permissions import Access, allow
from zairyu.web.render import page, request_lang

router = APIRouter()

TABLE_ORDER = ["I-1", "I-2", "I-3", "I-4", "I-5", "II", "special_act"]
TABLES = {"special_act": N_("Special Act")}
"""A table's name where it is not a number of the Act's appended tables (special permanent residents)."""
WORK = {"unrestricted": N_("Unrestricted"), "within_activity": N_("Only within the activity"),
        "not_permitted": N_("Not permitted"), "by_designation": N_("As designated")}


def describe_periods(v: StatusView, lang: str) -> str:
    _ = gettext_for(lang)
    p = v.periods
    if p.kind == "indefinite":
        return _("Indefinite")
    if p.kind == "activity_duration":
        return _("While the activity lasts")
    vals = [format_period(x, lang) for x in p.values]
    if p.kind == "designated" and p.max:
        vals.append(_("individually designated, up to %(max)s") % {"max": format_period(p.max, lang)})
    if p.designated_up_to:
        vals.append(_("up to %(max)s in days") % {"max": format_period(p.designated_up_to, lang)})
    return ", ".join(vals)


def status_rows(on: date, lang: str) -> list[dict[str, Any]]:
    law = catalogue(on)
    rows = []
    for s in law.statuses:
        j = s.to_json(full=True)
        rows.append({"code": s.code, "table": s.status.table, "ja": s.name_ja, "json": j,
                     "activity": s.status.activity(lang), "work_note": s.status.employment_note_in(lang),
                     "text_lang": lang if lang in TEXT_LANGS else "en",
                     "periods": describe_periods(s, lang), "work": WORK.get(s.status.employment, s.status.employment)})
    rows.sort(key=lambda r: (TABLE_ORDER.index(r["table"]) if r["table"] in TABLE_ORDER else 99, r["code"]))
    return rows


@router.get("/law")
def law_page(request: Request, on: str | None = Query(None), access: Access = Depends(allow("law:read"))) -> Response:
    lang = request_lang(request, access.principal)
    error = None
    d = request.app.state.today()
    if on:
        try:
            d = check_covered(date.fromisoformat(on), field="on")
        except ValueError:
            error = ZairyuError(f"'{on}' is not a valid date", field="on", allowed="YYYY-MM-DD")
        except ZairyuError as exc:
            error = exc
    error_text = form_errors(error, lang)["on"] if error else None  # what the field allows, in the reader's language
    law = catalogue(d)
    return page(request, "law.html", {
        "on": d, "rows": status_rows(d, lang), "error": error, "procedures": law.procedures, "law": law,
        "error_text": error_text, "covered_from": COVERED_FROM, "covered_to": COVERED_TO, "tables": TABLES,
    }, status_code=422 if error else 200, principal=access.principal)
