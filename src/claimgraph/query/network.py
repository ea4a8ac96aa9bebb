"""Who accuses whom: speaker -> target edges, weighted by count and split by stance.

An edge is one (speaker, target, stance) triple with the number of attributions behind it, so a
view can colour by stance and still sum weights per pair. Filters narrow by date, publisher,
stance, and an ego entity (edges touching it); ``min_weight`` and ``limit`` (heaviest edges
first, with ``offset``) keep the graph readable and the response bounded. Nodes are the entities
the returned edges touch, with their weighted in/out degree within those edges.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from .common import article_conditions, clamp, entity_names, has_targets, page, targets_rows

DEFAULT_EDGES = 200


def network(
    conn: Connection,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    stance: str | None = None,
    entity: str | None = None,
    min_weight: int = 1,
    limit: int | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """``{"nodes", "edges": page, "query"}`` for the speaker -> target graph under the given filters."""
    limit, offset = clamp(limit, offset, default=DEFAULT_EDGES)
    where = ["t.speaker_entity_id IS NOT NULL", "t.targets IS NOT NULL", has_targets(conn),
             "j.value != t.speaker_entity_id"]
    params: dict[str, Any] = {"min_weight": max(1, int(min_weight))}
    # article conditions go in a subquery, so SQLite starts from the (indexed) articles they pick
    on_articles = article_conditions(date_from, date_to, publisher, params)
    if on_articles:
        where.append(f"t.document_id IN (SELECT a.document_id FROM articles a WHERE {' AND '.join(on_articles)})")
    if stance:
        where.append("t.stance = :stance")
        params["stance"] = stance
    if entity:
        where.append("(t.speaker_entity_id = :entity OR j.value = :entity)")
        where.append("t.document_id IN (SELECT document_id FROM article_entities WHERE entity_id = :entity)")
        params["entity"] = entity
    source = "attributions t"
    grouped = (f"SELECT t.speaker_entity_id AS source, j.value AS target, t.stance AS stance, count(*) AS weight "
               f"FROM {source}, {targets_rows(conn)} WHERE {' AND '.join(where)} "
               "GROUP BY t.speaker_entity_id, j.value, t.stance HAVING count(*) >= :min_weight")
    # one pass: the grouped edges are few (one per speaker, target and stance), so count and page them here
    every = conn.execute(text(f"{grouped} ORDER BY weight DESC, source, target, stance"), params).all()
    total, rows = len(every), every[offset:offset + limit]
    names = entity_names(conn, {r.source for r in rows} | {r.target for r in rows})
    edges = [{"source": r.source, "target": r.target, "stance": r.stance or "unknown", "weight": r.weight}
             for r in rows]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end, key in ((edge["source"], "out"), (edge["target"], "in")):
            node = nodes.setdefault(end, {**(names.get(end) or {"id": end, "name": end, "type": None}),
                                          "id": end, "in": 0, "out": 0})
            node[key] += edge["weight"]
    query = {"date_from": date_from, "date_to": date_to, "publisher": publisher, "stance": stance,
             "entity": entity, "min_weight": params["min_weight"]}
    ordered = sorted(nodes.values(), key=lambda n: (-(n["in"] + n["out"]), n["name"] or ""))
    return {"query": query, "nodes": ordered, "edges": page(edges, total, limit, offset)}
