"""The driver of a lake run: plan the tasks, keep the manifest, schedule what is not done. Nothing else.

The driver never reads a document or a result: indexing big inputs into slices and the analysis both
run on the workers, and what comes back is a few counts per task. So its CPU stays a small share of
the run whatever the number of workers (BENCHMARKS.md measures it). A rerun with the same inputs and
settings reuses the manifest's plan and skips every task whose marker exists; other inputs or
settings in the same directory are refused (their shards would be named differently and mixed in).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import ClaimgraphError
from ..ingest.records import FieldMap
from ..vocab import SCHEMA
from .executors import executor
from .layout import Lake
from .plan import DEFAULT_TASK_DOCS, Input, Task, expand_inputs, index, tasks_for
from .tables import LAKE_FORMAT
from .task import run_task


@dataclass(slots=True)
class LakeSummary:
    """What one lake run did; ``processed``/``skipped``/``errors`` count items, as an ingest summary does."""

    tasks: int = 0
    tasks_done_before: int = 0
    processed: int = 0
    skipped: int = 0
    added: int = 0  # documents written to the lake in this run (duplicates are settled by ``load``)
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this (the driver's) process only
    lake: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def settings_of(fields: FieldMap, fmt: str, max_bytes: int | None, options: Options, task_docs: int) -> dict:
    """Everything that changes what a task writes; part of every task name and checked on resume."""
    opts = {k: v for k, v in asdict(options).items() if k not in ("batch_size", "batch_chars")}
    return {"fields": asdict(fields), "format": fmt, "max_bytes": max_bytes, "options": opts, "task_docs": task_docs}


def _input_list(inputs: list[Input]) -> list[list[Any]]:
    out = []
    for source in inputs:
        try:
            size = os.path.getsize(source.path)
        except OSError:
            size = None
        out.append([source.path, source.kind, size])
    return out


def plan(lake: Lake, inputs: list[Input], settings: dict, pool: Any) -> list[tuple[str, Task]]:
    """The manifest's tasks when it matches these inputs and settings, else a new plan (indexing on the workers)."""
    listed = _input_list(inputs)
    old = lake.manifest()
    if old is not None:
        if old.get("settings") != settings or old.get("inputs") != listed:
            raise ClaimgraphError(
                f"{lake.root} holds a lake made from other inputs or settings; give a new --lake directory"
            )
        return [(t["name"], Task.from_dict(t["task"])) for t in old["tasks"]]
    splittable = [s for s in inputs if s.splittable]
    found = pool.run(_index_one, [(s, settings["task_docs"]) for s in splittable])
    slices = dict(found)
    tasks = [(t.name(settings), t) for t in tasks_for(inputs, slices, settings["task_docs"])]
    lake.write_manifest(
        {"format": LAKE_FORMAT, "schema": SCHEMA, "settings": settings, "inputs": listed,
         "tasks": [{"name": n, "task": t.to_dict()} for n, t in tasks]}
    )  # fmt: skip
    return tasks


def _index_one(source: Input, task_docs: int) -> tuple[str, list]:
    return source.path, index(source, task_docs)


def ingest_to_lake(
    paths: list[str],
    root: str | Path,
    fields: FieldMap | None = None,
    kind: str = "auto",
    fmt: str = "auto",
    max_bytes: int | None = None,
    options: Options | None = None,
    workers: int = 1,
    dask: str | None = None,
    task_docs: int = DEFAULT_TASK_DOCS,
    chunk_size: int = 8,
    on_progress: Callable[[LakeSummary], None] | None = None,
) -> LakeSummary:
    """Analyse ``paths`` into the lake at ``root``; rerun the same call to resume after any crash."""
    options = (options or Options.from_env()).but(batch_size=chunk_size)
    fields = fields or FieldMap(format=fmt)
    max_bytes = max_bytes if max_bytes is not None else options.max_bytes
    try:
        inputs = expand_inputs(paths, kind)
    except ValueError as exc:
        raise ClaimgraphError(str(exc)) from exc
    lake = Lake(root)
    lake.root.mkdir(parents=True, exist_ok=True)
    lake.sweep()
    settings = settings_of(fields, fmt, max_bytes, options, task_docs)
    summary = LakeSummary(lake=str(lake.root))
    started, cpu_started = time.perf_counter(), time.process_time()
    with executor(workers, options, dask) as pool:
        tasks = plan(lake, inputs, settings, pool)
        done = lake.done_tasks()
        summary.tasks = len(tasks)
        pending = [(n, t) for n, t in tasks if n not in done]
        for n, _ in tasks:
            if n in done:
                counts = lake.counts(n)
                summary.tasks_done_before += 1
                summary.skipped += counts["documents"] + counts["errors"]
        jobs = [(t.to_dict(), n, settings, options, str(lake.root)) for n, t in pending]
        for counts in pool.run(run_task, jobs, keys=[n for n, _ in pending]):
            summary.processed += counts["documents"] + counts["errors"]
            summary.added += counts["documents"]
            summary.errors += counts["errors"]
            if on_progress:
                summary.seconds = time.perf_counter() - started
                on_progress(summary)
    summary.seconds = time.perf_counter() - started
    summary.cpu_seconds = time.process_time() - cpu_started
    return summary
