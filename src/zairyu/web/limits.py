"""Request bodies held to their limits before anything parses them (an ASGI middleware).

The sign-in route, like every route, parses its body before it knows who is asking: without a limit a
stranger's 200 MB JSON body was read and parsed in full (memory 199 → 713 MB), and a JSON document nested
100,000 deep reached the recursive parser. :class:`BodyLimits` sits in front of the app:

- a ``Content-Length`` above the limit is refused before one byte of the body is read;
- a body without a length (chunked) is counted as it streams and refused at the limit;
- a JSON body (at most :data:`~zairyu.limits.MAX_JSON_BYTES`) is read whole, its nesting checked in one
  pass over the bytes (:func:`~zairyu.limits.json_depth_exceeds`), and only then handed to the app.

Uploads (``multipart/form-data``) may be as large as the upload limit (``ZAIRYU_MAX_UPLOAD_BYTES``) plus
:data:`~zairyu.limits.MULTIPART_OVERHEAD`; every other body at most ``MAX_JSON_BYTES``. A refusal reaches
the app as :class:`BodyRejected` when it reads the body, so the app answers in its own shape: the API's
error JSON (``field: "body"`` and ``allowed``), a page's error page.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zairyu.limits import MAX_JSON_BYTES, MAX_JSON_DEPTH, MULTIPART_OVERHEAD, json_depth_exceeds


class BodyRejected(HTTPException):
    """A request body over a limit: 413 when too large, 422 when nested too deeply."""

    def __init__(self, status_code: int, error: str, message: str, allowed: str) -> None:
        super().__init__(status_code, message)
        self.error = error
        self.message = message
        self.allowed = allowed
        self.field = "body"


def too_large(cap: int) -> BodyRejected:
    return BodyRejected(413, "RequestTooLarge", "the request body is larger than zairyu accepts",
                        f"up to {cap} bytes")


def too_deep() -> BodyRejected:
    return BodyRejected(422, "InvalidInputError", "the JSON document is nested more deeply than zairyu accepts",
                        f"up to {MAX_JSON_DEPTH} levels of nesting")


def _rejecting(exc: BodyRejected) -> Receive:
    async def receive() -> Message:
        raise exc

    return receive


def _json_type(ctype: bytes) -> bool:
    # FastAPI parses a body without a content type as JSON too
    return ctype in (b"", b"application/json") or ctype.endswith(b"+json")


class BodyLimits:
    def __init__(self, app: ASGIApp, *, max_upload_bytes: int) -> None:
        self.app = app
        self.upload_cap = max_upload_bytes + MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        cap = self.upload_cap if ctype == b"multipart/form-data" else MAX_JSON_BYTES
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = cap + 1
            if declared > cap:
                await self.app(scope, _rejecting(too_large(cap)), send)
                return
            if declared == 0:
                await self.app(scope, receive, send)
                return
        if _json_type(ctype) and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            await self._json(scope, receive, send, cap)
            return
        await self.app(scope, self._counting(receive, cap), send)

    async def _json(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: let the app see it
                await self.app(scope, _replay(message, receive), send)
                return
            body += message.get("body", b"")
            if len(body) > cap:
                await self.app(scope, _rejecting(too_large(cap)), send)
                return
            if not message.get("more_body", False):
                break
        if json_depth_exceeds(bytes(body)):
            await self.app(scope, _rejecting(too_deep()), send)
            return
        await self.app(scope, _replay({"type": "http.request", "body": bytes(body), "more_body": False},
                                      receive), send)

    @staticmethod
    def _counting(receive: Receive, cap: int) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise too_large(cap)
            return message

        return counted


def _replay(first: Message, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay
