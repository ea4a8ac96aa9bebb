"""Analysis on a Dask cluster, for corpora that outgrow one machine.

Why this shape: the costly part of ingestion is the analysis (spaCy and the stages
after it, ~94% of the time); writing is a single, cheap, ordered stream that owns
the cross-article state (entity linking, republication detection). So the Dask
workers run exactly what the local worker processes run (:func:`.runner.analyse_chunk`,
the same pipeline and models), and this process keeps writing the knowledge base,
with the same resume-after-kill bookkeeping. One writer keeps up with about a
dozen analysis workers at the measured write share (see BENCHMARKS.md).

``address`` is a scheduler address (``tcp://host:8786``) or ``local`` for a
:class:`distributed.LocalCluster` of ``workers`` processes on this machine. Every
worker of a real cluster needs claimgraph and the spaCy pipeline installed, the
same versions as here (``pip install 'claimgraph[dask]'`` on each node).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..config import Options
from ..errors import ClaimgraphError

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before giving up with a clear error

# Dask settings for the workers of a local cluster (``--dask local``), which this process starts; measured in
# docs/store.md. Dask's default ``MALLOC_TRIM_THRESHOLD_=65536`` in the worker environment makes glibc return
# freed memory at once, so the spaCy pipeline's large NumPy/thinc buffers are fresh mmaps, batch after batch
# (4x the page faults, 2-3x the kernel CPU time), and the statistical profiler samples the busy thread's stack
# every 10 ms. Local worker processes have neither; these restore the same conditions. A real cluster's
# workers keep their own configuration (set these in its dask config, see docs/store.md).
LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set (glibc's default)
    "distributed.worker.profile.enabled": False,
}


def warm_worker(options: Options) -> None:
    """Load the pipeline's models on a worker now, so a missing model or ratings file fails at start, not mid-corpus."""
    from ..pipeline import Pipeline

    Pipeline(options)


class _Pending:
    """A submitted task, with the ``get()`` of :class:`multiprocessing.pool.AsyncResult`."""

    def __init__(self, future: Any) -> None:
        self.future = future

    def get(self) -> Any:
        return self.future.result()


class DaskPool:
    """What :func:`.runner._analysed` needs of a process pool, over a Dask client."""

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def size(self) -> int:
        """Worker threads in the cluster (at least 1), to size the window of tasks in flight."""
        return max(1, sum(self.client.nthreads().values()))

    def apply_async(self, fn: Callable[..., Any], args: tuple) -> _Pending:
        return _Pending(self.client.submit(fn, *args, pure=False))


@contextmanager
def connect(address: str, workers: int, timeout: float | None = None) -> Iterator[Any]:
    """A Dask client on the scheduler at ``address`` (or a local cluster of ``workers`` processes), closed on exit."""
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClaimgraphError("--dask needs Dask's distributed package: pip install 'claimgraph[dask]'") from exc
    cluster = None
    try:
        if address == "local":
            with dask.config.set(LOCAL_WORKER_CONFIG):  # read when the nannies are made, passed to the workers
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
                )
            client = Client(cluster)
        else:
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClaimgraphError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def dask_pool(address: str, workers: int, options: Options, timeout: float | None = None) -> Iterator[DaskPool]:
    """A :class:`DaskPool` on the scheduler at ``address`` (or a local cluster), closed on exit."""
    with connect(address, workers, timeout) as client:
        try:
            client.run(warm_worker, options)
        except Exception as exc:  # the worker's own error (model not installed, ...) is the useful message
            raise ClaimgraphError(f"a Dask worker could not load the pipeline: {exc}") from exc
        yield DaskPool(client)
