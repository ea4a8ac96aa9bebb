"""``claimgraph analyze FILE...``: JSON for one document, JSON Lines for many."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DocumentError
from ..ingest.decode import DEFAULT_MAX_BYTES
from .app import app
from .common import document_run


def _single_document(paths: list[str]) -> bool:
    return len(paths) == 1 and (paths[0] == "-" or Path(paths[0]).is_file())


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="auto | text | markdown | html")] = "auto",
    model: Annotated[str | None, typer.Option("--model", help="Installed spaCy pipeline name.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger documents.")] = DEFAULT_MAX_BYTES,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One compact JSON object per line on stdout.")] = False,
    ratings: Annotated[Path | None, typer.Option("--ratings", help="Domain ratings CSV.")] = None,
    no_signals: Annotated[bool, typer.Option("--no-signals", help="Skip claims and credibility signals.")] = False,
) -> None:
    """Analyse articles: JSON on stdout for one document, JSON Lines for many or with -o."""
    as_lines = jsonl or output is not None or not _single_document(paths)
    out = output.open("w", encoding="utf-8") if output else sys.stdout

    def write(record: dict) -> None:
        out.write(json.dumps(record, ensure_ascii=False, indent=None if as_lines else 2) + "\n")

    def on_error(err: DocumentError) -> None:
        if as_lines:
            write(err.to_record())

    options = {"model": model, "ratings": str(ratings) if ratings else None, "signals": not no_signals}
    try:
        with document_run(paths, format, max_bytes, on_error, **options) as results:
            for result in results:
                write(result.to_dict())
    finally:
        if output:
            out.close()
