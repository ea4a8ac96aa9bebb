"""Who accuses whom: speaker -> target edges, weighted by count and split by stance.

An edge is one (speaker, target, stance) triple with the number of attributions behind it, so a
view can colour by stance and still sum weights per pair. Filters narrow by date, publisher,
stance, and an ego entity (edges touching it); ``min_weight`` and ``limit`` (heaviest edges
first, with ``offset``) keep the graph readable and the response bounded. Nodes are the entities
the returned edges touch, with their weighted in/out degree within those edges.

With no date, publisher or entity filter the graph covers the ``recent_days`` (90) days up to the
newest dated article that holds an edge (the whole KB's graph takes seconds to gather at 10⁵
articles), or the whole KB when no dated article holds one (a corpus of undated pages). The window
is part of this function, not of a view, so the page, its JSON twin and the CLI show the same
edges; ``recent_days=0`` asks for the whole knowledge base, and ``query.window`` says which days
were used. Undated articles fit no date range: ``undated`` adds them to one (``shown`` counts them).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, text

from .common import clamp, date_range, entity_names, page

DEFAULT_EDGES = 200
RECENT_DAYS = 90


EDGE_ROWS = "t.speaker_entity_id IS NOT NULL AND t.entity_id != t.speaker_entity_id"


def recent_window(conn: Connection, days: int, stance: str | None = None) -> dict[str, str] | None:
    """The ``days`` days up to the newest dated article that holds an edge (of ``stance``), or None when no
    dated article does: the default view opens where there is something to draw, not on an empty box."""
    where, params = [EDGE_ROWS, "t.published IS NOT NULL"], {}
    if stance:
        where.append("t.stance = :stance")
        params["stance"] = stance
    newest = conn.execute(  # walks ix_attribution_targets_published from its end
        text(f"SELECT t.published FROM attribution_targets t WHERE {' AND '.join(where)} "
             "ORDER BY t.published DESC LIMIT 1"),
        params,
    ).scalar()  # fmt: skip
    try:
        last = date.fromisoformat((newest or "")[:10])
    except ValueError:
        return None
    return {"date_from": (last - timedelta(days=days - 1)).isoformat(), "date_to": last.isoformat()}


def _dates(span: dict[str, Any], undated: bool, params: dict[str, Any]) -> list[str]:
    """The date conditions: the span's days, with or without the rows of undated articles."""
    bounded = date_range("t.published", span["date_from"], span["date_to"], params)
    if not bounded:
        return [] if undated else ["t.published IS NOT NULL"]
    inside = " AND ".join(bounded)
    return [f"(({inside}) OR t.published IS NULL)"] if undated else bounded


def _others(publisher: str | None, stance: str | None, entity: str | None, params: dict[str, Any]) -> list[str]:
    where = []
    if publisher:  # a subquery, so the database starts from the (indexed) articles it picks
        where.append("t.document_id IN (SELECT a.document_id FROM articles a WHERE a.publisher_id = :publisher)")
        params["publisher"] = publisher.lower()
    if stance:
        where.append("t.stance = :stance")
        params["stance"] = stance
    if entity:
        where.append("(t.speaker_entity_id = :entity OR t.entity_id = :entity)")
        params["entity"] = entity
    return where


def undated_statements(conn: Connection, where: list[str], params: dict[str, Any]) -> int:
    """Statements from undated articles under the filters other than dates: what "include undated" adds."""
    sql = f"SELECT count(*) FROM attribution_targets t WHERE {' AND '.join([*where, 't.published IS NULL'])}"
    return conn.execute(text(sql), params).scalar_one()


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
    undated: bool | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """``{"nodes", "edges": page, "query", "shown"}`` for the speaker -> target graph under the given filters.

    ``undated``: also count statements of articles with no date (None: only when no days bound the view,
    since a date range cannot hold them). ``shown`` says what the edges cover, for a page to state it."""
    limit, offset = clamp(limit, offset, default=DEFAULT_EDGES)
    window = None
    if recent_days > 0 and not (date_from or date_to or publisher or entity):
        window = recent_window(conn, recent_days, stance)
    span = window or {"date_from": date_from, "date_to": date_to}
    include = undated if undated is not None else not (span["date_from"] or span["date_to"])
    params: dict[str, Any] = {"min_weight": max(1, int(min_weight))}
    # one row per (attribution, target) in attribution_targets, with the speaker, stance and date copied
    others = [EDGE_ROWS, *_others(publisher, stance, entity, params)]
    where = others + _dates(span, include, params)
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
        "undated": include,  # whether statements of undated articles are counted (as asked, or the default)
        "window": window,  # the days used when no date, publisher or entity was given
    }
    shown = {
        "date_from": span["date_from"],  # the days the edges cover (None: unbounded)
        "date_to": span["date_to"],
        "undated_included": include,
        "undated_statements": undated_statements(conn, others, params),  # under the other filters
        "edges": total,
        "statements": sum(r.weight for r in every),
    }
    ordered = sorted(nodes.values(), key=lambda n: (-(n["in"] + n["out"]), n["name"] or ""))
    return {"query": query, "shown": shown, "nodes": ordered, "edges": page(edges, total, limit, offset)}
