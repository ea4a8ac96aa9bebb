"""The lake path measured end to end: a scheduler and single-thread workers as separate processes.

Used by ``python bench/cluster.py --lake`` (see its docstring). One run is: the same corpus ingested by
one local process into SQLite (the baseline), then ``claimgraph ingest --lake --dask tcp://...`` against a
standing cluster (a ``dask scheduler`` process and N ``dask worker --nthreads 1`` processes, started
before and kept between runs, as on a real cluster) followed by ``claimgraph load`` into SQLite, and the
same lake loaded into PostgreSQL. CPU is read per process (psutil for the scheduler and workers, rusage
for the driver and load subprocesses), so the driver's share of the run's core-seconds is measured,
not estimated.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    # the worker settings docs/scale.md recommends: no statistical profiler on a busy single thread
    return {**os.environ, "PYTHONPATH": path, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def standing_cluster(workers: int):
    """A ``dask scheduler`` and ``workers`` x ``dask worker --nthreads 1 --no-nanny``; yields (address, pids)."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": _env()}
    procs = [
        subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
    ]
    try:
        time.sleep(1.0)
        for _ in range(workers):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                           "--memory-limit", "0"], **quiet))  # fmt: skip
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address, [p.pid for p in procs]
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def _cpu_of(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        t = psutil.Process(pid).cpu_times()
        total += t.user + t.system
    return total


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(*args: str) -> tuple[dict[str, Any], float, float]:
    """One ``claimgraph`` subprocess: its JSON summary, wall seconds, CPU seconds (the process and its children)."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "claimgraph", *args], capture_output=True, text=True, env=_env())
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if proc.returncode != 0:
        raise SystemExit(f"claimgraph {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, cpu


def kb_rows(db: str) -> int:
    """Rows in every KB table (what a load writes)."""
    from sqlalchemy import func, select

    from claimgraph.store import KnowledgeBase, schema

    with KnowledgeBase(db) as kb, kb.engine.connect() as conn:
        return sum(conn.execute(select(func.count()).select_from(t)).scalar() for t in schema.metadata.sorted_tables)


def scheduler_rate(address: str, n: int = 2000) -> float:
    """Tasks per second the scheduler gets through for ``n`` no-op tasks (its own per-task cost, not the work's)."""
    from distributed import Client, wait

    with Client(address, timeout=60) as client:
        client.gather(client.map(abs, range(50), pure=False))  # warm the connections (abs: importable everywhere)
        t0 = time.perf_counter()
        wait(client.map(abs, range(n), pure=False))
        return n / (time.perf_counter() - t0)


def fresh_pg(url: str) -> None:
    """Drop and create the database ``url`` names (the bench's own, never the shared test database)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def one_round(corpus: Path, tmp: Path, tag: str, address: str, pids: list[int], task_docs: int, pg: str | None) -> dict:
    """Baseline ingest, then lake ingest + load (SQLite), then the same lake loaded into PostgreSQL."""
    out: dict[str, Any] = {}
    base_db = str(tmp / f"{tag}-one.sqlite")
    s, wall, cpu = run_cli("ingest", str(corpus), "--preset", "nela", "--db", base_db, "--quiet", "--json")
    out["baseline"] = {"wall": wall, "cpu": cpu, "added": s["added"]}
    lake, db = tmp / f"{tag}-lake", str(tmp / f"{tag}-loaded.sqlite")
    sched0, workers0 = _cpu_of(pids[:1]), _cpu_of(pids[1:])
    s, wall, cpu = run_cli("ingest", str(corpus), "--preset", "nela", "--lake", str(lake), "--dask", address,
                           "--task-docs", str(task_docs), "--quiet", "--json")  # fmt: skip
    out["lake"] = {"wall": wall, "driver_cpu": cpu, "scheduler_cpu": _cpu_of(pids[:1]) - sched0,
                   "workers_cpu": _cpu_of(pids[1:]) - workers0, "tasks": s["tasks"], "docs": s["added"]}  # fmt: skip
    s, wall, cpu = run_cli("load", str(lake), "--db", db, "--json", "--quiet")
    out["load_sqlite"] = {"wall": wall, "cpu": cpu, "stages": s["stages"], "added": s["added"], "rows": kb_rows(db)}
    if pg:
        fresh_pg(pg)
        s, wall, cpu = run_cli("load", str(lake), "--db", pg, "--json", "--quiet")
        out["load_pg"] = {"wall": wall, "cpu": cpu, "stages": s["stages"], "added": s["added"], "rows": kb_rows(pg)}
    return out
