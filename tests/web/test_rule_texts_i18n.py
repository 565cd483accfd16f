"""Texts the rules write — deadline explanations, requirements, documents, processing times — reach a
Russian or Ukrainian reader in their language, on the pages and in the API; what the immigration
office reads (document names) stays in Japanese beside them."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

import pytest
from tests.web.conftest import PASSWORD, TODAY, Office

# Anna landed on 2026-10-01 as a Temporary Visitor for 90 days: her stay ends on 2026-12-30.
EXPIRY = {
    "ja": "在留期間の満了日は2026-12-30です",
    "en": "Your period of stay ends at the end of 2026-12-30.",
    "ru": "Ваш срок пребывания заканчивается в конце дня 2026-12-30.",
    "uk": "Ваш строк перебування закінчується наприкінці дня 2026-12-30.",
}
HOLDS_STATUS = {
    "ja": "有効な在留資格をもって在留していること",
    "en": "Holds a status of residence that has not expired",
    "ru": "Имеет действующий (не истёкший) статус пребывания",
    "uk": "Має чинний (не прострочений) статус перебування",
}


@pytest.mark.parametrize("lang", ["ja", "en", "ru", "uk"])
def test_person_page_explains_deadlines_in_the_readers_language(office: Office, lang: str) -> None:
    b = office.browser("caseworker")
    page = html.unescape(b.get(f"/people/{office.ids['anna']}?lang={lang}").text)
    assert EXPIRY[lang] in page
    for other in {"en", "ru", "uk"} - {lang}:
        assert EXPIRY[other] not in page


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_assessment_page_gives_requirements_and_explanations_in_the_readers_language(office: Office,
                                                                                      lang: str) -> None:
    b = office.browser("caseworker")
    page = html.unescape(b.get(f"/people/{office.ids['anna']}/assess?lang={lang}").text)
    assert HOLDS_STATUS[lang] in page
    assert HOLDS_STATUS["en"] not in page
    # a Temporary Visitor's extension needs humanitarian grounds (ISA), weighed as a discretionary finding
    humane = {"ru": "Действительно неизбежные гуманитарные (или равноценные особые) обстоятельства",
              "uk": "Справді невідворотні гуманітарні (або рівноцінні особливі) обставини"}[lang]
    assert humane in page
    # the explanation opens with the procedure's glossary name and the verdict in the reader's language
    head = {"ru": "Изменение статуса пребывания: Результат зависит от неуказанных фактов.",
            "uk": "Зміна статусу перебування: Результат залежить від невказаних фактів."}[lang]
    assert head in page
    assert "Processing time" not in page and "Not met:" not in page and "Unknown:" not in page


def test_documents_for_the_office_stay_japanese_with_a_gloss_in_the_readers_language(office: Office) -> None:
    b = office.browser("caseworker")
    page = html.unescape(b.get(f"/people/{office.ids['anna']}/assess?lang=uk").text)
    assert '<span lang="ja">旅券及び在留カード（提示）</span>' in page
    assert "Паспорт і картка резидента" in page
    assert "Passport and residence card" not in page
    assert "приблизно від 2 тижнів до 1 місяця" in page  # processing time of a change of status


def test_api_gives_every_rule_text_in_four_languages_on_request(office: Office) -> None:
    c = office.client("caseworker")
    c.params = {"lang": "all"}  # type: ignore[assignment]
    person = c.get(f"/api/v1/people/{office.ids['anna']}").json()
    stored = next(d for d in person["deadlines"] if d["kind"] == "expiry_of_stay")
    assert set(stored["explanation"]) == {"ja", "en", "ru", "uk"}
    assert EXPIRY["ru"] in stored["explanation"]["ru"] and EXPIRY["uk"] in stored["explanation"]["uk"]
    a = c.get(f"/api/v1/people/{office.ids['anna']}/assessment").json()
    for opt in a["options"]:
        assert set(opt["explanation"]) == {"ja", "en", "ru", "uk"}
        for r in opt["requirements"] + opt["discretionary_factors"]:
            assert set(r["text"]) == {"ja", "en", "ru", "uk"}
            assert r["text"]["ru"] != r["text"]["en"] and r["text"]["uk"] != r["text"]["en"], r["id"]
        for d in opt["documents"]:
            assert d["ru"] != d["en"] or d["ru"] == d["uk"], d["id"]
    computed = c.post("/api/v1/deadlines?on=2026-11-25", json={"person": {"nationality": "RU"}, "stay": {
        "status": "temporary_visitor", "period": "P90D", "granted_on": "2026-10-01", "granted_by": "landing"}})
    assert computed.status_code == 200, computed.text
    exp = next(d for d in computed.json()["deadlines"] if d["kind"] == "expiry_of_stay")
    assert exp["explanation"]["uk"].startswith(EXPIRY["uk"])


# --------------------------------------------------------------------------------------------------
# the assessment page writes the rules' messages in the reader's language only (an office without stored
# stays: the ad hoc interview carries the facts in the form)
# --------------------------------------------------------------------------------------------------

ANNA_FACTS = {"person": {"nationality": "RU"}, "stay": {"status": "temporary_visitor", "period": "P90D",
                                                        "granted_on": "2026-10-01", "granted_by": "landing"}}
HEAD = {"ja": "在留資格変更許可申請", "ru": "Изменение статуса пребывания: Результат зависит от неуказанных фактов.",
        "uk": "Зміна статусу перебування: Результат залежить від невказаних фактів.",
        "en": "Change of status of residence: The outcome turns on facts not given."}


@pytest.fixture(scope="module")
def bare_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    from zairyu.cases import db
    from zairyu.cases import services as sv
    from zairyu.settings import Settings
    from zairyu.web.app import create_app
    from zairyu.web.auth import hash_password

    tmp = tmp_path_factory.mktemp("bare_office")
    settings = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'zairyu.db'}")
    engine = db.get_engine(settings.db_url)
    db.upgrade(engine)
    act = sv.Actor("test")
    with db.transaction(engine) as s:
        org = sv.create_organisation(s, "Office A", act)
        sv.add_user(s, org.id, email="caseworker@office.example", display_name="Caseworker", role="caseworker",
                    actor=act, password_hash=hash_password(PASSWORD), language="ja")
    yield Office(create_app(settings, engine=engine, today=lambda: TODAY), settings)
    db.dispose_engine(settings.db_url)


def _adhoc_page(office: Office, lang: str) -> str:
    b = office.browser("caseworker")
    r = b.post(f"/assess?lang={lang}", data={"csrf_token": b.cookies.get("zairyu_csrf"),
                                             "facts_json": json.dumps(ANNA_FACTS)})
    assert r.status_code == 200, r.text
    return html.unescape(r.text)


@pytest.mark.parametrize("lang", ["ja", "en", "ru", "uk"])
def test_the_adhoc_assessment_page_writes_the_rules_texts_in_the_readers_language_only(bare_office: Office,
                                                                                        lang: str) -> None:
    page = _adhoc_page(bare_office, lang)
    assert HOLDS_STATUS[lang] in page and HEAD[lang] in page
    for other in {"en", "ru", "uk"} - {lang}:
        assert HOLDS_STATUS[other] not in page and HEAD[other] not in page, other
    if lang != "ja":  # the documents keep their Japanese name beside the reader's language
        assert "旅券及び在留カード（提示）" in page
