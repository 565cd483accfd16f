"""A working day in the office and in the client's pocket (issue 13), in headless Chromium, as one flow:

1. a caseworker (ja) creates a Chinese national by typing 中国, makes three input errors and keeps the form each
   time;
2. she files Anna's change of status (Temporary Visitor → Student) on its application page;
3. she sets a task on Anna's page and, in the agenda widened by its filter form, snoozes Anna's expiry line
   (which comes back on its own date);
4. the client, Anna (ru, on a phone, 390×844), sees the pending change and the special period's end in Russian,
   the note the office shared with her, and nothing internal;
5. a supporter (en) filters the agenda to one of the two people assigned to her and one kind of deadline.

One test function: the steps depend on each other, and the test runner may share a module's tests among its
workers. Screenshots of each step go to docs/screenshots/ (docs/web.md shows them)."""

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
    sign_in,
)

pytestmark = pytest.mark.browser

TODAY = "2026-11-25"
PASSWORD = "forms-password-2026"
CASEWORKER = "yamada@forms.example"
CLIENT = "anna@forms.example"
SUPPORTER = "ito@forms.example"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    # Anna: Temporary Visitor, 90 days from 2026-10-01 (expires 2026-12-30); her change to Student is filed
    # in the browser; her nationality typed as a name in Russian
    with office_with_anna(tmp_path_factory.mktemp("forms"), TODAY, CASEWORKER, "山田 恵子", "ja", PASSWORD,
                          {"nationality": "Россия", "preferred_language": "ru"}) as (env, url, tok, anna_id):
        anna = {"id": anna_id}
        app = api(url, "POST", f"/api/v1/people/{anna['id']}/applications", tok,
                   {"procedure": "change_of_status", "target_status": "student", "channel": "counter"})
        app = api(url, "POST", f"/api/v1/applications/{app['id']}/transition", tok,
                   {"to": "prepared", "expected_version": app["version"]})
        api(url, "POST", f"/api/v1/people/{anna['id']}/notes", tok, {"body": "INTERNAL: fee not paid yet"})
        api(url, "POST", f"/api/v1/people/{anna['id']}/notes", tok,
             {"body": "Принесите письмо о зачислении в понедельник", "shared": True})
        _zairyu(env, "users", "add", CLIENT, "--role", "client", "--person", str(anna["id"]), "--lang", "ru",
                "--password-stdin", stdin=PASSWORD + "\n")
        _zairyu(env, "users", "add", SUPPORTER, "--role", "supporter", "--name", "Volunteer Ito", "--lang", "en",
                "--password-stdin", stdin=PASSWORD + "\n")
        _zairyu(env, "users", "assign", SUPPORTER, str(anna["id"]))
        # a second person the supporter follows: Olena, Designated Activities for a year from 2026-06-01
        olena = api(url, "POST", "/api/v1/people", tok, {"family_name": "Kovalenko", "given_name": "Olena",
                                                          "nationality": "UA", "preferred_language": "uk"})
        api(url, "POST", f"/api/v1/people/{olena['id']}/stays", tok,
             {"status": "designated_activities", "designation": "ukraine_evacuee", "period": "P1Y",
              "granted_on": "2026-06-01", "granted_by": "change"})
        _zairyu(env, "users", "assign", SUPPORTER, str(olena["id"]))
        yield {"url": url, "anna": anna["id"], "app": app["id"], "olena": olena["id"], "token": tok}


def submit(page: Any) -> None:
    with page.expect_navigation():
        page.click("#person-form button[type=submit]")


