"""Where things live in a lake directory, and how a file gets there whole.

    DIR/_manifest.json            the plan: settings, inputs, every task in input order (the driver writes it)
    DIR/<table>/<task>.parquet    one shard per task and table (the worker that ran the task writes it)
    DIR/_tasks/<task>.json        the task's completion marker with its counts, written after all its shards

Every file is written to a hidden temporary name in its final directory and renamed into place
(``os.replace`` is atomic on POSIX), so a reader or a rerun never sees half a file; a task counts as
done only once its marker exists, and a rerun skips exactly those tasks. Temporaries left by a
``kill -9`` are hidden (``.name.tmp-...``), match no ``*.parquet`` glob, and are swept by the next run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import TABLES

MANIFEST = "_manifest.json"
MARKERS = "_tasks"
# Fixed writer settings: the same rows give the same bytes (no timestamps in Parquet metadata).
PARQUET = {"compression": "zstd", "compression_level": 3, "use_dictionary": True, "write_statistics": True}


class Lake:
    """A lake directory: shard and marker paths, atomic writes, the manifest."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def shard(self, table: str, task: str) -> Path:
        return self.root / table / f"{task}.parquet"

    def marker(self, task: str) -> Path:
        return self.root / MARKERS / f"{task}.json"

    def is_done(self, task: str) -> bool:
        return self.marker(task).exists()

    def counts(self, task: str) -> dict[str, Any]:
        return json.loads(self.marker(task).read_text(encoding="utf-8"))

    def done_tasks(self) -> set[str]:
        folder = self.root / MARKERS
        return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()

    def write_shards(self, task: str, tables: dict[str, pa.Table], counts: dict[str, Any]) -> None:
        """Every table's shard of one task, then its marker: a task is done only when all of it is there."""
        for name in TABLES:
            _atomic(self.shard(name, task), lambda tmp, t=tables[name]: pq.write_table(t, tmp, **PARQUET))
        text = json.dumps(counts, sort_keys=True) + "\n"
        _atomic(self.marker(task), lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def read_shard(self, table: str, task: str, columns: list[str] | None = None) -> pa.Table:
        """One shard (``ParquetFile``: a plain file read; ``read_table``'s dataset set-up costs ~100x more here)."""
        return pq.ParquetFile(self.shard(table, task)).read(columns=columns)

    # --- manifest --------------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any] | None:
        path = self.root / MANIFEST
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def write_manifest(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=1, sort_keys=True) + "\n"
        _atomic(self.root / MANIFEST, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def sweep(self) -> int:
        """Remove temporaries a killed writer left behind; how many there were."""
        n = 0
        for folder in [self.root, self.root / MARKERS, *(self.root / t for t in TABLES)]:
            if folder.is_dir():
                for tmp in folder.glob(".*.tmp-*"):
                    tmp.unlink(missing_ok=True)
                    n += 1
        return n


def _atomic(path: Path, write: Callable[[Path], Any]) -> None:
    """Write through ``write(tmp)`` to a hidden temporary beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
