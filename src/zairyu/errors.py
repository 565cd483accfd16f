"""Typed errors that carry what a user needs to fix their input.

Every interface turns a :class:`ZairyuError` into one clear line (CLI, exit status 2) or a 4xx JSON
answer naming the field (API). Nothing is half-written when one is raised.
"""

from __future__ import annotations


class ZairyuError(Exception):
    """Base class: a problem with the user's input or data, never a bug."""

    def __init__(self, message: str, *, field: str | None = None, value: object = None,
                 allowed: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value
        self.allowed = allowed
        self.where = where

    def one_line(self) -> str:
        parts = []
        if self.where:
            parts.append(f"{self.where}:")
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(self.message)
        if self.allowed:
            parts.append(f"(allowed: {self.allowed})")
        return " ".join(parts)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"error": type(self).__name__, "message": self.message}
        if self.field is not None:
            out["field"] = self.field
        if self.value is not None:
            out["value"] = str(self.value)
        if self.allowed is not None:
            out["allowed"] = self.allowed
        if self.where is not None:
            out["where"] = self.where
        return out


class UnknownCodeError(ZairyuError):
    """A status, procedure or measure code that the law data does not know."""

    def __init__(self, kind: str, code: str, suggestions: list[str], *, field: str | None = None) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} code '{code}'{hint}", field=field or kind, value=code)
        self.code = code
        self.suggestions = suggestions


class OutOfRangeError(ZairyuError):
    """A date outside the period the law data covers."""


class InvalidInputError(ZairyuError):
    """A malformed or contradictory value in user input."""


class LawDataError(ZairyuError):
    """A law file that does not validate: names the file, the entry and the field."""
