"""The command-line contract: `zairyu statuses`, `zairyu status`, `zairyu schema law`."""

from __future__ import annotations

import json
import re

import pytest

from zairyu.cli.common import console

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_PERIOD = re.compile(r"^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?$")
# provisions are written like "Art. 20(3)", "Art. 22-4(1)(vii)" or "App. Table I-2"
PROVISION = re.compile(r"^(Art\. \d+(-\d+)*(\(\d+\))*(\([ivx]+\))?|App\. Table (I-[1-5]|II))$")
REQUIRED = {"code", "name_ja", "name_en", "table", "employment", "periods", "legal_basis", "valid_from", "valid_to",
            "fact_status"}


@pytest.fixture
def wide(monkeypatch) -> None:
    """A wide terminal, so that a phrase a test looks for is not broken by line wrapping."""
    monkeypatch.setattr(console, "width", 200)


def check_periods(p: dict[str, object]) -> None:
    kind = p["kind"]
    assert kind in ("fixed", "designated", "indefinite")
    if kind == "fixed":
        values = p["values"]
        assert isinstance(values, list) and values and all(ISO_PERIOD.match(v) for v in values)
    elif kind == "designated":
        assert isinstance(p["max"], str) and ISO_PERIOD.match(p["max"])
    else:
        assert "values" not in p and "max" not in p


def test_statuses_json_contract(cli) -> None:
    data = cli.json("statuses", "--on", "2026-01-01", "--json")
    assert set(data) == {"as_of", "statuses"}
    assert data["as_of"] == "2026-01-01"
    assert len(data["statuses"]) == 39
    for s in data["statuses"]:
        assert REQUIRED <= set(s), s["code"]
        assert re.match(r"^[a-z][a-z0-9_]*$", s["code"])
        assert s["table"] in ("I-1", "I-2", "I-3", "I-4", "I-5", "II", "special_act")
        assert s["employment"] in ("unrestricted", "within_activity", "not_permitted", "by_designation")
        assert s["fact_status"] in ("law", "isa", "practice", "unverified")
        check_periods(s["periods"])
        assert s["legal_basis"]
        for b in s["legal_basis"]:
            assert b["law"] and PROVISION.match(b["provision"]), b
        for key in ("valid_from", "valid_to"):
            assert s[key] is None or ISO_DATE.match(s[key])


def test_student_json_on_2026(cli) -> None:
    data = cli.json("statuses", "--on", "2026-01-01", "--json")
    student = next(s for s in data["statuses"] if s["code"] == "student")
    assert student["periods"] == {"kind": "designated", "max": "P4Y3M"}
    assert {"law": "ICRRA", "provision": "App. Table I-4"}.items() <= student["legal_basis"][1].items()


def test_status_full_has_provisions_sources_and_history(cli) -> None:
    data = cli.json("status", "student", "--on", "2026-01-01", "--json")
    assert data["as_of"] == "2026-01-01"
    s = data["status"]
    assert REQUIRED <= set(s)
    assert s["activity_en"] and s["activity_ja"]
    assert s["sources"] and all(ISO_DATE.match(src["consulted"]) for src in s["sources"])
    detail = s["periods_detail"]
    assert detail["legal_basis"][0]["provision"] == "Art. 3" and detail["sources"]
    assert [h["kind"] for h in s["history"]] == ["fixed", "fixed", "designated"]
    assert s["history"][-1]["valid_from"] == "2021-03-30"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_statuses_table_shows_every_code_whole(cli, monkeypatch, width: int, lang: str) -> None:
    monkeypatch.setattr(console, "width", width)
    res = cli("statuses", "--on", "2026-01-01", "--lang", lang)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    words = set(res.stdout.split())
    data = cli.json("statuses", "--on", "2026-01-01", "--json")
    for s in data["statuses"]:
        assert s["code"] in words, s["code"]


def test_statuses_table_in_japanese_and_english(cli, wide) -> None:
    ja = cli("statuses", "--on", "2026-01-01", "--lang", "ja").stdout
    en = cli("statuses", "--on", "2026-01-01", "--lang", "en").stdout
    assert "留学" in ja and "4年3月以内で個別指定" in ja and "無期限" in ja
    assert "Student" in en and "≤4y3m designated" in en and "indefinite" in en
    assert "施行規則第3条" in ja and "Ordinance Art. 3" in en


