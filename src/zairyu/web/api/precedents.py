"""The precedent register (``/api/v1/precedents``): list and search with facets, one record, add (admin and
caseworker). A client sees only the public register; office staff also see their office's own records."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from zairyu.cases.db import unit_of_work
from zairyu.precedents import proposals, store
from zairyu.web.api.common import ERRORS
from zairyu.web.params import Id
from zairyu.web.permissions import Access, allow
from zairyu.web.responses import JSONResponse
from zairyu.web.schemas import PrecedentOut, PrecedentsOut, ProposalOut, ProposalsOut
from zairyu.web.shared import actor

router = APIRouter(prefix="/precedents", tags=["precedents"], responses=ERRORS)


def _scope(access: Access) -> dict[str, Any]:
    p = access.principal
    return {"organisation_id": p.organisation_id, "public_only": p.role == "client"}


@router.get("", response_model=PrecedentsOut,
            summary="Search the register (summaries, notes, sources in ja/en/ru/uk) with facets")
def search(access: Access = Depends(allow("precedent:read")),
           q: str | None = Query(None, max_length=200, description="Words or Japanese terms, e.g. 留学"),
           kind: list[str] = Query([]), procedure: list[str] = Query([]), outcome: list[str] = Query([]),
           nationality: list[str] = Query([]), tag: list[str] = Query([]), year: list[str] = Query([]),
           authority: list[str] = Query([]), sort: str = Query("relevance", description="relevance|date"),
           limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000)) -> Response:
    filters = {"kind": kind, "procedure": procedure, "outcome": outcome,
               "nationality": [n.upper() for n in nationality], "tag": tag, "year": year, "authority": authority}
    res = store.search(access.db, q, filters, sort=sort, limit=limit, offset=offset,  # type: ignore[arg-type]
                       facet_counts=True, **_scope(access))
    return JSONResponse({"total": res.total, "results": [{**p.to_json(), "score": sc} for p, sc in res.items],
                         "facets": res.facets})


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    consent: bool = Field(description="The client consented to publishing the anonymised record")
    consent_on: date = Field(description="The day the client consented")


@router.get("/proposals", response_model=ProposalsOut,
            summary="The office's proposals to the shared register (with why one still waits)")
def list_proposals(access: Access = Depends(allow("precedent:write"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    return JSONResponse({"proposals": [proposals.proposal_json(access.db, r)
                                       for r in proposals.proposals_of(access.db, org)]})


@router.post("/proposals/{proposal_id}/approve", response_model=PrecedentOut, status_code=201,
             summary="Approve a proposal (a second person: not the proposer); the record enters the register")
def approve_proposal(proposal_id: Id, access: Access = Depends(allow("precedent:write"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    with unit_of_work(access.db) as s:
        row = proposals.approve(s, proposal_id, actor(access.principal), organisation_id=org)
        out = {**row.data, "version": row.version}
    return JSONResponse(out, status_code=201)


@router.get("/{code}", response_model=PrecedentOut, summary="One record with its version")
def show(code: str, access: Access = Depends(allow("precedent:read"))) -> Response:
    p, version = store.get_precedent(access.db, code, **_scope(access))
    return JSONResponse({**p.to_json(), "version": version})


@router.post("", response_model=PrecedentOut, status_code=201,
             summary="Add a record (validated; refused naming the field)")
def add(body: dict[str, Any], access: Access = Depends(allow("precedent:write")),
        private: bool = Query(False, description="Visible to the office only, not the public register")
        ) -> Response:
    with unit_of_work(access.db) as s:
        row = store.add_precedent(s, body, actor(access.principal),
                                  organisation_id=access.principal.organisation_id if private else None,
                                  public=not private)
        out = {**row.data, "version": row.version}
    return JSONResponse(out, status_code=201)


proposal_router = APIRouter(tags=["precedents"], responses=ERRORS)


@proposal_router.post("/applications/{application_id}/precedent-proposal", response_model=ProposalOut,
                      status_code=201,
                      summary="Propose a decided application to the shared register (anonymised, with consent)")
def propose(application_id: Id, body: ProposalIn,
            access: Access = Depends(allow("precedent:write", scope="application"))) -> Response:
    org = access.principal.organisation_id
    assert org is not None
    with unit_of_work(access.db) as s:
        row = proposals.propose(s, application_id, actor(access.principal), organisation_id=org,
                                consent=body.consent, consent_on=body.consent_on)
        out = proposals.proposal_json(s, row)
    return JSONResponse(out, status_code=201)
