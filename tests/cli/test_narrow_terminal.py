"""The command line's tables fit an 80-column terminal without breaking a word (issue "A working day in the
office": `Legal/Accounti ng`, `Complementar y`, `conduct.inde pendent_live lihood` were printed before).

A word cut in two shows up as a fragment that the same command never prints on a wide terminal, so the test
compares the words of an 80-column run with those of a 200-column run, and measures every line's width in
terminal cells (a Japanese character takes two).
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[2]
FACTS = str(ROOT / "examples" / "facts" / "motivating_case_2023-01.json")

COMMANDS = [
    ["statuses", "--on", "2026-01-01", "--lang", "en"],
    ["statuses", "--on", "2026-01-01"],
    ["statuses", "--on", "2026-01-01", "--lang", "ru"],
    ["statuses", "--on", "2026-01-01", "--lang", "uk"],
    ["status", "student", "--lang", "ru"],
    ["law", "rules", "--on", "2026-01-01", "--lang", "uk"],
    ["fees", "--on", "2026-01-01", "--lang", "en"],
    ["law", "rules", "--on", "2026-01-01", "--lang", "en"],
    ["status", "student", "--lang", "en"],
    ["deadlines", FACTS, "--on", "2023-01-20", "--lang", "en"],
    ["assess", FACTS, "--on", "2023-01-20", "--lang", "en"],
    ["assess", FACTS, "--on", "2023-01-20"],
    ["assess", FACTS, "--on", "2023-01-20", "--lang", "ru"],
    ["assess", FACTS, "--on", "2023-01-20", "--lang", "uk"],
    ["deadlines", FACTS, "--on", "2023-06-01", "--lang", "ru"],
]


@functools.cache
def _run_cached(args: tuple[str, ...], columns: int) -> str:
    return _run(list(args), columns)


def _run(args: list[str], columns: int) -> str:
    env = dict(os.environ, COLUMNS=str(columns), TERM="dumb")
    p = subprocess.run([sys.executable, "-c", "from zairyu.cli import main; main()", *args], env=env,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


_LETTER = "A-Za-zА-Яа-яЁёІіЇїЄєҐґ'"
_WORD = re.compile(rf"[{_LETTER}0-9][{_LETTER}0-9_./-]*[{_LETTER}]")
"""A word (Latin or Cyrillic; with a number before it, so that "15 дне" or a lost "6" in "6 месяцев" shows)."""


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(x if x != FACTS else "FILE" for x in a))
def test_an_80_column_terminal_gets_whole_words(args: list[str], columns: int) -> None:
    """At 120 columns too: rich shrank the widest column first and cut "Высококвалифицированны/й"."""
    narrow = _run(args, columns)
    wide = _run_cached(tuple(args), 200)
    wide_words = {w.lower() for w in _WORD.findall(wide)}
    # an address longer than the terminal cannot stay on one line: its pieces are allowed
    urls = re.findall(r"https?://\S+", wide)
    assert max(cell_len(line.rstrip()) for line in narrow.splitlines()) <= columns
    cut = sorted({w for w in _WORD.findall(narrow) if w.lower() not in wide_words
                  and not any(w in u for u in urls)})
    assert cut == []
