"""``claimgraph load DIR --db URL``: the knowledge base from a Parquet lake (``ingest --lake``).

claimgraph load out/lake/ --db kb.sqlite
claimgraph load out/lake/ --db postgresql://user@host/claims --processes 4 --json
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import ClaimgraphError
from .app import app
from .db import Db as DbOption


@app.command()
def load(
    lake: Annotated[str, typer.Argument(help="The lake directory a `claimgraph ingest --lake` run wrote.")],
    db: DbOption = "claimgraph.sqlite",
    batch_docs: Annotated[int, typer.Option("--batch-docs", min=1, help="Documents per transaction.")] = 500,
    processes: Annotated[
        int, typer.Option("--processes", "-p", min=1, help="Processes for entity linking (one type group each).")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the load summary as JSON on stdout.")] = False,
) -> None:
    """Load a finished lake into a knowledge base (bulk COPY on PostgreSQL); rerun the same command to resume."""
    from ..lake.load import load_lake

    try:
        summary = load_lake(lake, db, batch_docs, processes)
    except ClaimgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(summary.to_dict()))
    elif not quiet:
        typer.echo(
            f"{summary.added} added, {summary.duplicates} duplicates, {summary.errors} errors, {summary.skipped} "
            f"already loaded, {summary.copies} copies rows, {summary.clusters} claim clusters updated "
            f"({summary.seconds:.1f}s)",
            err=True,
        )
