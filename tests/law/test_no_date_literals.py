"""No date with legal meaning is written in Python: every legal cut-over lives in the law data
(``zairyu/law/data/*.yaml``, dated and cited). This test reads every module under ``src/zairyu`` and fails,
naming file and line, on a date literal — ``date(2023, 11, 1)``, ``datetime(2024, 6, 10, ...)`` or
``date.fromisoformat("2025-09-30")`` — that is not allow-listed below with the reason it is not law.
Docstrings and comments are not code and are not read (the syntax tree has no date calls in them)."""

from __future__ import annotations

import ast
from pathlib import Path

import zairyu

SRC = Path(zairyu.__file__).parent

# (file under src/zairyu, the literal as written) → why it is not a rule of law
ALLOWED: dict[tuple[str, str], str] = {
    ("law/models.py", "date(2012, 7, 9)"):
        "COVERED_FROM: the first day the law data covers (the data starts with the residence-card system); a "
        "bound of the data set checked before any data is read, not a rule the assessment applies",
    ("law/models.py", "date(2027, 12, 31)"):
        "COVERED_TO: the last day the law data covers (the research horizon of the data), not a rule of law",
    ("web/era.py", "date(2019, 5, 1)"): "Japanese era 令和 starts: calendar display (和暦), not immigration law",
    ("web/era.py", "date(1989, 1, 8)"): "Japanese era 平成 starts: calendar display (和暦), not immigration law",
    ("web/era.py", "date(1926, 12, 25)"): "Japanese era 昭和 starts: calendar display (和暦), not immigration law",
    ("duration.py", "date(2001, 1, 1)"):
        "reference day for ordering durations by approximate length (Duration.approx_days); never a real date",
    ("calendar/ics.py", "date(2000, 1, 1)"):
        "fallback DTSTAMP of an iCalendar feed without an as-of date (RFC 5545 needs one); not a deadline",
}


def _is_date_call(node: ast.Call) -> bool:
    f = node.func
    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    if name in ("date", "datetime"):
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int)
    if name == "fromisoformat":
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    return False


def date_literals() -> list[tuple[str, int, str]]:
    """(file, line, literal) of every date literal in the package's code."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source, filename=rel)):
            if isinstance(node, ast.Call) and _is_date_call(node):
                found.append((rel, node.lineno, ast.get_source_segment(source, node) or ""))
    return found


def test_no_date_literal_with_legal_meaning_in_python() -> None:
    bad = [f"src/zairyu/{rel}:{line}: {text}" for rel, line, text in date_literals() if (rel, text) not in ALLOWED]
    assert not bad, ("date literals in Python (put a legal cut-over in zairyu/law/data/rules.yaml, dated and cited, "
                     "and read it through the law view; or allow-list it here with the reason it is not law):\n"
                     + "\n".join(bad))


def test_the_allowlist_has_no_stale_entries() -> None:
    found = {(rel, text) for rel, _, text in date_literals()}
    assert set(ALLOWED) <= found, sorted(set(ALLOWED) - found)


def test_the_scan_finds_a_date_literal() -> None:
    tree = ast.parse('"""date(2020, 1, 1) in a docstring"""\n'
                     'X = date(2023, 11, 1)\nY = date.fromisoformat("2024-06-10")\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_date_call(n)]
    assert [n.lineno for n in calls] == [2, 3]
