"""The floor of ``bench_web.py --floor``: a bare FastAPI app on the same server stack as ``zairyu serve``
(uvicorn, httptools with TCP_NODELAY, uvloop; no middleware) whose one route parses the posted body into the
same pydantic :class:`~zairyu.facts.Facts` model and answers with the bytes of the real answer, precomputed
(read once from the file named by ``ZAIRYU_FLOOR_BODY``). What is left between it and the real route is
zairyu's own work: sign-in, permissions, the rules, the answer's JSON, its middleware."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response

from zairyu.facts import Facts

BODY = Path(os.environ["ZAIRYU_FLOOR_BODY"]).read_bytes()
LANG = os.environ.get("ZAIRYU_FLOOR_LANG", "en")

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.post("/api/v1/assess")
async def assess(facts: Facts) -> Response:
    return Response(BODY, media_type="application/json", headers={"Content-Language": LANG})


@app.get("/healthz")
async def healthz() -> Response:
    return Response(b"ok")
