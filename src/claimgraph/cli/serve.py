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

from ..config import ENV_API_TOKEN, hand_down_serve
from .app import app
from .db import Db, open_existing

TokenOption = Annotated[
    str | None,
    typer.Option(envvar=ENV_API_TOKEN, show_envvar=True, help="Enables POST /api/analyze for callers presenting it."),
]
WorkersOption = Annotated[
    int | None, typer.Option(min=1, max=64, help="Server processes (default: one per CPU core, at most 4).")
]


def _serve_workers(db: str, host: str, port: int, token: str | None, max_body: int, workers: int) -> None:
    """Several uvicorn processes, each building its app from the settings handed down in the environment."""
    import uvicorn

    from ..web.server import NoDelayHTTP

    hand_down_serve(db, max_body, token)
    uvicorn.run(
        "claimgraph.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        http=NoDelayHTTP,
        log_level="warning",
    )


@app.command()
def serve(
    db: Db,
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1 keeps it on this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: TokenOption = None,
    max_body: Annotated[int, typer.Option(help="Largest request body accepted, in bytes (413 above).")] = 5 << 20,
    workers: WorkersOption = None,
) -> None:
    """Serve the web pages, the JSON API (/api/...) and its docs (/docs)."""
    import uvicorn

    from ..web.app import Settings, create_app

    engine = open_existing(db)
    workers = workers or default_workers()
    typer.echo(
        f"claimgraph: http://{host}:{port}/  (API docs at /docs; analysis "
        f"{'enabled with token' if token else 'disabled: no token'}; {workers} worker(s))",
        err=True,
    )
    if workers == 1:
        web = create_app(engine, Settings(db=db, token=token, max_body=max_body))
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    engine.dispose()  # checked (and migrated) above; each worker process opens its own
    _serve_workers(db, host, port, token, max_body, workers)


def default_workers() -> int:
    """One process per CPU core this process may use, at most 4 (SQLite reads scale with processes, not threads)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))
