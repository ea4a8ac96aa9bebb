"""``claimgraph analyze FILE...``: JSON for one document, JSON Lines for many."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ClaimgraphError, DocumentError
from ..ingest import iter_documents
from ..ingest.decode import DEFAULT_MAX_BYTES
from ..pipeline import FORMATS, analyze_many
from .app import app


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="auto | text | markdown | html")] = "auto",
    model: Annotated[str | None, typer.Option("--model", help="Installed spaCy pipeline name.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger documents.")] = DEFAULT_MAX_BYTES,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One compact JSON object per line on stdout.")] = False,
    ratings: Annotated[
        Path | None, typer.Option("--ratings", help="Domain ratings CSV, or $CLAIMGRAPH_RATINGS.")
    ] = None,
    no_signals: Annotated[bool, typer.Option("--no-signals", help="Skip claims and credibility signals.")] = False,
) -> None:
    """Analyse articles: JSON on stdout for one document, JSON Lines for many or with -o."""
    if format not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    docs = list(iter_documents(paths, format, max_bytes))
    as_lines = jsonl or output is not None or len(docs) != 1
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    ok = failed = 0
    try:
        results = analyze_many(
            docs, format=format, model=model, ratings=str(ratings) if ratings else None, signals=not no_signals
        )
        for item in results:
            if isinstance(item, DocumentError):
                failed += 1
                typer.echo(item.one_line(), err=True)
                if as_lines:
                    out.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
                continue
            ok += 1
            record = item.to_dict()
            if as_lines:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    except ClaimgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        if output:
            out.close()
    if failed:
        typer.echo(f"{ok} analysed, {failed} failed", err=True)
    if ok == 0:
        raise typer.Exit(1)
