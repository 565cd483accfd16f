"""A draft record from a text, offline: each value points at the words it came from (basis: the texts below
are the starter dataset's own summaries of the Tokyo 2023 decision and a made-up court report; the expected
values are what those texts say)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

from zairyu.precedents.extract import extract
from zairyu.precedents.register import packaged_register

TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"
COURT_JA = ("東京地裁は2024年3月12日、ミャンマー国籍の男性1人に対する難民不認定処分を取り消す判決を言い渡した。"
            "出入国管理及び難民認定法第61条の2第1項")
NOTICE_EN = ("On May 20, 2023 the Osaka bureau granted special permission to stay to two Ukrainian nationals who "
             "fled the armed conflict (Article 50 of the ICRRA).")


def test_japanese_report_of_the_tokyo_decision() -> None:
    p = packaged_register().get(TOKYO)
    assert p is not None and p.summary_ja
    out = extract(p.summary_ja)
    d = out["draft"]
    assert out["language"] == "ja"
    assert (d["from_status"], d["to_status"], d["procedure"]) == ("temporary_visitor", "student", "change_of_status")
    assert d["nationality"] == ["RU"] and d["number_of_people"] == 2 and d["outcome"] == "granted"
    for field, found in out["evidence"].items():  # every value points at its own words
        for f in found:
            assert p.summary_ja[f["start"]:f["end"]] == f["text"], field
    assert [f["text"] for f in out["evidence"]["status"]] == ["短期滞在", "留学"]


def test_court_report_dates_outcome_and_provision() -> None:
    d = extract(COURT_JA)["draft"]
    assert d["kind"] == "court_judgment" and d["date"] == "2024-03-12" and d["outcome"] == "overturned"
    assert d["nationality"] == ["MM"] and d["legal_basis"] == "出入国管理及び難民認定法第61条の2第1項"
    # the procedure from the report's words, not from the Act's name inside the citation
    assert [f["text"] for f in extract(COURT_JA)["evidence"]["procedure"]] == ["難民不認定"]
    en = extract(NOTICE_EN)
    assert en["draft"]["date"] == "2023-05-20" and en["evidence"]["date"][0]["precision"] == "day"
    assert en["draft"]["procedure"] == "special_permission_to_stay" and en["draft"]["nationality"] == ["UA"]
    assert en["draft"]["circumstances"] == ["armed_conflict"] and en["draft"]["number_of_people"] == 2
    assert en["draft"]["legal_basis"] == "Article 50 of the ICRRA"
    assert extract("令和5年5月に許可された")["draft"]["date"] == "2023-05"  # 令和元年 = 2019


def test_cli_extract(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text(NOTICE_EN, encoding="utf-8")
    r = cli("precedents", "extract", str(f), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["draft"]["outcome"] == "granted"
    r = cli("precedents", "extract", str(f), "--lang", "ja")
    assert "「granted」" in r.stdout and "下書き" in r.stdout
