"""Split the inputs into tasks, each named by what it reads, so a rerun finds its finished shards.

A task reads one slice of one input: a range of lines of an uncompressed JSON Lines file, a range of
record offsets of a WARC file, a whole other file, or a group of one-document files (HTML/text pages).
Its name comes from the input path and the slice only (plus a hash of the path and the reading
settings), never from a counter or a clock: the same inputs and settings give the same names on any
machine, in any run. Finding the slice boundaries means reading a JSONL or WARC file through, which
is I/O and decoding, not analysis: :func:`index` runs as a task on a worker, not in the driver.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..ingest.files import _expand
from ..ingest.sources import kind_of
from ..ingest.warc import walk_warc

DEFAULT_TASK_DOCS = 64  # documents per task: ~10-30 s of analysis, so per-task overhead (ms) stays negligible
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work: ``kind`` reader over ``paths`` (one, or several one-document files) from ``start``."""

    kind: str  # jsonl | warc | json | csv | files
    paths: tuple[str, ...]
    start: int = 0  # byte offset (jsonl, warc)
    end: int | None = None  # byte offset of the next slice, None: to the end
    first: int = 0  # lines (jsonl) or response records (warc) before ``start``

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "paths": list(self.paths)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        return cls(**{**data, "paths": tuple(data["paths"])})

    def name(self, settings: dict[str, Any]) -> str:
        """``<file name>.<start offset>-<hash>``: readable, sorted within a file, unique across inputs and settings."""
        blob = json.dumps([self.to_dict(), settings], sort_keys=True).encode()
        digest = hashlib.sha1(blob).hexdigest()[:12]
        stem = _SAFE.sub("_", Path(self.paths[0]).name)[:60]
        if self.kind == "files":
            stem = f"{stem}+{len(self.paths) - 1}"
        return f"{stem}.{self.start:014d}-{digest}"


@dataclass(frozen=True, slots=True)
class Input:
    """One input file and the reader it needs; ``splittable`` ones are indexed into slices on a worker."""

    path: str
    kind: str

    @property
    def splittable(self) -> bool:
        return self.kind == "warc" or (self.kind == "jsonl" and not self.path.lower().endswith(".gz"))


def expand_inputs(paths: list[str], kind: str = "auto") -> list[Input]:
    """Every input file in ``iter_inputs`` order, with its reader (directories and globs expanded)."""
    out = []
    for path in paths:
        if path == "-":
            raise ValueError("a lake run needs files, not standard input (every task must be able to reread its slice)")
        for item in _expand(path):
            out.append(Input(str(item), kind if kind != "auto" else kind_of(item)))
    return out


def index(source: Input, task_docs: int) -> list[tuple[int, int | None, int]]:
    """The slices ``(start, end, first)`` of one splittable input, ``task_docs`` items each (run on a worker)."""
    marker = _jsonl_marks if source.kind == "jsonl" else _warc_marks
    marks = list(marker(source.path, task_docs))
    marks[:1] = [(0, 0)]  # the first slice starts at the file's start: nothing before its first record is lost
    return [(start, marks[i + 1][0] if i + 1 < len(marks) else None, first) for i, (start, first) in enumerate(marks)]


def _jsonl_marks(path: str, every: int) -> Iterator[tuple[int, int]]:
    """``(byte offset, lines before it)`` of every ``every``-th non-blank line, the first one included."""
    offset, seen = 0, 0
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; a missing file is one slice whose reader reports it)
    except OSError:
        return
    with fh:
        for lineno, line in enumerate(fh):
            if line.strip():
                if seen % every == 0:
                    yield offset, lineno
                seen += 1
            offset += len(line)


def _warc_marks(path: str, every: int) -> Iterator[tuple[int, int]]:
    """``(offset, response records before it)`` of every ``every``-th document-yielding record, the first included."""
    seen = 0
    for item, pos, number in walk_warc(Path(path), max_bytes=None):
        if number is None or item is None:
            continue
        if seen % every == 0:
            yield pos, number - 1
        seen += 1


def tasks_for(inputs: list[Input], slices: dict[str, list[tuple[int, int | None, int]]], task_docs: int) -> list[Task]:
    """The tasks in input order: slices of splittable inputs, whole other files, runs of one-document files."""
    out: list[Task] = []
    group: list[str] = []

    def close_group() -> None:
        if group:
            out.append(Task("files", tuple(group)))
            group.clear()

    for source in inputs:
        if source.kind == "file":
            group.append(source.path)
            if len(group) >= task_docs:
                close_group()
            continue
        close_group()
        if source.splittable:
            out += [Task(source.kind, (source.path,), s, e, f) for s, e, f in slices[source.path]]
        else:
            out.append(Task(source.kind, (source.path,)))
    close_group()
    return out
