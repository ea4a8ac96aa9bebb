"""The one dispatcher: any mix of inputs becomes one stream of ``RawDocument | DocumentError``.

Each reader keeps its own contract (files.py: one document per file; warc.py: one per HTML
response; records.py: one per JSON line / array item / CSV row); this module only chooses the
reader by extension (or ``kind``), so the CLI, the Python API and the benchmark share one path.
Every item carries ``source`` and ``position``, the key under which ingestion progress is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article.build import fill_article  # noqa: F401  (the store's runner imports it from here)
from ..errors import DocumentError
from ..model import RawDocument
from .decode import DEFAULT_MAX_BYTES
from .files import _expand, read_file
from .records import PRESETS, FieldMap, iter_csv, iter_json, iter_jsonl
from .warc import iter_warc

KINDS = ("auto", "file", "warc", "jsonl", "json", "csv")
_BY_SUFFIX = {".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}


def kind_of(path: str | Path) -> str:
    """The reader for a path by extension (``.gz`` ignored): warc, jsonl, json, csv or file."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _BY_SUFFIX.get(suffixes[-1], "file") if suffixes else "file"


def field_map(preset: str | None = None, fmt: str = "auto", **overrides: str | None) -> FieldMap:
    """The FieldMap for a preset (nela, fakenews) or the defaults, with explicit fields on top."""
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; known: {', '.join(sorted(PRESETS))}")
    base = PRESETS[preset] if preset else FieldMap()
    return base.with_overrides(format=fmt if fmt != "auto" else None, **overrides)


def iter_inputs(
    paths: Iterable[str],
    fields: FieldMap | None = None,
    kind: str = "auto",
    fmt: str = "auto",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument | DocumentError]:
    """Yield every document of every input in order; a failure is yielded, never raised."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    fields = fields or FieldMap(format=fmt)
    for path in paths:
        for item in _expand(path):
            chosen = kind if kind != "auto" else ("file" if item == "-" else kind_of(item))
            if chosen == "file":
                yield from _single_file(item, fmt, max_bytes)
            elif chosen == "warc" and item == "-":  # resuming needs record offsets in a seekable file
                yield DocumentError(
                    "malformed", "WARC input cannot be read from stdin; give the file's path", "<stdin>"
                )
            elif chosen == "warc":
                yield from iter_warc(Path(item), max_bytes=max_bytes)
            elif chosen == "jsonl":
                yield from iter_jsonl(Path(item), fields)
            elif chosen == "json":
                yield from iter_json(Path(item), fields)
            else:
                yield from iter_csv(Path(item), fields)


def _single_file(item: Path | str, fmt: str, max_bytes: int | None) -> Iterator[RawDocument | DocumentError]:
    try:
        yield read_file(item, fmt, max_bytes)
    except DocumentError as err:
        yield err
