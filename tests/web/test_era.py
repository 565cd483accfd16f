from datetime import date

from zairyu.web.era import era_date, era_year


def test_reiwa_starts_on_1_may_2019_with_gannen() -> None:
    assert era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert era_date(date(2019, 4, 30)) == "平成31年4月30日"


def test_heisei_starts_on_8_january_1989() -> None:
    assert era_date(date(1989, 1, 8)) == "平成元年1月8日"
    assert era_date(date(1989, 1, 7)) == "昭和64年1月7日"


def test_current_dates() -> None:
    assert era_date(date(2026, 3, 31)) == "令和8年3月31日"
    assert era_year(date(2023, 2, 13)) == ("令和", 5)


def test_before_showa_falls_back_to_iso() -> None:
    assert era_year(date(1920, 1, 1)) is None
    assert era_date(date(1920, 1, 1)) == "1920-01-01"
