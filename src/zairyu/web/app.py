"""The web application: ``create_app(settings)`` builds the FastAPI app (JSON API under ``/api/v1``
with OpenAPI at ``/docs`` and ``/openapi.json``; pages at ``/``), bound to one database."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zairyu.cases.db import get_engine, session_factory
from zairyu.errors import UnknownCodeError, ZairyuError
from zairyu.limits import allowed_of, error_of
from zairyu.settings import Settings, get_settings
from zairyu.web.auth import LoginThrottle, parse_proxies
from zairyu.web.i18n import LANGS, gettext_for
from zairyu.web.limits import BodyLimits, BodyRejected
from zairyu.web.permissions import AuthRequired, CsrfFailed, Forbidden, NotVisible
from zairyu.web.responses import JSONResponse

STATIC = Path(__file__).parent / "static"

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"),
]
DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zairyu — API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger/init.js"></script>
</body></html>
"""
"""The API reference at ``/docs``: Swagger UI from zairyu's own static files (``static/swagger``) and no inline
script, so the page keeps the same CSP as every other page (``script-src 'self'``, no CDN)."""


NO_STORE = b"no-store"
"""Every answer but the static files: API answers and pages carry people's data, which no browser or proxy
cache may keep (a shared computer, a proxy's disk)."""
HSTS = b"max-age=31536000"
"""Under HTTPS (as uvicorn sees it, also behind a trusted proxy): browsers keep to HTTPS for a year."""


