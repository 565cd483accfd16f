"""JSON answers encoded with orjson.

An assessment answer carries its texts in four languages (about 57 KB for the motivating case); the
standard library's encoder spent about a fifth of the server's time per assessment on it (py-spy under
load, docs/bench-web.md). orjson gives the same JSON (UTF-8, no spaces) several times faster.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse as _StarletteJSON


def encode(content: Any) -> bytes:
    """The API's JSON: orjson; dates as ``YYYY-MM-DD``, non-string keys as strings."""
    return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class JSONResponse(_StarletteJSON):
    """``application/json`` encoded by :func:`encode`."""

    def render(self, content: Any) -> bytes:
        return encode(content)
