"""Request body limit as pure ASGI middleware, so an oversized POST is refused before it is read.

A declared ``Content-Length`` over the limit gets 413 before any byte is read; a chunked body (no
length) is read here up to the limit and refused with 413 the moment it passes it, else replayed to
the app, so no handler ever buffers 20 MB.
"""

from __future__ import annotations

import json
from typing import Any

DEFAULT_MAX_BODY = 5 * 1024 * 1024


class BodyLimit:
    """Wrap an ASGI app; requests with a body larger than ``max_bytes`` get 413 Payload Too Large."""

    def __init__(self, app: Any, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"detail": f"request body over the limit of {self.max_bytes} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.max_bytes + 1
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        if not any(name == b"content-length" for name, _ in scope.get("headers", [])) and scope["method"] in (
            "POST",
            "PUT",
            "PATCH",
        ):
            receive = await self._buffer(receive, send)
            if receive is None:
                return
        await self.app(scope, receive, send)

    async def _buffer(self, receive: Any, send: Any) -> Any:
        """Read a streamed body up to the limit, then replay it; None (after a 413) when it is larger."""
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                chunks.append(message)
                break
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                await self._refuse(send)
                return None
            chunks.append(message)
            if not message.get("more_body"):
                break
        replay = iter(chunks)

        async def replayed() -> dict:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        return replayed
