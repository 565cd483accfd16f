"""Precedent records: the packaged dataset validates; bad input is refused naming the field; the tag
vocabulary is shared with the facts format."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from zairyu.errors import InvalidInputError
from zairyu.facts import parse_facts
from zairyu.messages import catalogue
from zairyu.precedents.model import parse_partial_date, parse_precedent
from zairyu.precedents.register import dataset_text, packaged_register, parse_dataset
from zairyu.precedents.tags import tag_codes

GOOD: dict[str, Any] = yaml.safe_load(dataset_text())[0]


def test_packaged_dataset_has_the_44_starter_records_and_keeps_its_licence_note() -> None:
    # basis: /work/shared/data/precedents.yaml header: 44 sourced public records
    assert len(packaged_register()) == 44
    text = dataset_text()
    assert "CC BY 4.0" in text and "Facts only, written" in text
    assert packaged_register().get("ru-2023-05-tokyo-two-women-temporary-visitor-to-student") is not None


@pytest.mark.parametrize(("field", "value", "words"), [
    ("to_status", "wizard", "not a status code"),
    ("procedure", "teleportation", "not a procedure"),
    ("circumstances", ["bravery"], "not a circumstance tag"),
    ("date", "2023-13", "not a date"),
    ("date", "May 2023", "not a date"),
    ("sources", [{"title": "A report"}], "Field required"),
    ("sources", [{"url": "https://example.org/x"}], "Field required"),
    ("sources", [{"title": "A report", "url": "not an address"}], "not an address"),
    ("kind", "rumour", "Input should be"),
])
def test_bad_record_is_refused_naming_the_field(field: str, value: Any, words: str) -> None:
    bad = copy.deepcopy(GOOD)
    bad[field] = value
    with pytest.raises(InvalidInputError) as e:
        parse_precedent(bad)
    assert e.value.field is not None and e.value.field.startswith(field)
    assert words in e.value.message


def test_a_bad_record_in_a_file_names_its_position() -> None:
    bad = copy.deepcopy(GOOD)
    bad["outcome"] = "maybe"
    with pytest.raises(InvalidInputError) as e:
        parse_dataset([GOOD, bad])
    assert "[1]" in (e.value.where or "") and e.value.field == "outcome"


def test_dates_keep_their_precision() -> None:
    from datetime import date
    assert parse_partial_date("2023-05") == (date(2023, 5, 1), date(2023, 5, 31), "month")
    assert parse_partial_date("2023") == (date(2023, 1, 1), date(2023, 12, 31), "year")
    assert parse_partial_date("2024-02-29")[2] == "day"


def test_missing_summary_language_falls_back_visibly() -> None:
    p = packaged_register().get("ru-2023-05-tokyo-two-women-temporary-visitor-to-student")
    assert p is not None
    assert p.summary("ja")[0] == "ja"
    lang, text = p.summary("ru")  # the starter dataset has no Russian summaries: English, said so
    assert lang == "en" and text.startswith("Two Russian women")


def test_every_tag_has_a_label_in_the_four_languages() -> None:
    for lang in ("ja", "en", "ru", "uk"):
        cat = catalogue(lang)
        assert all(f"tag.{t}" in cat for t in tag_codes()), lang


def test_facts_grounds_use_the_same_vocabulary() -> None:
    # the motivating case's grounds stay valid (examples/facts/motivating_case_2023-01.json)
    assert parse_facts({"circumstances": {"grounds": ["mobilisation", "political_opinion"]}}).circumstances.grounds
    with pytest.raises(InvalidInputError) as e:
        parse_facts({"circumstances": {"grounds": ["bravery"]}})
    assert e.value.field == "circumstances.grounds"


def test_technical_intern_training_is_written_as_the_catalogue_group() -> None:
    p = packaged_register().get("mm-2024-10-01-emergency-measure-tightened-for-trainees")
    assert p is not None and p.from_status == "titp" and "zairyu check" in (p.notes or "")
