"""The command line's labels are catalogue messages (``cli.*``) written in the language asked for (issue 13):
``zairyu assess``, ``interview``, ``deadlines`` and ``expiry`` take any language with a message catalogue, and no
label of theirs is a Japanese/English pair written in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CASE = str(ROOT / "examples/facts/motivating_case_2023-01.json")
CLI = ROOT / "src" / "zairyu" / "cli"


def test_assess_in_russian(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("assess", CASE, "--on", "2023-01-20", "--lang", "ru")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    for text in ("Оценка на 2023-01-20", "Вариант", "Пошлина", "Правовое основание", "Сроки", "на усмотрение"):
        assert text in out, text
    for english in ("Assessment as of", "Legal basis", "Deadlines", "discretionary", "Missing facts"):
        assert english not in out, english


def test_deadlines_and_expiry_in_ukrainian(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("deadlines", CASE, "--on", "2023-01-20", "--lang", "uk")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "Строки — motivating_case_2023-01 — на 2023-01-20" in out and "Підстави:" in out
    assert "Provisions" not in out and "as of" not in out
    # basis: Civil Code Arts. 140/143 — 90 days from 2022-11-15, the first day not counted → 2023-02-13
    res = cli("expiry", "--from", "2022-11-15", "--period", "P90D", "--lang", "uk")
    assert res.exit_code == 0, res.output
    assert "Строк перебування закінчується: 2023-02-13" in res.output and "Period of stay" not in res.output


def test_an_unknown_language_names_the_option(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("deadlines", CASE, "--lang", "xx")
    assert res.exit_code != 0 and "--lang" in res.output + (res.stderr if hasattr(res, "stderr") else "")


@pytest.mark.parametrize("module", ["assess_cmds.py", "calendar_cmds.py"])
def test_no_label_is_written_as_a_pair_in_the_code(module: str) -> None:
    source = (CLI / module).read_text(encoding="utf-8")
    pairs = re.findall(r'.*(?:if ja else|if lang == "ja" else).*', source)
    assert not pairs, pairs
