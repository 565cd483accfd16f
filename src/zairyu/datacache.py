"""Parsed data kept on disk between commands, named after what it was made from.

Every ``zairyu assess`` reads the law files, the message catalogues and the precedent register (YAML) and the
list of nationalities (from Babel's CLDR data). Parsing them again took about a sixth of a command line that
should answer at once (issue "A working day in the office": ≤ 0.3 s). So the parsed result is kept in
``$ZAIRYU_CACHE_DIR`` (default ``$XDG_CACHE_HOME/zairyu`` or ``~/.cache/zairyu``), in a file whose name holds a
hash of everything the result was made from — the file's whole text, or a library's version. A changed law file,
catalogue or precedent has another hash, so it is parsed again: nothing is ever invalidated by hand, and an
answer never comes from stale data. A file that cannot be read or written is simply not used.

Only plain data is kept (dicts, lists, strings, numbers, dates): the files are read back by an unpickler that
refuses anything else, so a file put in the cache folder cannot run code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT = "1"
"""Part of every key: a change in how results are kept or parsed (a new loader) changes every name."""

_PLAIN = frozenset({
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone"),
    ("builtins", "set"), ("builtins", "frozenset"),
})


def cache_dir() -> Path:
    """``$ZAIRYU_CACHE_DIR``, else ``$XDG_CACHE_HOME/zairyu``, else ``~/.cache/zairyu``."""
    base = os.environ.get("ZAIRYU_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zairyu"


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def entry(name: str, made_from: str) -> Path:
    """The file that keeps ``name`` as made from ``made_from`` (the source's text, or a library's version)."""
    digest = hashlib.blake2b(f"{FORMAT}\0{made_from}".encode(), digest_size=16).hexdigest()
    return cache_dir() / "data" / f"{name}-{digest}.pickle"


def remembered(name: str, made_from: str, build: Callable[[], T]) -> T:
    """``build()``, or its result kept from an earlier command made from the same ``made_from``. ``name`` says
    what it is (``law-statuses``); an earlier result of the same name made from something else is removed when
    the new one is written."""
    path = entry(name, made_from)
    try:
        with path.open("rb") as f:
            return _PlainUnpickler(f).load()  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path and old.name[len(name) + 1:-len(".pickle")].isalnum():
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    return value


def load_yaml(text: str, *, name: str) -> Any:
    """``text`` parsed as YAML (safe loader; libyaml's when PyYAML has it), kept under ``name`` and the text's
    hash. A parse error is raised as PyYAML raises it (``yaml.YAMLError``) and nothing is kept."""

    def parse() -> Any:
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return remembered(name, text, parse)


__all__ = ["cache_dir", "entry", "load_yaml", "remembered"]
