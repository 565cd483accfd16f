"""The command line loads only the area of the command it runs (``zairyu.cli.COMMAND_AREAS``).

What a user notices: ``zairyu deadlines FILE`` and ``zairyu assess FILE`` answer without loading the database
or the web libraries (docs/bench-cli.md), and every command still works, whichever area defines it. The table
must name every command an area defines, or that command would only work through the slow path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zairyu.cli import AREAS, COMMAND_AREAS

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "examples" / "facts" / "motivating_case_2023-01.json"


def _defined_by(area: str) -> set[str]:
    """Top-level commands and groups that ``area`` registers, read in a fresh process (registration is global)."""
    code = (f"from zairyu.cli import _app, register; register(({area!r},)); import json; a = _app.app; "
            "print(json.dumps([c.name for c in a.registered_commands] + [g.name for g in a.registered_groups]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("area", AREAS)
def test_the_table_names_every_command_of_each_area(area: str) -> None:
    assert _defined_by(area) == {name for name, a in COMMAND_AREAS.items() if a == area}


def _modules_after(*args: str) -> tuple[int, set[str], str]:
    code = ("import atexit, json, sys\n"
            "top = lambda: sorted(m for m in sys.modules if '.' not in m)\n"
            "atexit.register(lambda: print(json.dumps(top()), file=sys.stderr))\n"
            f"from zairyu.cli import main\nmain({list(args)!r})\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return p.returncode, set(json.loads(p.stderr.strip().splitlines()[-1])), p.stdout


@pytest.mark.parametrize("command", ["deadlines", "assess"])
def test_a_file_command_does_not_load_the_database_or_the_web_stack(command: str) -> None:
    code, modules, out = _modules_after(command, str(FACTS), "--on", "2023-01-20")
    assert code == 0
    # the answer itself is there: the example's 90-day landing on 2022-11-15 ends on 2023-02-13 (the landing
    # day counts as day 1 of the 90: ICRRA Art. 2-2(3), Civil Code Arts. 140, 143; docs/calendar.md)
    assert "2023-02-13" in out
    assert not modules & {"sqlalchemy", "fastapi", "starlette", "uvicorn", "alembic", "icalendar", "jinja2"}


def test_help_lists_every_area() -> None:
    code, _, out = _modules_after("--help")
    assert code == 0
    for name in ("deadlines", "assess", "people", "serve", "messages", "law"):
        assert name in out
