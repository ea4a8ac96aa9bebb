"""``claimgraph serve --db kb.sqlite``: the web pages, the JSON API and /docs over one knowledge base.

Read-only by default: queries run on a read-only connection, and the one route that can write
(``POST /api/analyze`` with ``store``) needs the token the operator sets with ``--token`` or
``CLAIMGRAPH_API_TOKEN``; without a token that route answers 403. Binds to 127.0.0.1 unless told
otherwise, because the pages carry no login.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ..config import ENV_API_TOKEN, ENV_DB, hand_down_serve
from ..errors import ClaimgraphError
from .app import app


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", envvar=ENV_DB, help="SQLite file or postgresql:// URL.")],
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1 keeps it on this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar=ENV_API_TOKEN, show_envvar=True, help="Enables POST /api/analyze for callers presenting it."
        ),
    ] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (413 above).")] = 5 << 20,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Server processes (default: one per CPU core, at most 4).")
    ] = None,
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
    workers = workers or default_workers()
    typer.echo(
        f"claimgraph: http://{host}:{port}/  (API docs at /docs; analysis "
        f"{'enabled with token' if token else 'disabled: no token'}; {workers} worker(s))",
        err=True,
    )
    if workers == 1:
        uvicorn.run(
            create_app(engine, Settings(db=db, token=token, max_body=max_body)),
            host=host,
            port=port,
            log_level="warning",
        )
        return
    engine.dispose()  # checked (and migrated) above; each worker process opens its own
    hand_down_serve(db, max_body, token)
    from ..web.server import NoDelayHTTP

    uvicorn.run(
        "claimgraph.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        http=NoDelayHTTP,
        log_level="warning",
    )


def default_workers() -> int:
    """One process per CPU core this process may use, at most 4 (SQLite reads scale with processes, not threads)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))
