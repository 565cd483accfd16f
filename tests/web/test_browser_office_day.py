"""In headless Chromium (issue 13, the office's day): a caseworker working in Japanese sets a task on a person's
page, then widens the agenda with its filter form, snoozes a deadline and sees it leave the agenda while the
task shows apart, marked as a task. Screenshots go to docs/screenshots/ for docs/web.md."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.test_browser import (  # noqa: F401  (the fixture configures Chromium for this module too)
    SHOTS,
    _zairyu,
    browser_type_launch_args,
    check_accessible,
    data_env,
    running_server,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
PASSWORD = "office-day-password-2026"
CASEWORKER = "yamada@day.example"
EXPIRY = "2026-12-30"
"""Anna landed as a Temporary Visitor on 2026-10-01 for 90 days: her period of stay ends on 2026-12-30 (ICRRA
Art. 2-2(3), the first day not counted; the same date as tests/web/test_pages.py)."""


def _api(url: str, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None
                                 else None, headers={"Content-Type": "application/json",
                                                     **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    env = data_env(tmp_path_factory.mktemp("day"))
    _zairyu(env, "db", "upgrade")
    _zairyu(env, "users", "add", CASEWORKER, "--role", "caseworker", "--name", "山田 恵子", "--lang", "ja",
            "--password-stdin", stdin=PASSWORD + "\n")
    with running_server(env, TODAY) as url:
        tok = _api(url, "POST", "/api/v1/auth/token", body={"email": CASEWORKER, "password": PASSWORD})["access_token"]
        anna = _api(url, "POST", "/api/v1/people", tok, {"family_name": "Sokolova", "given_name": "Anna",
                                                         "nationality": "RU"})
        _api(url, "POST", f"/api/v1/people/{anna['id']}/stays", tok,
             {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01", "granted_by": "landing"})
        yield {"url": url, "anna": anna["id"], "token": tok}


def test_a_caseworker_sets_a_task_and_snoozes_a_deadline_in_japanese(page: Any, office: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url, anna = office["url"], office["anna"]
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(url + "/login")
    page.fill("#email", CASEWORKER)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")

    # a task on Anna's page: title, owner (the caseworker herself by default), due date
    page.goto(f"{url}/people/{anna}")
    page.click("#tasks summary")
    page.fill("#person-task-form input[name=title]", "入学許可書を受け取る")
    page.fill("#person-task-form input[name=due_on]", "2026-11-27")
    assert page.input_value("#person-task-form select[name=owner_id]") != ""
    with page.expect_navigation():
        page.click("#person-task-form button[type=submit]")
    assert "保存しました。" in page.inner_text("main")
    assert "入学許可書を受け取る" in page.inner_text("#person-tasks")
    check_accessible(page)

    # the agenda: widen it to the end of December with the filter form; the filter stays in the address
    page.goto(url + "/")
    page.fill("#agenda-filters input[name=to]", "2026-12-31")
    with page.expect_navigation():
        page.click("#agenda-filters button[type=submit]")
    assert "to=2026-12-31" in page.url
    assert page.input_value("#agenda-filters input[name=to]") == "2026-12-31"
    assert "その期限日当日と期限を過ぎている間は" in page.inner_text("#snooze-rule")  # the rule, said on the page
    snooze = page.locator("form.snooze:has(input[name=kind][value=expiry_of_stay])")
    assert snooze.count() == 1 and snooze.locator("input[name=date]").input_value() == EXPIRY
    check_accessible(page)
    snooze.locator("input[name=until]").fill("2026-12-10")
    with page.expect_navigation():
        snooze.locator("button[type=submit]").click()
    assert "to=2026-12-31" in page.url  # back on the same filtered agenda
    assert page.locator("form.snooze:has(input[name=kind][value=expiry_of_stay])").count() == 0
    assert "1 行を非表示" in page.inner_text("#snooze-rule")
    tasks = page.inner_text("#agenda-tasks")
    assert "入学許可書を受け取る" in tasks and "タスク" in tasks  # apart from the legal deadlines, marked as a task
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "agenda-snoozed-ja.png"), full_page=True)

    # on the deadline's own day the snooze gives way (the API, as of 2026-12-30)
    day = _api(url, "GET", f"/api/v1/agenda?on={EXPIRY}&days=1", office["token"])
    line = next(i for i in day["items"] if i["kind"] == "expiry_of_stay")
    assert line["mark"]["mark"] == "snoozed" and line["mark"]["until"] == "2026-12-10"
