"""Read side of the knowledge base for ``KnowledgeBase``: counts, errors, entity lookups.

Kept apart from the writer so the facade can build on plain functions of a Connection. Full-text
search is not here: it lives in one place, ``claimgraph.query.search``, behind the CLI, the API,
the web pages and ``KnowledgeBase.search`` alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from . import schema as s


def status(conn: Connection) -> dict[str, int]:
    """Row counts of the main tables (documents, articles, entities, attributions, errors, ...)."""
    out = {}
    for name in s.COUNTED:
        table = s.metadata.tables[name]
        out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return out


def errors(conn: Connection, limit: int | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    """Recorded failures, in source then position order: what failed, why, where."""
    t = s.errors
    stmt = select(t.c.source, t.c.position, t.c.kind, t.c.message).order_by(t.c.source, t.c.position)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    if limit:
        stmt = stmt.limit(limit)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def entity_articles(conn: Connection, entity_id: str) -> list[str]:
    """Document ids of the articles that mention a KB entity (cross-article linking made queryable)."""
    t = s.article_entities
    stmt = select(t.c.document_id).where(t.c.entity_id == entity_id).distinct().order_by(t.c.document_id)
    return list(conn.execute(stmt).scalars())


def find_entities(conn: Connection, name: str) -> list[dict[str, Any]]:
    """KB entities whose canonical name or an alias matches ``name`` after normalisation."""
    from .linking import normalise

    e, al = s.entities, s.entity_aliases
    norm = normalise(name)
    stmt = (
        select(e.c.id, e.c.name, e.c.type)
        .distinct()
        .select_from(e.outerjoin(al, al.c.entity_id == e.c.id))
        .where((al.c.alias == norm) | (e.c.name == name))
        .order_by(e.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(stmt)]
