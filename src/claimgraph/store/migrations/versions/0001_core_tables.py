"""core tables (was migration 1)

The tables as the first schema had them, defined here and not imported from ``store/schema.py`` so
this revision builds the same tables whatever the schema becomes later.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = JSON().with_variant(JSONB(), "postgresql")
DocId, EntityId, Local = String(80), String(40), String(20)


def _tables() -> MetaData:
    md = MetaData()
    Table(
        "documents",
        md,
        Column("id", DocId, primary_key=True),
        Column("source", Text, nullable=False),
        Column("position", Text, nullable=False, default=""),
        Column("format", String(20)),
        Column("url", Text),
        Column("fetched_at", String(40)),
        Column("encoding", String(40)),
        Column("meta", Json),
    )
    Table(
        "publishers",
        md,
        Column("id", String(200), primary_key=True),
        Column("name", Text),
        Column("domain", String(200)),
    )
    Table(
        "articles",
        md,
        Column("document_id", DocId, ForeignKey("documents.id"), primary_key=True),
        Column("title", Text),
        Column("authors", Json),
        Column("published", String(40)),
        Column("publisher_id", String(200), ForeignKey("publishers.id")),
        Column("original_source", Text),
        Column("republished", Boolean, nullable=False, default=False),
        Column("url", Text),
        Column("language", String(20)),
        Column("body", Text, nullable=False),
        Column("words", Integer, nullable=False),
        Column("tags", Json),
        Column("paragraphs", Json),
        Column("headings", Json),
        Column("removed", Json),
        Column("sentences", Json),
        Column("quantities", Json),
        Column("minhash", LargeBinary),
        Index("ix_articles_published", "published"),
        Index("ix_articles_publisher", "publisher_id"),
    )
    Table(
        "entities",
        md,
        Column("id", EntityId, primary_key=True),
        Column("name", Text, nullable=False),
        Column("type", String(20), nullable=False),
        Column("country", String(3)),
        Index("ix_entities_type_name", "type", "name"),
    )
    Table(
        "entity_aliases",
        md,
        Column("entity_id", EntityId, ForeignKey("entities.id"), primary_key=True),
        Column("alias", Text, primary_key=True),
        Column("surface", Text),
        sqlite_with_rowid=False,
    )
    Table(
        "article_entities",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("local_id", Local, primary_key=True),
        Column("entity_id", EntityId, ForeignKey("entities.id"), nullable=False),
        Column("name", Text, nullable=False),
        Column("type", String(20), nullable=False),
        Column("roles", Json),
        Column("country", String(3)),
        Column("aliases", Json),
        Column("link", String(20), nullable=False),
        Index("ix_article_entities_entity", "entity_id"),
    )
    Table(
        "mentions",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("start", Integer, primary_key=True),
        Column("end", Integer, primary_key=True),
        Column("local_id", Local, primary_key=True),
        Column("entity_id", EntityId, ForeignKey("entities.id"), nullable=False),
        Column("text", Text, nullable=False),
        Column("kind", String(20), nullable=False),
        Index("ix_mentions_entity", "entity_id"),
    )
    Table(
        "attributions",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("local_id", Local, primary_key=True),
        Column("speaker_local", Local),
        Column("speaker_entity_id", EntityId, ForeignKey("entities.id")),
        Column("speaker_start", Integer),
        Column("speaker_end", Integer),
        Column("speaker_text", Text),
        Column("cue_text", Text),
        Column("cue_lemma", Text),
        Column("cue_start", Integer),
        Column("cue_end", Integer),
        Column("content", Text, nullable=False),
        Column("content_start", Integer, nullable=False),
        Column("content_end", Integer, nullable=False),
        Column("fragments", Json),
        Column("kind", String(20), nullable=False),
        Column("stance", String(20)),
        Column("targets", Json),
        Column("via", Json),
        Column("confidence", Float),
        Index("ix_attributions_speaker", "speaker_entity_id"),
    )
    Table(
        "claims",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("text", Text),
        Column("data", Json, nullable=False),
        sqlite_with_rowid=False,
    )
    Table(
        "signals",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("data", Json, nullable=False),
    )
    Table(
        "copies",
        md,
        Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
        Column("origin_id", DocId, ForeignKey("articles.document_id")),
        Column("origin_name", Text),
        Column("similarity", Float),
        Column("method", String(20), nullable=False),
        Index("ix_copies_origin", "origin_id"),
    )
    Table(
        "errors",
        md,
        Column("source", Text, primary_key=True),
        Column("position", Text, primary_key=True),
        Column("kind", String(20), nullable=False),
        Column("message", Text, nullable=False),
        sqlite_with_rowid=False,
    )
    Table(
        "ingest_progress",
        md,
        Column("source", Text, primary_key=True),
        Column("position", Text, primary_key=True),
        Column("document_id", DocId),
        Column("status", String(20), nullable=False),
        sqlite_with_rowid=False,
    )
    return md


def upgrade() -> None:
    _tables().create_all(op.get_bind())


def downgrade() -> None:
    _tables().drop_all(op.get_bind())
