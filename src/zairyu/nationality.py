"""Nationalities: ISO 3166-1 alpha-2 codes with their names in every language zairyu writes.

The names come from the Unicode CLDR through Babel (a maintained library), so a new language brings its
country names with it. A nationality decides special measures (the Myanmar, Ukraine and Afghanistan measures,
the visa-waiver list), so it is stored as a code and never guessed from a cut-off name: "China" must become CN,
not CH (Switzerland). :func:`resolve` turns what a person types — a code, or a name in any of the languages
(中国, China, Китай) — into exactly one code, or says why it cannot.

Codes that CLDR lists but that are not countries or territories a passport can name (EU, UN, the pseudo and
unknown regions) are left out; Taiwan (TW), Hong Kong (HK), Macao (MO), Palestine (PS) and Kosovo (XK,
a user-assigned code used by the EU and in travel documents) are kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from zairyu import datacache
from zairyu.errors import InvalidInputError
from zairyu.messages import FALLBACK, languages

NOT_NATIONALITIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"})
"""CLDR region codes that are not a nationality: unions, pseudo-regions, the unknown region, and parts of other
countries (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, the Canary Islands, Tristan da Cunha)."""


def _babel_territories(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        names = Locale.parse(FALLBACK).territories
    return {str(k): str(v) for k, v in names.items() if isinstance(k, str) and len(k) == 2 and k.isalpha()}


@cache
def codes() -> frozenset[str]:
    """Every code zairyu accepts as a nationality (kept on disk per Babel version: reading CLDR's territories
    took a noticeable part of every ``zairyu assess``)."""
    import babel

    return datacache.remembered(
        "nationalities", f"babel {babel.__version__} {FALLBACK} {sorted(NOT_NATIONALITIES)}",
        lambda: frozenset(_babel_territories(FALLBACK)) - NOT_NATIONALITIES)


@cache
def names(lang: str) -> dict[str, str]:
    """``{code: name in lang}`` for every nationality, sorted by the name as the language sorts it (simple
    Unicode order; Japanese names sort by their characters)."""
    own = _babel_territories(lang)
    english = _babel_territories(FALLBACK)
    out = {c: own.get(c) or english[c] for c in codes()}
    return dict(sorted(out.items(), key=lambda kv: _key(kv[1])))


def name(code: str | None, lang: str) -> str:
    """The nationality's name in ``lang`` (the code itself when unknown; empty for none)."""
    if not code:
        return ""
    return names(lang).get(code.upper(), code)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


_PAREN = re.compile(r"\s*[(（][^)）]*[)）]")


@cache
def _index() -> dict[str, frozenset[str]]:
    """Every name in every language (and every code) → the codes it may mean."""
    out: dict[str, set[str]] = {}
    for lang in languages():
        for code, n in names(lang).items():
            out.setdefault(_key(n), set()).add(code)
            short = _PAREN.sub("", n).strip()  # "Myanmar (Burma)", "ミャンマー (ビルマ)": also by the first name
            if short and short != n:
                out.setdefault(_key(short), set()).add(code)
    for code in codes():
        out.setdefault(_key(code), set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def resolve(text: str | None, *, field: str = "nationality") -> str | None:
    """The code for ``text`` — a two-letter code, or a country's name in any language zairyu writes (case and
    width ignored). None for an empty value. Anything else is refused, naming the field and what is allowed;
    nothing is ever cut to two letters."""
    if text is None or not text.strip():
        return None
    found = _index().get(_key(text))
    if found and len(found) == 1:
        return next(iter(found))
    if found:
        raise InvalidInputError(f"'{text}' names more than one country: {', '.join(sorted(found))}", field=field,
                                value=text, allowed="one of " + ", ".join(sorted(found)))
    raise InvalidInputError(f"'{text}' is not a country zairyu knows", field=field, value=text,
                            allowed="an ISO 3166-1 alpha-2 code such as RU, UA, MM, or a country's name")


def search(text: str, lang: str, *, limit: int = 10) -> list[tuple[str, str]]:
    """Nationalities whose name (in ``lang`` or any other language) or code starts with or contains ``text``,
    as ``(code, name in lang)``: names that start with it first. For a search-as-you-type field."""
    q = _key(text)
    if not q:
        return []
    starts: list[str] = []
    contains: list[str] = []
    for key, found in _index().items():
        if key.startswith(q):
            starts.extend(found)
        elif q in key:
            contains.extend(found)
    seen: dict[str, None] = {}
    for c in (*starts, *contains):
        seen.setdefault(c, None)
    own = names(lang)
    ordered = sorted(seen, key=lambda c: (c not in starts, _key(own[c])))
    return [(c, own[c]) for c in ordered[:limit]]
