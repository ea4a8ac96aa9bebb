"""``claimgraph analyze FILE...``: JSON for one document, JSON Lines for many."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..config import DEFAULT_MAX_BYTES
from ..errors import DocumentError
from ..ingest.sources import kind_of
from .app import app
from .common import (
    FormatOpt,
    MaxBytesOpt,
    ModelOpt,
    NoEventsOpt,
    NoPlacesOpt,
    Paths,
    PresetOpt,
    RatingsOpt,
    corpus_fields,
    document_run,
    options,
)


def _single_document(paths: list[str]) -> bool:
    """One plain file (or stdin): pretty JSON; a corpus file, a crawl or many inputs: JSON Lines."""
    return len(paths) == 1 and (paths[0] == "-" or (Path(paths[0]).is_file() and kind_of(paths[0]) == "file"))


@app.command()
def analyze(
    paths: Paths,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")] = None,
    format: FormatOpt = "auto",
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One compact JSON object per line on stdout.")] = False,
    ratings: RatingsOpt = None,
    no_signals: Annotated[bool, typer.Option("--no-signals", help="Skip claims and credibility signals.")] = False,
    no_places: NoPlacesOpt = False,
    no_events: NoEventsOpt = False,
    preset: PresetOpt = None,
) -> None:
    """Analyse articles: JSON on stdout for one document, JSON Lines for many (a corpus, a crawl) or with -o."""
    opts = options(format, model, ratings, max_bytes, not no_signals, not no_places, not no_events)
    fields = corpus_fields(preset, format)
    as_lines = jsonl or output is not None or not _single_document(paths)
    out = output.open("w", encoding="utf-8") if output else sys.stdout

    def write(record: dict) -> None:
        out.write(json.dumps(record, ensure_ascii=False, indent=None if as_lines else 2) + "\n")

    def on_error(err: DocumentError) -> None:
        if as_lines:
            write(err.to_record())

    try:
        with document_run(paths, opts, on_error, fields) as results:
            for result in results:
                write(result.to_dict())
    finally:
        if output:
            out.close()
