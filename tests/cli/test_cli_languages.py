"""The command line's labels are catalogue messages (``cli.*``) written in the language asked for (issue 13):
``zairyu assess``, ``interview``, ``deadlines``, ``expiry``, ``statuses``, ``status``, ``fees`` and ``law rules``
take any language with a message catalogue, and no label of theirs is a Japanese/English pair written in the code
(a status's activities and work note come from the law data in ja/en/ru/uk; a rule's name in ja/en only)."""

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


@pytest.mark.parametrize("module", ["assess_cmds.py", "calendar_cmds.py", "law_cmds.py"])
def test_no_label_is_written_as_a_pair_in_the_code(module: str) -> None:
    source = (CLI / module).read_text(encoding="utf-8")
    pairs = re.findall(r'.*(?:if ja else|if lang == "ja" else).*', source)
    # the law data's own texts chosen by language (activity_ja / activity_en, a fee's two names) are data, not labels
    data = ("_ja if ja else", '[0 if lang == "ja" else 1]', 'return "ja" if lang == "ja" else "en"')
    pairs = [p for p in pairs if not any(d in p for d in data)]
    assert not pairs, pairs


def test_the_law_commands_in_russian_and_ukrainian(cli) -> None:  # type: ignore[no-untyped-def]
    # basis: Student's periods since 2021-03-30, individually designated up to 4 years 3 months (Ordinance App.
    # Table II; law/data/statuses.yaml)
    res = cli("status", "student", "--on", "2026-11-25", "--lang", "ru")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    for text in ("留学 / Student / Учёба", "Приложение, таблица I-4 (с критериями въезда)",
                 "Сроки пребывания: не более: 4 года 3 месяца, назначается отдельно", "Работа: не разрешена",
                 "Уведомление (ст. 19-16): об организации, где ведётся деятельность"):
        assert text in out, text
    for english in ("Appended Table", "not permitted", "activity organisation", "designated ["):
        assert english not in out, english
    # what the status allows and the note on work, in Russian (law/data/statuses_i3_i4.yaml, student:
    # activity_ru, employment_note_ru — 28 hours a week with permission, Art. 19(2))
    assert "Деятельность: Учёба в университете, профессиональном училище, школе японского языка" in out
    assert "С разрешением на деятельность вне статуса (ст. 19(2)) — до 28 часов в неделю" in out
    assert "Studying at" not in out and "hours a week" not in out
    res = cli("law", "rules", "--on", "2026-11-25", "--lang", "uk")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "Правила з датами — 2026-11-25" in out and "✓ діє на 2026-11-25." in out and "Dated rules" not in out
    res = cli("fees", "--on", "2026-11-25", "--lang", "uk")
    assert res.exit_code == 0, res.output
    assert "Зміна статусу перебування" in res.output and "Мита — 2026-11-25" in res.output
    # every fee's procedure is named in the glossary's words (the re-entry permits' fees: law/data/fees.yaml)
    out = " ".join(res.output.split())
    assert "одноразовий" in out and "багаторазовий" in out and "мандрівника" in out
    assert not re.search(r"[A-Za-z]{3,}", out.replace("COE", "")), out
    res = cli("statuses", "--on", "2026-11-25", "--lang", "ru")
    assert res.exit_code == 0 and "Учёба" in res.output and "Студент" not in res.output
    # the footnote's hint keeps the reader's language, and names no abbreviation the table does not use
    out = " ".join(res.output.split())
    assert "zairyu status КОД --lang ru" in out and "SAP" not in out


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", {"law": "法令", "isa": "入管庁", "practice": "実務", "unverified": "未確認"}),
    ("ru", {"law": "Закон", "isa": "Агентство иммиграционных услуг", "practice": "Практика",
            "unverified": "Не проверено"}),
    ("uk", {"law": "Закон", "isa": "Агентство імміграційних послуг", "practice": "Практика",
            "unverified": "Не перевірено"}),
])
def test_how_sure_a_fact_is_reads_in_the_language(cli, lang: str, words: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """A fact's certainty (law, isa, practice, unverified) was printed as its code in every language ("[practice]"
    in a Japanese or Russian table); it is the glossary's term (fact_status.* in the catalogues)."""
    codes = re.compile(r"\[(law|isa|practice|unverified)\]|\b(law|isa|practice|unverified)\s*$", re.M)
    # basis: Specified Skilled Worker (i)'s periods 2023-04-01 – 2023-04-19 are unverified and 2019-04-01 –
    # 2023-03-31 practice (law/data/statuses_i2.yaml, ssw_1)
    res = cli("status", "ssw_1", "--on", "2023-04-25", "--lang", lang)
    assert res.exit_code == 0, res.output
    assert f"[{words['unverified']}]" in res.output and f"[{words['practice']}]" in res.output
    assert not codes.search(res.output), codes.search(res.output)
    # basis: the fees of change and extension are ISA's published amounts (law/data/fees.yaml, fact_status isa)
    res = cli("fees", "--on", "2026-11-25", "--lang", lang)
    flowing = " ".join(res.output.split())  # a long name wraps within its cell
    assert res.exit_code == 0 and words["isa"] in flowing and not codes.search(res.output), res.output
    res = cli("law", "rules", "--on", "2026-11-25", "--lang", lang)
    assert res.exit_code == 0 and f"[{words['law']}]" in res.output and not codes.search(res.output), res.output
    assert "unverified" not in res.output and f"[{words['unverified']}]" in res.output.splitlines()[-2]  # the key
    res = cli("assess", CASE, "--on", "2023-01-20", "--lang", lang)
    assert res.exit_code == 0 and words["law"] in res.output and not codes.search(res.output), res.output


@pytest.mark.parametrize("width", [80, 120])
def test_a_deadlines_state_and_days_are_never_cut(cli, monkeypatch, width: int) -> None:  # type: ignore[no-untyped-def]
    """A panel's top line holds the date and title; on a narrow terminal a long Russian title left no room and the
    days were cut ("-10" for -108): the state and days then open the panel's text, whole."""
    from zairyu.cli.common import console

    monkeypatch.setattr(console, "width", width)
    # basis: the motivating case's 90-day stay ended on 2023-02-13 (ICRRA Art. 2-2(3), Civil Code Arts. 140/143);
    # on 2023-06-01 the last filing day (the expiry, Ordinance Art. 21(1)) is 108 days past
    res = cli("deadlines", CASE, "--on", "2023-06-01", "--lang", "ru")
    assert res.exit_code == 0, res.output
    assert "-108 дн." in res.output
    assert not re.search(r"-1\d?─", res.output)


def test_the_days_left_name_the_day_they_count_to(cli) -> None:  # type: ignore[no-untyped-def]
    """The days left count to the day to act by: for an expiry on Sunday 2026-05-03 (Constitution Day, Golden Week)
    the filing is accepted on Thursday 05-07, the next open day (Act on Holidays of Administrative Organs Art. 2;
    ISA practice) — 63 days from 2026-03-05, not 59: the line says so."""
    facts = str(ROOT / "examples/facts/student_moved_pending_extension.json")
    res = cli("deadlines", facts, "--on", "2026-03-05", "--lang", "en")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "+63 days (to 2026-05-07)" in out and "Period of stay ends [upcoming] +59 days" in out


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("lang", "header", "isa"), [("ru", "Достоверность", "Агентство иммиграционных услуг"),
                                                     ("uk", "Достовірність", "Агентство імміграційних послуг")])
def test_the_requirements_table_fits_its_panel(cli, monkeypatch, width: int, lang: str, header: str,
                                               isa: str) -> None:  # type: ignore[no-untyped-def]
    """The requirements' table inside an option's panel was laid out for the whole terminal and cut at the panel's
    edge ("Достовер", "Иммиграц"); it is laid out for the panel, each column at least its longest word. ISA is named
    as the law's name for it (law.ISA) in the provisions and in how sure a requirement is (fact_status.isa)."""
    from zairyu.cli.common import console

    monkeypatch.setattr(console, "width", width)
    res = cli("assess", CASE, "--on", "2023-01-20", "--lang", lang)
    assert res.exit_code == 0, res.output
    words = set(re.findall(r"\w+", res.output))
    assert header in words and set(isa.split()) <= words
    cut = [w for w in words if len(w) > 5 and any(w != v and v.startswith(w) for v in {header, *isa.split()})]
    assert not cut, cut
