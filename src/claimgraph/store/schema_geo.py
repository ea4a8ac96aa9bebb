"""Places and events as tables (schema revision 7, issue 16).

One row per place mention (resolved to GeoNames or not) and one per PLOVER event, every field a
column, so "events with a Russian source and a US target in 2015" or "articles placing something in
Aleppo" are plain indexed lookups. Events carry the KB entity ids of their actors (the entity page
lists an entity's events as source and target) and the article's date, copied.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from .schema_base import DocId, EntityId, LocalId, metadata


def _doc() -> Column:
    return Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True)


places = Table(
    "places",
    metadata,
    _doc(),
    Column("local_id", LocalId, primary_key=True),  # Place.id ("p1")
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("geonameid", Integer),  # null: recognised, not resolved
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("feature", String(10)),
    Column("admin1", Text),
    Column("confidence", Float, nullable=False),
    Index("ix_places_geonameid", "geonameid"),
    Index("ix_places_country", "country"),
)


def _actor(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}_local", LocalId),  # the article's entity id
        Column(f"{prefix}_entity_id", EntityId),  # the KB entity
        Column(f"{prefix}_text", Text),
        Column(f"{prefix}_start", Integer),
        Column(f"{prefix}_end", Integer),
        Column(f"{prefix}_country", String(3)),
        Column(f"{prefix}_sector", String(10)),
    ]


events = Table(
    "events",
    metadata,
    _doc(),
    Column("local_id", LocalId, primary_key=True),  # Event.id ("v1")
    Column("idx", Integer, nullable=False),
    Column("type", String(12), nullable=False),  # PLOVER type
    Column("mode", String(20)),
    Column("cameo", String(2), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    *_actor("source"),
    *_actor("target"),
    Column("place_id", LocalId),  # the place row of the same document
    Column("date", String(10)),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("attribution_id", LocalId),
    Column("confidence", Float, nullable=False),
    Column("published", String(40)),  # the article's, copied
    Index("ix_events_source_entity", "source_entity_id", "published"),
    Index("ix_events_target_entity", "target_entity_id", "published"),
    Index("ix_events_type_published", "type", "published"),
    Index("ix_events_countries", "source_country", "target_country"),
)

TABLES = (places, events)
