"""The JSON API answers in the reader's language: ``?lang=``, else Accept-Language (by q-values), else the
signed-in user's language, else English; ``lang=all`` gives every language. Every answer is described in
/openapi.json, and the answers built without FastAPI's validation fit their models."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from tests.web.conftest import Office

from zairyu.messages import languages
from zairyu.rules.interview import question_text
from zairyu.web.api.lang import negotiate
from zairyu.web.i18n import parse_accept_language
from zairyu.web.schemas import AgendaOut, AssessmentOut, DeadlinesOut, PersonDetailOut, StoredDeadlinesOut

FOUR = {"ja", "en", "ru", "uk"}
FACTS = {"person": {"nationality": "RU"},
         "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-02-13",
                  "granted_by": "extension", "previous_expires_on": "2023-02-13"},
         "goal": {"status": "student", "activity_fits": True, "meets_landing_criteria": True},
         "circumstances": {"cannot_return_safely": True, "school_admission": True}}
STAY = {"person": {"nationality": "RU"}, "stay": {"status": "temporary_visitor", "period": "P90D",
                                                   "granted_on": "2026-10-01", "granted_by": "landing"}}


# --------------------------------------------------------------------------- the rules

def test_accept_language_is_ranked_by_q_values() -> None:
    assert parse_accept_language("de;q=0.5, uk;q=0.9, en") == ["en", "uk", "de"]
    assert parse_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == ["ru-RU", "ru", "en-US", "en"]
    assert parse_accept_language("ja;q=0, en;q=0.1") == ["en"]  # q=0: not this one
    assert parse_accept_language("ja;q=abc, uk;q=2, ru") == ["ru"]  # malformed or out of range: ignored
    assert parse_accept_language("") == parse_accept_language(None) == []


@pytest.mark.parametrize(("query", "accept", "user", "expected"), [
    ("ru", "uk", "ja", ("ru",)),                    # ?lang= first
    ("all", None, None, languages()),               # every language
    (None, "fr-FR, uk;q=0.8, ja;q=0.9", "ru", ("ja",)),  # the best q that has a catalogue
    (None, "ru-RU", None, ("ru",)),                 # a region matches its language
    (None, "fr, de", "uk", ("uk",)),                # nothing in Accept-Language: the user's setting
    (None, "ja;q=0", "ja", ("ja",)),                # q=0 excludes from the header only
    (None, None, None, ("en",)),                    # English
    (None, "*", "ja", ("en",)),                     # any language: English
])
def test_negotiation_order(query: str | None, accept: str | None, user: str | None,
                           expected: tuple[str, ...]) -> None:
    assert negotiate(query, accept, user).langs == expected


# --------------------------------------------------------------------------- the routes

def _texts(r: Any) -> list[dict[str, str]]:
    """Every explanation of the deadlines in an answer (deadlines, agenda items, a person's deadlines)."""
    j = r.json()
    items = j.get("deadlines") or j.get("items") or []
    return [d["explanation"] for d in items]


def _routes(office: Office) -> dict[str, Any]:
    anna = office.ids["anna"]
    return {
        "deadlines": lambda c, **kw: c.post("/api/v1/deadlines?on=2026-11-25", json=STAY, **kw),
        "stored deadlines": lambda c, **kw: c.get(f"/api/v1/people/{anna}/deadlines", **kw),
        "person": lambda c, **kw: c.get(f"/api/v1/people/{anna}", **kw),
        "agenda": lambda c, **kw: c.get("/api/v1/agenda", params={"days": 60, **kw.pop("params", {})}, **kw),
        "assessment": lambda c, **kw: c.get(f"/api/v1/people/{anna}/assessment", **kw),
        "assess": lambda c, **kw: c.post("/api/v1/assess?on=2023-04-20", json=FACTS, **kw),
    }


ROUTES = ("deadlines", "stored deadlines", "person", "agenda", "assessment", "assess")


def _all_texts(r: Any) -> list[dict[str, str]]:
    j = r.json()
    if "options" in j:
        out = [o["explanation"] for o in j["options"]]
        out += [x["text"] for o in j["options"] for x in o["requirements"] + o["discretionary_factors"]]
        return out + _texts(r)
    return _texts(r)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("role", "kw", "lang"), [
    ("caseworker", {"params": {"lang": "ru"}, "headers": {"Accept-Language": "uk"}}, "ru"),
    ("caseworker", {"headers": {"Accept-Language": "de, uk;q=0.9, en;q=0.8"}}, "uk"),
    ("client", {}, "ru"),       # the client's own setting
    ("caseworker", {}, "ja"),   # the caseworker's own setting
])
def test_answers_in_the_negotiated_language(office: Office, route: str, role: str, kw: dict[str, Any],
                                            lang: str) -> None:
    r = _routes(office)[route](office.client(role), **kw)
    assert r.status_code == 200, r.text
    assert r.headers["content-language"] == lang
    texts = _all_texts(r)
    assert texts, route
    assert all(set(t) == {lang} and t[lang] for t in texts)


