"""Answers of ``POST /api/v1/assess`` kept for identical inputs.

The assessment is pure: a function of the facts, the as-of date, the law it runs on and the precedent register,
written in the languages asked for (:func:`zairyu.rules.assess`, ``Assessment.to_json``). Computing and writing
it is about four fifths of the route's server time (docs/bench-web.md), and an office's tools ask the same
question again and again (a page reloaded, the same facts re-checked by a script, the interview's result asked
twice). So the encoded answer is kept, in memory, keyed by everything it is made from:

* the rules' version (:data:`zairyu.calendar.RULES_VERSION`, bumped whenever an answer changes),
* the law data's content digest and the date of the law it runs on,
* the as-of date,
* the precedent register's content digest,
* the languages and their message catalogues' content digests,
* the posted facts, as validated (every field).

Nothing is decided here: a key that is not kept is computed by the rules as before and the bytes kept are those
bytes. The store holds the :data:`SIZE` answers used most recently (about 60 KB each).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from zairyu.calendar import RULES_VERSION
from zairyu.facts import Facts
from zairyu.law.catalogue import LawView, content_digest
from zairyu.messages import catalogue_digest
from zairyu.precedents.register import Register
from zairyu.web.responses import encode

SIZE = 256
"""How many answers are kept (least recently used go first)."""

Key = tuple[Any, ...]


def answer_key(facts: Facts, on: date, law: LawView, register: Register, langs: tuple[str, ...]) -> Key:
    """Everything an assessment answer is made from (module docstring)."""
    return (RULES_VERSION, content_digest(law), law.on, on, register.digest,
            langs, tuple(catalogue_digest(lang) for lang in langs), facts.model_dump_json())


class Answers:
    """Encoded answers by :func:`answer_key`, the :data:`SIZE` most recently used."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[Key, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        """Forget every kept answer (and the counts of answers kept and computed)."""
        with self._lock:
            self._kept.clear()
            self.hits = self.misses = 0

    def body(self, key: Key, make: Callable[[], Any]) -> bytes:
        """The encoded answer for ``key``: kept, or ``make()`` encoded as the API's JSON responses are."""
        with self._lock:
            body = self._kept.get(key)
            if body is not None:
                self._kept.move_to_end(key)
                self.hits += 1
                return body
        body = encode(make())
        with self._lock:
            self.misses += 1
            self._kept[key] = body
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return body


ANSWERS = Answers()
"""The server's store (one per process)."""


__all__ = ["ANSWERS", "SIZE", "Answers", "answer_key"]
