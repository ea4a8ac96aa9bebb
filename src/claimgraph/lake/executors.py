"""Where lake tasks run: in this process, in local worker processes, or on a Dask cluster.

All three give the driver the same thing, ``run(fn, arg_tuples)`` yielding results as tasks finish
(any order: the shards are named by task, so completion order changes nothing in the lake). Each
worker loads the model once: the local processes in their initializer, Dask workers through a worker
plugin registered with the scheduler (so workers that join or restart mid-run load it too), never a
pickled model. Only small task descriptions go out and small counts come back.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..config import Options
from ..errors import ClaimgraphError

try:
    from distributed import WorkerPlugin
except ImportError:  # the dask extra is optional: only --dask needs it
    WorkerPlugin = object  # type: ignore[misc,assignment]


class ModelPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the pipeline (spaCy model, ratings) once when a Dask worker starts, from the options alone."""

    name = "claimgraph-model"
    idempotent = True

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        from ..pipeline import Pipeline

        Pipeline(self.options)


def _call(job: tuple[Callable[..., Any], tuple]) -> Any:
    fn, args = job
    return fn(*args)


class Inline:
    """Tasks one after another in this process (``--workers 1``)."""

    size = 1

    def run(self, fn: Callable[..., Any], jobs: Iterable[tuple], keys: Iterable[str] | None = None) -> Iterator[Any]:
        for args in jobs:
            yield fn(*args)


class Processes:
    """A pool of local worker processes, each with the model loaded once (``--workers N``)."""

    def __init__(self, pool: Any, size: int) -> None:
        self.pool, self.size = pool, size

    def run(self, fn: Callable[..., Any], jobs: Iterable[tuple], keys: Iterable[str] | None = None) -> Iterator[Any]:
        yield from self.pool.imap_unordered(_call, [(fn, args) for args in jobs], chunksize=1)


class Dask:
    """Tasks on a Dask cluster, a bounded window in flight: the scheduler's load follows the workers, not the corpus."""

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def size(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def run(self, fn: Callable[..., Any], jobs: Iterable[tuple], keys: Iterable[str] | None = None) -> Iterator[Any]:
        from distributed import as_completed

        jobs = iter(jobs)
        names = iter(keys) if keys is not None else None
        window = as_completed()

        def submit() -> bool:
            args = next(jobs, None)
            if args is None:
                return False
            key = f"claimgraph-{next(names)}" if names is not None else None
            window.add(self.client.submit(fn, *args, key=key, pure=False, retries=2))
            return True

        for _ in range(4 * self.size):
            if not submit():
                break
        for future in window:
            result = future.result()
            future.release()
            submit()
            yield result


@contextmanager
def executor(workers: int, options: Options, dask: str | None = None) -> Iterator[Inline | Processes | Dask]:
    """The executor for ``--dask`` (an address or ``local``), else ``--workers`` local processes, else inline."""
    if dask:
        from ..store.cluster import connect

        with connect(dask, workers) as client:
            try:
                client.register_plugin(ModelPlugin(options))
            except Exception as exc:  # the worker's own error (model not installed, ...) is the useful message
                raise ClaimgraphError(f"a Dask worker could not load the pipeline: {exc}") from exc
            yield Dask(client)
        return
    if workers <= 1:
        yield Inline()
        return
    from ..store.runner import _init_worker

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = mp.get_context(method).Pool(workers, initializer=_init_worker, initargs=(options, os.getpid()))
    try:
        yield Processes(pool, workers)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
