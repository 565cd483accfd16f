"""Texts the rules say again are made and written once (``zairyu.messages.interned``, the written text kept
on the message), periods read once (``Duration.parse``), precedents found once per question
(``Register.beside``): each kept value must be exactly what would be computed afresh, and what the value
depends on (a catalogue's wording, the parameters' types) must give another value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zairyu import messages
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.messages import Message, interned, kept, message, render, render_one
from zairyu.precedents.register import SHOWN, packaged_register
from zairyu.rules.texts import rule_text


def _read_catalogues_again() -> None:
    messages.catalogue.cache_clear()
    messages._compiled.cache_clear()


def test_the_same_text_is_the_same_message() -> None:
    a = rule_text("holds_valid_status")
    b = kept("rule.holds_valid_status")
    assert a[0] is b[0]
    # a message of one person's own (a name in an e-mail) is not kept for reuse
    assert message("reminder.greeting", name="Anna", date="2026-11-25", days=30)[0] is not \
        message("reminder.greeting", name="Anna", date="2026-11-25", days=30)[0]
    prov = [{"law": "ICRRA", "provision": "Art. 20"}]
    nested = interned("rule.explain.unmet", {"text": a, "when": None, "prov": prov})
    again = interned("rule.explain.unmet", {"text": b, "when": None, "prov": [dict(p) for p in prov]})
    assert nested is again


@pytest.mark.parametrize(("one", "other"), [
    (1, True),            # equal in Python, written "1" and "True"
    ("1", 1),
    (["a"], ("a",)),      # a list of provisions is cited; a tuple is not
    (None, ""),
    (0.0, -0.0),          # equal floats, written "0.0" and "-0.0": never shared
    ({"en": "x"}, [("en", "x")]),
])
def test_values_equal_in_python_but_written_otherwise_are_other_messages(one: object, other: object) -> None:
    assert interned("text.given", {"text": one}) is not interned("text.given", {"text": other})


def test_a_value_without_an_exact_identity_is_a_message_of_its_own() -> None:
    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __format__(self, spec: str) -> str:
            return "written"

    first = interned("rule.explain.when", {"date": Unhashable()})
    second = interned("rule.explain.when", {"date": Unhashable()})
    assert first is not second
    assert "written" in render_one(first, "en")


def test_a_kept_text_is_written_again_when_the_catalogue_changes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    m = rule_text("holds_valid_status")
    before = {lang: render(m, lang) for lang in ("ja", "en", "ru", "uk")}
    (tmp_path / "en.yaml").write_text('rule.holds_valid_status: "Holds a valid status (an office\'s wording)"\n',
                                      encoding="utf-8")
    monkeypatch.setenv(messages.EXTRA_DIR_ENV, str(tmp_path))
    _read_catalogues_again()
    try:
        assert render(m, "en") == "Holds a valid status (an office's wording)"
        assert render(m, "ja") == before["ja"]
    finally:
        monkeypatch.delenv(messages.EXTRA_DIR_ENV)
        _read_catalogues_again()
    assert render(m, "en") == before["en"]


def test_kept_and_fresh_messages_are_written_the_same() -> None:
    params = {"text": rule_text("holds_valid_status"), "when": interned("rule.explain.when", {"date": "2027-02-28"}),
              "prov": [{"law": "ICRRA", "provision": "Art. 20(6)"}]}
    kept = interned("rule.explain.unmet", params)
    render_one(kept, "ru")  # written once and kept
    fresh = Message("rule.explain.unmet", params)
    for lang in ("ja", "en", "ru", "uk"):
        assert render_one(kept, lang) == render_one(fresh, lang)


def test_a_period_read_before_is_the_same_and_a_bad_one_is_refused_every_time() -> None:
    assert Duration.parse("P1Y3M") is Duration.parse("P1Y3M")
    assert Duration.parse("P1Y3M") == Duration(1, 3, 0)
    for _ in range(2):
        with pytest.raises(InvalidInputError) as e:
            Duration.parse("P0D", field="stay.period")
        assert e.value.field == "stay.period"
    assert Duration(0, 3, 0).approx_days() == 90   # 2001-01-01 + 3 months = 2001-04-01: 90 days
    assert Duration(1, 0, 0).approx_days() == 365


def test_the_same_question_of_the_register_gets_the_answer_found_before() -> None:
    reg = packaged_register()
    on = date(2026, 11, 25)
    first = reg.beside("change_of_status", "student", on=on, statuses=["temporary_visitor"], nationality="RU",
                       tags=["mobilisation", "war"])
    again = reg.beside("change_of_status", "student", on=on, statuses=["temporary_visitor"], nationality="RU",
                       tags=["war", "mobilisation"])
    assert again is first
    other = reg.beside("change_of_status", "student", on=on, statuses=["temporary_visitor"], nationality="UA",
                       tags=["mobilisation", "war"])
    assert other is not first
    for found, nationality in ((first, "RU"), (other, "UA")):
        assert found == reg._find_beside("change_of_status", "student", on, frozenset({"temporary_visitor"}),
                                         nationality, frozenset({"mobilisation", "war"}), SHOWN)


def test_equal_messages_hash_alike_whatever_the_order_of_their_parameters() -> None:
    one = Message("rule.explain.when", {"date": "2027-02-28", "extra": "x"})
    other = Message("rule.explain.when", {"extra": "x", "date": "2027-02-28"})
    assert one == other and hash(one) == hash(other)
    assert hash(Message("rule.explain.when", {"date": {"a", "b"}})) is not None  # an unhashable value: still hashed
