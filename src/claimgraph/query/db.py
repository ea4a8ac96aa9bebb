"""Open a knowledge base for reading: the store's engine, made read-only where the backend allows.

Queries never write, so the server and ``claimgraph query`` open the database with SQLite's
``query_only`` pragma (PostgreSQL: read-only transactions); a bug or an injected statement cannot
change the knowledge base through this path. The KB must already exist: opening a mistyped path
must not create an empty database. A KB made by an older version is migrated (``store/migrate.py``)
before the read-only engine is handed out, since the query layer reads the newer tables.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event, inspect

from ..errors import ClaimgraphError
from ..store.engine import database_url, make_engine
from ..store.migrate import LATEST, current_version, migrate


def _read_only_sqlite(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.execute("PRAGMA mmap_size=1073741824")  # read pages straight from the OS cache: no copy per page
    cur.execute("PRAGMA cache_size=-32768")  # 32 MiB of page cache per connection (the default is 2 MiB)
    cur.execute("PRAGMA temp_store=MEMORY")  # sorts and groupings never touch a temp file
    cur.close()


def _read_only_pg(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cur.close()
    dbapi_conn.commit()


def open_db(db: str, read_only: bool = True) -> Engine:
    """An Engine on an existing knowledge base; raises ClaimgraphError when there is none."""
    url = database_url(db)
    if url.startswith("sqlite") and not Path(url.split("///", 1)[1]).exists():
        raise ClaimgraphError(f"no knowledge base at {db} (create one with `claimgraph ingest ... --db {db}`)")
    engine = make_engine(db)
    if inspect(engine).has_table("articles"):
        with engine.connect() as conn:
            behind = current_version(conn) < LATEST
        if behind:  # a KB written by an older claimgraph: add the newer tables and indexes once
            migrate(engine)
        engine.dispose()
    if read_only:
        event.listen(engine, "connect", _read_only_pg if engine.dialect.name == "postgresql" else _read_only_sqlite)
    if not inspect(engine).has_table("articles"):
        engine.dispose()
        raise ClaimgraphError(f"{db} is not a claimgraph knowledge base (no articles table)")
    return engine
