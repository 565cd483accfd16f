"""The calendar file's event titles, topics and description labels are catalogue messages (``ics.*``, issue 13):
written in the reader's language from that language's catalogue — a fifth language's file is enough — never
from lists of four languages kept in the code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.ics import deadlines_to_ics, title
from zairyu.facts import parse_facts
from zairyu.glossary import DEADLINE_KINDS
from zairyu.messages import catalogue

# Student, 1 year from 2026-04-01 (landing: the first day not counted, Civil Code Arts. 140/143) → ends 2027-04-01
FACTS = {"stay": {"status": "student", "period": "P1Y", "granted_on": "2026-04-01", "granted_by": "landing"},
         "events": [{"kind": "moved", "on": "2026-11-20"}]}


@pytest.mark.parametrize("lang", ["ja", "en", "ru", "uk"])
def test_every_deadline_kind_has_a_title_in_every_catalogue(lang: str) -> None:
    # a title of its own, or the glossary's name of the kind — never the code
    missing = [k for k in DEADLINE_KINDS
               if f"ics.title.{k}" not in catalogue(lang) and f"deadline_kind.{k}" not in catalogue(lang)]
    assert not missing, missing


def test_titles_and_labels_come_from_the_readers_catalogue() -> None:
    items = compute_deadlines(parse_facts(FACTS), date(2026, 11, 25))
    exp = next(d for d in items if d.kind == "expiry_of_stay")
    moved = next(d for d in items if d.kind == "notification" and d.topic == "address")
    assert title(exp, "ru") == "Окончание срока пребывания"
    assert title(moved, "ja") == "届出の期限（住居地）" and title(moved, "uk") == "Строк повідомлення (адреса)"
    ics = deadlines_to_ics(items, person_label="Anna", lang="ru").decode()
    assert "Основания:" in ics.replace("\r\n ", "") and "Provisions:" not in ics


def test_a_fifth_language_writes_the_calendar_from_its_catalogue_alone(tmp_path: Path) -> None:
    (tmp_path / "eo.yaml").write_text(yaml.safe_dump({
        "language.name": "Esperanto", "ics.title.expiry_of_stay": "Fino de la restado",
        "ics.label.provisions": "Bazoj"}, allow_unicode=True), encoding="utf-8")
    script = """
import json
from datetime import date
from zairyu.calendar.deadlines import compute_deadlines
from zairyu.calendar.ics import deadlines_to_ics
from zairyu.facts import parse_facts
items = compute_deadlines(parse_facts(json.loads(FACTS_JSON)), date(2026, 11, 25))
print(json.dumps(deadlines_to_ics(items, person_label="Anna", lang="eo").decode()))
"""
    script = f"FACTS_JSON = {json.dumps(FACTS)!r}\n" + script
    out = subprocess.run([sys.executable, "-c", script], env={**os.environ, "ZAIRYU_MESSAGES_DIR": str(tmp_path)},
                         capture_output=True, text=True, check=True).stdout
    ics = json.loads(out).replace("\r\n ", "")
    assert "SUMMARY:Fino de la restado — Anna" in ics
    assert "Bazoj:" in ics
    # a key the catalogue lacks is written in English, visibly
    assert "Last day to file extension/change" in ics
