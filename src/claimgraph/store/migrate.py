"""Numbered schema migrations, applied in order, each in its own transaction.

The ``schema_version`` table records what a database already has, so an old knowledge base is
brought up to date on open and a new one is built by the same steps. A migration never changes
once released: a later change to the schema is a new numbered function appended here. Migration 1
names its tables explicitly so tables added later to ``schema.metadata`` are not created early.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from . import schema as s

Migration = Callable[[Connection], None]

V1_TABLES = (
    s.documents, s.publishers, s.articles, s.entities, s.entity_aliases, s.article_entities, s.mentions,
    s.attributions, s.claims, s.signals, s.copies, s.errors, s.ingest_progress,
)


def _v1_core(conn: Connection) -> None:
    s.metadata.create_all(conn, tables=list(V1_TABLES))


_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(document_id UNINDEXED, title, body, tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(document_id, title, body) VALUES (new.document_id, new.title, new.body); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "DELETE FROM articles_fts WHERE document_id = old.document_id; END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN "
    "DELETE FROM articles_fts WHERE document_id = old.document_id; "
    "INSERT INTO articles_fts(document_id, title, body) VALUES (new.document_id, new.title, new.body); END",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(document_id UNINDEXED, local_id UNINDEXED, content, "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON attributions BEGIN "
    "INSERT INTO quotes_fts(document_id, local_id, content) VALUES (new.document_id, new.local_id, new.content); END",
    "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON attributions BEGIN "
    "DELETE FROM quotes_fts WHERE document_id = old.document_id AND local_id = old.local_id; END",
)
_PG_FTS = (
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)",
    "ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED",
    "CREATE INDEX ix_attributions_tsv ON attributions USING GIN (tsv)",
)


def _v2_fulltext(conn: Connection) -> None:
    """Full-text search: FTS5 tables kept by triggers on SQLite, stored tsvector + GIN on PostgreSQL."""
    for statement in _SQLITE_FTS if conn.dialect.name == "sqlite" else _PG_FTS:
        conn.exec_driver_sql(statement)


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "core tables", _v1_core),
    (2, "full-text search", _v2_fulltext),
)
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    versions = conn.execute(select(s.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Apply every pending migration in order; returns the schema version now in force."""
    with engine.connect().execution_options(writer=True) as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":  # two processes opening a new KB at once
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7244103)")
            s.schema_version.create(conn, checkfirst=True)
        for version, name, step in MIGRATIONS:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7244103)")
                if version <= current_version(conn):
                    continue
                step(conn)
                now = datetime.now(UTC).isoformat(timespec="seconds")
                conn.execute(s.schema_version.insert().values(version=version, name=name, applied_at=now))
        return current_version(conn)
