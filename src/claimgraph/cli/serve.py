"""``claimgraph serve --db kb.sqlite``: the web pages, the JSON API and /docs over one knowledge base.

Read-only by default: queries run on a read-only connection, and the one route that can write
(``POST /api/analyze`` with ``store``) needs the token the operator sets with ``--token`` or
``CLAIMGRAPH_API_TOKEN``; without a token that route answers 403. Binds to 127.0.0.1 unless told
otherwise, because the pages carry no login.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import ClaimgraphError
from .app import app


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", envvar="CLAIMGRAPH_DB", help="SQLite file or postgresql:// URL.")],
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1 keeps it on this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(envvar="CLAIMGRAPH_API_TOKEN", show_envvar=True,
                                              help="Enables POST /api/analyze for callers presenting it.")] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (413 above).")] = 5 << 20,
) -> None:
    """Serve the web pages, the JSON API (/api/...) and its docs (/docs)."""
    import uvicorn

    from ..query import open_db
    from ..web.app import Settings, create_app

    try:
        engine = open_db(db)
    except ClaimgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"claimgraph: http://{host}:{port}/  (API docs at /docs; analysis "
               f"{'enabled with token' if token else 'disabled: no token'})", err=True)
    uvicorn.run(create_app(engine, Settings(db=db, token=token, max_body=max_body)), host=host, port=port,
                log_level="warning")
