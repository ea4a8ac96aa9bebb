"""How many documents the inputs hold, when that is cheap to know: the total of the progress bar.

A count reads the input once more without analysing it, which is seconds for a file the analysis will take
hours over; above a size cap (or for stdin and WARC, whose documents are only known by parsing every
record) the total is unknown and the bar counts up without one. A count is an estimate: rows the reader
will report as errors are counted too, as they are in the progress.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .files import _expand
from .jsonarray import iter_array
from .records import csv_text, open_binary
from .sources import kind_of

# Read at most this many bytes (on disk) of one corpus file to count its documents.
COUNT_LIMIT_BYTES = 512 * 1024 * 1024
COUNT_LIMIT_GZIP_BYTES = 64 * 1024 * 1024


def _countable(path: Path) -> bool:
    limit = COUNT_LIMIT_GZIP_BYTES if path.name.endswith(".gz") else COUNT_LIMIT_BYTES
    try:
        return path.stat().st_size <= limit
    except OSError:
        return False


def _count_jsonl(path: Path) -> int:
    with open_binary(path) as stream:
        return sum(1 for line in stream if line.strip())


def _count_csv(path: Path) -> int:
    with open_binary(path) as stream:
        rows = sum(1 for _ in csv.reader(csv_text(stream)))
    return max(rows - 1, 0)  # the header row


def _count_json(path: Path) -> int:
    with open_binary(path) as stream:
        return sum(1 for _ in iter_array(stream))


_COUNTERS = {"jsonl": _count_jsonl, "csv": _count_csv, "json": _count_json}


def count_documents(path: Path, kind: str) -> int | None:
    """Documents in one input of a reader kind (file, jsonl, csv, json, warc); None when not cheap to know."""
    if kind == "file":
        return 1
    counter = _COUNTERS.get(kind)
    if counter is None or not _countable(path):
        return None
    try:
        return counter(path)
    except Exception:  # noqa: BLE001  (a broken input is reported by its reader; the bar just has no total)
        return None


def estimate_total(paths: Iterable[str], kind: str = "auto") -> int | None:
    """Documents in all inputs, or None if any one of them cannot be counted cheaply."""
    total = 0
    for path in paths:
        for item in _expand(path):
            if item == "-":
                return None
            count = count_documents(Path(item), kind if kind != "auto" else kind_of(item))
            if count is None:
                return None
            total += count
    return total
