"""The precedent register's pages: search with facets in the reader's language, one record with its versions and
a visible summary fallback, the statistics page (charts drawn from zairyu's own uPlot, each with its table), and
the precedents beside the assessment's discretionary options. Clients see the public register only."""

from __future__ import annotations

import copy
import re

import yaml
from tests.web.conftest import Office

from zairyu.cases import db
from zairyu.cases.services import Actor
from zairyu.precedents import store
from zairyu.precedents.register import dataset_text, packaged_register

TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"
PAGES = ("stats", "proposals", "extract")


def _load(office: Office) -> None:
    with db.transaction(db.get_engine(office.settings.db_url)) as s:
        store.load_records(s, packaged_register().records, Actor("test"))


def _ids(html: str) -> list[str]:
    return [x for x in re.findall(r'href="/precedents/([a-z0-9-]+)"', html) if x not in PAGES]


def test_register_search_in_ja_and_en(fresh_office: Office) -> None:
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    ja = c.get("/precedents", params={"q": "留学", "lang": "ja"})
    assert ja.status_code == 200 and _ids(ja.text) == [TOKYO]
    assert "1 件" in ja.text or "1件" in ja.text  # the count in Japanese (catalogue: "%(num)d 件")
    en = c.get("/precedents", params={"q": "留学", "lang": "en"})
    assert _ids(en.text) == [TOKYO] and "1 record" in en.text
    # facets: the four refugee statistics of the dataset (basis: precedents.yaml, law.md §9.3)
    st = c.get("/precedents", params=[("kind", "statistic"), ("procedure", "refugee_recognition"), ("lang", "en")])
    assert "4 records" in st.text and 'value="statistic" checked' in st.text
    bad = c.get("/precedents", params={"outcome": "maybe"})
    assert bad.status_code in (400, 422) and "outcome" in bad.text


def test_precedent_page_shows_fallback_sources_and_versions(fresh_office: Office) -> None:
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    r = c.get(f"/precedents/{TOKYO}", params={"lang": "ru"})
    assert r.status_code == 200
    # no Russian summary is written yet: the English one is shown and says so
    assert 'lang="en"' in r.text and "English" in r.text
    tokyo = packaged_register().get(TOKYO)
    assert tokyo is not None and all(s.url in r.text for s in tokyo.sources)
    assert "test" in r.text  # the version's author is shown to office staff


def test_client_sees_the_public_register_only(fresh_office: Office) -> None:
    _load(fresh_office)
    good = yaml.safe_load(dataset_text())[0]
    rec = {**copy.deepcopy(good), "id": "ru-2026-10-office-own-record"}
    with db.transaction(db.get_engine(fresh_office.settings.db_url)) as s:
        store.add_precedent(s, rec, Actor("test"), organisation_id=fresh_office.ids["org"], public=False)
    staff = fresh_office.browser("caseworker").get("/precedents", params={"sort": "date", "year": good["date"][:4]})
    client = fresh_office.browser("client").get("/precedents", params={"sort": "date", "year": good["date"][:4]})
    assert rec["id"] in _ids(staff.text) and rec["id"] not in _ids(client.text)
    hidden = fresh_office.browser("client").get(f"/precedents/{rec['id']}", params={"lang": "uk"})
    # said as a page not found, not as "someone else saved this record" (a record's id was read as a stale form)
    assert hidden.status_code == 404 and "Після того як ви відкрили форму" not in hidden.text
    assert "Ця сторінка не існує або недоступна вам." in hidden.text
    page = fresh_office.browser("client").get(f"/precedents/{TOKYO}")
    assert page.status_code == 200 and ">test<" not in page.text and "· test" not in page.text


def test_stats_page_has_charts_from_own_assets_and_tables(fresh_office: Office) -> None:
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    r = c.get("/precedents/stats", params={"lang": "en"})
    assert r.status_code == 200
    assert '/static/uplot/uPlot.iife.min.js' in r.text and "https://" not in r.text.split("<main")[0]
    # the 2023 statistics: 303 recognised (basis: law.md §9.3, the dataset's figures)
    assert "<th scope=\"row\">2023</th>" in r.text and "<td>303</td>" in r.text
    js = c.get("/static/uplot/uPlot.iife.min.js")
    assert js.status_code == 200 and "uPlot" in js.text


def test_assessment_page_shows_precedents_beside_discretionary_options(fresh_office: Office) -> None:
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    r = c.get(f"/people/{fresh_office.ids['anna']}/assess", params={"lang": "en"})
    assert r.status_code == 200
    assert "Precedents public on" in r.text and "/precedents/" in r.text


