"""Numbered schema migrations, applied in order, each in its own transaction.

The ``schema_version`` table records what a database already has, so an old knowledge base is
brought up to date on open and a new one is built by the same steps. A migration never changes
once released: a later change to the schema is a new numbered function appended here. Migration 1
names its tables explicitly so tables added later to ``schema.metadata`` are not created early.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select

from . import schema as s

Migration = Callable[[Connection], None]

V1_TABLES = (
    s.documents,
    s.publishers,
    s.articles,
    s.entities,
    s.entity_aliases,
    s.article_entities,
    s.mentions,
    s.attributions,
    s.claims,
    s.signals,
    s.copies,
    s.errors,
    s.ingest_progress,
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


def _add_column(conn: Connection, table: str, column: str, type_sql: str) -> None:
    """ALTER TABLE ... ADD COLUMN unless migration 1 already made it (it builds tables from today's schema)."""
    if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {type_sql}")


def _v3_read_paths(conn: Connection) -> None:
    """Read paths for the entity page at 10⁵ articles (issue #6).

    * ``published`` copied into ``attributions`` and ``article_entities``, indexed with the entity, so
      "what X said / the articles of X, newest first" are index walks stopped by LIMIT;
    * ``attribution_targets``: the JSON ``targets`` column as rows indexed by target (who is talked about);
    * ``entity_stats``: counts per entity, role, month and stance, so the page's totals and monthly bars
      do not count every row of a frequent entity per request.
    All three are filled here from existing rows and from then on by ``store/writer.py``.
    """
    pg = conn.dialect.name == "postgresql"
    _add_column(conn, "attributions", "published", "VARCHAR(40)")
    _add_column(conn, "article_entities", "published", "VARCHAR(40)")
    s.metadata.create_all(conn, tables=[s.attribution_targets, s.entity_stats])
    for table in ("attributions", "article_entities"):
        conn.exec_driver_sql(
            f"UPDATE {table} SET published = (SELECT a.published FROM articles a "
            f"WHERE a.document_id = {table}.document_id) WHERE published IS NULL"
        )
    for index in (
        s.ix_attributions_speaker_published,
        s.ix_attributions_speaker_stance,
        s.ix_article_entities_entity_published,
    ):
        index.create(conn, checkfirst=True)
    members = "jsonb_array_elements_text(t.targets::jsonb) AS j(value)" if pg else "json_each(t.targets) AS j"
    conn.exec_driver_sql(
        "INSERT INTO attribution_targets (document_id, local_id, entity_id, speaker_entity_id, stance, published) "
        "SELECT DISTINCT t.document_id, t.local_id, j.value, t.speaker_entity_id, t.stance, t.published "
        f"FROM attributions t, {members} WHERE t.targets IS NOT NULL AND j.value IS NOT NULL"
    )
    month = "coalesce(substr({}.published, 1, 7), '')"
    conn.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT speaker_entity_id, 'said', {month.format('t')}, coalesce(stance, ''), count(*) FROM attributions t "
        f"WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id, {month.format('t')}, coalesce(stance, '')"
    )
    conn.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT entity_id, 'about', {month.format('x')}, coalesce(stance, ''), count(*) FROM attribution_targets x "
        "WHERE speaker_entity_id IS NULL OR speaker_entity_id != entity_id "
        f"GROUP BY entity_id, {month.format('x')}, coalesce(stance, '')"
    )
    conn.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT entity_id, 'articles', {month.format('x')}, '', count(*) FROM article_entities x "
        f"GROUP BY entity_id, {month.format('x')}"
    )


def _v4_alias_prefix(conn: Connection) -> None:
    """An index on the normalised alias alone, for prefix lookups (``query.entity.lookup``)."""
    s.ix_entity_aliases_alias.create(conn, checkfirst=True)


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "core tables", _v1_core),
    (2, "full-text search", _v2_fulltext),
    (3, "entity read paths: dates copied, attribution targets, entity stats", _v3_read_paths),
    (4, "alias prefix index", _v4_alias_prefix),
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
