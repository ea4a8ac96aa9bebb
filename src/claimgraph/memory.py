"""Handing freed heap memory back to the operating system.

glibc keeps memory a process has freed in its arenas for reuse, so a worker's resident size stays at the
high-water mark of its largest batch plus the fragments between live objects. ``malloc_trim`` returns the
free pages; after every ``nlp.pipe`` batch it keeps a long-running worker about a quarter smaller
(``bench/worker_rss.py``). On a platform without glibc it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _libc() -> Any:
    """glibc, or None where there is none (macOS, Windows, musl without malloc_trim)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    return None


def release_freed_memory() -> None:
    """Return the heap's free pages to the OS; a no-op without glibc."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
