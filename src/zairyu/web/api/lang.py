"""The language of a JSON API answer: one negotiation for every route that writes texts.

In order:

1. ``?lang=xx``: any language zairyu has a catalogue for (:func:`zairyu.messages.languages`), or ``all`` for
   every one of them; anything else is refused (422 naming the field ``lang`` and listing the allowed values);
2. the request's ``Accept-Language``, by its q-values (:func:`zairyu.web.i18n.parse_accept_language`): the
   first language there, in order of preference, that has a catalogue (``ru-RU`` matches ``ru``; ``q=0`` excludes);
3. the signed-in user's language setting;
4. English.

The answer's texts (explanations, requirement texts, notes, document glosses, names …) are then
``{lang: text}`` dicts holding only the languages negotiated; ``Content-Language`` names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from zairyu.errors import InvalidInputError
from zairyu.messages import languages
from zairyu.web.i18n import match_language, parse_accept_language
from zairyu.web.permissions import Access
from zairyu.web.responses import JSONResponse

ALL = "all"
DEFAULT = "en"

LANG_DESCRIPTION = ("Language of the answer's texts: a language code with a catalogue (ja, en, ru, uk, …) or "
                    "'all'. Default: the Accept-Language header, else the signed-in user's language, else en.")


@dataclass(frozen=True, slots=True)
class Langs:
    """The languages an answer is written in (one, or every one for ``lang=all``)."""

    langs: tuple[str, ...]

    @property
    def one(self) -> str:
        """The single language asked for (the first, English when every language is)."""
        return self.langs[0] if len(self.langs) == 1 else DEFAULT

    @property
    def header(self) -> str:
        return ", ".join(self.langs)

    @property
    def headers(self) -> dict[str, str]:
        return {"Content-Language": self.header, "Vary": "Accept-Language"}

    def respond(self, data: Any, status_code: int = 200) -> JSONResponse:
        """A pre-serialised answer (FastAPI does not validate it again) with ``Content-Language``."""
        return JSONResponse(data, status_code=status_code, headers=self.headers)

    def respond_encoded(self, body: bytes) -> Response:
        """An answer already encoded as :meth:`respond` encodes it (kept bytes), with the same headers."""
        return Response(body, media_type="application/json", headers=self.headers)


def negotiate(query: str | None, accept: str | None, user_language: str | None,
              available: Sequence[str] | None = None) -> Langs:
    """The rules of the module docstring, without a request (tested directly)."""
    available = tuple(available if available is not None else languages())
    if query is not None:
        if query == ALL:
            return Langs(available)
        if query in available:
            return Langs((query,))
        raise InvalidInputError(f"unknown language '{query}'", field="lang", value=query,
                                allowed="|".join((*available, ALL)))
    for tag in parse_accept_language(accept):
        got = match_language(tag, available, wildcard=DEFAULT)
        if got is not None:
            return Langs((got,))
    if user_language in available:
        return Langs((user_language,))
    return Langs((DEFAULT,))


LangQuery = Annotated[str | None, Query(description=LANG_DESCRIPTION, max_length=20, examples=["en", "all"])]
"""The ``lang`` parameter of a route that writes texts (``lang: LangQuery = None``)."""


def answer_langs(request: Request, lang: str | None, access: Access) -> Langs:
    """The languages of a route's answer (a plain call, not a dependency: one more dependency for FastAPI to
    resolve was about 4 % of an assessment request, docs/bench-web.md). Send the answer with
    :meth:`Langs.respond`, which names them in ``Content-Language``."""
    return negotiate(lang, request.headers.get("accept-language"), access.principal.language)


def only(texts: Mapping[str, Any] | None, langs: Langs | Sequence[str]) -> dict[str, Any] | None:
    """A ``{lang: text}`` dict cut down to ``langs`` (a language it lacks gets its English text)."""
    if texts is None:
        return None
    want = langs.langs if isinstance(langs, Langs) else langs
    return {lang: texts.get(lang) or texts.get(DEFAULT) for lang in want}
