"""Load and validate the law files shipped in ``zairyu/law/data``.

A bad file fails loudly with :class:`~zairyu.errors.LawDataError` naming the file, the entry
(by its code where it has one) and the field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from zairyu import datacache
from zairyu.errors import LawDataError
from zairyu.law.models import (
    COVERED_FROM,
    COVERED_TO,
    DesignationFile,
    Fee,
    FeeFile,
    LawFiles,
    Measure,
    MeasureFile,
    Procedure,
    ProcedureFile,
    RuleFile,
    Status,
    StatusFile,
)

if TYPE_CHECKING:
    import yaml

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)

# which top-level key a file holds decides its model
_FILE_MODELS: dict[str, type[BaseModel]] = {
    "statuses": StatusFile,
    "fees": FeeFile,
    "procedures": ProcedureFile,
    "measures": MeasureFile,
    "rules": RuleFile,
    "designations": DesignationFile,
}


def _entry_name(raw: Any, key: str, index: int) -> str:
    if isinstance(raw, dict):
        items = raw.get(key)
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            code = items[index].get("code") or items[index].get("procedure")
            if code:
                return f"{key}[{index}] '{code}'"
    return f"{key}[{index}]"


def _loc_text(loc: list[Any]) -> str:
    """('periods', 0, 'values', 1) → 'periods[0].values[1]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _clean(msg: str) -> str:
    # pydantic prefixes messages of our own validators with "Value error, "
    return msg.removeprefix("Value error, ")


def _validate(path: Path, raw: Any) -> BaseModel:
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in _FILE_MODELS:
        raise LawDataError(
            "a law file must hold exactly one top-level key",
            where=str(path), allowed=", ".join(_FILE_MODELS),
        )
    key = next(iter(raw))
    model = _FILE_MODELS[key]
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        entry = ""
        if len(loc) >= 2 and loc[0] == key and isinstance(loc[1], int):
            entry = _entry_name(raw, key, loc[1])
            loc = loc[2:]
        field = _loc_text(loc) or None
        if err["type"] == "extra_forbidden":
            msg = f"unknown field '{loc[-1]}'" if loc else "unknown field"
        elif err["type"] == "missing":
            msg = "required field is missing"
        else:
            msg = _clean(err["msg"])
        where = f"{path.name}: {entry}" if entry else path.name
        raise LawDataError(msg, where=where, field=field) from None


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")
_CODE_LINE = re.compile(r"^\s*-?\s*(?:code|procedure)\s*:\s*([A-Za-z0-9_]+)")


