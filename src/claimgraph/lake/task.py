"""One lake task, run on a worker: read a slice of an input, analyse it, write its shards.

What a worker runs is the same analysis as a one-process ingest (:func:`..store.runner.analyse_chunk`,
the same pipeline, models and body signatures), so the lake holds what the knowledge base would.
A bad record is an error row and the task goes on; so is an unexpected failure of the analysis of one
document, or of the reader partway through (the rest of the slice is then reported, not lost silently).
Only a failure to load the model or to write the lake fails the task: those are not the input's fault.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import DocumentError
from ..ingest.records import FieldMap, iter_csv, iter_json, iter_jsonl
from ..ingest.sources import _single_file
from ..ingest.warc import iter_warc
from ..model import RawDocument
from ..store.runner import _to_item, analyse_chunk, key_of
from .layout import Lake
from .plan import Task
from .records import add_error, add_result
from .tables import empty_rows, to_arrow

Item = RawDocument | DocumentError


def read_task(task: Task, settings: dict[str, Any]) -> Iterator[Item]:
    """The items of one task's slice, exactly as ``iter_inputs`` yields them for the whole input."""
    fields, fmt, max_bytes = FieldMap(**settings["fields"]), settings["format"], settings["max_bytes"]
    path = Path(task.paths[0])
    if task.kind == "jsonl":
        yield from iter_jsonl(path, fields, start=task.start, end=task.end, first_line=task.first + 1)
    elif task.kind == "warc":
        yield from iter_warc(path, max_bytes=max_bytes, start=task.start, end=task.end, first=task.first)
    elif task.kind == "json":
        yield from iter_json(path, fields)
    elif task.kind == "csv":
        yield from iter_csv(path, fields)
    else:
        for p in task.paths:
            yield from _single_file(Path(p), fmt, max_bytes)


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """The reader's items; an exception inside it becomes one error item (where it stopped) instead of a lost task."""
    last = "start"
    try:
        for item in items:
            last = item.position or last
            yield item
    except Exception as exc:
        yield DocumentError("internal", f"reader failed after {last}: {type(exc).__name__}: {exc}", source, last)


def _analysed(chunk: list[tuple[str, str, Item]], options: Options) -> list[tuple]:
    """``analyse_chunk``, falling back to one document at a time when the chunk as a whole fails."""
    try:
        return analyse_chunk(chunk, options)
    except Exception:
        out = []
        for one in chunk:
            try:
                out += analyse_chunk([one], options)
            except Exception as exc:
                source, position, _ = one
                out.append((source, position, ("error", "internal", f"{type(exc).__name__}: {exc}", source, position),
                            None, None))  # fmt: skip
        return out


def run_task(task_data: dict[str, Any], name: str, settings: dict[str, Any], options: Options, root: str) -> dict:
    """Run one task unless its marker exists; its counts (documents, errors, rows per table, seconds)."""
    lake = Lake(root)
    if lake.is_done(name):  # a retried or duplicated task: the finished shards stay as they are
        return {**lake.counts(name), "skipped": True}
    from ..pipeline import Pipeline

    Pipeline(options)  # a model that will not load fails the task here, not as one error row per document
    started = time.perf_counter()
    task = Task.from_dict(task_data)
    rows = empty_rows()
    seq = documents = errors = 0
    chunk: list[tuple[str, str, Item]] = []

    def flush() -> None:
        nonlocal seq, documents, errors
        for row in _analysed(chunk, options):
            item = _to_item(row)
            if isinstance(item.result, DocumentError):
                add_error(rows, name, seq, item.result)
                errors += 1
            else:
                add_result(rows, name, seq, (item.source, item.position), item.result, item.minhash, item.meta)
                documents += 1
            seq += 1
        chunk.clear()

    for item in _guarded(read_task(task, settings), task.paths[0]):
        chunk.append((*key_of(item), item))
        if len(chunk) >= options.batch_size:
            flush()
    if chunk:
        flush()
    counts = {"task": name, "documents": documents, "errors": errors, "rows": {t: len(r) for t, r in rows.items()}}
    lake.write_shards(name, {t: to_arrow(t, r) for t, r in rows.items()}, counts)
    return {**counts, "seconds": time.perf_counter() - started}
