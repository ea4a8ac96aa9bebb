"""A read-only ``claimgraph`` web server on a free localhost port, for the Chromium tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def serving(db: str) -> Iterator[str]:
    """Serve the KB at ``db`` with uvicorn in a thread; yields the base URL, stops the server after."""
    import uvicorn

    from claimgraph.query import open_db
    from claimgraph.web.app import Settings, create_app

    engine = open_db(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(engine, Settings(db=db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        engine.dispose()
