"""Languages of the web application: ja (default), en, ru, uk.

The language of a request is, in order: ``?lang=`` (which also sets the ``zairyu_lang`` cookie, so a
choice sticks), the cookie, the signed-in user's language, the browser's Accept-Language, Japanese.
Messages come from the Babel catalogues under ``web/locale`` (msgids are English); law terms come
from :mod:`zairyu.glossary`. Dates are written in each locale's long form, and in Japanese the
era (令和) is shown beside the Gregorian date. Texts the rules write (deadline explanations, requirements,
document names, processing times) come in all four languages: :func:`rule_text`, :func:`deadline_explanation`,
:func:`deadline_trace`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from zairyu.messages import Message, catalogue, languages, period_words, render
from zairyu.web.era import era_date

LANGS: tuple[str, ...] = languages()
"""Every language with a catalogue file (zairyu/messages/<lang>.yaml): ja, en, ru, uk, and any added."""
DEFAULT_LANG = "ja"
LANG_NAMES = {lang: catalogue(lang).get("language.name", lang) for lang in LANGS}
"""Each language's name in itself (the catalogue's ``language.name``)."""
LOCALE_DIR = Path(__file__).parent / "locale"
LANG_COOKIE = "zairyu_lang"


@cache
def translations(lang: str) -> NullTranslations:
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], domain="messages")


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


@cache
def catalogue_texts(lang: str) -> frozenset[str]:
    """Every text the page catalogue of ``lang`` writes (its msgids and their translations): a message a page
    already wrote with ``_()`` is one of them."""
    ja = translations("ja")
    ids = {k if isinstance(k, str) else k[0] for k in getattr(ja, "_catalog", {})}
    own = translations(lang)
    return frozenset(ids | {v for v in getattr(own, "_catalog", {}).values() if isinstance(v, str)})


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    return translations(lang).ngettext


def pick_lang(query: str | None, cookie: str | None, user_lang: str | None, accept: str | None) -> str:
    for cand in (query, cookie, user_lang):
        if cand in LANGS:
            return cand
    for tag in parse_accept_language(accept):
        got = match_language(tag, LANGS)
        if got is not None:
            return got
    return DEFAULT_LANG


def parse_accept_language(header: str | None) -> list[str]:
    """The language ranges of an ``Accept-Language`` header, most preferred first (RFC 9110: by q-value,
    ties in the order given; ``q=0`` means "not this one" and is left out; a malformed q counts as 0)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        tag, *params = (x.strip() for x in part.split(";"))
        if not tag:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, tag))
    return [tag for _, _, tag in sorted(ranked)]


def match_language(tag: str, available: Sequence[str], wildcard: str | None = None) -> str | None:
    """The catalogue language for one language range: exact (``pt-BR`` → ``pt_BR``), else by its primary
    subtag (``ru-RU`` → ``ru``); ``*`` matches ``wildcard``."""
    if tag == "*":
        return wildcard if wildcard in available else None
    parts = tag.replace("_", "-").split("-")
    primary = parts[0].lower()
    if len(parts) > 1:
        exact = f"{primary}_{parts[1].upper()}"
        if exact in available:
            return exact
    return primary if primary in available else None


def format_date(d: date | None, lang: str) -> str:
    """A date as a reader of ``lang`` writes it; Japanese adds the era: 2026年3月31日（令和8年3月31日）."""
    if d is None:
        return ""
    text = _babel_date(d, "long", locale=lang)
    if lang == "ja":
        return f"{text}（{era_date(d)}）"
    return text


def format_yen(amount: int | None, lang: str) -> str:
    if amount is None:
        return ""
    n = format_decimal(amount, locale=lang)
    return f"{n}円" if lang == "ja" else f"¥{n}"


def format_period(iso: str | None, lang: str) -> str:
    """``P1Y3M`` as a reader of ``lang`` says it: 1年3か月, 1 year 3 months, 1 год 3 месяца."""
    if not iso:
        return ""
    from zairyu.duration import Duration
    from zairyu.errors import ZairyuError

    try:
        return period_words(Duration.parse(iso), lang)
    except ZairyuError:
        return iso


def N_(message: str) -> str:
    """Marks a message for extraction; translated later where the language is known."""
    return message


def rule_text(texts: Mapping[str, str | None] | None, lang: str) -> str:
    """A text the rules wrote in several languages (``{"ja", "en", "ru", "uk"}``), in ``lang``; English
    where that language is missing (law data or answers computed before ru/uk existed)."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en") or ""


def deadline_explanation(d: Any, lang: str) -> str:
    """A deadline's explanation in ``lang``: a computed :class:`~zairyu.calendar.model.Deadline`, a stored one
    or an agenda line (each keeps its explanation as messages and writes it in the language asked)."""
    return str(d.explanation(lang))


def deadline_trace(line: Any, lang: str) -> str:
    """One step of a deadline's trace ("how this date was computed") in ``lang``: a message, or its JSON as
    stored."""
    return render(line if isinstance(line, Message) else Message.from_json(line), lang)
