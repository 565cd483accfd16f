"""The assessment page keeps its as-of date (and the questions skipped) through every answer, and has a "what if":
change one fact, see which options change against the assessment as it is — nothing saved (issue 13).

Anna (tests/web/conftest.py): Temporary Visitor, 90 days from 2026-10-01 (ends 2026-12-30), today 2026-11-25."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.web.conftest import Office

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv


def _text(r: Any) -> str:
    body = html.unescape(re.sub(r"<[^>]+>", " ", r.text))
    return re.sub(r"\s+", " ", body)


def _question(page: str) -> tuple[str, dict[str, str]]:
    """The question form's fact and its hidden fields."""
    form = page[page.index('id="h-q"'):page.index("</section>", page.index('id="h-q"'))]
    return _hidden(form)["fact"], _hidden(form)


def _hidden(form: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}


def test_answering_keeps_the_as_of_date_and_the_skipped_questions(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    r = b.get(f"/people/{pid}/assess?on=2026-11-01&lang=en")
    assert r.status_code == 200 and "Options on November 1, 2026" in _text(r)
    fact, hidden = _question(r.text)
    assert hidden.get("on") == "2026-11-01"  # the question's form carries the date
    # "I don't know": the next page is as of the same date, with the question skipped
    r = b.post(f"/people/{pid}/assess", data={**hidden, "action": "skip"}, follow_redirects=False)
    assert r.status_code == 303
    q = parse_qs(urlsplit(r.headers["location"]).query)
    assert q["on"] == ["2026-11-01"] and q["skip"] == [fact]
    r = b.get(r.headers["location"] + "&lang=en")
    assert "Options on November 1, 2026" in _text(r)
    fact2, hidden2 = _question(r.text)
    assert fact2 != fact and hidden2["on"] == "2026-11-01" and hidden2["skip"] == fact
    # an answer saved with the person: again the same date and the same skipped question
    # (a yes/no question, a status wanted — a status code —, or a date)
    value = "yes" if 'type="radio" name="value"' in r.text else "student" if fact2.endswith("status") else "2026-10-01"
    r = b.post(f"/people/{pid}/assess", data={**hidden2, "value": value, "action": "answer"},
               follow_redirects=False)
    assert r.status_code == 303, _text(r)
    q = parse_qs(urlsplit(r.headers["location"]).query)
    assert q["on"] == ["2026-11-01"] and q["skip"] == [fact]


def test_the_assessment_of_typed_facts_has_an_as_of_date_kept_through_answers(office: Office) -> None:
    b = office.browser("caseworker")
    r = b.post("/assess?lang=en", data={
        "csrf_token": b.cookies.get("zairyu_csrf"), "nationality": "RU", "stay_status": "temporary_visitor",
        "stay_period": "P90D", "stay_granted_on": "2026-10-01", "stay_granted_by": "landing", "on": "2026-11-01"})
    assert r.status_code == 200 and "Options on November 1, 2026" in _text(r)
    fact, hidden = _question(r.text)
    assert hidden["on"] == "2026-11-01"
    r = b.post("/assess?lang=en", data={**hidden, "action": "skip"})
    assert r.status_code == 200 and "Options on November 1, 2026" in _text(r)
    assert _question(r.text)[1]["skip"] == fact
    # a date zairyu does not cover: the start form again, the field named in the reader's language
    r = b.post("/assess?lang=en", data={
        "csrf_token": b.cookies.get("zairyu_csrf"), "stay_status": "temporary_visitor", "stay_period": "P90D",
        "stay_granted_on": "2026-10-01", "stay_granted_by": "landing", "on": "1899-01-01"})
    assert r.status_code == 422 and 'id="err-on"' in r.text and 'value="temporary_visitor"' in r.text


def _saved(office: Office, pid: int) -> tuple[object, int, int]:
    engine = db.get_engine(office.settings.db_url)
    with db.transaction(engine) as s:
        person = s.get(m.Person, pid)
        assert person is not None
        entries = s.scalar(select(func.count()).select_from(m.TimelineEntry).where(m.TimelineEntry.person_id == pid))
        return sv.facts_for_person(s, pid), person.version, int(entries or 0)


def test_what_if_the_stay_had_ended_shows_the_changed_options_and_saves_nothing(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    before = _saved(fresh_office, pid)
    r = b.get(f"/people/{pid}/assess", params={"lang": "en", "whatif_fact": "stay.expires_on",
                                                "whatif_value": "2026-11-20"})
    assert r.status_code == 200
    text = _text(r)
    assert "With one change" in text and "November 20, 2026" in text and "Nothing is saved" in text
    cards = re.findall(r'<article class="card( changed)?"[^>]*>\s*<h3[^>]*>(.*?)</h3>(.*?)</article>', r.text, re.S)
    changed = {html.unescape(re.sub(r"<[^>]+>", "", h)).strip(): body for c, h, body in cards if c}
    # basis: ICRRA Art. 21 — an extension is applied for while the period of stay runs; a stay that ended on
    # 2026-11-20 is over on 2026-11-25 (the assessment's own verdicts, zairyu.rules.assess)
    extension = next(v for k, v in changed.items() if "Extension of period of stay" in k)
    assert "now: Not eligible; as it is: Needs more facts" in html.unescape(re.sub(r"<[^>]+>", " ", extension))
    # overstaying opens routes not offered as it is (departure order, ICRRA Art. 24-3; special permission, Art. 50)
    assert any("Departure order" in k for k in changed)
    assert "Offered only with this change" in text
    assert f'action="/people/{pid}/applications"' not in r.text  # nothing to start from a supposition
    assert _saved(fresh_office, pid) == before  # the record, its version and its history are untouched
    back = re.search(r'<a href="([^"]+)">Back to the assessment as it is', r.text)
    assert back is not None and "whatif" not in back.group(1)


def test_what_if_the_goal_was_student(office: Office) -> None:
    r = office.browser("supporter").get(f"/people/{office.ids['anna']}/assess",
                                        params={"lang": "ru", "whatif_fact": "goal.status", "whatif_value": "student"})
    assert r.status_code == 200
    text = _text(r)
    assert "Учёба" in text and "Предлагается только при этом изменении" in text


def test_a_what_if_value_that_cannot_be_is_refused_naming_the_fact(office: Office) -> None:
    b = office.browser("caseworker")
    pid = office.ids["anna"]
    r = b.get(f"/people/{pid}/assess", params={"lang": "en", "whatif_fact": "stay.expires_on",
                                                "whatif_value": "2026-02-30"})
    assert r.status_code == 422 and 'data-field="stay.expires_on"' in r.text
    r = b.get(f"/people/{pid}/assess", params={"lang": "en", "whatif_fact": "person.secret", "whatif_value": "1"})
    assert r.status_code == 422 and 'data-field="whatif_fact"' in r.text


def test_what_if_on_typed_facts(office: Office) -> None:
    b: TestClient = office.browser("caseworker")
    r = b.post("/assess?lang=en", data={
        "csrf_token": b.cookies.get("zairyu_csrf"), "stay_status": "temporary_visitor", "stay_period": "P90D",
        "stay_granted_on": "2026-10-01", "stay_granted_by": "landing"})
    form = r.text[r.text.index('id="what-if-answer"'):]
    form = form[:form.index("</form>")]
    hidden = _hidden(form)
    r = b.post("/assess?lang=en", data={**hidden, "action": "whatif", "whatif_fact": "conduct.has_passport",
                                         "whatif_value": "no"})
    assert r.status_code == 200
    text = _text(r)
    # basis: ICRRA Art. 26(1) — a re-entry permit is for a holder of a valid passport
    assert "With one change — Do you hold a valid passport? No" in text
    assert re.search(r'class="card changed"[^>]*>\s*<h3[^>]*>(?:(?!</h3>).)*Re-entry permit', r.text, re.S)


def test_an_answer_with_a_date_that_cannot_be_saves_nothing(fresh_office: Office) -> None:
    b = fresh_office.browser("caseworker")
    pid = fresh_office.ids["anna"]
    before = _saved(fresh_office, pid)
    fact, hidden = _question(b.get(f"/people/{pid}/assess?lang=en").text)
    r = b.post(f"/people/{pid}/assess", data={**hidden, "on": "2026-02-30", "value": "yes", "action": "answer"},
               follow_redirects=False)
    assert r.status_code == 422 and 'data-field="on"' in r.text
    assert _saved(fresh_office, pid) == before  # the answer was not kept
