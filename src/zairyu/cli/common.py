"""Helpers shared by the command modules: dates, languages, JSON output."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from rich import _wrap as _rich_wrap
from rich.console import Console
from rich.table import Table

from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import LawView, catalogue, check_covered, parse_date

# no ":name:" emoji codes in zairyu's texts: not loading rich's emoji table saves every command a few ms
console = Console(emoji=False)

# Japanese lines may break between any two characters, but not inside a run of Latin letters or digits (a code,
# a date, a provision number), not before closing punctuation (、。）」) and not after opening punctuation
# (（「). Rich breaks lines only at spaces and cuts a longer "word" anywhere, so a Japanese sentence was cut in
# the middle of "conduct.taxes_paid" or "2023-02-13". Its line breaker reads its word pattern from
# ``rich._wrap.re_word`` (rich is pinned): the pattern below makes each Japanese character a word of its own,
# with the punctuation that must stay beside it. tests/cli/test_narrow_terminal.py checks the result.
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPENING = "（「『【〔［｛〈《"
_CLOSING = "、。，．・：；？！）」』】〕］｝〉》ー〜々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
_rich_wrap.re_word = re.compile(
    rf"\s*[{_OPENING}]*(?:[{_CJK}]|[^\s{_CJK}]+)[{_CLOSING}]*\s*")


def on_date(text: str | None, *, field: str = "--on") -> date:
    """The as-of date: today (read only here, at the interface) or the given YYYY-MM-DD."""
    d = date.today() if text is None else parse_date(text, field=field, bounded=False)
    return check_covered(d, field=field)  # narrower than the input bound: the law data's range


def law_of(text: str | None, on: date) -> LawView:
    """The law a computation runs on: the law in force on ``--law-date`` when given (to see a situation
    under another date's law: "what changes for this person on 2027-04-01?"), else on the as-of date."""
    return catalogue(on_date(text, field="--law-date") if text is not None else on)


def lang_of(text: str) -> str:
    """``--lang`` checked against the languages with a message catalogue (every command's labels are messages)."""
    from zairyu.messages import languages

    allowed = tuple(languages())
    if text not in allowed:
        raise InvalidInputError(f"unknown language '{text}'", field="--lang", value=text, allowed="|".join(allowed))
    return text


def say(lang: str, key: str, **params: Any) -> str:
    """A label of the command line (a ``cli.*`` message) in ``lang``."""
    from zairyu.messages import message, render

    return render(message(key, **params), lang)


def fact_word(fact_status: str, lang: str) -> str:
    """How sure a fact is (law, isa, practice, unverified), as a reader of ``lang`` reads it: the glossary's
    term (実務, Практика, Не перевірено); English output keeps the code, as the English record does."""
    from zairyu.glossary import term

    return fact_status if lang == "en" else term("fact_status", fact_status, lang)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fit(table: Table, *, drop: Sequence[str] = (), inside: int = 0) -> Table:
    """``table`` laid out so that no word is broken on the terminal (an 80-column one included): each column
    gets at least its longest word (rich measures that), and the columns named in ``drop`` are left out, in
    that order, while the words would not fit otherwise. Japanese text may still wrap between characters,
    as Japanese does. ``inside``: cells the table's surroundings take from the terminal's width (a panel's
    borders and padding: 4)."""
    width = console.width - inside
    for col in table.columns:
        col.ratio = None  # a ratio splits the width by proportion, cutting words; the words decide instead
    options = console.options
    for header in drop:
        # rich's measure leaves out the column rules: one character between columns and at each edge
        rules = len(table.columns) + 1 if table.box is not None else 0
        if table.__rich_measure__(console, options).minimum + rules <= width:
            break
        for i, col in enumerate(table.columns):
            if str(col.header) == header:
                del table.columns[i]
                break
    # rich lays out a table without edge padding (``pad_edge=False``) as if its edges took no cell, but still
    # writes one at each side: such a table as wide as the terminal lost its last column's last characters
    # ("15 дне"). It is laid out two cells narrower instead.
    if not table.pad_edge and table.__rich_measure__(console, options).maximum > width - 2:
        table.width = width - 2
    return table


def cli_actor() -> Any:
    """Who the command line acts as in the timeline: ``cli:<login>``."""
    import getpass

    from zairyu.cases.services.common import Actor

    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(f"cli:{login}")


@contextmanager
def db_transaction() -> Iterator[Any]:
    """One unit of work on the configured database (created on first use, else checked to be current): a
    command's changes are committed together when the block ends, or none of them."""
    from zairyu.cases import db

    engine = db.get_engine()
    db.ensure_schema(engine)
    with db.transaction(engine) as s:
        yield s
