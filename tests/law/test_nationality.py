"""Nationalities are codes found from what a person types, never a name cut to two letters (issue "A working
day in the office": "China" was saved as CH, Switzerland, and "Germany" as GE, Georgia; a nationality decides
the special measures). Names come from CLDR through Babel; the expected codes are ISO 3166-1 alpha-2."""

from __future__ import annotations

import pytest

from zairyu.errors import InvalidInputError
from zairyu.facts import parse_facts
from zairyu.nationality import codes, name, resolve, search


@pytest.mark.parametrize(("typed", "code"), [
    ("中国", "CN"), ("China", "CN"), ("Китай", "CN"), ("china", "CN"), ("CN", "CN"), ("cn", "CN"),
    ("Germany", "DE"), ("ドイツ", "DE"), ("Україна", "UA"), ("ミャンマー", "MM"), ("Switzerland", "CH"),
    ("ＲＵ", "RU"),  # full-width letters, as a Japanese keyboard may type them
])
def test_a_name_in_any_language_or_a_code_gives_one_code(typed: str, code: str) -> None:
    assert resolve(typed) == code


@pytest.mark.parametrize("typed", ["Chi", "XX", "Atlantis", "EU", "ZZ"])
def test_anything_else_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        resolve(typed)
    assert e.value.field == "nationality"


def test_names_are_in_the_readers_language() -> None:
    assert (name("CN", "ja"), name("CN", "en"), name("CN", "ru"), name("CN", "uk")) == ("中国", "China", "Китай",
                                                                                       "Китай")
    assert name("GE", "ru") == "Грузия" and name("CH", "ja") == "スイス"


def test_search_as_you_type_finds_by_the_start_of_a_name_first() -> None:
    assert search("中", "ja")[0] == ("CN", "中国")
    assert search("ger", "en")[0] == ("DE", "Germany")
    assert ("UA", "Украина") in search("Укр", "ru")


def test_the_facts_format_refuses_an_unknown_code() -> None:
    assert "TW" in codes() and "XK" in codes() and "EU" not in codes()
    with pytest.raises(Exception, match="not an ISO 3166-1 alpha-2 country code"):
        parse_facts({"person": {"nationality": "XX"}})
    assert parse_facts({"person": {"nationality": "ru"}}).person.nationality == "RU"