class SecurityHeaders:
    """Adds nosniff, frame and referrer policies, a CSP, ``Cache-Control: no-store`` and (under HTTPS) HSTS to
    every answer, error answers included (a plain ASGI middleware around the whole app)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        https = scope.get("scheme") == "https"
        static = path.startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS:
                    if k not in present:
                        headers.append((k, v))
                if b"cache-control" not in present and not static:
                    headers.append((b"cache-control", NO_STORE))
                if https and b"strict-transport-security" not in present:
                    headers.append((b"strict-transport-security", HSTS))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_status(exc: ZairyuError) -> int:
    name = type(exc).__name__
    if name in ("NotFoundError", "PersonNotFoundError"):
        return 404
    if name in ("StaleRecordError", "ConflictError", "TransitionError", "InvalidTransitionError"):
        return 409
    if name in ("SchemaError",):
        return 503
    if name == "TooManyAttempts":
        return 429
    return 422


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_json(status: int, error: str, message: str, *, field: str | None = None,
               allowed: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": error, "message": message, "reason": message}
    if field is not None:
        body["field"] = field
    if allowed is not None:
        body["allowed"] = allowed
    return JSONResponse(body, status_code=status)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None,
               today: Callable[[], date] | None = None) -> FastAPI:
    """The app for ``settings`` (read from the environment when None). ``today`` is the clock of the
    interface (tests pass a fixed date); everything below receives dates, never reads the clock."""
    settings = settings or get_settings()
    app = FastAPI(
        title="zairyu",
        version="0.1.0",
        description="Japan's residence-status law, deadlines, assessment and case manager. "
                    "Authenticate with POST /api/v1/auth/token and send `Authorization: Bearer <token>`.",
        openapi_url="/openapi.json",
        docs_url=None,  # served below from zairyu's own files
        redoc_url=None,
        default_response_class=JSONResponse,
    )
    engine = engine or get_engine(settings.db_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = LazySessionmaker(engine)
    app.state.throttle = LoginThrottle(engine)
    app.state.trusted_proxies = parse_proxies(settings.trusted_proxies)
    app.state.today = today or date.today

    from zairyu.web.api import router as api_router
    from zairyu.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    _install_docs(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _install_handlers(app)
    app.add_middleware(BodyLimits, max_upload_bytes=settings.max_upload_bytes)
    # outermost, around Starlette's own error middleware: a server error's answer carries the headers too
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityHeaders(build_stack())  # type: ignore[method-assign]
    return app


def _install_docs(app: FastAPI) -> None:
    from fastapi.openapi.docs import get_swagger_ui_oauth2_redirect_html
    from fastapi.responses import HTMLResponse

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def docs_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()


class LazySessionmaker:
    """Checks the schema on first use (so the app can be built before ``zairyu db upgrade``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory: sessionmaker[Any] | None = None

    def __call__(self) -> Any:
        if self._factory is None:
            self._factory = session_factory(self.engine)
        return self._factory()


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ZairyuError)
    async def zairyu_error(request: Request, exc: ZairyuError) -> Response:
        status = error_status(exc)
        if is_api(request):
            body = exc.to_json()
            body["reason"] = exc.message
            if isinstance(exc, UnknownCodeError) and exc.suggestions:
                body["suggestions"] = exc.suggestions
            resp = JSONResponse(body, status_code=status)
            if hasattr(exc, "retry_after"):
                resp.headers["Retry-After"] = str(exc.retry_after)
            return resp
        from zairyu.web.render import page
        return page(request, "error.html", {"error": exc, "status": status}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errs = exc.errors()
        first = errs[0] if errs else {"loc": (), "msg": "invalid input"}
        loc = [str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path", "form", "header")]
        field = ".".join(loc) or None
        msg = str(first.get("msg", "invalid input")).removeprefix("Value error, ")
        allowed = allowed_of(first)
        if is_api(request):
            resp = error_json(422, error_of(first).__name__, msg, field=field, allowed=allowed)
            return resp
        from zairyu.web.render import page
        err = ZairyuError(msg, field=field, allowed=allowed)
        return page(request, "error.html", {"error": err, "status": 422}, status_code=422)

    @app.exception_handler(ValidationError)
    async def model_error(request: Request, exc: ValidationError) -> Response:
        # A form validated against an API model inside a page route (same rules as the API).
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first.get("loc", ())) or None
        msg = str(first.get("msg", "invalid input")).removeprefix("Value error, ")
        allowed = allowed_of(first)
        if is_api(request):
            return error_json(422, error_of(first).__name__, msg, field=field, allowed=allowed)
        from zairyu.web.render import page
        return page(request, "error.html", {"error": ZairyuError(msg, field=field, allowed=allowed), "status": 422},
                    status_code=422)

    @app.exception_handler(AuthRequired)
    async def auth_required(request: Request, exc: AuthRequired) -> Response:
        if is_api(request):
            r = error_json(401, "AuthRequired", "sign in first: POST /api/v1/auth/token")
            r.headers["WWW-Authenticate"] = "Bearer"
            return r
        nxt = request.url.path
        lang = request.query_params.get("lang")  # the sign-in page in the language the visitor asked for
        keep = f"&lang={lang}" if lang in LANGS else ""
        return RedirectResponse(f"/login?next={nxt}{keep}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        if is_api(request):
            return error_json(403, "Forbidden", f"your role may not do this ({exc.action})")
        from zairyu.web.render import page, request_lang
        _ = gettext_for(request_lang(request))  # the reader's language (the account's, the cookie's, ?lang=)
        return page(request, "error.html", {"error": ZairyuError(_("Your role may not do this.")), "status": 403},
                    status_code=403)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        if is_api(request):
            return error_json(403, "CsrfFailed", "missing or wrong CSRF token (X-CSRF-Token header)",
                              field="csrf_token")
        from zairyu.web.render import page
        return page(request, "error.html", {"error": ZairyuError("CSRF"), "status": 403, "csrf_failed": True},
                    status_code=403)

    @app.exception_handler(NotVisible)
    async def not_visible(request: Request, exc: NotVisible) -> Response:
        if is_api(request):
            return error_json(404, "NotFound", f"no such {exc.what}")
        from zairyu.web.render import page
        return page(request, "error.html", {"error": None, "status": 404}, status_code=404)

    @app.exception_handler(BodyRejected)
    async def body_rejected(request: Request, exc: BodyRejected) -> Response:
        if is_api(request):
            return error_json(exc.status_code, exc.error, exc.message, field=exc.field, allowed=exc.allowed)
        from zairyu.web.render import page, request_lang
        _ = gettext_for(request_lang(request))
        text = _("The request is larger than zairyu accepts.") if exc.status_code == 413 else \
            _("The data is nested more deeply than zairyu accepts.")
        err = ZairyuError(text, field=exc.field, allowed=exc.allowed)
        return page(request, "error.html", {"error": err, "status": exc.status_code}, status_code=exc.status_code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_api(request) or exc.status_code not in (404, 405):
            return error_json(exc.status_code, "HTTPError", str(exc.detail))
        from zairyu.web.render import page
        return page(request, "error.html", {"error": None, "status": exc.status_code}, status_code=exc.status_code)


def app_from_env() -> FastAPI:
    """The app configured from the environment (used by ``zairyu serve``). ``ZAIRYU_TODAY`` fixes the
    app's today (for demos and end-to-end tests); the clock is read here, at the interface."""
    fixed = os.environ.get("ZAIRYU_TODAY")
    if fixed:
        d = date.fromisoformat(fixed)
        app = create_app(today=lambda: d)
    else:
        app = create_app()
    settle_memory()
    return app


GC_THRESHOLD = (20_000, 50, 100)
"""The collector's thresholds in a serving process (Python's defaults: 700, 10, 10)."""


def settle_memory() -> None:
    """For a long-running server process (``zairyu serve``, each worker): what was built at its start (the
    modules, the app, its routes and templates) lives as long as the process, so it is moved out of the
    cyclic garbage collector's way (:func:`gc.freeze`), and the collector runs on young objects less often
    (:data:`GC_THRESHOLD`). An assessment makes some thousands of short-lived objects freed by their
    reference counts; with Python's defaults the collector walked them several times per answer (about a
    sixth of its time, docs/bench-web.md). Objects in a reference cycle are still collected, later."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
