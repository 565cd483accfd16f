"""Load and validate the law files shipped in ``zairyu/law/data``.

A bad file fails loudly with :class:`~zairyu.errors.LawDataError` naming the file, the entry
(by its code where it has one) and the field.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from zairyu.errors import LawDataError
from zairyu.law.models import (
    Fee,
    FeeFile,
    LawFiles,
    Measure,
    MeasureFile,
    Procedure,
    ProcedureFile,
    Status,
    StatusFile,
)

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)

# which top-level key a file holds decides its model
_FILE_MODELS: dict[str, type[BaseModel]] = {
    "statuses": StatusFile,
    "fees": FeeFile,
    "procedures": ProcedureFile,
    "measures": MeasureFile,
}


def _entry_name(raw: Any, key: str, index: int) -> str:
    if isinstance(raw, dict):
        items = raw.get(key)
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            code = items[index].get("code") or items[index].get("procedure")
            if code:
                return f"{key}[{index}] '{code}'"
    return f"{key}[{index}]"


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
        field = ".".join(str(x) for x in loc) or None
        where = f"{path.name}: {entry}" if entry else path.name
        raise LawDataError(err["msg"], where=where, field=field) from None


def load_file(path: Path) -> BaseModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LawDataError(f"not valid YAML: {exc}".replace("\n", " "), where=str(path)) from None
    except OSError as exc:
        raise LawDataError(f"cannot read: {exc.strerror}", where=str(path)) from None
    return _validate(path, raw)


def load_dir(data_dir: Path) -> LawFiles:
    """Read every ``*.yaml`` in ``data_dir`` into one validated :class:`LawFiles`."""
    parts: dict[str, list[Any]] = defaultdict(list)
    for path in sorted(data_dir.glob("*.yaml")):
        model = load_file(path)
        for key in _FILE_MODELS:
            items = getattr(model, key, None)
            if items is not None:
                parts[key].extend((path, item) for item in items)
    _check_unique(parts)
    law = LawFiles(
        statuses=[s for _, s in parts["statuses"]],
        fees=[f for _, f in parts["fees"]],
        procedures=[p for _, p in parts["procedures"]],
        measures=[m for _, m in parts["measures"]],
    )
    _check_references(law)
    return law


def _check_unique(parts: dict[str, list[Any]]) -> None:
    for key, items in parts.items():
        seen: dict[str, Path] = {}
        for path, item in items:
            code = str(getattr(item, "code", None) or getattr(item, "procedure", ""))
            if code in seen:
                raise LawDataError(
                    f"duplicate code '{code}' (also in {seen[code].name})",
                    where=f"{path.name}: {key}", field="code",
                )
            seen[code] = path
        # dated versions of one entry must not overlap
        for path, item in items:
            versions = getattr(item, "periods", None) or getattr(item, "versions", None)
            if versions:
                _check_no_overlap(path, key, item, versions)


def _check_no_overlap(path: Path, key: str, item: Any, versions: list[Any]) -> None:
    from datetime import date

    lo = date.min
    ordered = sorted(versions, key=lambda v: v.valid_from or lo)
    for a, b in zip(ordered, ordered[1:], strict=False):
        a_end = a.valid_to or date.max
        if b.valid_from is None or b.valid_from <= a_end:
            code = getattr(item, "code", None) or getattr(item, "procedure", None)
            raise LawDataError(
                f"dated versions overlap ({a.valid_from}..{a.valid_to} and {b.valid_from}..{b.valid_to})",
                where=f"{path.name}: {key} '{code}'", field="valid_from",
            )


def _check_references(law: LawFiles) -> None:
    codes = {s.code for s in law.statuses}
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
