"""uvicorn's HTTP/1.1 protocol (httptools, the C parser) with TCP_NODELAY on every connection.

In multi-worker mode uvicorn binds the listening socket itself without naming the TCP protocol, so
asyncio does not switch off Nagle's algorithm on the accepted connections; a response written in two
parts then waits for the client's delayed ACK (about 40 ms per request). Setting TCP_NODELAY on each
connection removes that wait (see docs/bench-web.md). The httptools parser costs a fraction of the
pure-Python h11 parser's time per request, which matters on a 2-core office server.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def _no_delay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass  # not a TCP socket after all: nothing to tune


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        _no_delay(transport)
        super().connection_made(transport)  # type: ignore[arg-type]
