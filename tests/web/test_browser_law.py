"""The law browser in headless Chromium, as a Russian- or Ukrainian-reading caseworker on a phone (390×844)
and a Japanese caseworker at a desk: each status says what it allows (its activities) and the note on work
in the reader's language, from the law data (a status's ``activity_<lang>`` and ``employment_note_<lang>``).
Screenshots: docs/screenshots/law-*.png (docs/web.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401  (the fixture configures Chromium for this module too)
    SHOTS,
    browser_type_launch_args,
    check_accessible,
    office_with_anna,
    sign_in,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
EMAIL, PASSWORD = "law@browser.example", "law-browser-password-2026"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with office_with_anna(tmp_path_factory.mktemp("law"), TODAY, EMAIL, "Law Reader", "ru", PASSWORD) as (
            _env, url, _tok, _anna):
        yield url


@pytest.mark.parametrize(("lang", "width", "activity", "work_note", "english"), [
    # law/data/statuses_i3_i4.yaml, student: activity_ru / employment_note_ru (28 hours a week, Art. 19(2))
    ("ru", 390, "Учёба в университете, профессиональном училище", "до 28 часов в неделю", "Studying at"),
    ("uk", 390, "Навчання в університеті, професійному училищі", "до 28 годин на тиждень", "Studying at"),
    # activity_ja / employment_note_ja of the same entry
    ("ja", 1280, "大学、専門学校、日本語学校", "週28時間まで", "Studying at"),
])
def test_a_reader_sees_what_each_status_allows(browser: Any, server: str, lang: str, width: int, activity: str,
                                               work_note: str, english: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 844})
    sign_in(page, server, EMAIL, PASSWORD)
    page.goto(f"{server}/law?lang={lang}&on={TODAY}")
    row = page.locator("#status-student")
    text = row.inner_text()
    assert activity in text and work_note in text, text
    assert english not in page.inner_text("main")
    # on a phone every cell is stacked under its label (the responsive table), none wider than the screen
    if width < 500:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    check_accessible(page)
    row.scroll_into_view_if_needed()
    shot = "law-phone" if width < 500 else "law"
    page.screenshot(path=str(SHOTS / f"{shot}-{lang}.png"), full_page=False)
    page.close()
