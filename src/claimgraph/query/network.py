"""Who accuses whom: speaker -> target edges, weighted by count and split by stance.

An edge is one (speaker, target, stance) triple with the number of attributions behind it, so a
view can colour by stance and still sum weights per pair. Filters narrow by date, publisher,
stance, and an ego entity (edges touching it); ``min_weight`` and ``limit`` (heaviest edges
first, with ``offset``) keep the graph readable and the response bounded. Nodes are the entities
the returned edges touch, with their weighted in/out degree within those edges.

With no date, publisher or entity filter the graph covers the ``recent_days`` (90) days up to the
newest dated article: the whole KB's graph takes seconds to gather at 10⁵ articles. The window is
part of this function, not of a view, so the page, its JSON twin and the CLI show the same edges;
``recent_days=0`` asks for the whole knowledge base, and ``query.window`` says which days were used.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, text

from .common import clamp, date_range, entity_names, page

DEFAULT_EDGES = 200
RECENT_DAYS = 90


def recent_window(conn: Connection, days: int) -> dict[str, str] | None:
    """The ``days`` days up to the newest dated article (``date_from``, ``date_to``), or None for an undated KB."""
    newest = conn.execute(text("SELECT max(published) FROM articles")).scalar()
    try:
        last = date.fromisoformat((newest or "")[:10])
    except ValueError:
        return None
    return {"date_from": (last - timedelta(days=days - 1)).isoformat(), "date_to": last.isoformat()}


def network(
    conn: Connection,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    stance: str | None = None,
    entity: str | None = None,
    min_weight: int = 1,
    recent_days: int = RECENT_DAYS,
    limit: int | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """``{"nodes", "edges": page, "query"}`` for the speaker -> target graph under the given filters."""
    limit, offset = clamp(limit, offset, default=DEFAULT_EDGES)
    window = None
    if recent_days > 0 and not (date_from or date_to or publisher or entity):
        window = recent_window(conn, recent_days)
    span = window or {"date_from": date_from, "date_to": date_to}
    # one row per (attribution, target) in attribution_targets, with the speaker, stance and date copied
    where = ["t.speaker_entity_id IS NOT NULL", "t.entity_id != t.speaker_entity_id"]
    params: dict[str, Any] = {"min_weight": max(1, int(min_weight))}
    where += date_range("t.published", span["date_from"], span["date_to"], params)
    if publisher:  # a subquery, so the database starts from the (indexed) articles it picks
        where.append("t.document_id IN (SELECT a.document_id FROM articles a WHERE a.publisher_id = :publisher)")
        params["publisher"] = publisher.lower()
    if stance:
        where.append("t.stance = :stance")
        params["stance"] = stance
    if entity:
        where.append("(t.speaker_entity_id = :entity OR t.entity_id = :entity)")
        params["entity"] = entity
    grouped = (
        "SELECT t.speaker_entity_id AS source, t.entity_id AS target, t.stance AS stance, count(*) AS weight "
        f"FROM attribution_targets t WHERE {' AND '.join(where)} "
        "GROUP BY t.speaker_entity_id, t.entity_id, t.stance HAVING count(*) >= :min_weight"
    )
    # one pass: the grouped edges are few (one per speaker, target and stance), so count and page them here
    every = conn.execute(text(f"{grouped} ORDER BY weight DESC, source, target, stance"), params).all()
    total, rows = len(every), every[offset : offset + limit]
    names = entity_names(conn, {r.source for r in rows} | {r.target for r in rows})
    edges = [
        {"source": r.source, "target": r.target, "stance": r.stance or "unknown", "weight": r.weight} for r in rows
    ]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end, key in ((edge["source"], "out"), (edge["target"], "in")):
            node = nodes.setdefault(
                end, {**(names.get(end) or {"id": end, "name": end, "type": None}), "id": end, "in": 0, "out": 0}
            )
            node[key] += edge["weight"]
    query = {
        "date_from": date_from,
        "date_to": date_to,
        "publisher": publisher,
        "stance": stance,
        "entity": entity,
        "min_weight": params["min_weight"],
        "recent_days": recent_days,
        "window": window,  # the days used when no date, publisher or entity was given
    }
    ordered = sorted(nodes.values(), key=lambda n: (-(n["in"] + n["out"]), n["name"] or ""))
    return {"query": query, "nodes": ordered, "edges": page(edges, total, limit, offset)}