def test_unverified_facts_are_shown_as_unverified(cli, wide) -> None:
    table = cli("statuses", "--on", "2023-04-25", "--lang", "en").stdout
    ssw_line = next(line for line in table.splitlines() if "ssw_1" in line)
    assert "*" in ssw_line
    assert "unverified" in table
    text = cli("status", "ssw_1", "--on", "2023-04-25", "--lang", "en").stdout
    assert "[unverified]" in text
    data = cli.json("status", "ssw_1", "--on", "2023-04-25", "--json")
    assert data["status"]["fact_status"] == "unverified"
    assert "periods" in data["status"]["unverified_fields"]


def test_status_text_in_full(cli, wide) -> None:
    out = cli("status", "designated_activities", "--on", "2026-01-01", "--lang", "en").stdout
    for expected in ("Designated Activities", "Periods history:", "(一)", "(三)", "Art. 19-16(iii)",
                     "spouses only", "Sources:", "consulted 2026-11-25"):
        assert expected in out, expected
    ja = cli("status", "titp_1a", "--on", "2027-03-31").stdout
    assert "技能実習1号イ" in ja and "経過措置" in ja and "employment_skill_development" in ja


def test_status_not_in_force_says_when_it_is(cli) -> None:
    res = cli("status", "nursing_care", "--on", "2017-08-31")
    assert res.exit_code == 2
    assert "not in force on 2017-08-31" in res.stderr and "from 2017-09-01" in res.stderr
    assert "Traceback" not in res.output


def test_schema_law_accepts_each_kind_of_law_file(cli) -> None:
    res = cli("schema", "law")
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    refs = {item["$ref"].rsplit("/", 1)[-1] for item in schema["anyOf"]}
    assert refs == {"StatusFile", "FeeFile", "ProcedureFile", "MeasureFile", "RuleFile"}
    status = schema["$defs"]["Status"]
    assert {"code", "legal_basis", "sources", "fact_status", "periods"} <= set(status["required"])
    assert status["additionalProperties"] is False
    whole = json.loads(cli("schema", "law", "--whole").stdout)
    assert {"statuses", "fees"} <= set(whole["required"])


def test_fees_command_json_and_table(cli) -> None:
    old = cli.json("fees", "--on", "2025-03-31", "--json")
    new = cli.json("fees", "--on", "2025-04-01", "--json")
    assert old["as_of"] == "2025-03-31"
    by_code = {f["procedure"]: f for f in new["fees"]}
    assert (by_code["change_of_status"]["counter"], by_code["change_of_status"]["online"]) == (6000, 5500)
    assert by_code["permanent_residence"]["online"] is None
    # law.md §12: online fees equal the counter fees before 2025-04-01 (practitioners), upgraded from unverified
    assert {f["procedure"]: f for f in old["fees"]}["change_of_status"]["online_fact_status"] == "practice"
    table = cli("fees", "--on", "2025-04-01", "--lang", "en").stdout
    assert "¥10,000" in table and "Permanent residence permission" in table


def test_status_in_japanese_cites_provisions_in_japanese(cli, wide) -> None:
    out = cli("status", "dependent", "--on", "2026-01-01").stdout
    assert "入管法別表第一の四" in out and "入管法第19条の16第3号" in out


# the first day of the covered range (2012-07-09, the residence-card system, law.md §1.4), a day after the 2015-04-01
# reform, a day of 2026, and the covered range's last day
@pytest.mark.parametrize("on", ["2012-07-09", "2016-01-01", "2026-01-01", "2027-12-31"])
def test_every_status_renders_in_both_languages(cli, on: str) -> None:
    data = cli.json("statuses", "--on", on, "--json")
    for s in data["statuses"]:
        for lang in ("ja", "en"):
            res = cli("status", s["code"], "--on", on, "--lang", lang)
            assert res.exit_code == 0, (s["code"], lang, res.output)
            assert s["name_ja"] in res.stdout and s["code"] in res.stdout
