"""Deadline explanations as messages: the keys ``deadline.*`` of the catalogues in :mod:`zairyu.messages`.

The calendar writes an explanation as :class:`~zairyu.messages.Messages` (parts joined with ``+``); the
page, the CLI, the iCalendar feed or the API writes it in the reader's language where it is shown.
"""

from __future__ import annotations

from typing import Any

from zairyu.messages import Messages, message

EMPTY = Messages()


def deadline_text(key: str, **params: Any) -> Messages:
    """A deadline explanation (or a part of one): message ``deadline.<key>``."""
    return message(f"deadline.{key}", **params)


__all__ = ["EMPTY", "deadline_text"]
