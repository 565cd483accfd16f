"""In headless Chromium (issue 13): on a person's assessment page a supporter (en) chooses an as-of date, which stays
through "I don't know" and an answer, then asks "what if the stay had ended on 20 November?" and sees the options
whose verdicts change marked, against the assessment as it is — nothing saved. Screenshot for docs/web.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401  (the fixture configures Chromium for this module too)
    SHOTS,
    _zairyu,
    api,
    browser_type_launch_args,
    check_accessible,
    data_env,
    office_with_anna,
    running_server,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
PASSWORD = "what-if-password-2026"
CASEWORKER = "ito@whatif.example"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    # Anna: Temporary Visitor, 90 days from 2026-10-01 (ends 2026-12-30)
    with office_with_anna(tmp_path_factory.mktemp("whatif"), TODAY, CASEWORKER, "Ito", "en", PASSWORD) as (
            _, url, tok, anna):
        yield {"url": url, "anna": anna, "token": tok}


def test_as_of_date_and_what_if_in_the_browser(page: Any, office: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url, pid = office["url"], office["anna"]
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(url + "/login")
    page.fill("#email", CASEWORKER)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    page.goto(f"{url}/people/{pid}/assess")
    check_accessible(page)
    page.fill("#as-of-form input[name=on]", "2026-11-01")
    with page.expect_navigation():
        page.click("#as-of-form button[type=submit]")
    assert "Options on November 1, 2026" in page.inner_text("h1")
    with page.expect_navigation():  # "I don't know": the date stays
        page.click("#question button[value=skip]")
    assert "on=2026-11-01" in page.url and "Options on November 1, 2026" in page.inner_text("h1")
    if page.locator("#question input[type=radio][value=yes]").count():
        page.check("#question input[type=radio][value=yes]")
        with page.expect_navigation():  # an answer, saved with the person: the date stays too
            page.click("#question button[value=answer]")
        assert "on=2026-11-01" in page.url and "Options on November 1, 2026" in page.inner_text("h1")
    version = api(url, "GET", f"/api/v1/people/{pid}", office["token"])["version"]

    page.goto(f"{url}/people/{pid}/assess")  # as of today (2026-11-25)
    assert page.locator("article.card.changed").count() == 0
    page.fill("#what-if-expiry input[name=whatif_value]", "2026-11-20")
    with page.expect_navigation():
        page.click("#what-if-expiry button[type=submit]")
    result = page.inner_text("#what-if-result")
    assert "With one change" in result and "November 20, 2026" in result and "Nothing is saved" in result
    changed = page.locator("article.card.changed")
    assert changed.count() >= 2 and changed.first.is_visible()
    # basis: ICRRA Art. 21 — no extension once the period of stay has ended (the assessment's own verdict)
    extension = page.locator("article.card.changed", has_text="Extension of period of stay")
    assert "now: Not eligible; as it is: Needs more facts" in re.sub(r"\s+", " ", extension.inner_text())
    assert page.locator("form[action$='/applications']").count() == 0
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "assessment-what-if-en.png"), full_page=False)
    with page.expect_navigation():
        page.click("text=Back to the assessment as it is")
    assert page.locator("article.card.changed").count() == 0
    assert api(url, "GET", f"/api/v1/people/{pid}", office["token"])["version"] == version  # nothing saved
