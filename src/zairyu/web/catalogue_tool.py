"""Keeps the Babel template (``locale/messages.pot``) complete: ``pybabel extract`` finds the messages of the
templates and of the web code, but the interview's questions live in the rules (``zairyu.rules.interview``),
which do not depend on Babel. This adds them, with their fact path as a comment for translators.

Used by ``scripts/update_catalogues.sh``:  ``python -m zairyu.web.catalogue_tool locale/messages.pot``
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from zairyu.rules.interview import QUESTIONS


def add_questions(pot: Path) -> int:
    """Add every interview question (its English text is the msgid) to ``pot``; returns how many were new."""
    with pot.open("rb") as f:
        catalog = read_po(f)
    added = 0
    for path, q in QUESTIONS.items():
        if q.en not in catalog:
            added += 1
        catalog.add(q.en, auto_comments=[f"interview question for the fact {path}"])
    with pot.open("wb") as f:
        write_po(f, catalog, width=120, omit_header=False)
    return added


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: python -m zairyu.web.catalogue_tool PATH/TO/messages.pot")
    n = add_questions(Path(argv[0]))
    print(f"{argv[0]}: {len(QUESTIONS)} interview questions added ({n} were not there yet)")


if __name__ == "__main__":
    main(sys.argv[1:])
