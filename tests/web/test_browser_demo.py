"""The README's run command in a real browser: the demo office (``zairyu demo``) with its demo logins
(``zairyu users demo-logins``), as a caseworker in Japanese and as the client Anna in Russian.
Screenshots of the populated agenda and of the client's own record go to docs/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401 - the launch-args fixture is shared
    SHOTS,
    _zairyu,
    browser_type_launch_args,
    check_accessible,
    data_env,
    running_server,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
PASSWORD = "zairyu-demo"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = data_env(tmp_path_factory.mktemp("demo"))
    _zairyu(env, "db", "upgrade")
    _zairyu(env, "demo", "--on", TODAY)
    _zairyu(env, "users", "demo-logins")
    with running_server(env, TODAY) as url:
        yield url


def sign_in(page: Any, url: str, email: str) -> None:
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    assert page.url == url + "/", page.inner_text("main")


def test_caseworker_sees_the_demo_office_agenda_in_japanese(page: Any, demo_server: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 800})
    sign_in(page, demo_server, "caseworker@demo.zairyu.example")
    assert page.locator("h1").first.inner_text().startswith("予定")
    overdue = page.locator("section.bucket.overdue")
    assert "期限切れ" in overdue.locator("h2").inner_text()
    # the demo office has missed deadlines: they come first, with their provision
    assert overdue.locator("tbody tr").count() >= 1
    assert "第" in overdue.inner_text() or "Art." in overdue.inner_text()
    assert page.locator("section.bucket.week tbody tr").count() >= 1
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "agenda-demo-ja.png"), full_page=True)


def test_client_sees_only_her_own_record_in_russian(page: Any, demo_server: str) -> None:
    page.set_viewport_size({"width": 1100, "height": 800})
    sign_in(page, demo_server, "anna@demo.zairyu.example")
    body = page.inner_text("body")
    assert "Сроки" in body  # the client's account speaks Russian
    assert "SOKOLOVA" in body.upper()
    assert "KUZNETSOVA" not in body.upper()  # another person of the office is never shown to a client
    page.goto(demo_server + "/people")
    assert "KUZNETSOVA" not in page.inner_text("body").upper()
    page.goto(demo_server + "/people/new")
    assert page.locator("#person-form").count() == 0  # read-only: no form to add people
    check_accessible(page)
    page.goto(demo_server + "/")
    page.screenshot(path=str(SHOTS / "client-agenda-ru.png"), full_page=True)