def test_public_register_is_off_until_an_admin_turns_it_on(fresh_office: Office) -> None:
    _load(fresh_office)
    good = yaml.safe_load(dataset_text())[0]
    own = {**copy.deepcopy(good), "id": "ru-2026-10-office-own-record"}
    with db.transaction(db.get_engine(fresh_office.settings.db_url)) as s:
        store.add_precedent(s, own, Actor("test"), organisation_id=fresh_office.ids["org"], public=False)
    anon = fresh_office.client(None)
    # off by default: nothing is served without signing in
    assert anon.get("/public/precedents").status_code == 404
    assert anon.get(f"/public/precedents/{TOKYO}").status_code == 404
    # only an admin turns it on (a caseworker is refused)
    cw = fresh_office.browser("caseworker")
    assert cw.post("/admin/precedents", data={"public": "on", "csrf_token": cw.cookies.get("zairyu_csrf")},
                   follow_redirects=False).status_code == 403
    admin = fresh_office.browser("admin")
    bad = admin.post("/admin/precedents", data={"public": "maybe", "csrf_token": admin.cookies.get("zairyu_csrf")})
    assert bad.status_code in (400, 422) and "public" in bad.text
    r = admin.post("/admin/precedents", data={"public": "on", "csrf_token": admin.cookies.get("zairyu_csrf")},
                   follow_redirects=False)
    assert r.status_code == 303
    found = anon.get("/public/precedents", params={"q": "留学", "lang": "en"})
    assert found.status_code == 200 and _public_ids(found.text) == [TOKYO]
    assert anon.get(f"/public/precedents/{TOKYO}").status_code == 200
    assert anon.get("/public/precedents/stats").status_code == 200
    # an office's own record never appears there
    every = anon.get("/public/precedents", params={"year": good["date"][:4], "sort": "date"})
    assert own["id"] not in every.text
    assert anon.get(f"/public/precedents/{own['id']}").status_code == 404
    # the change is in the timeline, and turning it off closes the pages again
    with db.transaction(db.get_engine(fresh_office.settings.db_url)) as s:
        from sqlalchemy import select

        from zairyu.cases import models as m
        assert s.scalar(select(m.TimelineEntry.after).where(m.TimelineEntry.entity == "zairyu_meta")) \
            == {"key": "public_register", "value": "on"}
    admin.post("/admin/precedents", data={"public": "off", "csrf_token": admin.cookies.get("zairyu_csrf")})
    assert anon.get("/public/precedents").status_code == 404


def _public_ids(html: str) -> list[str]:
    return [x for x in re.findall(r'href="/public/precedents/([a-z0-9-]+)"', html) if x not in PAGES]


def test_extract_page_drafts_with_the_words_and_stores_nothing(fresh_office: Office) -> None:
    cw = fresh_office.browser("caseworker")
    text = "東京地裁は2024年3月12日、ミャンマー国籍の男性1人に対する難民不認定処分を取り消す判決を言い渡した。"
    r = cw.post("/precedents/extract", data={"text": text, "csrf_token": cw.cookies.get("zairyu_csrf"),
                                             "lang": "en"})
    assert r.status_code == 200
    assert '<mark data-field="date">2024年3月12日</mark>' in r.text and "overturned" in r.text
    assert '<mark title="nationality">ミャンマー国籍</mark>' in r.text
    with db.transaction(db.get_engine(fresh_office.settings.db_url)) as s:
        assert store.count_precedents(s) == 0  # nothing entered the register
    assert fresh_office.browser("client").get("/precedents/extract", follow_redirects=False).status_code == 403


def test_statuses_in_the_register_are_named_not_coded(fresh_office: Office) -> None:
    """The register listed "Депортация: none → none" and "titp → Особая деятельность": a record's from/to status may
    be none, various or a group of statuses (precedents.yaml header); each is named in the reader's language."""
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    for lang, words in (("ru", ("без статуса", "Техническая стажировка → Особая деятельность")),
                        ("uk", ("без статусу", "Технічне стажування → Визначена діяльність")),
                        ("ja", ("在留資格なし", "技能実習 → 特定活動"))):
        text = re.sub(r"<[^>]+>", "", c.get("/precedents", params={"lang": lang, "limit": 100}).text)
        text = " ".join(text.split())
        for w in words:
            assert w in text, (lang, w)
        assert not re.search(r"\b(none|various|titp)\b", text), lang


def test_a_summary_in_another_language_names_it_in_the_readers_words(fresh_office: Office) -> None:
    """"…нижче — текст мовою: English": a language named inside a sentence is named in the reader's language (CLDR:
    англійська), as the menus name each language in itself."""
    _load(fresh_office)
    c = fresh_office.browser("caseworker")
    page = c.get(f"/precedents/{TOKYO}", params={"lang": "uk"}).text
    assert "англійська" in page and "мовою: English" not in page
