"""Events and places from the KB: an entity's events as source and target, and the map's places.

Both read the revision-7 tables (``store/schema_geo.py``) with their indexes: events by
``source_entity_id`` / ``target_entity_id``, places grouped by GeoNames id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, select

from ..store import schema as s
from .common import clamp, page

MAP_PLACES = 500  # the most mentioned places drawn on /map


def entity_events(conn: Connection, entity_id: str, role: str, limit: int | None = None, offset: int = 0):
    """The events whose source (``role="source"``) or target (``"target"``) is the KB entity, newest first."""
    ev, a = s.events, s.articles
    mine = ev.c.source_entity_id if role == "source" else ev.c.target_entity_id
    other = "target" if role == "source" else "source"
    limit, offset = clamp(limit, offset)
    total = conn.execute(select(func.count()).select_from(ev).where(mine == entity_id)).scalar_one()
    stmt = (
        select(ev, a.c.title)
        .join(a, a.c.document_id == ev.c.document_id)
        .where(mine == entity_id)
        .order_by(ev.c.published.desc(), ev.c.document_id, ev.c.idx)
        .limit(limit)
        .offset(offset)
    )
    items = [_event_item(r, other) for r in conn.execute(stmt)]
    return page(items, total, limit, offset)


def _event_item(r: Any, other: str) -> dict[str, Any]:
    return {
        "document_id": r.document_id, "title": r.title, "event_id": r.local_id, "type": r.type, "mode": r.mode,
        "cameo": r.cameo, "trigger": r.trigger_text, "date": r.date or r.published,
        "counterpart": {"entity_id": getattr(r, f"{other}_entity_id"), "text": getattr(r, f"{other}_text"),
                        "country": getattr(r, f"{other}_country")},
        "negated": bool(r.negated), "hypothetical": bool(r.hypothetical), "attribution": r.attribution_id,
    }  # fmt: skip


def map_places(conn: Connection, limit: int = MAP_PLACES) -> dict[str, Any]:
    """Resolved places with how many mentions, articles and events each has, most mentioned first."""
    p, ev = s.places, s.events
    events = (
        select(p.c.geonameid, func.count().label("events"))
        .select_from(ev)
        .join(p, and_(p.c.document_id == ev.c.document_id, p.c.local_id == ev.c.place_id))
        .group_by(p.c.geonameid)
        .subquery()
    )
    stmt = (
        select(
            p.c.geonameid,
            func.min(p.c.name).label("name"),
            func.min(p.c.lat).label("lat"),
            func.min(p.c.lon).label("lon"),
            func.min(p.c.country).label("country"),
            func.min(p.c.feature).label("feature"),
            func.count().label("mentions"),
            func.count(func.distinct(p.c.document_id)).label("articles"),
            func.coalesce(func.max(events.c.events), 0).label("events"),
        )  # fmt: skip
        .outerjoin(events, events.c.geonameid == p.c.geonameid)
        .where(p.c.geonameid.is_not(None))
        .group_by(p.c.geonameid)
        .order_by(func.count().desc(), p.c.geonameid)
        .limit(limit)
    )
    items = [dict(r._mapping) for r in conn.execute(stmt)]
    totals = conn.execute(
        select(func.count(), func.count(p.c.geonameid), func.count(func.distinct(p.c.geonameid)))
    ).one()
    n_events = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    located = conn.execute(select(func.count()).select_from(ev).where(ev.c.place_id.is_not(None))).scalar_one()
    return {
        "places": items,
        "totals": {
            "mentions": totals[0],
            "resolved": totals[1],
            "distinct_places": totals[2],
            "events": n_events,
            "located_events": located,
        },  # fmt: skip
        "limit": limit,
    }
