"""Choosing a person in a large office, in headless Chromium on a phone (390×844): a caseworker (uk) sets a task
on the tasks screen of an office of 63 people, types part of Anna's name in the person picker and sees the list
follow as she types (htmx asks ``GET /forms/people-choices``), with Anna chosen as the only match; the task is
saved for Anna. Screenshots: docs/screenshots/picker-*.png (docs/web.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401  (the fixture configures Chromium for this module too)
    SHOTS,
    api,
    browser_type_launch_args,
    check_accessible,
    office_with_anna,
    sign_in,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
PASSWORD = "picker-password-2026"
CASEWORKER = "bondar@picker.example"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with office_with_anna(tmp_path_factory.mktemp("picker"), TODAY, CASEWORKER, "Оксана Бондар", "uk",
                          PASSWORD) as (env, url, tok, anna_id):
        for i in range(62):  # sorted before Anna by name: she is not among the first 50 listed
            api(url, "POST", "/api/v1/people", tok, {"family_name": "Abe", "given_name": f"Person {i:02d}",
                                                     "nationality": "JP"})
        yield {"url": url, "anna": anna_id, "token": tok}


def test_a_caseworker_finds_anna_by_typing_part_of_her_name(browser: Any, office: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, office["url"], CASEWORKER, PASSWORD)
    page.goto(office["url"] + "/tasks")
    select = page.locator("#pick-person_id")
    names = select.locator("option").all_inner_texts()
    assert "SOKOLOVA Anna" not in names and len([n for n in names if n.startswith("ABE")]) == 50
    page.fill("#pick-q-person_id", "")
    page.type("#pick-q-person_id", "sokol", delay=30)
    select.locator("option", has_text="SOKOLOVA Anna").wait_for(state="attached")
    assert select.locator("option").all_inner_texts() == ["—", "SOKOLOVA Anna"]
    assert select.input_value() == str(office["anna"])
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "picker-1-found-uk.png"), full_page=True)
    page.fill("input[name=title]", "Забрати лист про зарахування")
    with page.expect_navigation():
        page.click("#task-form button[type=submit]")
    tasks = api(office["url"], "GET", "/api/v1/tasks", office["token"])["tasks"]
    assert [(t["title"], t["person_id"]) for t in tasks] == [("Забрати лист про зарахування", office["anna"])]
    assert "SOKOLOVA Anna" in page.content()
    page.screenshot(path=str(SHOTS / "picker-2-saved-uk.png"), full_page=True)
