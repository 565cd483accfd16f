"""The national holidays kept on disk between commands are exactly the ``holidays`` library's (issue "A working
day in the office": the command line should answer at once; building the table took the library ~0.08 s per
command). Expected values: the library itself, and the National Holidays Act (国民の祝日に関する法律) for the
named days checked."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import holidays
import pytest

from zairyu import datacache
from zairyu.calendar import admin_days

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", str(tmp_path))
    admin_days._table.cache_clear()
    admin_days._national.cache_clear()
    yield tmp_path
    admin_days._table.cache_clear()
    admin_days._national.cache_clear()


def test_the_kept_table_is_the_librarys_for_every_year(cache_dir: Path) -> None:
    admin_days._national(2026)
    path = admin_days.cache_file()
    assert path is not None and path.is_relative_to(cache_dir) and path.exists()
    with path.open("rb") as f:
        kept = datacache._PlainUnpickler(f).load()  # kept as zairyu.datacache keeps parsed data
    lib = holidays.country_holidays("JP", years=list(admin_days.CACHE_YEARS), language="ja")
    assert sum(len(v) for v in kept.values()) == len(lib)
    for d, name in lib.items():
        assert kept[str(d.year)][d.isoformat()] == name
    # Culture Day (National Holidays Act Art. 2) and the 2020 Olympic move of Sports Day (Act No. 68 of 2020)
    assert admin_days.national_holiday(date(2026, 11, 3)) == "文化の日"
    assert admin_days.national_holiday(date(2020, 7, 24)) == "スポーツの日"


def test_a_damaged_file_is_rebuilt_from_the_library(cache_dir: Path) -> None:
    admin_days._national(2026)
    path = admin_days.cache_file()
    assert path is not None
    path.write_text('{"2026": {"2026-11-04": "not a holiday"}}', encoding="utf-8")
    admin_days._table.cache_clear()
    admin_days._national.cache_clear()
    assert admin_days.national_holiday(date(2026, 11, 4)) is None
    assert admin_days.national_holiday(date(2026, 11, 3)) == "文化の日"


def test_a_warm_command_does_not_import_the_library(cache_dir: Path) -> None:
    env = dict(os.environ, ZAIRYU_CACHE_DIR=str(cache_dir))
    facts = str(ROOT / "examples/facts/motivating_case_2023-01.json")
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('holidays' in sys.modules, file=sys.stderr))\n"
            "from zairyu.cli import main\n"
            f"main(['deadlines', {facts!r}, '--on', '2023-01-20'])\n")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0
    assert first.stderr.strip().splitlines()[-1] == "True"    # the first run builds the table
    assert second.stderr.strip().splitlines()[-1] == "False"  # the next ones read it
    assert first.stdout == second.stdout
