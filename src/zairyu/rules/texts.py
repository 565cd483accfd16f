"""The assessment's texts in ja, en, ru and uk: requirements, their notes, option explanations.

Keys: ``<requirement id>`` (or ``<id>.<variant>`` where one id is worded differently by route),
``note.*`` for a requirement's note, ``extra.*`` for the sentences an option adds to its explanation,
``verdict.*`` and ``explain.*`` for the explanation's frame. The templates are the ``rule.*`` keys of the
catalogue files (:mod:`zairyu.messages`), which say how parameters are written per language. Law terms follow the
glossary (:mod:`zairyu.glossary`): status names are quoted as it gives them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zairyu.calendar.texts import LANGS, Texts
from zairyu.messages import FALLBACK, Message, catalogue, render


def _rule_texts() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key in catalogue(FALLBACK):
        if key.startswith("rule."):
            out[key[5:]] = {lang: catalogue(lang).get(key) or catalogue(FALLBACK)[key] for lang in LANGS}
    return out


RULE_TEXTS: dict[str, dict[str, str]] = _rule_texts()
"""The templates of the ``rule.*`` messages per language, read from the catalogue files."""

_CACHE: dict[tuple[Any, ...], Texts] = {}
EMPTY_TEXTS = Texts({lang: "" for lang in LANGS})


def rule_text(key: str, **params: Any) -> Texts:
    """An assessment text in every language: message ``rule.<key>`` written in each."""
    plain = all(type(v) in (str, int) for v in params.values())
    ck = (key, *params.items()) if plain else None
    if ck is not None and (hit := _CACHE.get(ck)) is not None:
        return hit
    msg = Message(f"rule.{key}", params)
    out = Texts({lang: render(msg, lang) for lang in LANGS})
    if ck is not None:
        if len(_CACHE) > 8192:
            _CACHE.clear()
        _CACHE[ck] = out
    return out


def join(parts: Iterable[Texts], ja_sep: str = "、", sep: str = "; ") -> Texts:
    """List items joined: 、 in Japanese, ``sep`` in the other languages."""
    items = list(parts)
    return Texts({lang: (ja_sep if lang == "ja" else sep).join(p[lang] for p in items) for lang in LANGS})


def texts_of(ja: str, en: str, ru: str | None = None, uk: str | None = None) -> Texts:
    """A text given per language (English where ru/uk are missing, e.g. law data without them)."""
    return Texts({"ja": ja, "en": en, "ru": ru or en, "uk": uk or en})
