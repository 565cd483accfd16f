"""``zairyu assess`` and ``zairyu interview`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).parents[2]
CASE = str(ROOT / "examples/facts/motivating_case_2023-01.json")


def test_motivating_case_readable_in_english(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("assess", CASE, "--on", "2023-01-20", "--lang", "en")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    for text in ("Change of status of residence → Student — discretionary", "Art. 20(3) proviso",
                 "Certificate of eligibility → Student — eligible", "Refugee recognition — eligible",
                 "Extension of period of stay — Temporary Visitor — discretionary", "humanitarian",
                 "¥4,000", "2023-02-13", "Deadlines"):
        assert text in out, text


def test_motivating_case_in_japanese(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("assess", CASE, "--on", "2023-01-20", "--lang", "ja")
    assert res.exit_code == 0, res.output
    assert "在留資格変更許可申請（留学）" in res.output and "裁量" in res.output


def test_json_contract(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli.json("assess", CASE, "--on", "2023-01-20", "--json")
    assert set(data) >= {"as_of", "options", "deadlines"} and data["as_of"] == "2023-01-20"
    opt = next(o for o in data["options"] if o["procedure"] == "change_of_status")
    for field in ("procedure", "target_status", "verdict", "requirements", "discretionary_factors", "missing_facts",
                  "earliest_filing_day", "file_by", "fee", "documents", "processing_time", "legal_basis",
                  "explanation", "trace"):
        assert field in opt, field
    assert set(opt["fee"]) >= {"counter", "online"}
    assert set(opt["explanation"]) == {"ja", "en", "ru", "uk"}
    assert all(set(r) >= {"id", "text", "result", "legal_basis", "fact_status"} for r in opt["requirements"])


def test_bad_input_is_one_line_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = cli("assess", CASE, "--on", "2023-02-30")
    assert res.exit_code == 2 and "--on" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"stay": {"status": "tourist"}}))
    res = cli("assess", str(bad), "--on", "2024-01-10")
    assert res.exit_code == 2 and "stay.status" in res.output and "tourist" in res.output


def test_interview_asks_and_saves(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start = tmp_path / "start.json"
    start.write_text(json.dumps({"stay": {"status": "temporary_visitor", "period": "P90D",
                                          "granted_on": "2024-04-15"}, "goal": {"status": "student"}}))
    out = tmp_path / "out.json"
    res = cli("interview", "--on", "2024-06-03", "--lang", "en", "--facts", str(start), "--save", str(out),
              "--max", "3", input="yes\nyes\nyes\n")
    assert res.exit_code == 0, res.output
    assert "Settles" in res.output
    saved = json.loads(out.read_text())
    answered = [v for grp in saved.values() if isinstance(grp, dict) for v in grp.values() if v is True]
    assert len(answered) >= 2


def test_the_interview_asks_a_russian_reader_in_russian(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The motivating case, in Russian: the question, the options it settles and what is still unknown are written in
    Russian (zairyu/messages/ru.yaml), and "да" answers yes."""
    start = ROOT / "examples" / "facts" / "motivating_case_2023-01.json"
    out = tmp_path / "out.json"
    res = cli("interview", "--on", "2026-11-25", "--lang", "ru", "--facts", str(start), "--save", str(out),
              "--max", "1", input="да\n")
    assert res.exit_code == 0, res.output
    assert "Опасаетесь ли вы преследования или серьёзного вреда при возвращении?" in res.output
    assert "Решает: 1 — Дополнительная защита" in res.output
    assert "complementary_protection:" not in res.output and "Do you" not in res.output
    assert "[да/нет, пусто — пропустить]" in " ".join(res.output.split())  # the hint in Russian, not eaten as markup
    assert json.loads(out.read_text())["circumstances"]["serious_harm_feared"] is True


def test_the_interview_takes_a_status_by_its_name_and_asks_again_after_a_refused_answer(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Ukrainian reader names her status as she knows it ("Навчання", the glossary's name of ``student``); a reply
    the question cannot use ("ні" to the period asked in ISO form) is refused in Ukrainian, with what an answer looks
    like, and asked again; it does not count as one of the --max questions."""
    start = tmp_path / "start.json"
    start.write_text(json.dumps({"person": {"nationality": "UA"}, "conduct": {"has_passport": True}}))
    out = tmp_path / "out.json"
    # asked in this order: the status, the expiry, the period granted (the most decisive first)
    res = cli("interview", "--on", "2026-11-25", "--lang", "uk", "--facts", str(start), "--save", str(out),
              "--max", "3", input="Навчання\n2027-03-01\nні\nP1Y\n")
    assert res.exit_code == 0, res.output
    out_text = " ".join(res.output.split())
    assert "Ця відповідь не підходить (строк у форматі ISO: P1Y = 1 рік" in out_text
    saved = json.loads(out.read_text())
    assert saved["stay"]["status"] == "student" and saved["stay"]["period"] == "P1Y"


def test_a_status_is_found_by_its_name_in_any_language(cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("留学", "Student", "учёба", "Навчання"):
        res = cli("status", name, "--on", "2026-11-25", "--lang", "en")
        assert res.exit_code == 0 and res.output.startswith("留学 / Student  (student, 2026-11-25)"), (name, res.output)
