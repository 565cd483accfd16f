"""Law terms in every language zairyu writes, keyed by their canonical code: statuses of residence,
procedures, deadline kinds, application stages, decisions, verdicts, requirement results, events, roles
and fact statuses. The terms live in the catalogue files (:mod:`zairyu.messages`: ``status.student``,
``procedure.change_of_status``, ``deadline_kind.last_filing_day`` …), so a new language brings its terms
in its own catalogue; templates and API answers look them up here (``term("status", "student", "ru")``).

Japanese names follow the Act (別表第一・第二); English names follow ISA's official English. Terms
meant for the immigration office are always shown in Japanese beside the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zairyu.messages import CONTRACT_LANGS, FALLBACK, catalogue, languages

Entry = dict[str, str]

_NAMESPACES: Final = {"status": "status", "procedure": "procedure", "deadline": "deadline_kind", "stage": "stage",
                      "verdict": "verdict", "decision": "decision", "event": "event", "result": "result",
                      "role": "role", "fact_status": "fact_status", "designation": "designation", "grant": "grant"}
"""Glossary kind → the catalogue keys' prefix."""


def _tables() -> dict[str, dict[str, Entry]]:
    """Every kind's terms, read in one pass over each language's catalogue."""
    kind_of = {prefix: kind for kind, prefix in _NAMESPACES.items()}
    out: dict[str, dict[str, Entry]] = {kind: {} for kind in _NAMESPACES}
    for lang in languages():
        for key, name in catalogue(lang).items():
            prefix, dot, code = key.partition(".")
            kind = kind_of.get(prefix)
            if kind is not None and dot and "." not in code:
                out[kind].setdefault(code, {})[lang] = name
    return out


KINDS: Final[dict[str, dict[str, Entry]]] = _tables()
STATUSES: Final[Mapping[str, Entry]] = KINDS["status"]
PROCEDURES: Final[Mapping[str, Entry]] = KINDS["procedure"]
DEADLINE_KINDS: Final[Mapping[str, Entry]] = KINDS["deadline"]
EVENTS: Final[Mapping[str, Entry]] = KINDS["event"]

LANGS = CONTRACT_LANGS


def term(kind: str, code: str | None, lang: str) -> str:
    """The term for ``code`` in ``lang``; English, then the code itself, when a term is missing."""
    if code is None:
        return ""
    entry = KINDS[kind].get(code)
    if entry is None:
        return code.replace("_", " ")
    return entry.get(lang) or entry[FALLBACK]


def code_of(kind: str, text: str) -> str | None:
    """The code a term names, in any language the glossary has (留学, Student, Учёба, Навчання → ``student``;
    letter case and surrounding spaces aside); None when no term of ``kind`` is written so."""
    wanted = " ".join(text.split()).casefold()
    found = {code for code, entry in KINDS[kind].items() if any(t.casefold() == wanted for t in entry.values())}
    return found.pop() if len(found) == 1 else None


def term_ja(kind: str, code: str | None) -> str:
    """The Japanese term (for content meant for the immigration office)."""
    return term(kind, code, "ja")
