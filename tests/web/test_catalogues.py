"""The page catalogues (Babel) are whole: every entry of a language is in the template, and the headers are final
(the catalogues compile without ``-f``). The interview's questions are messages of zairyu's own catalogues
(``question.<fact>`` in zairyu/messages/<lang>.yaml), like every other text of the rules."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from zairyu.messages import catalogue, languages
from zairyu.rules.interview import QUESTIONS

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zairyu" / "web" / "locale"


def test_every_interview_question_is_a_message_in_every_language() -> None:
    for lang in languages():
        own = catalogue(lang)
        missing = [fact for fact in QUESTIONS if f"question.{fact}" not in own]
        assert missing == [], f"{lang}: no question for {missing}"
    # and no catalogue asks a question the interview does not have
    for lang in languages():
        stray = [k for k in catalogue(lang)
                 if k.startswith("question.") and k.removeprefix("question.") not in QUESTIONS]
        assert stray == [], f"{lang}: {stray}"


def test_every_catalogue_entry_is_in_the_template_and_the_headers_are_final() -> None:
    with (LOCALE / "messages.pot").open("rb") as f:
        pot = read_po(f)
    for lang in ("ja", "ru", "uk"):
        with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            po = read_po(f)
        assert not po.fuzzy, f"{lang}: the catalogue header is marked fuzzy (pybabel compile would skip it)"
        orphans = [m.id for m in po if m.id and m.id not in pot]
        assert orphans == [], f"{lang}: entries not in messages.pot (an update would drop them): {orphans[:5]}"
