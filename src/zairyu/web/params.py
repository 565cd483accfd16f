"""Record ids as path, body and form parameters, shared by the JSON API and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path
from pydantic import Field

MAX_ID = 2**63 - 1
"""Record ids are 64-bit integers in both databases; larger numbers are refused as input (422)."""

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]
FormId = Annotated[int | None, Form(ge=1, le=MAX_ID)]


def record_id(text: str) -> int | None:
    """A record id typed as text (a form's choice, a query parameter), or None when it is not one."""
    return int(text) if text.isdigit() and 1 <= int(text) <= MAX_ID else None
