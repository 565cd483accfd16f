"""The precedent register's pages: search with facets, one record with its versions, and the statistics drawn
as charts (uPlot, served from ``/static/uplot``) with their data tables beside them.

Who sees what comes from the permission matrix (``precedent:read``): a client sees the shared public register
only; office staff also see their office's own records (:func:`zairyu.web.api.precedents._scope`)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import yaml
from babel import Locale
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from zairyu import glossary
from zairyu.cases.db import unit_of_work
from zairyu.cases.services.common import NotFoundError
from zairyu.errors import InvalidInputError
from zairyu.messages import FALLBACK, catalogue, message, render
from zairyu.precedents import proposals, store
from zairyu.precedents.extract import extract
from zairyu.precedents.model import Precedent
from zairyu.precedents.public import public_register_on, set_public_register
from zairyu.precedents.register import GRANTED, REFUSED, packaged_register
from zairyu.web.api.precedents import _scope
from zairyu.web.params import Id
from zairyu.web.permissions import Access, Principal, allow, db_session
from zairyu.web.render import page, request_lang
from zairyu.web.shared import actor

router = APIRouter()

PAGE_SIZE = 20
FACET_LIMIT = 12
"""Values shown per facet (the most frequent; a chosen value is always shown)."""


def labeller(lang: str) -> Any:
    """``label(facet, value)``: a facet value in the reader's language (glossary, messages, country names)."""
    loc = Locale.parse(lang)

    def label(facet: str, value: str | None) -> str:
        if value is None:
            return ""
        if facet == "procedure":
            if value in glossary.PROCEDURES:
                return glossary.term("procedure", value, lang)
            return render(message(f"precedent.procedure.{value}"), lang)
        if facet in ("kind", "outcome", "confidence", "figure"):
            return render(message(f"precedent.{facet}.{value}"), lang)
        if facet == "tag":
            return render(message(f"tag.{value}"), lang)
        if facet == "nationality":
            return str(loc.territories.get(value, value))
        if facet == "status":  # a status, a group of statuses (titp), or none / various
            if value in ("none", "various"):
                return render(message(f"precedent.status.{value}"), lang)
            if value not in glossary.STATUSES and f"status_group.{value}" in catalogue(FALLBACK):
                return render(message(f"status_group.{value}"), lang)
            return glossary.term("status", value, lang)
        return value

    return label


def summary_of(p: Precedent, lang: str) -> dict[str, str]:
    written, text = p.summary(lang)
    return {"lang": written, "text": text}


def _facet_view(facets: dict[str, dict[str, int]], chosen: dict[str, list[str]], label: Any
                ) -> list[dict[str, Any]]:
    out = []
    for f in store.FACETS:
        counts = facets.get(f, {})
        vals = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if f == "year":
            vals = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        shown = vals[:FACET_LIMIT]
        for v in chosen.get(f, []):
            if v not in dict(shown):
                shown.append((v, counts.get(v, 0)))
        out.append({"name": f, "values": [{"value": v, "count": n, "label": label(f, v),
                                           "checked": v in chosen.get(f, [])} for v, n in shown]})
    return out


Filters = dict[str, list[str]]


def _filters(kind: list[str], procedure: list[str], outcome: list[str], nationality: list[str], tag: list[str],
             year: list[str], authority: list[str]) -> Filters:
    return {k: v for k, v in {"kind": kind, "procedure": procedure, "outcome": outcome,
                              "nationality": [n.upper() for n in nationality], "tag": tag, "year": year,
                              "authority": authority}.items() if v}


