"""Open the database a ``--db`` value names: a SQLite file by default, PostgreSQL for a team.

SQLite is set up for one writer and many readers (WAL journal, a busy timeout so a reader or a
second writer waits instead of failing, foreign keys on). A ``postgresql://`` URL is served by
psycopg 3 through SQLAlchemy's ``postgresql+psycopg`` dialect.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from ..errors import ClaimgraphError

BUSY_TIMEOUT_MS = 60_000


def database_url(db: str) -> str:
    """SQLAlchemy URL for a path, a ``sqlite:///`` URL or a ``postgres(ql)://`` URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # pysqlite's own transaction handling would defer BEGIN; SQLAlchemy emits it (see begin hook).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crashed process loses no committed batch
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn) -> None:
    # A writer takes the write lock up front (waiting up to the busy timeout) so it never fails halfway.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def make_engine(db: str) -> Engine:
    """An Engine for ``db``; raises ClaimgraphError for an unusable URL or missing driver."""
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ImportError, ValueError) as exc:  # no psycopg, bad URL
        raise ClaimgraphError(f"cannot open database {db!r}: {exc}") from exc
    return engine