def test_a_day_in_the_office(browser: Any, office: dict[str, Any]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    caseworker = browser.new_page(viewport={"width": 1100, "height": 900})
    sign_in(caseworker, office["url"], CASEWORKER, PASSWORD)
    new_person_through_three_errors(caseworker, office)
    file_the_change(caseworker, office)
    task_and_snooze(caseworker, office)
    client = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(client, office["url"], CLIENT, PASSWORD)
    client_sees_the_pending_change(client, office)
    supporter = browser.new_page(viewport={"width": 1100, "height": 900})
    sign_in(supporter, office["url"], SUPPORTER, PASSWORD)
    supporter_filters_the_agenda(supporter, office)


def new_person_through_three_errors(page: Any, office: dict[str, Any]) -> None:
    url = office["url"]
    page.goto(url + "/people/new")
    check_accessible(page)
    # the nationality is typed as a name, and suggested as it is typed (a datalist of names in Japanese)
    assert page.locator("#nationality").get_attribute("maxlength") != "2"
    assert page.locator("datalist#nationality-names option[value='中国']").count() == 1
    page.fill("input[name=family_name]", "W" * 201)  # 1: a name longer than the 200 characters allowed
    page.fill("input[name=given_name]", "Fang")
    page.fill("#nationality", "中国")
    page.fill("input[name=stay_granted_on]", "2026-10-01")
    page.wait_for_load_state("networkidle")  # the statuses of that date (htmx) are in
    page.select_option("select[name=stay_status]", "student")
    page.wait_for_selector("select[name=stay_period] option[value=P1Y]", state="attached")
    page.select_option("select[name=stay_period]", "P1Y")
    submit(page)
    assert page.locator("#err-family_name").is_visible()
    assert "200文字" in page.inner_text("#err-family_name")
    assert page.input_value("#nationality") == "中国" and page.input_value("input[name=given_name]") == "Fang"
    assert page.input_value("select[name=stay_status]") == "student"
    assert page.input_value("select[name=stay_period]") == "P1Y"
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "form-error-1-name-ja.png"), full_page=True)

    page.fill("input[name=family_name]", "Wang")
    page.fill("input[name=stay_expires_on]", "2026-09-01")  # 2: an expiry before the grant
    submit(page)
    assert "許可日より前" in page.inner_text("#err-stay_expires_on")
    assert page.input_value("input[name=family_name]") == "Wang" and page.input_value("#nationality") == "中国"
    page.screenshot(path=str(SHOTS / "form-error-2-expiry-ja.png"), full_page=True)

    page.fill("input[name=stay_expires_on]", "")
    page.fill("input[name=stay_card_number]", "AB123")  # 3: not a residence card number
    submit(page)
    assert "在留カード番号" in page.inner_text("#err-stay_card_number")
    assert page.input_value("input[name=stay_card_number]") == "AB123"
    assert page.input_value("input[name=stay_granted_on]") == "2026-10-01"
    page.screenshot(path=str(SHOTS / "form-error-3-card-ja.png"), full_page=True)

    page.fill("input[name=stay_card_number]", "AB12345678CD")
    submit(page)
    assert re.search(r"/people/\d+", page.url)
    body = page.inner_text("main")
    assert "保存しました。" in body and "WANG Fang" in body
    assert "国籍: 中国" in body  # basis: ISO 3166-1 CN, shown by its Japanese name, never CH (Switzerland)
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "person-created-ja.png"), full_page=True)


def file_the_change(page: Any, office: dict[str, Any]) -> None:
    """The caseworker files Anna's change of status at the counter on 2026-11-20."""
    url = office["url"]
    page.goto(f"{url}/applications/{office['app']}")
    check_accessible(page)
    page.fill("input[name=date]", "2026-11-20")
    page.select_option("select[name=channel]", "counter")
    page.fill("input[name=receipt_number]", "TKY-2026-1120")
    page.screenshot(path=str(SHOTS / "day-2-filing-ja.png"), full_page=True)
    with page.expect_navigation():
        page.click("form:has(input[name=to][value=filed]) button[type=submit]")
    body = page.inner_text("main")
    assert "保存しました。" in body and "2026-11-20" in body and "TKY-2026-1120" in body
    page.screenshot(path=str(SHOTS / "day-2-filed-ja.png"), full_page=True)


EXPIRY = "2026-12-30"
"""Anna landed as a Temporary Visitor on 2026-10-01 for 90 days: her period of stay ends on 2026-12-30 (ICRRA
Art. 2-2(3) and Civil Code Art. 140: the first day is not counted)."""