def _register(request: Request, db: Session, scope: dict[str, Any], base: str, principal: Principal | None,
              q: str | None, chosen: Filters, sort: str, page_no: int) -> Response:
    lang = request_lang(request, principal)
    res = store.search(db, q, chosen, sort=sort, limit=PAGE_SIZE,  # type: ignore[arg-type]
                       offset=(page_no - 1) * PAGE_SIZE, facet_counts=True, **scope)
    label = labeller(lang)
    rows = [{"p": p, "score": sc, "summary": summary_of(p, lang)} for p, sc in res.items]
    pages = max(1, -(-res.total // PAGE_SIZE))
    query = [(k, v) for k, vals in chosen.items() for v in vals] + ([("q", q)] if q else []) + [("sort", sort)]
    return page(request, "precedents.html", {
        "q": q or "", "sort": sort, "rows": rows, "total": res.total, "facets": _facet_view(res.facets, chosen, label),
        "label": label, "page_no": page_no, "pages": pages, "base_query": query, "base": base,
        "empty_register": res.total == 0 and not q and not chosen,
    }, principal=principal)


@router.get("/precedents")
def register_page(request: Request, q: str | None = Query(None, max_length=200),
                  kind: list[str] = Query([]), procedure: list[str] = Query([]), outcome: list[str] = Query([]),
                  nationality: list[str] = Query([]), tag: list[str] = Query([]), year: list[str] = Query([]),
                  authority: list[str] = Query([]), sort: str = Query("relevance", max_length=20),
                  page_no: int = Query(1, alias="page", ge=1, le=50_000),
                  access: Access = Depends(allow("precedent:read"))) -> Response:
    return _register(request, access.db, _scope(access), "/precedents", access.principal, q,
                     _filters(kind, procedure, outcome, nationality, tag, year, authority), sort, page_no)


def _public_db(db: Session) -> Session:
    """The public register's pages exist only while an administrator has turned them on."""
    if not public_register_on(db):
        raise NotFoundError("the public register is not published", field="path")
    return db


PUBLIC_SCOPE: dict[str, Any] = {"organisation_id": None, "public_only": True}


@router.get("/public/precedents")
def public_register_page(request: Request, q: str | None = Query(None, max_length=200),
                         kind: list[str] = Query([]), procedure: list[str] = Query([]),
                         outcome: list[str] = Query([]), nationality: list[str] = Query([]),
                         tag: list[str] = Query([]), year: list[str] = Query([]), authority: list[str] = Query([]),
                         sort: str = Query("relevance", max_length=20),
                         page_no: int = Query(1, alias="page", ge=1, le=50_000),
                         db: Session = Depends(db_session)) -> Response:
    return _register(request, _public_db(db), PUBLIC_SCOPE, "/public/precedents", None, q,
                     _filters(kind, procedure, outcome, nationality, tag, year, authority), sort, page_no)


def _stats(request: Request, db: Session, scope: dict[str, Any], base: str, principal: Principal | None,
           procedure: str | None, tag: str | None) -> Response:
    lang = request_lang(request, principal)
    reg = store.register_of(db, **scope)
    ctx = grant_rates(reg.records, procedure or None, tag or None)
    ctx.update(label=labeller(lang), procedure=procedure or "", tag=tag or "", base=base,
               procedures=sorted({p.procedure for p in reg.records if p.kind != "statistic"}),
               tags=sorted({t for p in reg.records for t in p.circumstances}))
    return page(request, "precedent_stats.html", ctx, principal=principal)


@router.get("/precedents/stats")
def stats_page(request: Request, procedure: str | None = Query(None, max_length=60),
               tag: str | None = Query(None, max_length=60),
               access: Access = Depends(allow("precedent:read"))) -> Response:
    return _stats(request, access.db, _scope(access), "/precedents", access.principal, procedure, tag)


@router.get("/public/precedents/stats")
def public_stats_page(request: Request, procedure: str | None = Query(None, max_length=60),
                      tag: str | None = Query(None, max_length=60), db: Session = Depends(db_session)) -> Response:
    return _stats(request, _public_db(db), PUBLIC_SCOPE, "/public/precedents", None, procedure, tag)


def grant_rates(records: tuple[Precedent, ...] | list[Precedent], procedure: str | None, tag: str | None
                ) -> dict[str, Any]:
    """Decisions and judgments per year: granted (granted, overturned, partially granted) and refused (refused,
    upheld) — the same counting as beside an assessment's option — and the grant rate; the refugee statistics'
    figures per year. ``procedure`` / ``tag`` narrow the decisions counted."""
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_proc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    figures: dict[int, dict[str, int]] = {}
    for p in records:
        if p.kind == "statistic":
            if p.figures and p.procedure == "refugee_recognition":
                figures[int(p.figures.get("year", p.year))] = dict(p.figures)
            continue
        won = p.outcome in GRANTED
        if not won and p.outcome not in REFUSED:
            continue
        i = 0 if won else 1
        if (tag is None or tag in p.circumstances):
            by_proc[p.procedure][i] += 1
        if procedure is None or p.procedure == procedure:
            for t in p.circumstances:
                by_tag[t][i] += 1
            if tag is None or tag in p.circumstances:
                per_year[p.year][i] += 1

    def rate(g: int, r: int) -> float | None:
        return round(100 * g / (g + r), 1) if g + r else None

    years = sorted(per_year)
    if years:
        years = list(range(years[0], years[-1] + 1))
    year_rows = [{"year": y, "granted": per_year[y][0], "refused": per_year[y][1],
                  "rate": rate(*per_year[y]) if y in per_year else None} for y in years]
    fig_rows = [{"year": y, **{k: figures[y].get(k) for k in ("applications", "recognised",
                                                              "complementary_protection", "humanitarian")},
                 "rate": round(100 * figures[y]["recognised"] / figures[y]["applications"], 2)
                 if figures[y].get("applications") else None} for y in sorted(figures)]
    chart_years = {"x": years, "granted": [r["granted"] for r in year_rows],
                   "refused": [r["refused"] for r in year_rows], "rate": [r["rate"] for r in year_rows]}
    chart_fig = {"x": [r["year"] for r in fig_rows], "applications": [r["applications"] for r in fig_rows],
                 "recognised": [r["recognised"] for r in fig_rows], "rate": [r["rate"] for r in fig_rows]}
    return {
        "year_rows": year_rows, "fig_rows": fig_rows,
        "proc_rows": [{"code": k, "granted": v[0], "refused": v[1], "rate": rate(*v)}
                      for k, v in sorted(by_proc.items(), key=lambda kv: -sum(kv[1]))],
        "tag_rows": [{"code": k, "granted": v[0], "refused": v[1], "rate": rate(*v)}
                     for k, v in sorted(by_tag.items(), key=lambda kv: (-sum(kv[1]), kv[0]))],
        "chart_years": json.dumps(chart_years), "chart_fig": json.dumps(chart_fig),
    }


def _record(request: Request, db: Session, scope: dict[str, Any], base: str, principal: Principal | None,
            code: str) -> Response:
    lang = request_lang(request, principal)
    try:
        p, version = store.get_precedent(db, code, **scope)
        versions = [{"version": v.version, "actor": v.actor, "at": v.at} for v in store.versions_of(db, code)]
    except NotFoundError:
        # While the database holds no records the assessment shows the packaged dataset; its links lead here.
        packaged = packaged_register().get(code)
        if packaged is None or store.count_precedents(db) or base != "/precedents":
            raise
        p, version, versions = packaged, 1, []
    others = [(lg, getattr(p, f"summary_{lg}")) for lg in ("ja", "en", "ru", "uk")
              if getattr(p, f"summary_{lg}") and lg != summary_of(p, lang)["lang"]]
    return page(request, "precedent.html", {
        "p": p, "version": version, "versions": versions, "summary": summary_of(p, lang), "others": others,
        "label": labeller(lang), "show_actor": principal is not None and principal.role != "client", "base": base,
    }, principal=principal)


@router.get("/precedents/proposals")
def proposals_page(request: Request, access: Access = Depends(allow("precedent:write"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    rows = [proposals.proposal_json(access.db, r) for r in proposals.proposals_of(access.db, org)]
    return page(request, "precedent_proposals.html", {"proposals": rows, "label": labeller(request_lang(
        request, access.principal))}, principal=access.principal)


@router.post("/precedents/proposals/{proposal_id}/approve")
def proposal_approve(request: Request, proposal_id: Id,
                     access: Access = Depends(allow("precedent:write"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    with unit_of_work(access.db):
        row = proposals.approve(access.db, proposal_id, actor(access.principal), organisation_id=org)
        code = row.code
    return RedirectResponse(f"/precedents/{code}", status_code=303)


@router.post("/applications/{application_id}/propose")
def application_propose(request: Request, application_id: Id, consent: str = Form("", max_length=10),
                        consent_on: str = Form("", max_length=20),
                        access: Access = Depends(allow("precedent:write", scope="application"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    try:
        day = dt.date.fromisoformat(consent_on) if consent_on else None
    except ValueError:
        raise InvalidInputError("not a date", field="consent_on", value=consent_on, allowed="YYYY-MM-DD") from None
    with unit_of_work(access.db):
        proposals.propose(access.db, application_id, actor(access.principal), organisation_id=org,
                          consent=consent == "yes", consent_on=day)
    return RedirectResponse(f"/applications/{application_id}", status_code=303)


def _marked(text: str, evidence: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, field or None): the words each value came from are marked."""
    spans = sorted({(f["start"], f["end"], field) for field, found in evidence.items() for f in found})
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, field in spans:
        if start < pos:
            continue
        out += [(text[pos:start], None), (text[start:end], field)]
        pos = end
    out.append((text[pos:], None))
    return [(t, f) for t, f in out if t]


@router.get("/precedents/extract")
def extract_page(request: Request, access: Access = Depends(allow("precedent:write"))) -> Response:
    return page(request, "precedent_extract.html", {"text": "", "result": None}, principal=access.principal)


@router.post("/precedents/extract")
def extract_post(request: Request, text: str = Form(..., max_length=20_000),
                 access: Access = Depends(allow("precedent:write"))) -> Response:
    """A draft record from a pasted report or notice (offline); nothing is stored."""
    result = extract(text)
    return page(request, "precedent_extract.html", {
        "text": text, "result": result, "marked": _marked(text, result["evidence"]),
        "draft_yaml": yaml.safe_dump([result["draft"]], allow_unicode=True, sort_keys=False),
        "label": labeller(request_lang(request, access.principal))}, principal=access.principal)


@router.get("/precedents/{code}")
def precedent_page(request: Request, code: str, access: Access = Depends(allow("precedent:read"))) -> Response:
    return _record(request, access.db, _scope(access), "/precedents", access.principal, code)


@router.get("/public/precedents/{code}")
def public_precedent_page(request: Request, code: str, db: Session = Depends(db_session)) -> Response:
    return _record(request, _public_db(db), PUBLIC_SCOPE, "/public/precedents", None, code)


@router.get("/admin/precedents")
def admin_page(request: Request, access: Access = Depends(allow("precedent:publish"))) -> Response:
    return page(request, "precedents_admin.html", {"public_on": public_register_on(access.db)},
                principal=access.principal)


@router.post("/admin/precedents")
async def admin_set(request: Request, public: str = Form("", max_length=10),
                    access: Access = Depends(allow("precedent:publish"))) -> Response:
    if public not in ("on", "off"):
        raise InvalidInputError("choose on or off", field="public", value=public, allowed="on, off")
    with unit_of_work(access.db):
        set_public_register(access.db, public == "on", actor(access.principal))
    return RedirectResponse("/admin/precedents", status_code=303)
