"""The assessment's texts as messages: requirements, their notes, the sentences an option adds to its
explanation, and the explanation's frame.

Keys (message ``rule.<key>`` of the catalogue files, :mod:`zairyu.messages`): ``<requirement id>`` (or
``<id>.<variant>`` where one id is worded differently by route), ``note.*`` for a requirement's note,
``extra.*`` for the sentences an option adds to its explanation, ``verdict.*`` and ``explain.*`` for the
explanation's frame, ``join.*`` for lists of parts, ``trace.*`` for the assessment's lines of "how this was
computed". The rules only name the message; it is written in a language where it is shown
(:func:`zairyu.messages.render`). Law terms follow the glossary (:mod:`zairyu.glossary`).

Texts the law data gives per language (a measure's summary, a status's or procedure's name as the law data
and the glossary give it) are passed as they are: a parameter whose value is ``{"ja": ..., "en": ..., "ru":
..., "uk": ...}`` is written in the reader's language (English where the data has no text in it), and
:func:`given_text` makes such a text a message of its own (key ``text.given``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from zairyu.messages import Message, Messages, kept

EMPTY = Messages()


def rule_text(key: str, **params: Any) -> Messages:
    """An assessment text: message ``rule.<key>`` (written in a language where it is shown)."""
    return kept(f"rule.{key}", **params)


def rule_message(key: str, **params: Any) -> Message:
    """One ``rule.<key>`` message, as the value of another message's parameter."""
    return rule_text(key, **params)[0]


def joined(parts: Sequence[Messages], how: str = "list") -> Messages:
    """Parts as one text, joined by ``rule.join.<how>``: ``list`` (、 in Japanese, ``; `` in the others),
    ``clauses`` (； / ``; ``) or ``alternatives`` (`` / ``). Nested pairwise: ``a; (b; c)``."""
    items = [p for p in parts if p]
    if not items:
        return EMPTY
    out = items[-1]
    for part in reversed(items[:-1]):
        out = rule_text(f"join.{how}", first=part, rest=out)
    return out


def tag_names(codes: Sequence[str]) -> Messages:
    """Circumstance tags (``circumstances.grounds``: mobilisation, political_opinion) by their names in the
    catalogues (``tag.<code>``, as the precedent register names them), joined as a list."""
    return joined([kept(f"tag.{code}") for code in codes])


def given_text(texts: Mapping[str, str | None]) -> Messages:
    """A text the law data gives per language (``{"ja", "en", "ru", "uk"}``; a missing or empty language is
    written in English) as a message: key ``text.given``, the texts as its parameter."""
    return kept("text.given", text={lang: t for lang, t in texts.items() if t})


def texts_of(ja: str, en: str, ru: str | None = None, uk: str | None = None) -> Messages:
    """:func:`given_text` of a law-data text given as ja, en and (optionally) ru, uk."""
    return given_text({"ja": ja, "en": en, "ru": ru, "uk": uk})


__all__ = ["EMPTY", "given_text", "joined", "rule_message", "rule_text", "tag_names", "texts_of"]
