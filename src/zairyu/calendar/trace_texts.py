"""How each date was computed: trace lines as messages (the keys ``trace.*`` of the catalogues in
:mod:`zairyu.messages`), written in the reader's language where they are shown. English trace lines keep
codes and ISO periods as they are (``{period:iso}``, ``{status:code}``): they are the technical record."""

from __future__ import annotations

from zairyu.messages import FALLBACK, Message, catalogue, interned


def trace_line(key: str, **params: object) -> Message:
    """Trace message ``trace.<key>`` (a typo in the key fails at once)."""
    full = f"trace.{key}"
    if full not in catalogue(FALLBACK):
        raise KeyError(f"no message '{full}' in the {FALLBACK} catalogue")
    return interned(full, {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()})


__all__ = ["trace_line"]
