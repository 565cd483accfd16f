"""The search terms of the precedent register, computed in Python so that SQLite and PostgreSQL index and
match exactly the same terms (no database-specific full-text search):

* a run of Japanese characters (kanji, kana, the long-vowel mark) gives its character bigrams — so two-character
  words such as 留学, 永住, 難民 are found — and a one-character run gives that character;
* a run of Latin or Cyrillic letters and digits gives the word in lower case (ё written е); words of one
  letter are left out.

A query is split the same way; a record matches when it holds every term of the query.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_JA = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc々〆ヶ"
_RUNS = re.compile(rf"([{_JA}]+)|([^\W_{_JA}]+)", re.UNICODE)
_JA_RUN = re.compile(rf"^[{_JA}]+$")
MAX_TERM = 100


def terms(text: str | None) -> Counter[str]:
    """Each term of ``text`` with how often it occurs."""
    out: Counter[str] = Counter()
    if not text:
        return out
    text = unicodedata.normalize("NFKC", text)
    for m in _RUNS.finditer(text):
        ja, word = m.group(1), m.group(2)
        if ja:
            if len(ja) == 1:
                out[ja] += 1
            else:
                out.update(ja[i:i + 2] for i in range(len(ja) - 1))
        elif word:
            # a word mixing scripts (e.g. "ISA認定") is split where Japanese starts; the regex already did
            w = word.lower().replace("ё", "е")
            if len(w) > 1:
                out[w[:MAX_TERM]] += 1
    return out


def query_terms(query: str) -> list[str]:
    """The distinct terms a query asks for, in order."""
    return list(dict.fromkeys(terms(query)))


def is_japanese(term: str) -> bool:
    return bool(_JA_RUN.match(term))


__all__ = ["is_japanese", "query_terms", "terms"]
