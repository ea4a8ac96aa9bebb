"""``claimgraph status | errors``: what a knowledge base holds and what failed on the way in.

claimgraph status --db kb.sqlite [--json]
claimgraph errors --db kb.sqlite [--kind truncated] [--json]
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .app import app
from .db import Db, connected


@app.command()
def status(
    db: Db = "claimgraph.sqlite",
    as_json: Annotated[bool, typer.Option("--json", help="JSON object on stdout.")] = False,
) -> None:
    """Counts of documents, articles, entities, attributions and errors in a knowledge base."""
    from ..store import query

    with connected(db) as conn:
        counts = query.status(conn)
    if as_json:
        typer.echo(json.dumps(counts))
        return
    width = max(len(k) for k in counts)
    for name, n in counts.items():
        typer.echo(f"{name:<{width}}  {n:>10,}")


@app.command()
def errors(
    db: Db = "claimgraph.sqlite",
    kind: Annotated[str | None, typer.Option("--kind", help="Only this error kind (truncated, malformed ...).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines on stdout.")] = False,
) -> None:
    """What failed, why, and where (source and position), one line each."""
    from ..store import query

    with connected(db) as conn:
        rows = query.errors(conn, limit, kind)
    if not rows:  # said on stderr, so --json output stays empty
        typer.echo(f"no errors{f' of kind {kind}' if kind else ''} recorded in {db}", err=True)
    for row in rows:
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            where = f"{row['source']}:{row['position']}" if row["position"] else row["source"]
            typer.echo(f"{where}: {row['kind']}: {row['message']}")
