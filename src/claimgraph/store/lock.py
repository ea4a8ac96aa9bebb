"""The single-writer lock of a knowledge base, taken at once or waited for.

A PostgreSQL session advisory lock, or ``flock`` on the SQLite file (SQLite's own locks are fcntl byte
ranges, which flock does not touch); both die with the process. A scheduled ingest that finds another one
writing should queue behind it rather than fail, so the lock can be waited for, up to a time limit, with
one message saying so.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from ..errors import ClaimgraphError

WRITER_LOCK = 7244104  # PostgreSQL advisory lock key of the single writer
POLL_SECONDS = 0.25

WaitFn = Callable[[str], None]


class WriterBusy(ClaimgraphError):
    """Another process holds the writer lock (and did not let go within the wait allowed)."""


@contextmanager
def writer_lock(engine: Engine, wait: float = 0.0, on_wait: WaitFn | None = None) -> Iterator[None]:
    """Hold the writer lock for the duration; wait up to ``wait`` seconds for it, else raise ClaimgraphError."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        with engine.connect() as conn:

            def take() -> bool:
                got = bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({WRITER_LOCK})").scalar())
                conn.commit()
                return got

            _acquire(take, url.render_as_string(), wait, on_wait)
            try:
                yield
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITER_LOCK})")
                conn.commit()
        return
    path = url.database
    if not path or path == ":memory:" or not os.path.exists(path):
        yield
        return
    with open(path, "rb") as fh:

        def take() -> bool:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            return True

        _acquire(take, path, wait, on_wait)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _acquire(take: Callable[[], bool], where: str, wait: float, on_wait: WaitFn | None) -> None:
    """Take the lock, polling while another writer holds it; say once that we wait; give up after ``wait`` s."""
    if take():
        return
    if wait <= 0:
        raise WriterBusy(f"another ingest is writing to {where}")
    if on_wait:
        on_wait(f"another ingest is writing to {where}; waiting for it (up to {wait:g} s)")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        if take():
            return
    raise WriterBusy(f"another ingest is still writing to {where} after {wait:g} s of waiting")