@pytest.mark.parametrize("route", ROUTES)
def test_lang_all_gives_the_four(office: Office, route: str) -> None:
    r = _routes(office)[route](office.client("caseworker"), params={"lang": "all"})
    assert r.status_code == 200, r.text
    assert set(r.headers["content-language"].split(", ")) == FOUR
    assert all(set(t) == FOUR for t in _all_texts(r))


def test_english_when_nothing_is_said(office: Office) -> None:
    assert negotiate(None, "", None).langs == ("en",)
    r = office.client("caseworker").post("/api/v1/assess?on=2023-04-20", json=FACTS,
                                         headers={"Accept-Language": "en"})
    assert r.headers["content-language"] == "en"
    doc = r.json()["options"][0]["documents"][0]
    assert {"ja", "en"} <= set(doc) and not {"ru", "uk"} & set(doc)  # a document keeps its Japanese name


def test_the_interview_answers_in_the_readers_language(office: Office) -> None:
    r = office.client("caseworker").post("/api/v1/interview?on=2023-04-20&lang=uk",
                                         json={"facts": {"goal": {"status": "student"}}})
    assert r.status_code == 200 and r.headers["content-language"] == "uk"
    q = r.json()["question"]
    assert set(q["question"]) == {"uk"}
    # written in Ukrainian (zairyu/messages/uk.yaml), not the English question under a "uk" key
    assert q["question"]["uk"] == q["text"] == question_text(q["fact"], "uk") != question_text(q["fact"], "en")
    assert all(set(o["explanation"]) == {"uk"} for o in r.json()["assessment"]["options"])


def test_an_unknown_language_is_422_naming_lang(office: Office) -> None:
    r = office.client("caseworker").get("/api/v1/agenda", params={"lang": "xx"})
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == "lang"
    assert body["allowed"].split("|") == [*languages(), "all"]


# --------------------------------------------------------------------------- the models

@pytest.mark.parametrize(("route", "model"), [
    ("deadlines", DeadlinesOut), ("stored deadlines", StoredDeadlinesOut), ("person", PersonDetailOut),
    ("agenda", AgendaOut), ("assessment", AssessmentOut), ("assess", AssessmentOut)])
def test_answers_sent_as_built_fit_their_models(office: Office, route: str, model: type[BaseModel]) -> None:
    r = _routes(office)[route](office.client("caseworker"), params={"lang": "all"})
    model.model_validate(r.json())  # extra keys are refused too


def test_every_api_answer_is_described_in_the_openapi(office: Office) -> None:
    doc = TestClient(office.app).get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    checked = 0
    for path, ops in doc["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for method, op in ops.items():
            for status, resp in op.get("responses", {}).items():
                if not status.startswith("2") or status == "204":
                    continue
                content = resp.get("content", {})
                if "application/json" not in content:
                    continue  # a download, an iCalendar feed
                schema = content["application/json"].get("schema")
                where = f"{method.upper()} {path} {status}"
                assert schema, f"{where}: no JSON schema"
                # a model of its own, with its fields (not {} nor a bare "object": dict[str, Any] gives that)
                assert "$ref" in schema, f"{where}: no response model ({schema})"
                assert schemas[schema["$ref"].rsplit("/", 1)[1]].get("properties"), f"{where}: a model without fields"
                checked += 1
    assert checked >= 30
