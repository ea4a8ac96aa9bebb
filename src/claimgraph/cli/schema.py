"""``claimgraph schema``: print the JSON Schema of one ``claimgraph/1`` record (or of one claim cluster)."""

from __future__ import annotations

import typer

from .app import app


@app.command()
def schema(
    what: str = typer.Option("record", "--what", help="record (one analysed document) or claim-cluster"),
) -> None:
    """Print the JSON Schema (draft 2020-12) of one claimgraph/1 JSON Lines record."""
    from ..model.schema import CLUSTER_SCHEMA_FILE, SCHEMA_FILE

    if what not in ("record", "claim-cluster"):
        raise typer.BadParameter("must be record or claim-cluster", param_hint="--what")
    path = CLUSTER_SCHEMA_FILE if what == "claim-cluster" else SCHEMA_FILE
    typer.echo(path.read_text(encoding="utf-8"), nl=False)
