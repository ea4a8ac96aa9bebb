"""Run an ingest: read inputs, skip what is done, analyse in N processes, write in the parent.

Analysis (spaCy) is the slow part, so it runs in a pool of worker processes that each load the
model once and run ``analyze_many`` on small chunks; results come back in input order and one
writer in the parent commits them in batches. Ordered results keep the knowledge base
deterministic: entity linking and republication clusters depend on arrival order, and a resumed
run must end exactly where an uninterrupted one would. Only a bounded number of chunks is in
flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from ..config import Options
from ..errors import DocumentError
from ..ingest.sources import fill_article
from ..model import RawDocument
from . import schema as s
from .dedup import signature
from .writer import Item, Writer

Keyed = tuple[str, str, RawDocument | DocumentError]
STDIN = "<stdin>"


@dataclass(slots=True)
class IngestSummary:
    """What one run did; ``write_seconds`` is the time spent inside database transactions."""

    processed: int = 0  # items analysed in this run (added + duplicates + errors, including the unwritten batch)
    added: int = 0
    duplicates: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of this (the writer's) process; workers' CPU is not included
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


ProgressFn = Callable[[IngestSummary], None]
ErrorFn = Callable[[DocumentError], None]


def key_of(item: RawDocument | DocumentError) -> tuple[str, str]:
    return item.source, item.position or ""


class DoneKeys:
    """Which (source, position) pairs earlier runs committed; loaded one source at a time."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.by_source: dict[str, set[str]] = {}

    def __contains__(self, key: tuple[str, str]) -> bool:
        source, position = key
        if source == STDIN:  # stdin may differ between runs: rely on document ids instead
            return False
        if source not in self.by_source:
            if len(self.by_source) > 64:
                self.by_source.clear()
            with self.engine.connect() as conn:
                t = s.ingest_progress
                self.by_source[source] = set(conn.execute(select(t.c.position).where(t.c.source == source)).scalars())
        return position in self.by_source[source]


def analyse_chunk(chunk: list[Keyed], options: Options) -> list[tuple]:
    """Analyse a chunk (in a worker); errors travel as plain tuples since exceptions pickle badly."""
    from ..pipeline import Pipeline

    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    out: list[tuple] = []
    inputs = [item for _, _, item in chunk]
    pipeline = Pipeline(options.but(batch_size=len(chunk)))
    for (source, position, raw), result in zip(chunk, pipeline.run_many(inputs), strict=True):
        if isinstance(result, DocumentError):
            out.append(
                (source, position, ("error", result.kind, result.message, result.source, result.position), None, None)
            )
            continue
        try:
            fill_article(result.article, raw)
            sig = signature(result.article.body)
        except Exception as exc:  # never lose the batch over one document
            err = ("error", "internal", f"{type(exc).__name__}: {exc}", source, position)
            out.append((source, position, err, None, None))
            continue
        out.append((source, position, result, sig, raw.metadata or None))
    return out


def _to_item(row: tuple) -> Item:
    source, position, result, sig, meta = row
    if isinstance(result, tuple):
        _, kind, message, src, pos = result
        result = DocumentError(kind, message, src, pos)
    return Item(source, position, result, sig, meta)


def _watch_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9) exits instead of lingering."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


_INIT_ERROR: Exception | None = None  # a worker that could not load the model reports it on its first chunk


def _init_worker(options: Options, parent: int) -> None:
    """Load the models once per worker; a failure is kept, not raised (Pool would respawn the worker forever)."""
    global _INIT_ERROR
    from ..pipeline import Pipeline

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        Pipeline(options)
    except Exception as exc:
        _INIT_ERROR = exc


def _chunks(items: Iterable[Keyed], size: int) -> Iterator[list[Keyed]]:
    chunk: list[Keyed] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _pool(workers: int, options: Options, dask: str | None = None) -> Iterator[Any]:
    """N analysis processes (none for one worker), forked before the writer lock exists so none inherits it.

    With ``dask`` (a scheduler address or ``local``) the analysis runs on a Dask cluster instead (.cluster).
    """
    if dask:
        from .cluster import dask_pool

        with dask_pool(dask, workers, options) as pool:
            yield pool
        return
    if workers <= 1:
        yield None
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = mp.get_context(method).Pool(workers, initializer=_init_worker, initargs=(options, os.getpid()))
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _analysed(chunks: Iterator[list[Keyed]], pool: Any, workers: int, options: Options) -> Iterator[list[tuple]]:
    if pool is None:
        for chunk in chunks:
            yield analyse_chunk(chunk, options)
        return
    window: deque = deque()
    in_flight = 2 * getattr(pool, "size", workers)  # a Dask cluster says how many workers it has
    for chunk in chunks:
        window.append(pool.apply_async(analyse_chunk, (chunk, options)))
        if len(window) >= in_flight:
            yield window.popleft().get()
    while window:
        yield window.popleft().get()


def run_ingest(
    writer: Writer,
    inputs: Iterable[RawDocument | DocumentError],
    workers: int = 1,
    batch_size: int = 64,
    chunk_size: int = 8,
    options: Options | None = None,
    on_progress: ProgressFn | None = None,
    dask: str | None = None,
    on_error: ErrorFn | None = None,
) -> IngestSummary:
    """Ingest every input not already done; returns counts and timings (see IngestSummary).

    ``options`` reach every worker unchanged. ``dask``: analyse on a Dask cluster (scheduler address,
    or ``local``); this process still writes. ``on_error`` hears of each failed document as it arrives.
    """
    options = options or Options.from_env()
    summary = IngestSummary()
    started, cpu_started = time.perf_counter(), time.process_time()
    done = DoneKeys(writer.engine)

    def pending() -> Iterator[Keyed]:
        for item in inputs:
            key = key_of(item)
            if key in done:
                summary.skipped += 1
                continue
            yield (*key, item)

    batch: list[Item] = []

    def flush() -> None:
        t0 = time.perf_counter()
        report = writer.write(batch)
        summary.write_seconds += time.perf_counter() - t0
        summary.added += report.added
        summary.duplicates += report.duplicates
        summary.errors += report.errors
        batch.clear()

    with _pool(workers, options, dask) as pool, writer.exclusive():
        for rows in _analysed(_chunks(pending(), chunk_size), pool, workers, options):
            for row in rows:
                item = _to_item(row)
                summary.processed += 1
                if not isinstance(item.result, DocumentError):
                    summary.words += len(item.result.article.body.split())
                elif on_error:
                    on_error(item.result)
                batch.append(item)
            if len(batch) >= batch_size:
                flush()
            if on_progress:
                summary.seconds = time.perf_counter() - started
                on_progress(summary)
        if batch:
            flush()
    summary.seconds = time.perf_counter() - started
    summary.cpu_seconds = time.process_time() - cpu_started
    if on_progress:
        on_progress(summary)
    return summary
