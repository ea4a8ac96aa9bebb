"""The ``--db`` option and the one way each command opens a knowledge base, or exits 2 saying why.

Commands that only read (status, errors, query, export, trace, serve) refuse a KB that does not exist:
a mistyped path must not create an empty database and report zeros. Only ``ingest`` (and ``load``) create one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..config import ENV_DB
from ..errors import ClaimgraphError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from ..store import KnowledgeBase

Db = Annotated[str, typer.Option("--db", envvar=ENV_DB, help="SQLite file or postgresql:// URL.")]


def _fail(db: str, exc: Exception) -> NoReturn:
    if isinstance(exc, ClaimgraphError):
        typer.echo(f"error: {exc}", err=True)
    else:  # the database server refused, the file is not a database ...
        typer.echo(f"error: cannot open {db}: {type(exc).__name__}: {exc}", err=True)
    raise typer.Exit(2) from exc


def open_existing(db: str) -> Engine:
    """A read-only engine on an existing KB (migrated if older), or exit 2 naming the path."""
    from ..query import open_db

    try:
        return open_db(db)
    except Exception as exc:
        _fail(db, exc)


@contextmanager
def connected(db: str) -> Iterator[Connection]:
    """A read-only connection to an existing KB, the engine disposed afterwards."""
    engine = open_existing(db)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def open_kb(db: str, wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> KnowledgeBase:
    """The KB for writing, created when it does not exist yet, or exit 2 with the reason.

    ``wait``: how long its writes wait for another process's ingest; ``on_wait`` is told when they start to.
    """
    from ..store import KnowledgeBase

    try:
        return KnowledgeBase(db, wait=wait, on_wait=on_wait)
    except Exception as exc:
        _fail(db, exc)