def _yaml_error(path: Path, text: str, exc: yaml.YAMLError) -> LawDataError:
    """One line for a YAML syntax error: the file, the line, the nearest entry above it and the key."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    # an unclosed bracket is reported where parsing gave up; the key it belongs to is where it opened
    mark = context_mark or problem_mark
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and context_mark is not None:
        problem = f"{context} (line {context_mark.line + 1}): {problem}"
    if problem_mark is not None:
        problem += f" (line {problem_mark.line + 1}, column {problem_mark.column + 1})"
    if mark is None:
        return LawDataError(f"not valid YAML: {problem}", where=path.name)
    lines = text.splitlines()
    lineno = mark.line  # 0-based
    entry = None
    field = None
    for i in range(min(lineno, len(lines) - 1), -1, -1):
        if field is None and (km := _KEY_LINE.match(lines[i])):
            field = km.group(1)
        if cm := _CODE_LINE.match(lines[i]):
            entry = cm.group(1)
            break
    where = f"{path.name}: line {lineno + 1}" + (f", entry '{entry}'" if entry else "")
    return LawDataError(f"not valid YAML: {problem}", where=where, field=field)


def load_file(path: Path) -> BaseModel:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LawDataError(f"cannot read: {exc.strerror}", where=str(path)) from None
    try:
        # libyaml's parser when PyYAML has it, and its result kept on disk under the text's hash (every command
        # reads the law files); a file it refuses is read again by the Python parser, whose error messages the
        # tests pin
        raw = datacache.load_yaml(text, name=f"law-{path.stem}")
    except Exception as first:
        import yaml

        if not isinstance(first, yaml.YAMLError):
            raise
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise _yaml_error(path, text, exc) from None
    return _validate(path, raw)


def load_dir(data_dir: Path) -> LawFiles:
    """Read every ``*.yaml`` in ``data_dir`` into one validated :class:`LawFiles`."""
    parts: dict[str, list[Any]] = defaultdict(list)
    paths = sorted(data_dir.glob("*.yaml"))
    if not paths:
        raise LawDataError("no law files (*.yaml) found", where=str(data_dir))
    for path in paths:
        model = load_file(path)
        for key in _FILE_MODELS:
            items = getattr(model, key, None)
            if items is not None:
                parts[key].extend((path, item) for item in items)
    _check_unique(parts)
    for path, status in parts["statuses"]:
        _check_status_dates(path, status)
    law = LawFiles(
        statuses=[s for _, s in parts["statuses"]],
        fees=[f for _, f in parts["fees"]],
        procedures=[p for _, p in parts["procedures"]],
        measures=[m for _, m in parts["measures"]],
        rules=[r for _, r in parts["rules"]],
        designations=[d for _, d in parts["designations"]],
    )
    _check_references(law, {s.code: p for p, s in parts["statuses"]})
    return law


def _check_unique(parts: dict[str, list[Any]]) -> None:
    for key, items in parts.items():
        seen: dict[str, Path] = {}
        id_field = "procedure" if key == "fees" else "code"
        for path, item in items:
            code = str(getattr(item, id_field, ""))
            if code in seen:
                raise LawDataError(
                    f"duplicate code '{code}' (also defined in {seen[code].name})",
                    where=f"{path.name}: {key} '{code}'", field=id_field,
                )
            seen[code] = path
        # dated versions of one entry must not overlap
        for path, item in items:
            for list_name in ("periods", "versions", "former_names"):
                versions = getattr(item, list_name, None)
                if versions:
                    _check_no_overlap(path, key, item, list_name, versions)


def _check_no_overlap(path: Path, key: str, item: Any, list_name: str, versions: list[Any]) -> None:
    lo = date.min
    ordered = sorted(enumerate(versions), key=lambda iv: iv[1].valid_from or lo)
    for (_, a), (j, b) in zip(ordered, ordered[1:], strict=False):
        a_end = a.valid_to or date.max
        if b.valid_from is None or b.valid_from <= a_end:
            code = getattr(item, "code", None) or getattr(item, "procedure", None)
            raise LawDataError(
                f"dated versions overlap ({a.valid_from or 'open'}..{a.valid_to or 'open'} and "
                f"{b.valid_from or 'open'}..{b.valid_to or 'open'})",
                where=f"{path.name}: {key} '{code}'", field=f"{list_name}[{j}].valid_from",
            )


def _check_status_dates(path: Path, s: Status) -> None:
    """Every day a status is in force inside the covered range has exactly one periods version,
    and no periods version lies outside the status's own dates (else a status would silently vanish
    from the catalogue on some day)."""
    where = f"{path.name}: statuses '{s.code}'"
    start = max(COVERED_FROM, s.valid_from or COVERED_FROM)
    end = min(COVERED_TO, s.valid_to or COVERED_TO)
    for i, p in enumerate(s.periods):
        if (s.valid_from and p.valid_to and p.valid_to < s.valid_from) or (
            s.valid_to and p.valid_from and p.valid_from > s.valid_to
        ):
            raise LawDataError("periods version lies outside the status's valid_from..valid_to",
                               where=where, field=f"periods[{i}].valid_from")
    if start > end:
        return
    day = start
    for p in sorted(s.periods, key=lambda v: v.valid_from or date.min):
        if p.valid_to is not None and p.valid_to < day:
            continue
        if p.valid_from is not None and p.valid_from > day:
            break
        if p.valid_to is None or p.valid_to >= end:
            return
        day = p.valid_to + timedelta(days=1)
    raise LawDataError(f"no periods version covers {day.isoformat()} although the status is in force then",
                       where=where, field="periods")


def _check_references(law: LawFiles, status_files: dict[str, Path]) -> None:
    codes = {s.code for s in law.statuses}
    for s in law.statuses:
        for i, other in enumerate(s.replaced_by):
            if other not in codes:
                raise LawDataError(f"replaced_by names unknown status '{other}'",
                                   where=f"{status_files[s.code].name}: statuses '{s.code}'",
                                   field=f"replaced_by[{i}]")
        for j, t in enumerate(s.transitional):
            for i, other in enumerate(t.change_from):
                if other not in codes:
                    raise LawDataError(f"transitional change_from names unknown status '{other}'",
                                       where=f"{status_files[s.code].name}: statuses '{s.code}'",
                                       field=f"transitional[{j}].change_from[{i}]")
    measures = {m.code for m in law.measures}
    for d in law.designations:
        if d.measure is not None and d.measure not in measures:
            raise LawDataError(f"measure '{d.measure}' is not a known measure", where=f"designations '{d.code}'",
                               field="measure")
    for m in law.measures:
        if m.target_status not in codes:
            raise LawDataError(
                f"target_status '{m.target_status}' is not a known status",
                where=f"measures '{m.code}'", field="target_status",
            )


@lru_cache(maxsize=1)
def packaged_law() -> LawFiles:
    """The law files shipped with zairyu, validated once per process."""
    return load_dir(DATA_DIR)


__all__ = ["DATA_DIR", "Fee", "LawFiles", "Measure", "Procedure", "Status", "load_dir", "load_file",
           "packaged_law"]