def task_and_snooze(page: Any, office: dict[str, Any]) -> None:
    """A task on Anna's page; her expiry line snoozed in the agenda, widened to the end of the year."""
    url, anna = office["url"], office["anna"]
    page.goto(f"{url}/people/{anna}")
    page.click("#tasks summary")
    page.fill("#person-task-form input[name=title]", "入学許可書を受け取る")
    page.fill("#person-task-form input[name=due_on]", "2026-11-27")
    with page.expect_navigation():
        page.click("#person-task-form button[type=submit]")
    assert "保存しました。" in page.inner_text("main") and "入学許可書を受け取る" in page.inner_text("#person-tasks")
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "day-3-task-ja.png"), full_page=False)
    page.goto(url + "/")
    page.fill("#agenda-filters input[name=to]", "2026-12-31")
    with page.expect_navigation():
        page.click("#agenda-filters button[type=submit]")
    assert "to=2026-12-31" in page.url
    snooze = page.locator(f"form.snooze:has(input[name=person_id][value='{anna}']):has(input[name=kind]"
                          "[value=expiry_of_stay])")
    assert snooze.locator("input[name=date]").input_value() == EXPIRY
    snooze.locator("input[name=until]").fill("2026-12-10")
    with page.expect_navigation():
        snooze.locator("button[type=submit]").click()
    assert "to=2026-12-31" in page.url  # back on the same filtered agenda, the line gone from it
    assert page.locator(f"form.snooze:has(input[name=person_id][value='{anna}']):has(input[name=kind]"
                        "[value=expiry_of_stay])").count() == 0
    assert "入学許可書を受け取る" in page.inner_text("#agenda-tasks")
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "day-3-snoozed-ja.png"), full_page=True)
    # the snooze gives way on the deadline's own day (the agenda as of 2026-12-30, through the API)
    day = api(url, "GET", f"/api/v1/agenda?on={EXPIRY}&days=1", office["token"])
    line = next(i for i in day["items"] if i["kind"] == "expiry_of_stay" and i["person"]["id"] == anna)
    assert line["mark"]["mark"] == "snoozed"


def supporter_filters_the_agenda(page: Any, office: dict[str, Any]) -> None:
    """The supporter narrows the agenda to Olena and one kind of deadline; Anna's lines leave it."""
    url = office["url"]
    page.goto(url + "/?to=2027-06-30")
    body = " ".join(page.locator("section.bucket").all_inner_texts())
    assert "SOKOLOVA Anna" in body and "KOVALENKO Olena" in body  # both of hers
    page.select_option("#agenda-filters select[name=person]", str(office["olena"]))
    page.select_option("#agenda-filters select[name=kind]", ["expiry_of_stay", "earliest_filing_day"])
    page.fill("#agenda-filters input[name=to]", "2027-06-30")
    with page.expect_navigation():
        page.click("#agenda-filters button[type=submit]")
    assert f"person={office['olena']}" in page.url and "kind=expiry_of_stay" in page.url
    body = " ".join(page.locator("section.bucket").all_inner_texts())  # the agenda's lines, not the form
    assert "SOKOLOVA" not in body
    # basis: one year from 2026-06-01 ends on 2027-06-01 (Civil Code Arts. 140, 143(2)); the agenda says it in
    # English for her
    assert "KOVALENKO Olena" in body and "June 1, 2027" in body
    assert page.input_value("#agenda-filters select[name=person]") == str(office["olena"])
    check_accessible(page)
    page.screenshot(path=str(SHOTS / "day-5-supporter-filter-en.png"), full_page=True)


def client_sees_the_pending_change(page: Any, office: dict[str, Any]) -> None:
    url = office["url"]
    page.goto(f"{url}/people/{office['anna']}")
    check_accessible(page)
    pending = re.sub(r"\s+", " ", page.inner_text("#pending"))
    assert "Что ожидает решения" in pending and "Изменение статуса пребывания" in pending
    # basis: ICRRA Art. 20(6) with Civil Code Arts. 140/143 — expiry 2026-12-30, filed before it: the special
    # period ends at the latest on 2027-02-28
    assert "не позднее 28 февраля 2027 г." in pending
    assert "Закон об иммиграционном контроле, ст. 20(6)" in pending
    body = page.inner_text("body")
    for internal in ("INTERNAL", "cli:", "UTC", "conduct.", "ICRRA", "Sokolova Anna:", "Volunteer Ito",
                     "Сделать внутренней"):
        assert internal not in body, internal
    # the one note the office shared with her, under its own heading
    assert "Сообщения от вашего бюро" in body and "Принесите письмо о зачислении в понедельник" in body
    page.screenshot(path=str(SHOTS / "client-pending-phone-ru.png"), full_page=False)
    r = page.goto(url + "/people/new")
    assert r is not None and r.status == 403
    assert "Ваша роль не позволяет это сделать." in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "client-403-phone-ru.png"), full_page=False)
