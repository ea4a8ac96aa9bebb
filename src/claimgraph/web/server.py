"""Running the app under uvicorn with several worker processes, without the 40 ms Nagle stall.

With ``workers > 1`` uvicorn binds the listening socket itself as ``socket(AF_INET)`` (protocol 0) and
hands it to the workers; asyncio then does not recognise the accepted connections as TCP and skips
``TCP_NODELAY``, so a response written in two pieces (headers, then body) waits for the client's
delayed ACK: about 40 ms on every keep-alive request (measured: a 404 took 48 ms with 2 workers, 6 ms
with 1). The protocol class below sets ``TCP_NODELAY`` on every connection, whatever the socket's origin.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

try:  # what uvicorn's http="auto" would pick
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # httptools is optional
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base


class NoDelayHTTP(_Base):  # type: ignore[valid-type,misc]
    """uvicorn's HTTP protocol, with Nagle's algorithm off on each accepted connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # not a TCP socket (a unix socket, say)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
