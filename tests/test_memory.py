"""Freed heap handed back to the OS: what keeps a long-running ingest worker at its live size."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from claimgraph.memory import release_freed_memory

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("c") is None, reason="needs glibc"
)


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


@glibc
def test_freed_small_allocations_leave_the_resident_set():
    """Many small buffers freed below a live one stay resident (glibc cannot shrink past the live top)
    until the release hands their pages back."""
    blocks = [bytes(1500) for _ in range(100_000)]  # ~150 MiB of malloc'd chunks, not mmap'd ones
    keeper = bytes(1500)  # allocated after them: the heap top stays in use
    before_free = _rss_mib()
    del blocks
    freed = _rss_mib()
    release_freed_memory()
    released = _rss_mib()
    assert freed > before_free - 40  # free() alone kept most of it
    assert released < freed - 80  # the release returned most of the freed pages
    assert keeper == bytes(1500)


def test_release_is_safe_to_call_repeatedly():
    for _ in range(3):
        release_freed_memory()


def test_every_batch_ends_with_a_release(monkeypatch):
    """A worker hands its freed heap back after each nlp.pipe batch, so its resident size follows the
    live data, not the largest batch it has seen (bench/worker_rss.py measures the curve)."""
    import claimgraph.pipeline as pipeline
    from claimgraph import analyze_many
    from claimgraph.config import Options

    calls: list[int] = []
    monkeypatch.setattr(pipeline, "release_freed_memory", lambda: calls.append(1))
    texts = [f"The mayor of Leeds said on day {i} that the bridge would reopen." for i in range(5)]
    results = list(analyze_many(texts, format="text", options=Options(batch_chars=50, signals=False)))
    assert len(results) == 5 and len(calls) == 5  # each text overfills a 50-character batch on its own
