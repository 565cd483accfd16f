"""Choosing a person in an office of any size: the agenda's filter, the task form, "link a relative" and the
accounts page list the first ``PICK`` people and find any other by part of a name — as one types (htmx asks
``GET /forms/people-choices``) or, without JavaScript, from the name the form sends (the one person it names is
taken; a name naming several people or nobody is refused beside the search box, nothing is guessed).

The office (tests/web/conftest.py) has Anna, Maria and Ivan; these tests add 60 more people named ``AAA Person
NN`` (sorted before them by name), so that the three are beyond the first 50 listed.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.conftest import Office

from zairyu.web.pages.office import PICK

EXTRA = 60


def crowd(o: Office) -> None:
    api = o.client("caseworker")
    for i in range(EXTRA):
        r = api.post("/api/v1/people", json={"family_name": "AAA", "given_name": f"Person {i:02d}",
                                             "nationality": "VN"})
        assert r.status_code == 201, r.text


def csrf(c: TestClient) -> str:
    return c.cookies.get("zairyu_csrf") or ""


def options(html: str, select_id: str) -> list[tuple[str, str, bool]]:
    """(value, text, selected) of the options of the select ``select_id`` in ``html`` (or of bare options)."""
    m = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    body = m.group(1) if m else html
    return [(v, t.strip(), bool(sel)) for v, sel, t in
            re.findall(r'<option value="([^"]*)"( selected)?(?: disabled)?>([^<]*)</option>', body)]


def test_the_task_form_lists_the_first_people_and_finds_any_other_by_name(fresh_office: Office) -> None:
    o = fresh_office
    crowd(o)
    b = o.browser("caseworker")
    page = b.get("/tasks?lang=en").text
    listed = options(page, "pick-person_id")
    people = [x for x in listed if x[0]]
    assert len(people) == PICK and all(t.startswith("AAA") for _, t, _ in people)
    assert ("", "More people match: type more of the name.", False) in listed
    assert "SOKOLOVA Anna" not in page.split('id="pick-person_id"')[1].split("</select>")[0]
    # as one types (htmx): Anna is found, and chosen as the only match
    r = b.get("/forms/people-choices", params={"field": "person_id", "person_id_q": "soko", "lang": "en"})
    assert r.status_code == 200
    assert options(r.text, "none") == [("", "—", False), (str(o.ids["anna"]), "SOKOLOVA Anna", True)]
    r = b.get("/forms/people-choices", params={"field": "person_id", "person_id_q": "nobody-like-this", "lang": "ru"})
    assert "Никого с таким именем." in r.text
    # the Japanese page says it in Japanese
    assert "名前の一部を入力" in b.get("/tasks?lang=ja").text


def test_without_javascript_the_name_typed_chooses_the_one_person_it_names(fresh_office: Office) -> None:
    o = fresh_office
    crowd(o)
    b = o.browser("caseworker")
    b.get("/tasks?lang=en")
    r = b.post("/tasks", data={"csrf_token": csrf(b), "title": "Collect the admission letter", "person_id": "",
                               "person_id_q": "Sokolova", "back": "/tasks"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    tasks = o.client("caseworker").get("/api/v1/tasks").json()["tasks"]
    assert [(t["title"], t["person_id"]) for t in tasks] == [("Collect the admission letter", o.ids["anna"])]
    # a name typed in full is that person's, beside a longer name it is part of
    api = o.client("caseworker")
    assert api.post("/api/v1/people", json={"family_name": "Sokolova", "given_name": "Annabelle",
                                            "nationality": "RU"}).status_code == 201
    r = b.post("/tasks", data={"csrf_token": csrf(b), "title": "Call Anna", "person_id": "",
                               "person_id_q": "anna sokolova", "back": "/tasks"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert [t["person_id"] for t in api.get("/api/v1/tasks").json()["tasks"] if t["title"] == "Call Anna"] == \
        [o.ids["anna"]]
    r = b.post("/tasks?lang=en", data={"csrf_token": csrf(b), "title": "Call someone", "person_id": "",
                                       "person_id_q": "Sokolova"})
    assert r.status_code == 422  # Anna or Annabelle: not guessed
    # a name naming several people: refused beside the search box, what was typed kept, nothing saved
    r = b.post("/tasks?lang=en", data={"csrf_token": csrf(b), "title": "Call the school", "person_id": "",
                                       "person_id_q": "AAA Person 1"})
    assert r.status_code == 422
    assert "No single person has that name: choose one in the list." in r.text
    assert 'value="AAA Person 1"' in r.text and 'value="Call the school"' in r.text
    listed = [t for v, t, _ in options(r.text, "pick-person_id") if v]
    # the people the name matches (each word in their names: "1" in 01, 10-19, 21, ...), to choose from
    assert listed == [f"AAA Person {i:02d}" for i in range(EXTRA) if "1" in f"{i:02d}"]
    assert len(o.client("caseworker").get("/api/v1/tasks").json()["tasks"]) == 2


def test_the_agenda_filter_finds_a_person_by_name(fresh_office: Office) -> None:
    o = fresh_office
    crowd(o)
    b = o.browser("caseworker")
    page = b.get("/?to=2026-12-31&person_q=kuzne&lang=en").text  # no JavaScript: the filter form sent the name
    overdue_and_after = page.split('id="h-overdue"')[1] if 'id="h-overdue"' in page else page
    assert "KUZNETSOVA Maria" in overdue_and_after and "SOKOLOVA Anna" not in overdue_and_after
    assert (str(o.ids["maria"]), "KUZNETSOVA Maria", True) in options(page, "pick-person")
    page = b.get("/?to=2026-12-31&person_q=AAA&lang=en").text
    assert "No single person has that name: choose one in the list." in page


def test_a_supporter_finds_only_their_own_people(fresh_office: Office) -> None:
    o = fresh_office
    sup = o.browser("supporter")
    r = sup.get("/forms/people-choices", params={"field": "person", "person_q": "kuznetsova", "first": "everyone",
                                                 "lang": "en"})
    assert r.status_code == 200 and "KUZNETSOVA" not in r.text and "Nobody by that name." in r.text
    r = sup.get("/forms/people-choices", params={"field": "person", "person_q": "sokolova", "lang": "en"})
    assert "SOKOLOVA Anna" in r.text
    assert sup.get("/forms/people-choices", params={"field": "password_hash"}).status_code == 422


def test_linking_a_relative_and_assigning_a_supporter_by_name(fresh_office: Office) -> None:
    o = fresh_office
    crowd(o)
    b = o.browser("caseworker")
    anna = o.ids["anna"]
    page = b.get(f"/people/{anna}?lang=en").text
    assert "More people match: type more of the name." in page  # the relative's picker, not a list of everyone
    r = b.post(f"/people/{anna}/family", data={"csrf_token": csrf(b), "related_person_id": "",
                                              "related_person_id_q": "ivan", "relation": "child"},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    family = o.client("caseworker").get(f"/api/v1/people/{anna}/family").json()
    assert [(f["person_id"], f["relation"]) for f in family["family"]] == [(o.ids["ivan"], "child")]
    # the person herself is never offered as her own relative
    r = b.get("/forms/people-choices", params={"field": "related_person_id", "related_person_id_q": "sokolova",
                                               "exclude": str(anna), "lang": "en"})
    assert "SOKOLOVA" not in r.text
    admin = o.browser("admin")
    admin.get("/admin/users?lang=en")
    r = admin.post(f"/admin/users/{o.ids['user_supporter']}/assignments",
                   data={"csrf_token": csrf(admin), "person_id": "", "person_id_q": "kuznetsova"},
                   follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "KUZNETSOVA Maria" in admin.get("/admin/users?lang=en").text.split("End the assignment of")[2]


def test_a_name_is_found_word_by_word_in_any_order_and_wildcards_are_characters(fresh_office: Office) -> None:
    """The one rule of every search by name (``people.name_matches``): the people list, its API and the pickers."""
    o = fresh_office
    api = o.client("caseworker")
    r = api.post("/api/v1/people", json={"family_name": "Yamada", "given_name": "Taro", "nationality": "JP",
                                         "family_name_kanji": "山田", "given_name_kanji": "太郎"})
    assert r.status_code == 201, r.text

    def found(text: str) -> list[str]:
        got = api.get("/api/v1/people", params={"search": text})
        assert got.status_code == 200, got.text
        return sorted(p["display_name"] for p in got.json()["people"])

    assert found("anna sokolova") == found("Sokolova Anna") == found("soko") == ["SOKOLOVA Anna"]
    assert found("山田太郎") == found("太郎") == ["YAMADA Taro (山田太郎)"]
    assert found("anna ivan") == []  # every word must be in the same person's names
    assert found("%") == found("_") == []
    b = o.browser("caseworker")
    r = b.get("/forms/people-choices", params={"field": "person_id", "person_id_q": "taro yamada", "lang": "ja"})
    assert "YAMADA Taro (山田太郎)" in r.text


def test_the_accounts_page_names_a_wrong_choice_beside_its_form_and_keeps_what_was_typed(
        fresh_office: Office) -> None:
    o = fresh_office
    crowd(o)
    admin = o.browser("admin")
    admin.get("/admin/users?lang=en")
    sup = o.ids["user_supporter"]
    r = admin.post(f"/admin/users/{sup}/assignments?lang=en",
                   data={"csrf_token": csrf(admin), "person_id": "", "person_id_q": "AAA"})
    assert r.status_code == 422
    hint = "No single person has that name: choose one in the list."
    assert f'<span class="field-error" id="err-pick-person_id-{sup}" role="alert">{hint}</span>' in r.text
    assert r.text.count(hint) == 1  # beside that supporter's form only
    r = admin.post("/admin/users?lang=en", data={
        "csrf_token": csrf(admin), "email": "olga@office.example", "display_name": "Olga", "role": "client",
        "language": "ru", "password": "a-long-enough-password", "person_id": "", "person_id_q": "nobody-like-this"})
    assert r.status_code == 422
    assert 'value="olga@office.example"' in r.text and 'value="Olga"' in r.text
    assert "a-long-enough-password" not in r.text
    assert '<option value="ru" selected>' in r.text and '<option value="client" selected>' in r.text
    assert f'id="err-pick-person_id-new" role="alert">{hint}</span>' in r.text
    assert "olga@office.example" not in [u["email"] for u in o.client("admin").get("/api/v1/users").json()["users"]]
