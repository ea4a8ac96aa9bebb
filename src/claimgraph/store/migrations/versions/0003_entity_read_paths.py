"""entity read paths: dates copied, attribution targets, entity stats (was migration 3, issue #6)

* ``published`` copied into ``attributions`` and ``article_entities``, indexed with the entity, so
  "what X said / the articles of X, newest first" are index walks stopped by LIMIT;
* ``attribution_targets``: the JSON ``targets`` column as rows indexed by target (who is talked about);
* ``entity_stats``: counts per entity, role, month and stance, so the entity page's totals and
  monthly bars do not count every row of a frequent entity per request.
All three are filled here from existing rows and from then on by ``store/writer.py``. A KB built by
the first release's migration 1 may already have the two ``published`` columns; they are added only
when missing.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Column, Index, Integer, MetaData, String, Table

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DocId, EntityId, Local = String(80), String(40), String(20)
INDEXES = (
    ("ix_attributions_speaker_published", "attributions", ["speaker_entity_id", "published"]),
    ("ix_attributions_speaker_stance", "attributions", ["speaker_entity_id", "stance", "published"]),
    ("ix_article_entities_entity_published", "article_entities", ["entity_id", "published", "document_id"]),
)


def _tables() -> list[Table]:
    md = MetaData()
    Table("articles", md, Column("document_id", DocId, primary_key=True))  # referred to, not created here
    Table(
        "attribution_targets",
        md,
        Column("document_id", DocId, sa.ForeignKey("articles.document_id"), primary_key=True),
        Column("local_id", Local, primary_key=True),
        Column("entity_id", EntityId, primary_key=True),
        Column("speaker_entity_id", EntityId),
        Column("stance", String(20)),
        Column("published", String(40)),
        Index("ix_attribution_targets_entity", "entity_id", "published"),
        Index("ix_attribution_targets_entity_stance", "entity_id", "stance", "speaker_entity_id"),
        Index("ix_attribution_targets_speaker", "speaker_entity_id", "stance", "entity_id"),
        Index("ix_attribution_targets_published", "published"),
    )
    Table(
        "entity_stats",
        md,
        Column("entity_id", EntityId, primary_key=True),
        Column("role", String(10), primary_key=True),
        Column("period", String(7), primary_key=True),
        Column("stance", String(20), primary_key=True),
        Column("n", Integer, nullable=False),
        sqlite_with_rowid=False,
    )
    return [md.tables["attribution_targets"], md.tables["entity_stats"]]


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    bind = op.get_bind()
    for table in ("attributions", "article_entities"):
        if "published" not in _columns(table):
            op.add_column(table, Column("published", String(40)))
    MetaData().create_all(bind, tables=_tables())
    for table in ("attributions", "article_entities"):
        bind.exec_driver_sql(
            f"UPDATE {table} SET published = (SELECT a.published FROM articles a "
            f"WHERE a.document_id = {table}.document_id) WHERE published IS NULL"
        )
    existing = {ix["name"] for t in ("attributions", "article_entities") for ix in sa.inspect(bind).get_indexes(t)}
    for name, table, columns in INDEXES:
        if name not in existing:
            op.create_index(name, table, columns)
    _backfill(bind)


def _backfill(bind) -> None:
    pg = bind.dialect.name == "postgresql"
    members = "jsonb_array_elements_text(t.targets::jsonb) AS j(value)" if pg else "json_each(t.targets) AS j"
    bind.exec_driver_sql(
        "INSERT INTO attribution_targets (document_id, local_id, entity_id, speaker_entity_id, stance, published) "
        "SELECT DISTINCT t.document_id, t.local_id, j.value, t.speaker_entity_id, t.stance, t.published "
        f"FROM attributions t, {members} WHERE t.targets IS NOT NULL AND j.value IS NOT NULL"
    )
    month = "coalesce(substr({}.published, 1, 7), '')"
    bind.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT speaker_entity_id, 'said', {month.format('t')}, coalesce(stance, ''), count(*) FROM attributions t "
        f"WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id, {month.format('t')}, coalesce(stance, '')"
    )
    bind.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT entity_id, 'about', {month.format('x')}, coalesce(stance, ''), count(*) FROM attribution_targets x "
        "WHERE speaker_entity_id IS NULL OR speaker_entity_id != entity_id "
        f"GROUP BY entity_id, {month.format('x')}, coalesce(stance, '')"
    )
    bind.exec_driver_sql(
        "INSERT INTO entity_stats (entity_id, role, period, stance, n) "
        f"SELECT entity_id, 'articles', {month.format('x')}, '', count(*) FROM article_entities x "
        f"GROUP BY entity_id, {month.format('x')}"
    )


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
    MetaData().drop_all(op.get_bind(), tables=_tables())
    for table in ("attributions", "article_entities"):
        op.get_bind().exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN published")
