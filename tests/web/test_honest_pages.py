"""Pages say what is true and keep what was typed: a person page never says a family link is missing when the
reader only may not see it (the client Anna read "No family links recorded." while the office had linked her to
Maria Kuznetsova, whom a client may not see); the account page names the wrong password field beside it."""

from __future__ import annotations

import re

from tests.web.conftest import TODAY, Office

from zairyu.cases import db
from zairyu.cases import services as sv


def test_a_hidden_relative_is_not_said_to_be_missing(fresh_office: Office) -> None:
    o = fresh_office
    with db.transaction(db.get_engine(o.settings.db_url)) as s:
        sv.link_family(s, o.ids["anna"], o.ids["maria"], "other", sv.Actor("test"), TODAY)
    mine = o.client("client").get(f"/people/{o.ids['anna']}?lang=en").text
    assert "Other family links are kept by the office." in mine and "No family links recorded." not in mine
    assert "KUZNETSOVA" not in mine.upper()  # the relative herself stays out of the client's sight
    staff = o.client("caseworker").get(f"/people/{o.ids['anna']}?lang=en").text
    assert "KUZNETSOVA" in staff.upper() and "kept by the office" not in staff
    alone = o.client("caseworker").get(f"/people/{o.ids['ivan']}?lang=en").text
    assert "No family links recorded." in alone


def test_the_account_page_says_which_password_field_is_wrong_and_keeps_the_form(fresh_office: Office) -> None:
    """A wrong current password, or too short a new one, gave a bare error page ("This value cannot be accepted")
    without the form: the account page shows again, the error beside its field in the reader's language, the
    language chosen kept (never a password), and nothing is changed."""
    c = fresh_office.browser("supporter")
    csrf = c.cookies.get("zairyu_csrf")
    r = c.post("/account?lang=uk", data={"csrf_token": csrf, "language": "ru", "current_password": "not it",
                                         "new_password": "a new long password"}, follow_redirects=False)
    assert r.status_code == 422 and 'id="account-form"' in r.text
    assert 'id="err-current_password"' in r.text and "Нічого не змінено." in r.text
    assert re.search(r'<option value="ru"\s+selected', r.text) and "not it" not in r.text
    r = c.post("/account?lang=uk", data={"csrf_token": csrf, "current_password": "x", "new_password": "short"},
               follow_redirects=False)
    assert r.status_code == 422 and 'id="err-new_password"' in r.text
    # nothing changed: the old password still signs in (conftest's PASSWORD)
    assert fresh_office.browser("supporter").get("/account").status_code == 200


def test_an_options_reasons_are_counted_as_listed(fresh_office: Office) -> None:
    """"Reasons (2)" opened a list of seven: the discretionary factors listed under an option were not counted."""
    page = fresh_office.client("caseworker").get(f"/people/{fresh_office.ids['anna']}/assess?lang=en").text
    blocks = re.findall(r"<summary>Reasons \((\d+)\)</summary>\s*<ul>(.*?)</ul>", page, re.S)
    assert blocks
    for n, items in blocks:
        assert int(n) == items.count("<li>"), (n, items.count("<li>"))
