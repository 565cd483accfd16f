"""The Babel template holds every interview question, so that ``scripts/update_catalogues.sh`` (extract +
update) never marks a translated question obsolete; the catalogues compile without ``-f``."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from zairyu.rules.interview import QUESTIONS

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zairyu" / "web" / "locale"


def test_the_template_holds_every_interview_question() -> None:
    with (LOCALE / "messages.pot").open("rb") as f:
        pot = read_po(f)
    missing = [path for path, q in QUESTIONS.items() if q.en not in pot]
    assert missing == [], f"run scripts/update_catalogues.sh: questions missing from messages.pot: {missing}"


def test_every_catalogue_entry_is_in_the_template_and_the_headers_are_final() -> None:
    with (LOCALE / "messages.pot").open("rb") as f:
        pot = read_po(f)
    for lang in ("ja", "ru", "uk"):
        with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            po = read_po(f)
        assert not po.fuzzy, f"{lang}: the catalogue header is marked fuzzy (pybabel compile would skip it)"
        orphans = [m.id for m in po if m.id and m.id not in pot]
        assert orphans == [], f"{lang}: entries not in messages.pot (an update would drop them): {orphans[:5]}"
