"""Every table of expected values in the tests says where its values come from (issue 11, "Every expected value
has a basis"): a parametrised table whose rows carry legal values (dates, periods of stay, fees) has a basis —
either on the table (the comment block right above it, or above its ``parametrize``), covering every row, or on
each row (a comment on the row's lines). A basis names a provision (``Art. 20(6)``, ``Ordinance Art. 21-2``,
``Civil Code Art. 143``, ``Act No. 60 of 2024``), a section of the project's law reference (``law.md §3.1``), a
public source (a practitioner's or ISA's page) or, for a table of refused input, the contract it tests
(``docs/calendar.md``)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
TABLE_DIRS = ("calendar", "law", "assess", "cases", "web")

BASIS = re.compile(
    r"law\.md §\d|\bArts?\. \d|Ordinance|Civil Code|Act No\. \d|Special Act|[Gg]uideline|ISA\b|issue \d+|"
    r"\b[a-z0-9-]+\.(?:com|jp|net|org|biz|info|support|tokyo)\b|National Holidays Act|Cabinet Office|"
    r"docs/[a-z_]+\.md")
LEGAL_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^P(?:\d+[YMD])+$|^¥")
"""A row carries a legal value when one of its literals is a date, an ISO period of stay, or a yen amount."""


def _comments(src: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string
    return out


def _comment_block_above(lines: list[str], line: int) -> str:
    """The comment lines immediately above a line (1-based), joined."""
    block = []
    i = line - 2
    while i >= 0 and lines[i].strip().startswith(("#", "@")):
        if lines[i].strip().startswith("#"):
            block.append(lines[i])
        i -= 1
    return "\n".join(reversed(block))


def _literals(node: ast.AST) -> list[object]:
    """The row's literals; a ``date(...)`` call counts as the date it builds."""
    out: list[object] = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant):
            out.append(n.value)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "date" and len(n.args) == 3:
            out.append("1970-01-01")
    return out


def _is_parametrize(dec: ast.expr) -> bool:
    return isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.func.attr == "parametrize"


def _tables(path: Path) -> list[tuple[str, int, list[ast.expr], str, dict[int, str]]]:
    """(name, line, rows, table comment, comments by line) of every parametrised table in a test file."""
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    lines = src.splitlines()
    comments = _comments(src)
    assigned: dict[str, ast.Assign | ast.AnnAssign] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            assigned[node.target.id] = node
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for dec in fn.decorator_list:
            if not (_is_parametrize(dec) and isinstance(dec, ast.Call) and len(dec.args) >= 2):
                continue
            values = dec.args[1]
            table_comment = _comment_block_above(lines, fn.decorator_list[0].lineno)
            name = fn.name
            if isinstance(values, ast.Name) and values.id in assigned:
                decl = assigned[values.id]
                table_comment += "\n" + _comment_block_above(lines, decl.lineno)
                name = f"{fn.name} ({values.id})"
                if decl.value is None:
                    continue
                values = decl.value
            rows: list[ast.expr]
            if isinstance(values, (ast.List, ast.Tuple)):
                rows = list(values.elts)
            else:
                continue
            out.append((name, values.lineno, rows, table_comment, comments))
    return out


def _rows_without_basis() -> list[str]:
    missing = []
    for d in TABLE_DIRS:
        for path in sorted((TESTS / d).glob("test_*.py")):
            for name, line, rows, table_comment, comments in _tables(path):
                if BASIS.search(table_comment):
                    continue
                for row, basis in zip(rows, _row_bases(rows, comments, line), strict=True):
                    if not any(isinstance(v, str) and LEGAL_VALUE.search(v) for v in _literals(row)):
                        continue
                    if not BASIS.search(basis):
                        missing.append(f"{path.relative_to(TESTS)}:{row.lineno} {name}")
    return missing


def _row_bases(rows: list[ast.expr], comments: dict[int, str], start: int) -> list[str]:
    """Each row's basis text: the comments on its own lines, or the comment lines above it inside the table
    (a section heading covering the rows that follow, until the next one)."""
    out = []
    section = ""
    previous_end = start
    for row in rows:
        lo, hi = row.lineno, row.end_lineno or row.lineno
        above = " ".join(comments[i] for i in range(previous_end + 1, lo) if i in comments)
        if above:
            section = above
        own = " ".join(comments.get(i, "") for i in range(lo, hi + 1))
        out.append(own + " " + section)
        previous_end = hi
    return out


def test_every_table_row_of_legal_values_has_a_basis() -> None:
    missing = _rows_without_basis()
    assert missing == [], "rows without a basis (comment the table or the row):\n" + "\n".join(missing)


@pytest.mark.parametrize("src,ok", [
    ('@pytest.mark.parametrize("d", ["2024-05-31"])\ndef test_x(d): pass\n', False),
    ('# law.md §2.5: 30 days\n@pytest.mark.parametrize("d", ["2024-05-31"])\ndef test_x(d): pass\n', True),
    ('@pytest.mark.parametrize("d", [\n    "2024-05-31",  # ICRRA Art. 22-2(2)\n])\ndef test_x(d): pass\n', True),
    ('T = [("2024-05-31", "P1Y")]\n\n\n@pytest.mark.parametrize("d", T)\ndef test_x(d): pass\n', False),
    ('T = [\n    # Civil Code Art. 143\n    ("2024-05-31", "P1Y"),\n    ("2024-06-30", "P1Y"),\n]\n\n\n'
     '@pytest.mark.parametrize("d", T)\ndef test_x(d): pass\n', True),
    ('# Civil Code Art. 143\nT = [("2024-05-31", "P1Y")]\n\n\n@pytest.mark.parametrize("d", T)\ndef test_x(d): pass\n',
     True),
])
def test_the_check_sees_a_missing_basis(tmp_path: Path, src: str, ok: bool) -> None:
    path = tmp_path / "test_t.py"
    path.write_text(src, encoding="utf-8")
    rows = []
    for _name, line, trs, table_comment, comments in _tables(path):
        rows += [bool(BASIS.search(table_comment) or BASIS.search(text)) for text in _row_bases(trs, comments, line)]
    assert rows and all(rows) is ok
