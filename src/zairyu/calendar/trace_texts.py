"""How each date was computed: trace lines as messages (the keys ``trace.*`` of the catalogues in
:mod:`zairyu.messages`), written in the reader's language where they are shown. English trace lines keep
codes and ISO periods as they are (``{period:iso}``, ``{status:code}``): they are the technical record."""

from __future__ import annotations

from zairyu.messages import Message, kept


def trace_line(key: str, **params: object) -> Message:
    """Trace message ``trace.<key>`` (a typo in the key fails at once), kept as the rules' texts are."""
    return kept(f"trace.{key}", **params)[0]


__all__ = ["trace_line"]
