"""The person page shows how each date was computed ("How this date was computed") in the reader's language;
the API's ``trace`` stays the English the calendar stores."""

from __future__ import annotations

import html

from tests.web.conftest import Office

# Anna and Ivan: Temporary Visitor, 90 days from 2026-10-01 (ends 2026-12-30, in the year-end holidays)
ALLOWED_EN = "period P90D is allowed for temporary_visitor on 2026-10-01 (Ordinance Art. 3, App. Table II)"
# the provisions cited as Russian cites them (issue 13: never "Ordinance Art. 3, App. Table II" in a Russian page)
ALLOWED_RU = ("Срок 90 дней допустим для статуса «Краткосрочное пребывание» на 2026-10-01 (Правила применения Закона "
              "об иммиграционном контроле, ст. 3, приложение, табл. II)")
# the closed day named in English (issue 13: never 年末年始 inside an English sentence)
HOLIDAY_EN = ("expiry 2026-12-30 is an administrative holiday (the New Year holidays, 29 December to 3 January): "
              "filing is accepted on the next open day 2027-01-04; the period of stay still ends on 2026-12-30")
HOLIDAY_RU = ("Дата окончания срока 2026-12-30 — нерабочий день государственных органов (новогодние праздники, "
              "29 декабря — 3 января): заявление принимается в ближайший рабочий день 2027-01-04; срок пребывания всё "
              "равно заканчивается 2026-12-30")
HOLIDAY_JA = ("満了日2026-12-30は行政機関の休日（年末年始（12月29日〜1月3日））："
              "次の開庁日2027-01-04の申請も受け付けられますが、在留期間は2026-12-30で終わります")


def test_the_person_page_in_russian_shows_the_trace_in_russian(office: Office) -> None:
    r = office.browser("client").get(f"/people/{office.ids['anna']}")  # the client reads Russian
    assert r.status_code == 200 and r.headers["content-language"] == "ru"
    page = html.unescape(r.text)
    assert ALLOWED_RU in page and HOLIDAY_RU in page
    assert "Срок 90 дней < 6 месяцев: самый ранний день подачи не установлен" in page
    assert ALLOWED_EN not in page and "is an administrative holiday" not in page


def test_the_trace_in_japanese_and_english_pages(office: Office) -> None:
    b = office.browser("caseworker")
    ja = html.unescape(b.get(f"/people/{office.ids['ivan']}?lang=ja").text)
    assert HOLIDAY_JA in ja and HOLIDAY_EN not in ja
    en = html.unescape(b.get(f"/people/{office.ids['ivan']}?lang=en").text)
    assert HOLIDAY_EN in en and ALLOWED_EN in en and HOLIDAY_JA not in en


def test_the_api_trace_stays_english(office: Office) -> None:
    r = office.client("client").get(f"/api/v1/people/{office.ids['anna']}/deadlines",
                                    headers={"Accept-Language": "ru"})
    assert r.status_code == 200
    expiry = next(d for d in r.json()["deadlines"] if d["kind"] == "expiry_of_stay")
    assert expiry["trace"] == [ALLOWED_EN, "expiry as given (residence card / decision): 2026-12-30"]
    last = next(d for d in r.json()["deadlines"] if d["kind"] == "last_filing_day")
    assert last["trace"][-1] == HOLIDAY_EN
