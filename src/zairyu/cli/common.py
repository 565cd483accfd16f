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
from rich.cells import cell_len
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


_WORD = re.compile(r"[^\s\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+")
"""A word as a line may not break it: letters between spaces (Japanese may break between any characters)."""
_LONGEST_KEPT = 30
"""A longer "word" (a web address) may still be folded."""


def fit(table: Table, *, drop: Sequence[str] = (), inside: int = 0) -> Table:
    """``table`` laid out so that no word is broken on the terminal (an 80-column one included): each column
    gets at least its longest word (a column that does not wrap: its longest cell), the room left is shared in
    proportion to what each column would take more, and the columns named in ``drop`` are left out, in that
    order, while the words would not fit otherwise. Japanese text may still wrap between characters, as
    Japanese does. ``inside``: cells the table's surroundings take from the terminal's width (a panel's
    borders and padding: 4).

    rich's own layout shrinks the widest columns first and cut a long word in two
    ("Высококвалифицированны/й", "Достовер"), so the widths are decided here and given to rich as fixed."""
    width = console.width - inside
    # rich lays out a table without edge padding (``pad_edge=False``) as if its edges took no cell, but still
    # writes one at each side: such a table as wide as the terminal lost its last column's last characters
    # ("15 дне"). It is laid out two cells narrower.
    room = width - (2 if not table.pad_edge else 0)
    options = console.options

    def ranges() -> list[tuple[int, int, int]]:
        """(least, most, padding) of each column, in cells."""
        out = []
        for c in table.columns:
            pad = table._get_padding_width(c._index)
            longest = max((cell_len(w) for cell in (c.header, *c._cells) for w in _WORD.findall(str(cell))),
                          default=0)
            m = table._measure_column(console, options, c)
            most = max(m.maximum, pad + 1)
            least = most if c.no_wrap else min(max(m.minimum, pad + min(longest, _LONGEST_KEPT)), most)
            out.append((least, most, pad))
        return out

    def rules() -> int:  # one character between columns and at each edge
        return len(table.columns) + 1 if table.box is not None else 0

    for header in drop:
        if sum(r[0] for r in ranges()) + rules() <= room:
            break
        for i, col in enumerate(table.columns):
            if str(col.header) == header:
                del table.columns[i]
                break
    rs = ranges()
    avail = room - rules()
    if sum(r[1] for r in rs) <= avail and not table.expand:
        return table  # everything fits at its natural width
    least_total = sum(r[0] for r in rs)
    if least_total > avail:  # the words cannot all fit: rich's own layout decides, by the words, not by ratios
        for col in table.columns:
            col.ratio = None
        return table
    spare = avail - least_total
    want = [most - least for least, most, _ in rs]
    total_want = sum(want)
    widths = [least + (spare * w // total_want if total_want else 0) for (least, _, _), w in zip(rs, want, strict=True)]
    if not table.expand:
        widths = [min(w, most) for w, (_, most, _) in zip(widths, rs, strict=True)]
    left = avail - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: want[i], reverse=True):  # the rounding's cells
        if left <= 0:
            break
        if table.expand or widths[i] < rs[i][1]:
            widths[i] += 1
            left -= 1
    for col, w, (_, _, pad) in zip(table.columns, widths, rs, strict=True):
        col.ratio = None
        col.width = max(w - pad, 1)
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
