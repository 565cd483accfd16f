"""Every page and message in ja/en/ru/uk; dates in each locale's form, the era beside Japanese dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from tests.web.conftest import Office

from zairyu.glossary import KINDS, LANGS
from zairyu.messages import catalogue
from zairyu.rules.interview import QUESTIONS
from zairyu.web.i18n import format_date, pick_lang

LOCALE = Path(__file__).parents[2] / "src" / "zairyu" / "web" / "locale"


@pytest.mark.parametrize("lang", ["ja", "ru", "uk"])
def test_every_message_is_translated(lang: str) -> None:
    pot = read_po((LOCALE / "messages.pot").open("rb"))
    cat = read_po((LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb"))
    for m in pot:
        if not m.id:
            continue
        tr = cat.get(m.id)
        assert tr is not None and tr.string, f"{lang}: no translation for {m.id!r}"
        if isinstance(tr.string, tuple):
            assert all(tr.string), f"{lang}: a plural form is empty for {m.id!r}"
    for fact in QUESTIONS:  # the interview's questions: messages of zairyu's own catalogue, in this language
        assert f"question.{fact}" in catalogue(lang), f"{lang}: interview question not translated: {fact}"
    assert (LOCALE / lang / "LC_MESSAGES" / "messages.mo").stat().st_mtime >= (
        LOCALE / lang / "LC_MESSAGES" / "messages.po").stat().st_mtime - 1


def test_every_glossary_term_exists_in_four_languages() -> None:
    for kind, entries in KINDS.items():
        for code, entry in entries.items():
            for lang in LANGS:
                assert entry.get(lang), f"{kind}.{code} has no {lang} term"


def test_every_deadline_kind_and_stage_of_the_case_manager_has_a_term() -> None:
    from zairyu.calendar.model import KINDS as DEADLINE_KINDS
    from zairyu.cases.models import STAGES
    from zairyu.cases.services import EVENT_KINDS

    assert set(DEADLINE_KINDS) <= set(KINDS["deadline"])
    assert set(STAGES) <= set(KINDS["stage"])
    assert set(EVENT_KINDS) <= set(KINDS["event"])


def test_dates_per_locale_with_the_era_in_japanese() -> None:
    d = date(2026, 3, 31)
    assert format_date(d, "ja") == "2026年3月31日（令和8年3月31日）"
    assert format_date(d, "en") == "March 31, 2026"
    assert format_date(d, "ru") == "31 марта 2026\u202fг."  # narrow no-break space (CLDR)
    assert format_date(d, "uk") == "31 березня 2026\u202fр."


def test_language_choice_order() -> None:
    assert pick_lang("uk", "ru", "en", "ja") == "uk"
    assert pick_lang(None, "ru", "en", None) == "ru"
    assert pick_lang(None, None, "en", "ru-RU,ru;q=0.9") == "en"
    assert pick_lang(None, None, None, "ru-RU,ru;q=0.9") == "ru"
    assert pick_lang(None, None, None, None) == "ja"


@pytest.mark.parametrize(("lang", "heading", "nav"), [
    ("ja", "予定", "人物"), ("en", "Agenda", "People"), ("ru", "Сроки", "Люди"), ("uk", "Строки", "Люди"),
])
def test_agenda_in_each_language(office: Office, lang: str, heading: str, nav: str) -> None:
    b = office.browser("caseworker")
    r = b.get(f"/?lang={lang}")
    assert r.status_code == 200
    assert f'<html lang="{lang}">' in r.text
    assert heading in r.text and nav in r.text
    # the choice sticks (cookie) on the next page
    assert f'<html lang="{lang}">' in b.get("/people").text


def test_user_language_is_the_default(office: Office) -> None:
    b = office.browser("client")  # the client's account language is Russian
    assert '<html lang="ru">' in b.get("/").text


def test_office_content_stays_in_japanese(office: Office) -> None:
    b = office.browser("caseworker")
    r = b.get(f"/applications/{office.ids['anna_app']}?lang=ru")
    assert "申請内容（入管提出用）" in r.text
    assert "在留資格変更許可申請" in r.text
    assert "Этап" in r.text


def test_periods_of_stay_in_each_language_with_plural_forms() -> None:
    from zairyu.web.i18n import format_period

    assert format_period("P1Y3M", "ja") == "1年3月"
    assert format_period("P2Y5M", "en") == "2 years 5 months"
    assert format_period("P2Y5M", "ru") == "2 года 5 месяцев"
    assert format_period("P21D", "ru") == "21 день"
    assert format_period("P90D", "uk") == "90 днів"
