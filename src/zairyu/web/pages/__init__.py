"""Server-rendered pages. Every page route declares its permission with :func:`allow`."""

from __future__ import annotations

from fastapi import APIRouter

from zairyu.web.pages import assess, cases, law, office, precedents, public

router = APIRouter(include_in_schema=False)
router.include_router(public.router)
router.include_router(law.router)
router.include_router(precedents.router)
router.include_router(office.router)
router.include_router(cases.router)
router.include_router(assess.router)
