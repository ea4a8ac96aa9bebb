"""Whole-table row streams for ``claimgraph export``, in the record's shapes, one dict per row.

An attribution row is the record's ``Attribution`` with the KB fields every view adds (``rows.py``),
an article row the record's ``Article``, a ``records`` row the whole ``claimgraph/1`` record: the same
field names with the same meaning as ``analyze`` output and the API. Rows are read in primary-key
order in fixed-size chunks (keyset pagination), so an export of a large knowledge base holds one
chunk in memory at a time and two exports of the same KB are identical. The CSV writer flattens
nested values (``cue.text``, ``content.start``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, func, select, tuple_

from ..model import AnalysisResult
from ..model.serialize import to_data
from ..store import schema as s
from ..store.read import read_results
from .rows import attribution_dicts, attribution_select

CHUNK = 2000
RECORDS = 200  # whole records read back at a time
WHAT = ("attributions", "entities", "articles", "records", "events", "network")


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
    """One row per attribution: the record's ``Attribution`` plus the KB fields of ``rows.KB_FIELDS``."""
    t = s.attributions
    stmt = attribution_select()
    batch: list[Any] = []
    for r in _chunks(conn, stmt, [t.c.document_id, t.c.local_id]):
        batch.append(r)
        if len(batch) == CHUNK:
            yield from attribution_dicts(conn, batch)
            batch = []
    yield from attribution_dicts(conn, batch)


def entities(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per KB entity: ``kb_id``, ``kb_name`` (canonical), type, country, aliases, articles mentioning it."""
    e, al, ae = s.entities, s.entity_aliases, s.article_entities
    for r in _chunks(conn, select(e.c.id, e.c.name, e.c.type, e.c.country), [e.c.id]):
        aliases = sorted(conn.execute(select(al.c.surface).where(al.c.entity_id == r.id)).scalars())
        n = conn.execute(select(func.count(func.distinct(ae.c.document_id))).where(ae.c.entity_id == r.id))
        yield {
            "kb_id": r.id,
            "kb_name": r.name,
            "type": r.type,
            "country": r.country,
            "aliases": [x for x in aliases if x],
            "articles": n.scalar_one(),
        }


def _records(conn: Connection) -> Iterator[tuple[Any, AnalysisResult]]:
    """(articles row, stored record) for every article, in document id order, ``RECORDS`` at a time."""
    a, c = s.articles, s.copies
    stmt = select(a.c.document_id, a.c.publisher_id, a.c.words, c.c.origin_id).outerjoin(
        c, c.c.document_id == a.c.document_id
    )
    batch: list[Any] = []
    for row in _chunks(conn, stmt, [a.c.document_id]):
        batch.append(row)
        if len(batch) == RECORDS:
            yield from zip(batch, read_results(conn, [b.document_id for b in batch]), strict=True)
            batch = []
    if batch:
        yield from zip(batch, read_results(conn, [b.document_id for b in batch]), strict=True)


def articles(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per article: ``document_id``, the record's ``Article`` (body included), and the KB's
    ``publisher_id``, ``words`` and ``origin_id`` (the known page it copies)."""
    for row, record in _records(conn):
        yield {
            "document_id": row.document_id,
            **to_data(record.article),
            "publisher_id": row.publisher_id,
            "words": row.words,
            "origin_id": row.origin_id,
        }


def records(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every stored ``claimgraph/1`` record, as ``analyze`` wrote it (JSON Lines only)."""
    for _row, record in _records(conn):
        yield record.to_dict()


def events(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per stored event in GDELT's event-table column order plus claimgraph's columns
    (``events/gdelt.py``; the mapping is in docs/events.md)."""
    from ..events.gdelt import COLUMNS, gdelt_rows

    for _row, record in _records(conn):
        for values in gdelt_rows(record):
            yield dict(zip(COLUMNS, values, strict=True))


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
