"""The law catalogue on a date: statuses, procedures, fees and special measures."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from zairyu.glossary import STATUSES, term
from zairyu.law.catalogue import catalogue
from zairyu.web.api.common import ERRORS, as_of
from zairyu.web.api.lang import LangQuery, Langs, answer_langs, only
from zairyu.web.permissions import Access, allow
from zairyu.web.responses import JSONResponse
from zairyu.web.schemas import LawMeasuresOut, LawProceduresOut, LawStatusesOut, LawStatusOut

router = APIRouter(prefix="/law", tags=["law"], responses=ERRORS)


def _names(kind: str, code: str, langs: Langs) -> dict[str, str]:
    return {lang: term(kind, code, lang) for lang in langs.langs}


@router.get("/statuses", response_model=LawStatusesOut, summary="Statuses of residence in force on a date")
def statuses(request: Request, on: date | None = Query(None, description="As-of date (default today)"),
             access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    d = as_of(request, on)
    law = catalogue(d)
    out = []
    for s in law.statuses:
        j = s.to_json()
        j["names"] = (_names("status", s.code, langs) if s.code in STATUSES
                      else only({"ja": s.name_ja, "en": s.name_en}, langs))
        out.append(j)
    return langs.respond({"as_of": d.isoformat(), "statuses": out})


@router.get("/statuses/{code}", response_model=LawStatusOut,
            summary="One status with its periods, provisions and sources")
def status(request: Request, code: str, on: date | None = Query(None),
           access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    d = as_of(request, on)
    s = catalogue(d).status(code, field="code")
    j = s.to_json(full=True)
    j["names"] = _names("status", s.code, langs)
    return langs.respond({"as_of": d.isoformat(), "status": j})


@router.get("/procedures", response_model=LawProceduresOut, summary="Procedures in force on a date, with their fees")
def procedures(request: Request, on: date | None = Query(None),
               access: Access = Depends(allow("law:read")), lang: LangQuery = None) -> Response:
    langs = answer_langs(request, lang, access)
    d = as_of(request, on)
    law = catalogue(d)
    out = []
    for p in law.procedures:
        j = p.model_dump(mode="json", exclude_none=True)
        fee = law.fee(p.code)
        j["fee"] = fee.to_json() if fee else None
        j["names"] = _names("procedure", p.code, langs)
        out.append(j)
    return langs.respond({"as_of": d.isoformat(), "procedures": out,
                          "fees": {f.procedure: f.to_json() for f in law.fees}})


@router.get("/measures", response_model=LawMeasuresOut,
            summary="Special measures in force on a date (optionally for one nationality)")
def measures(request: Request, on: date | None = Query(None),
             nationality: str | None = Query(None, min_length=2, max_length=2, pattern="^[A-Za-z]{2}$"),
             access: Access = Depends(allow("law:read"))) -> Response:
    d = as_of(request, on)
    law = catalogue(d)
    ms = law.measures_for(nationality) if nationality else law.measures
    return JSONResponse({"as_of": d.isoformat(), "measures": [m.model_dump(mode="json", exclude_none=True)
                                                               for m in ms]})
