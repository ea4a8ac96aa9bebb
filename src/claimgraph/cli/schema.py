"""``claimgraph schema``: print the JSON Schema of one ``claimgraph/1`` record."""

from __future__ import annotations

import typer

from .app import app


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of one claimgraph/1 JSON Lines record."""
    from ..model.schema import SCHEMA_FILE

    typer.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
