"""Whole-table row streams for ``claimgraph export``: flat, typed, one dict per row.

Rows are read in primary-key order in fixed-size chunks (keyset pagination), so an export of a
large knowledge base holds one chunk in memory at a time and two exports of the same KB are
identical. Nested values (targets, aliases) are kept as lists; the CSV writer joins them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, func, select, tuple_

from ..store import schema as s

CHUNK = 2000
WHAT = ("attributions", "entities", "articles", "network")


def _chunks(conn: Connection, stmt: Select, keys: list) -> Iterator[Any]:
    last = None
    while True:
        q = stmt.order_by(*keys).limit(CHUNK)
        if last is not None:
            q = q.where(tuple_(*keys) > tuple_(*last)) if len(keys) > 1 else q.where(keys[0] > last[0])
        rows = conn.execute(q).all()
        yield from rows
        if len(rows) < CHUNK:
            return
        last = tuple(getattr(rows[-1], k.name) for k in keys)


def attributions(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per attribution: article, speaker (id and name), cue, content, kind, stance, targets, via."""
    t, a, e = s.attributions, s.articles, s.entities
    stmt = (
        select(
            t.c.document_id,
            t.c.local_id,
            a.c.published,
            a.c.publisher_id,
            t.c.speaker_entity_id,
            e.c.name.label("speaker_name"),
            t.c.speaker_text,
            t.c.cue_text,
            t.c.kind,
            t.c.stance,
            t.c.content,
            t.c.content_start,
            t.c.content_end,
            t.c.targets,
            t.c.via,
            t.c.confidence,
        )
        .join(a, a.c.document_id == t.c.document_id)
        .outerjoin(e, e.c.id == t.c.speaker_entity_id)
    )
    for r in _chunks(conn, stmt, [t.c.document_id, t.c.local_id]):
        yield {**r._mapping, "targets": list(r.targets or []), "via": list(r.via or [])}


def entities(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per KB entity with its aliases and how many articles mention it."""
    e, al, ae = s.entities, s.entity_aliases, s.article_entities
    for r in _chunks(conn, select(e.c.id, e.c.name, e.c.type, e.c.country), [e.c.id]):
        aliases = sorted(conn.execute(select(al.c.surface).where(al.c.entity_id == r.id)).scalars())
        n = conn.execute(select(func.count(func.distinct(ae.c.document_id))).where(ae.c.entity_id == r.id))
        yield {**r._mapping, "aliases": [x for x in aliases if x], "articles": n.scalar_one()}


def articles(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per article: metadata and body, with its declared/detected origin."""
    a, c = s.articles, s.copies
    stmt = select(
        a.c.document_id,
        a.c.title,
        a.c.authors,
        a.c.published,
        a.c.publisher_id,
        a.c.url,
        a.c.original_source,
        a.c.republished,
        a.c.words,
        c.c.origin_id,
        a.c.body,
    ).outerjoin(c, c.c.document_id == a.c.document_id)
    for r in _chunks(conn, stmt, [a.c.document_id]):
        yield {**r._mapping, "authors": list(r.authors or []), "republished": bool(r.republished)}


def network_edges(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every speaker -> target edge (per stance, with its weight) of the whole knowledge base."""
    from .network import network

    offset = 0
    while True:
        result = network(conn, recent_days=0, limit=500, offset=offset)
        yield from result["edges"]["items"]
        offset = result["edges"]["next_offset"]
        if offset is None:
            return
