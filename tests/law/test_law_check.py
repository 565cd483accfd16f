"""`zairyu law check`: the shipped data validates; malformed law files fail in one line naming file,
entry and field, with exit status 2; unverified and stale facts are listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zairyu.errors import LawDataError
from zairyu.law.loader import DATA_DIR, load_dir

FIXTURES = Path(__file__).parent / "fixtures"

# fixture file: (entry, field, words of the message)
BAD = {
    "bad_duration.yaml": ("'student_x'", "periods[0].values[1]", "'P1X' is not an ISO 8601 period of stay"),
    "bad_missing_legal_basis.yaml": ("'student_x'", "legal_basis", "required field is missing"),
    "bad_unknown_field.yaml": ("'student_x'", "employmnt_note", "unknown field 'employmnt_note'"),
    "bad_overlap.yaml": ("'student_x'", "periods[1].valid_from", "dated versions overlap"),
    "bad_yaml.yaml": ("entry 'student_x'", "values", "not valid YAML"),
    "bad_duplicate.yaml": ("'student_x'", "code", "duplicate code 'student_x'"),
    "bad_gap.yaml": ("'student_x'", "periods", "no periods version covers 2020-01-01"),
    "bad_designated_without_max.yaml": ("'student_x'", "periods[0]", "kind 'designated' needs 'max'"),
}


def test_every_negative_fixture_is_covered() -> None:
    assert {p.name for p in FIXTURES.glob("bad_*.yaml")} == set(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_law_file_fails_in_one_line(cli, tmp_path: Path, name: str) -> None:
    shutil.copy(FIXTURES / name, tmp_path / name)
    res = cli("law", "check", "--data-dir", str(tmp_path))
    assert res.exit_code == 2
    assert res.stdout == ""
    message = res.stderr.strip()
    assert "\n" not in message and "Traceback" not in res.output
    entry, field, words = BAD[name]
    assert message.startswith(f"zairyu: error: {name}: ")
    assert entry in message
    assert f": {field}: " in message
    assert words in message


def test_loader_error_carries_file_and_field(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "bad_duration.yaml", tmp_path / "statuses.yaml")
    with pytest.raises(LawDataError) as err:
        load_dir(tmp_path)
    assert err.value.where == "statuses.yaml: statuses[0] 'student_x'"
    assert err.value.field == "periods[0].values[1]"


def test_empty_directory_is_an_error(cli, tmp_path: Path) -> None:
    res = cli("law", "check", "--data-dir", str(tmp_path))
    assert res.exit_code == 2 and "no law files" in res.stderr


def test_shipped_law_files_are_valid_and_unverified_facts_listed(cli) -> None:
    res = cli("law", "check", "--today", "2026-11-25")
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert out.startswith("OK: ")
    assert "status ssw_1 periods 2023-04-20..2023-04-30" in out
    assert "status employment_skill_development periods 2027-04-01..:" in out
    assert "status trainee fields: permission_outside_activity" in out
    assert "status designated_activities periods 2021-03-30.. row 二" in out
    assert "fee change_of_status ..2025-03-31 online amount" in out


def test_stale_facts_follow_max_age(cli) -> None:
    strict = cli.json("law", "check", "--today", "2026-11-25", "--max-age-days", "100", "--json")
    assert strict["ok"] is True
    stale = {f["what"]: f["why"] for f in strict["stale"]}
    assert stale["status professor"] == "last verified 2026-03-31"
    assert "status student periods 2021-03-30.." not in stale  # re-read in the 2026-11-25 pass
    relaxed = cli.json("law", "check", "--today", "2026-11-25", "--max-age-days", "1000", "--json")
    assert relaxed["stale"] == []
    assert len(relaxed["unverified"]) == len(strict["unverified"]) > 0


def test_packaged_data_dir_loads_every_kind_of_file() -> None:
    law = load_dir(DATA_DIR)
    assert len(law.statuses) == 42 and law.fees
