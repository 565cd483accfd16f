"""The precedent register in headless Chromium: search for 留学 in Japanese and in English, open the record,
and the statistics page whose charts are drawn by zairyu's own uPlot under the app's CSP (no CDN, no inline
script) with their data tables beside them. Screenshots go to docs/screenshots/ for docs/precedents.md."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401 (browser_type_launch_args: the Chromium recipe)
    SHOTS,
    _zairyu,
    browser_type_launch_args,
    check_accessible,
    data_env,
    running_server,
)

pytestmark = pytest.mark.browser

EMAIL = "caseworker@precedents.example"
PASSWORD = "e2e-password-2026"
TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"


@pytest.fixture(scope="module")
def register_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = data_env(tmp_path_factory.mktemp("precedents-e2e"))
    _zairyu(env, "db", "upgrade")
    _zairyu(env, "users", "add", EMAIL, "--role", "caseworker", "--name", "Sato Emi", "--password-stdin",
            stdin=PASSWORD + "\n")
    _zairyu(env, "precedents", "load")
    with running_server(env, "2026-11-25") as url:
        yield url


def sign_in(page: Any, url: str, lang: str) -> None:
    page.goto(url + f"/login?lang={lang}")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_register_search_and_record(page: Any, register_server: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, register_server, lang)
    page.goto(register_server + "/precedents")
    page.fill("#q", "留学")
    with page.expect_navigation():
        page.click("form.precedent-search .actions button[type=submit]")
    check_accessible(page)
    links = page.locator("article.precedent h2 a")
    assert links.count() == 1 and TOKYO in (links.first.get_attribute("href") or "")
    assert ("1 件" if lang == "ja" else "1 record") in page.inner_text("#result-count")
    page.screenshot(path=str(SHOTS / f"precedents-search-{lang}.png"), full_page=True)
    with page.expect_navigation():
        links.first.click()
    check_accessible(page)
    assert page.locator("#h-sources").count() == 1 and page.locator("#h-versions").count() == 1
    page.screenshot(path=str(SHOTS / f"precedent-{lang}.png"), full_page=True)
    assert errors == []


def test_stats_page_draws_charts_under_the_csp(page: Any, register_server: str) -> None:
    page.set_viewport_size({"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sign_in(page, register_server, "en")
    page.goto(register_server + "/precedents/stats")
    check_accessible(page)
    # uPlot drew both charts (a canvas each) and every request stayed on zairyu's own origin
    page.wait_for_selector(".uplot canvas")
    assert page.locator(".uplot canvas").count() == 2
    assert all(u.startswith(register_server) for u in requests), requests
    assert errors == [], errors  # no CSP violation, no script error
    assert page.locator("table.data").count() >= 3
    page.screenshot(path=str(SHOTS / "precedent-stats-en.png"), full_page=True)


def test_extract_page_marks_the_words(page: Any, register_server: str) -> None:
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, register_server, "ja")
    page.goto(register_server + "/precedents/extract")
    page.fill("#text", "東京地裁は2024年3月12日、ミャンマー国籍の男性1人に対する難民不認定処分を取り消す判決を"
                       "言い渡した。出入国管理及び難民認定法第61条の2第1項")
    with page.expect_navigation():
        page.click("form button[type=submit].primary")
    check_accessible(page)
    assert page.locator("#draft-fields mark[data-field=outcome]").inner_text() == "取り消す"
    page.screenshot(path=str(SHOTS / "precedent-extract-ja.png"), full_page=True)
