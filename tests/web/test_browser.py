"""End to end in headless Chromium: sign in, open the agenda, add a person, assess the motivating case
(law.md §7: a Russian national on Temporary Visitor who cannot return safely and wants to study),
start and file the change of status, and see the new deadline (the special period, ICRRA Art. 20(6))
— in Japanese and in Russian. Screenshots go to docs/screenshots/ for docs/web.md."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
SHOTS = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"]
EMAIL = "caseworker@e2e.example"
PASSWORD = "e2e-password-2023"
TODAY = "2023-04-20"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": ARGS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _zairyu(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    subprocess.run([sys.executable, "-c", "from zairyu.cli import main; main()", *args], env=env, check=True,
                   input=stdin, text=True, capture_output=True, timeout=120)


@contextmanager
def running_server(env: dict[str, str], today: str | None = None) -> Iterator[str]:
    """``zairyu serve`` on a free port (with "today" fixed when given), as a user would start it; stopped on
    exit. Its output is discarded: a pipe nobody reads would stall a server that logs a lot."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from zairyu.cli import main; main()", "serve", "--port",
                             str(port), *(("--on", today) if today else ())], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to ~30 s: a loaded machine (the full suite on 2 cores) starts slowly
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("zairyu serve did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a loaded machine: stop it for good
            proc.kill()
            proc.wait(timeout=20)


def api(url: str, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
    """One JSON API call to a running server (a browser test's set-up, as a script would make it)."""
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None
                                 else None, headers={"Content-Type": "application/json",
                                                     **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


def sign_in(page: Any, url: str, email: str, password: str) -> None:
    """Sign in through the login form, as a user would."""
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")


@contextmanager
def office_with_anna(data: Path, today: str, email: str, name: str, lang: str, password: str,
                     anna: dict[str, Any] | None = None) -> Iterator[tuple[dict[str, str], str, str, int]]:
    """A fresh office served by ``zairyu serve`` with one caseworker (``email``) and Anna, a Temporary Visitor
    landed on 2026-10-01 for 90 days (her period of stay ends on 2026-12-30: ICRRA Art. 2-2(3), the first day
    not counted). Yields (environment, server address, the caseworker's API token, Anna's id)."""
    env = data_env(data)
    _zairyu(env, "db", "upgrade")
    _zairyu(env, "users", "add", email, "--role", "caseworker", "--name", name, "--lang", lang,
            "--password-stdin", stdin=password + "\n")
    with running_server(env, today) as url:
        tok = api(url, "POST", "/api/v1/auth/token", body={"email": email, "password": password})["access_token"]
        person = api(url, "POST", "/api/v1/people", tok, {"family_name": "Sokolova", "given_name": "Anna",
                                                          "nationality": "RU", **(anna or {})})
        api(url, "POST", f"/api/v1/people/{person['id']}/stays", tok,
            {"status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01", "granted_by": "landing"})
        yield env, url, tok, person["id"]


def data_env(data: Path) -> dict[str, str]:
    return {**os.environ, "ZAIRYU_DATA_DIR": str(data), "ZAIRYU_DATABASE_URL": f"sqlite:///{data / 'zairyu.db'}"}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = data_env(tmp_path_factory.mktemp("e2e"))
    _zairyu(env, "db", "upgrade")
    _zairyu(env, "users", "add", EMAIL, "--role", "caseworker", "--name", "Yamada Keiko", "--password-stdin",
            stdin=PASSWORD + "\n")
    with running_server(env, TODAY) as url:
        yield url


ANSWERS_YES = {"goal.activity_fits", "goal.meets_landing_criteria", "circumstances.cannot_return_safely",
               "circumstances.school_admission", "conduct.has_passport", "conduct.engaged_in_status_activity"}

WORDS = {
    "ja": {"agenda": "予定", "special": "特例期間の終了", "filed": "申請済み", "discretionary": "裁量"},
    "ru": {"agenda": "Сроки", "special": "Окончание особого периода", "filed": "Подано",
           "discretionary": "На усмотрение"},
}


LABEL_CHECK = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.closest('fieldset legend'))
  .filter(el => !(el.type === 'radio' && el.closest('label')))
  .map(el => el.name || el.id)"""


def check_accessible(page: Any) -> None:
    """Every control has a label, there is one h1, and the skip link leads to the main content."""
    assert page.evaluate(LABEL_CHECK) == [], page.url
    assert page.locator("h1").count() == 1, page.url
    assert page.locator("a.skip[href='#main']").count() == 1
    assert page.locator("main#main").count() == 1


def answer_interview(page: Any) -> int:
    """Answer what the interview asks (the motivating case's facts); skip what nobody knows."""
    asked = 0
    for _ in range(25):
        fact_input = page.locator("#question input[name=fact]")
        if fact_input.count() == 0:
            return asked
        fact = fact_input.get_attribute("value")
        asked += 1
        if page.locator("#question input[type=radio]").count():
            page.check(f"#question input[type=radio][value={'yes' if fact in ANSWERS_YES else 'no'}]")
            with page.expect_navigation():
                page.click("#question button[value=answer]")
        elif fact == "goal.status":
            page.select_option("#question select[name=value]", "student")
            with page.expect_navigation():
                page.click("#question button[value=answer]")
        else:
            with page.expect_navigation():
                page.click("#question button[value=skip]")
    return asked


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_motivating_case_in_the_browser(page: Any, live_server: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    w = WORDS[lang]
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(live_server + "/login")
    check_accessible(page)
    # choose the language on the sign-in page (it sticks for the session)
    page.select_option("#lang-select", lang)
    with page.expect_navigation():
        page.click("form.langs button")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    assert page.url == live_server + "/", page.inner_text("main")
    assert page.locator("h1").first.inner_text().startswith(w["agenda"])
    check_accessible(page)
    page.screenshot(path=str(SHOTS / f"agenda-{lang}.png"), full_page=True)

    # add the person with her current stay (extended Temporary Visitor, 90 days)
    page.goto(live_server + "/people/new")
    check_accessible(page)
    family = "Sokolova" if lang == "ja" else "Kuznetsova"
    page.fill("input[name=family_name]", family)
    page.fill("input[name=given_name]", "Anna" if lang == "ja" else "Maria")
    page.fill("input[name=nationality]", "RU")
    page.fill("input[name=stay_granted_on]", "2023-02-13")
    page.wait_for_load_state("networkidle")  # the statuses of that date (htmx) are in
    page.select_option("select[name=stay_status]", "temporary_visitor")
    page.wait_for_selector("select[name=stay_period] option[value=P90D]", state="attached")
    page.select_option("select[name=stay_period]", "P90D")
    page.select_option("select[name=stay_granted_by]", "extension")
    page.fill("input[name=stay_previous_expires_on]", "2023-02-13")
    with page.expect_navigation():
        page.click("#person-form button[type=submit]")
    assert family.upper() in page.locator("h1").inner_text()
    person_url = page.url

    # assess: the interview asks only what matters
    with page.expect_navigation():
        page.click("#assess-link")
    asked = answer_interview(page)
    assert asked >= 3
    option = page.locator("article", has=page.locator(
        "form:has(input[name=procedure][value=change_of_status]):has(input[name=target_status][value=student])"))
    assert option.count() == 1
    assert w["discretionary"] in option.locator(".badge").first.inner_text()
    # the Art. 20(3) proviso, cited as the reader's language cites it
    assert {"ja": "入管法第20条第3項ただし書", "ru": "Закон об иммиграционном контроле, ст. 20(3), оговорка",
            "en": "ICRRA Art. 20(3) proviso", "uk": "Закон про імміграційний контроль, ст. 20(3), застереження"}[
        lang] in option.inner_text()
    check_accessible(page)
    page.screenshot(path=str(SHOTS / f"assessment-{lang}.png"), full_page=True)

    # start the application from the option, then file it
    with page.expect_navigation():
        option.locator("form button").click()
    assert "在留資格変更許可申請" in page.inner_text("body")
    page.fill("form:has(input[name=to][value=filed]) input[name=date]", TODAY)
    with page.expect_navigation():
        page.click("form:has(input[name=to][value=filed]) button[type=submit]")
    assert w["filed"] in page.locator(".badge").first.inner_text()
    body = page.inner_text("body")
    assert w["special"] in body  # the new deadline: the special period while the application is pending
    check_accessible(page)
    page.screenshot(path=str(SHOTS / f"application-filed-{lang}.png"), full_page=True)

    page.goto(person_url)
    assert w["special"] in page.inner_text("body")
    check_accessible(page)
    page.screenshot(path=str(SHOTS / f"person-{lang}.png"), full_page=True)

    # phone-sized screen: the same page stays usable
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(person_url)
    page.screenshot(path=str(SHOTS / f"person-phone-{lang}.png"), full_page=False)
    with page.expect_navigation():
        page.click("form.logout button")
    assert "/login" in page.url
