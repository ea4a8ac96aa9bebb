"""Everything the knowledge base knows about one entity, in the sections a fact-checker asks about.

What X said (by stance, newest first), what others said about X (attributions that target X), who X
accuses and who accuses X, the articles that mention X, and X's aliases. Every list is a page with
its own offset. Lookups of "about X" start from the articles that mention X (an indexed column),
because an attribution can only target an entity its own article mentions; that keeps the JSON
``targets`` test off all but a few rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, text

from ..store import schema as s
from .common import clamp, entity_names, has_targets, page, targets_rows
from .rows import attribution_dicts, attribution_select, attributions_by_keys
from .targets import about_where

e, al, t, a, ae = s.entities, s.entity_aliases, s.attributions, s.articles, s.article_entities


def entity(
    conn: Connection,
    entity_id: str,
    *,
    stance: str | None = None,
    limit: int | None = None,
    said_offset: int = 0,
    about_offset: int = 0,
    articles_offset: int = 0,
) -> dict[str, Any] | None:
    """The entity page's data, or None for an unknown id; ``stance`` narrows what X said."""
    row = conn.execute(select(e).where(e.c.id == entity_id)).first()
    if row is None:
        return None
    limit, _ = clamp(limit, 0)
    aliases = sorted({r.surface or r.alias for r in conn.execute(
        select(al.c.alias, al.c.surface).where(al.c.entity_id == entity_id))} - {row.name})
    by_stance, by_month = said_summary(conn, entity_id)
    return {
        "entity": {"id": row.id, "name": row.name, "type": row.type, "country": row.country, "aliases": aliases},
        "said_by_stance": by_stance,
        "said_by_month": by_month,
        "said": said(conn, entity_id, stance=stance, limit=limit, offset=said_offset),
        "about": about(conn, entity_id, limit=limit, offset=about_offset),
        "accuses": counterparts(conn, entity_id, "accuses"),
        "accused_by": counterparts(conn, entity_id, "accused_by"),
        "articles": articles(conn, entity_id, limit=limit, offset=articles_offset),
    }


def said_summary(conn: Connection, entity_id: str) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """What X said counted per stance (largest first) and per month (oldest first), from one grouped scan.

    One query instead of two because for a frequent speaker reading its attributions is the page's main cost.
    """
    month = func.substr(a.c.published, 1, 7)
    rows = conn.execute(select(month, t.c.stance, func.count()).join(a, a.c.document_id == t.c.document_id)
                        .where(t.c.speaker_entity_id == entity_id).group_by(month, t.c.stance)).all()
    stances: dict[str, int] = {}
    months: dict[str, dict[str, int]] = {}
    for period, stance, n in rows:
        stances[stance or "unknown"] = stances.get(stance or "unknown", 0) + n
        if period:
            months.setdefault(period, {})[stance or "unknown"] = n
    by_stance = dict(sorted(stances.items(), key=lambda kv: (-kv[1], kv[0])))
    by_month = [{"period": k, "count": sum(v.values()), "stances": dict(sorted(v.items()))}
                for k, v in sorted(months.items())]
    return by_stance, by_month


def said(conn: Connection, entity_id: str, *, stance: str | None = None, limit: int | None = None,
         offset: int | None = None) -> dict[str, Any]:
    """A page of what X said (X is the speaker), newest article first."""
    limit, offset = clamp(limit, offset)
    cond = t.c.speaker_entity_id == entity_id
    if stance:
        cond = cond & (t.c.stance == stance)
    total = conn.execute(select(func.count()).select_from(t).where(cond)).scalar_one()
    rows = conn.execute(attribution_select().where(cond)
                        .order_by(a.c.published.desc(), t.c.document_id, t.c.content_start)
                        .limit(limit).offset(offset)).all()
    return page(attribution_dicts(conn, rows), total, limit, offset)


def about(conn: Connection, entity_id: str, *, limit: int | None = None, offset: int | None = None) -> dict[str, Any]:
    """A page of what others said about X (attributions whose targets include X), newest first."""
    limit, offset = clamp(limit, offset)
    where, params = about_where(conn, entity_id)
    total = conn.execute(text(f"SELECT count(*) FROM attributions t WHERE {where}"), params).scalar_one()
    keys = conn.execute(text(
        f"SELECT t.document_id, t.local_id FROM attributions t JOIN articles a ON a.document_id = t.document_id "
        f"WHERE {where} ORDER BY a.published DESC, t.document_id, t.content_start LIMIT :n OFFSET :o"
    ), {**params, "n": limit, "o": offset}).all()
    items = attributions_by_keys(conn, [(k[0], k[1]) for k in keys])
    return page(items, total, limit, offset)


def counterparts(conn: Connection, entity_id: str, direction: str, stance: str = "accuse",
                 limit: int = 20) -> list[dict[str, Any]]:
    """Who X accuses (``accuses``) or who accuses X (``accused_by``), with counts, most frequent first."""
    params: dict[str, Any] = {"x": entity_id}
    if direction == "accuses":
        sql = (f"SELECT j.value AS other, count(*) AS n FROM attributions t, {targets_rows(conn)} "
               f"WHERE t.speaker_entity_id = :x AND t.stance = :stance AND {has_targets(conn)} GROUP BY j.value "
               "ORDER BY n DESC, other LIMIT :n")
    else:
        where, params = about_where(conn, entity_id)
        sql = (f"SELECT t.speaker_entity_id AS other, count(*) AS n FROM attributions t WHERE {where} "
               "AND t.stance = :stance AND t.speaker_entity_id IS NOT NULL GROUP BY t.speaker_entity_id "
               "ORDER BY n DESC, other LIMIT :n")
    rows = conn.execute(text(sql), {**params, "stance": stance, "n": limit}).all()
    names = entity_names(conn, {r.other for r in rows})
    return [{**(names.get(r.other) or {"id": None, "name": r.other, "type": None}), "count": r.n} for r in rows]


def articles(conn: Connection, entity_id: str, *, limit: int | None = None,
             offset: int | None = None) -> dict[str, Any]:
    """A page of the articles that mention X, newest first."""
    limit, offset = clamp(limit, offset)
    cond = ae.c.entity_id == entity_id
    total = conn.execute(select(func.count()).select_from(ae).where(cond)).scalar_one()
    rows = conn.execute(
        select(a.c.document_id, a.c.title, a.c.published, a.c.publisher_id, a.c.url)
        .join(ae, ae.c.document_id == a.c.document_id).where(cond)
        .order_by(a.c.published.desc(), a.c.document_id).limit(limit).offset(offset)).all()
    items = [{"id": r.document_id, "title": r.title, "published": r.published, "publisher": r.publisher_id,
              "url": r.url} for r in rows]
    return page(items, total, limit, offset)


def lookup(conn: Connection, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose name or alias starts with ``name`` (case-insensitive), most mentioned first."""
    from ..store.linking import normalise

    pattern = normalise(name).replace("\\", "").replace("%", "").replace("_", "")
    if not pattern:
        return []
    sub = select(al.c.entity_id).where(al.c.alias.like(pattern + "%")).distinct().limit(200).subquery()
    rows = conn.execute(
        select(e.c.id, e.c.name, e.c.type, func.count(ae.c.document_id).label("articles"))
        .join(sub, sub.c.entity_id == e.c.id).outerjoin(ae, ae.c.entity_id == e.c.id)
        .group_by(e.c.id, e.c.name, e.c.type).order_by(func.count(ae.c.document_id).desc(), e.c.name).limit(limit)
    ).all()
    return [dict(r._mapping) for r in rows]
