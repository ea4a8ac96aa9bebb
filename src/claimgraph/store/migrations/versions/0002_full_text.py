"""full-text search (was migration 2): FTS5 tables kept by triggers on SQLite, stored tsvector + GIN on PostgreSQL

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE = (
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
POSTGRESQL = (
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)",
    "ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED",
    "CREATE INDEX ix_attributions_tsv ON attributions USING GIN (tsv)",
)


def upgrade() -> None:
    bind = op.get_bind()
    for statement in SQLITE if bind.dialect.name == "sqlite" else POSTGRESQL:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au", "quotes_fts_ai", "quotes_fts_ad"):
            bind.exec_driver_sql(f"DROP TRIGGER {name}")
        bind.exec_driver_sql("DROP TABLE articles_fts")
        bind.exec_driver_sql("DROP TABLE quotes_fts")
    else:
        bind.exec_driver_sql("ALTER TABLE articles DROP COLUMN tsv")
        bind.exec_driver_sql("ALTER TABLE attributions DROP COLUMN tsv")
