"""Server-rendered pages: one Jinja2 environment, and the per-request context every template gets
(language, translated messages, glossary terms, date formatting, the CSRF token, the user)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from zairyu import glossary
from zairyu.cases.services.tasks import is_overdue as task_overdue
from zairyu.messages.citation import cite_all
from zairyu.web.i18n import (
    LANG_COOKIE,
    LANG_NAMES,
    LANGS,
    deadline_explanation,
    deadline_trace,
    format_date,
    format_period,
    format_yen,
    gettext_for,
    ngettext_for,
    pick_lang,
    rule_text,
)
from zairyu.web.permissions import CSRF_COOKIE, Principal, csrf_token

TEMPLATES = Path(__file__).parent / "templates"

env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(["html"]),
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["todate"] = lambda v: date.fromisoformat(v) if isinstance(v, str) else v


def request_lang(request: Request, principal: Principal | None = None) -> str:
    if principal is None:
        principal = getattr(request.state, "principal", None)
    lang = pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE),
                     principal.language if principal else None, request.headers.get("accept-language"))
    request.state.lang = lang
    return lang


def secure_request(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def set_cookie(response: Any, request: Request, name: str, value: str, *, max_age: int | None = None,
               httponly: bool = True) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=httponly, samesite="lax",
                        secure=secure_request(request), path="/")


def field_hint(exc: Any, lang: str) -> str:
    """What the field an error names allows, in the reader's language (the hints of the forms); a message the page
    already wrote from its catalogue in that language is shown as it is."""
    from zairyu.web.forms import form_errors
    from zairyu.web.i18n import catalogue_texts

    if exc.message in catalogue_texts(lang):
        return str(exc.message)
    return next(iter(form_errors(exc, lang).values()))


def language_name_in(code: str, lang: str) -> str:
    """The language ``code`` as a reader of ``lang`` names it (CLDR through Babel), else its own name."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).languages.get(code) or LANG_NAMES.get(code, code))
    except (ValueError, UnknownLocaleError):
        return LANG_NAMES.get(code, code)


def page(request: Request, template: str, context: dict[str, Any] | None = None, *, status_code: int = 200,
         principal: Principal | None = None) -> HTMLResponse:
    if principal is None:
        principal = getattr(request.state, "principal", None)
    lang = request_lang(request, principal)
    _ = gettext_for(lang)
    today: date = request.app.state.today()
    ctx: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "langs": LANGS,
        "lang_names": LANG_NAMES,
        # a language named inside a sentence, in the reader's language ("мовою: англійська"); the menus name each
        # language in itself (lang_names)
        "language_in": lambda code: language_name_in(code, lang),
        "_": _,
        "gettext": _,
        "ngettext": ngettext_for(lang),
        "term": lambda kind, code: glossary.term(kind, code, lang),
        "term_ja": glossary.term_ja,
        "fdate": lambda d: format_date(d, lang),
        "yen": lambda n: format_yen(n, lang),
        "period": lambda p: format_period(p, lang),
        "csrf": csrf_token(request),
        "user": principal,
        "today": today,
        "path": request.url.path,
        "rule_text": lambda texts: rule_text(texts, lang),
        "cite": lambda bases: cite_all(bases, lang),
        "deadline_explanation": lambda d: deadline_explanation(d, lang),
        "deadline_trace": lambda t: deadline_trace(t, lang),
        "field_hint": lambda exc: field_hint(exc, lang),
        "task_overdue": task_overdue,
    }
    if context:
        ctx.update(context)
    html = env.get_template(template).render(ctx)
    resp = HTMLResponse(html, status_code=status_code, headers={"Content-Language": lang})
    new = getattr(request.state, "new_csrf", None)
    if new and not request.cookies.get(CSRF_COOKIE):
        set_cookie(resp, request, CSRF_COOKIE, new)
    if request.query_params.get("lang") in LANGS:
        set_cookie(resp, request, LANG_COOKIE, request.query_params["lang"], max_age=365 * 86400)
    return resp
