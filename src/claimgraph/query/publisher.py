"""A publisher: its rating, its articles, the republications it carries and from whom, and who copies it.

A publisher is keyed by its domain (``publishers.id``; ``name:<name>`` when a page named no
domain). "From whom" counts the origin of each copy it carries: the origin article's publisher when
the knowledge base holds the origin, else the source the page itself declared.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, case, func, select
from sqlalchemy.orm import aliased

from ..store import schema as s
from .common import article_brief, clamp, page

a, c, p = s.articles, s.copies, s.publishers


def publisher(
    conn: Connection, publisher_id: str, *, limit: int | None = None, offset: int = 0, copies_offset: int = 0
) -> dict[str, Any] | None:
    """The publisher page's data, or None when no publisher has this id (domain)."""
    pid = publisher_id.lower() if not publisher_id.startswith("name:") else publisher_id
    row = conn.execute(select(p).where(p.c.id == pid)).first()
    if row is None:
        return None
    limit, offset = clamp(limit, offset)
    span = conn.execute(
        select(func.count(), func.min(a.c.published), func.max(a.c.published)).where(a.c.publisher_id == pid)
    ).one()
    rows = conn.execute(
        select(
            a.c.document_id, a.c.title, a.c.published, a.c.url, a.c.publisher_id, a.c.republished, a.c.original_source
        )
        .where(a.c.publisher_id == pid)
        .order_by(a.c.published.desc(), a.c.document_id)
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        {**article_brief(r), "republished": bool(r.republished), "original_source": r.original_source} for r in rows
    ]
    return {
        "publisher": {
            "id": row.id,
            "name": row.name,
            "domain": row.domain,
            "articles": span[0],
            "first": span[1],
            "last": span[2],
            "rating": rating(conn, pid),
        },
        "articles": page(items, span[0], limit, offset),
        "republications": republications(conn, pid, limit=limit, offset=copies_offset),
        "republished_from": sources(conn, pid),
        "copied_by": copiers(conn, pid),
    }


def rating(conn: Connection, pid: str) -> dict[str, Any] | None:
    """The publisher's rating as its articles' records hold it (``source_ratings``, subject ``publisher``): a
    rated one first, the newest dated first, with the ratings file it came from, the date of that article
    (``as_of``: the KB keeps no time of rating, a record is rated when analysed) and how many articles agree.
    None when no article of the publisher was assessed."""
    r = s.source_ratings
    on_publisher = (a.c.publisher_id == pid) & (r.c.subject == "publisher") & (r.c.idx == 0)
    joined = r.join(a, a.c.document_id == r.c.document_id)
    best = conn.execute(
        select(r.c.status, r.c.domain, r.c.query, r.c.match, r.c.score, r.c.score_column, r.c.percentile,
               r.c.ratings_file, r.c.hint, a.c.published, r.c.document_id)
        .select_from(joined)
        .where(on_publisher)
        .order_by(case((r.c.status == "rated", 0), else_=1), a.c.published.is_(None), a.c.published.desc(),
                  r.c.document_id)
        .limit(1)
    ).first()  # fmt: skip
    if best is None:
        return None
    counts = conn.execute(
        select(func.count(), func.count(r.c.score), func.min(r.c.score), func.max(r.c.score))
        .select_from(joined)
        .where(on_publisher)
    ).one()
    return {
        "status": best.status, "score": best.score, "column": best.score_column, "percentile": best.percentile,
        "domain": best.domain, "match": best.match, "query": best.query, "source": best.ratings_file,
        "hint": best.hint, "as_of": best.published, "document_id": best.document_id,
        "articles_assessed": counts[0], "articles_rated": counts[1],
        "scores_range": [counts[2], counts[3]] if counts[1] else None,  # differs when ratings files changed
    }  # fmt: skip


def republications(conn: Connection, pid: str, *, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """A page of this publisher's articles that are copies, with the origin each one came from."""
    limit, offset = clamp(limit, offset)
    origin = aliased(a)
    cond = a.c.publisher_id == pid
    base = select(func.count()).select_from(c.join(a, a.c.document_id == c.c.document_id)).where(cond)
    total = conn.execute(base).scalar_one()
    rows = conn.execute(
        select(
            c.c.document_id,
            a.c.title,
            a.c.published,
            a.c.url,
            a.c.publisher_id,
            c.c.origin_id,
            c.c.origin_name,
            c.c.similarity,
            c.c.method,
            origin.c.title.label("origin_title"),
            origin.c.published.label("origin_published"),
            origin.c.url.label("origin_url"),
            origin.c.publisher_id.label("origin_publisher"),
        )
        .join(a, a.c.document_id == c.c.document_id)
        .outerjoin(origin, origin.c.document_id == c.c.origin_id)
        .where(cond)
        .order_by(a.c.published.desc(), c.c.document_id)
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        {
            **article_brief(r),
            "method": r.method,
            "similarity": r.similarity,
            "declared": r.origin_name,
            "origin": _origin(r) if r.origin_id else None,
        }
        for r in rows
    ]
    return page(items, total, limit, offset)


def _origin(r: Any) -> dict[str, Any]:
    return {
        "document_id": r.origin_id,
        "title": r.origin_title,
        "published": r.origin_published,
        "url": r.origin_url,
        "publisher_id": r.origin_publisher,
    }


def sources(conn: Connection, pid: str, limit: int = 20) -> list[dict[str, Any]]:
    """Whom this publisher republishes, most copied first."""
    origin = aliased(a)
    who = func.coalesce(origin.c.publisher_id, c.c.origin_name, "unknown")
    rows = conn.execute(
        select(who.label("source"), func.count().label("n"))
        .select_from(
            c.join(a, a.c.document_id == c.c.document_id).outerjoin(origin, origin.c.document_id == c.c.origin_id)
        )
        .where(a.c.publisher_id == pid)
        .group_by(who)
        .order_by(func.count().desc(), who)
        .limit(limit)
    ).all()
    return [{"source": r.source, "count": r.n} for r in rows]


def copiers(conn: Connection, pid: str, limit: int = 20) -> list[dict[str, Any]]:
    """Which publishers carry copies of this publisher's articles, most first."""
    origin, copy = aliased(a), aliased(a)
    rows = conn.execute(
        select(copy.c.publisher_id, func.count().label("n"))
        .select_from(
            c.join(origin, origin.c.document_id == c.c.origin_id).join(copy, copy.c.document_id == c.c.document_id)
        )
        .where(origin.c.publisher_id == pid)
        .group_by(copy.c.publisher_id)
        .order_by(func.count().desc(), copy.c.publisher_id)
        .limit(limit)
    ).all()
    return [{"publisher_id": r.publisher_id, "count": r.n} for r in rows]


def publishers(conn: Connection, *, limit: int | None = None, offset: int | None = None) -> dict[str, Any]:
    """A page of publishers, most articles first."""
    limit, offset = clamp(limit, offset)
    n = func.count(a.c.document_id)
    total = conn.execute(select(func.count()).select_from(p)).scalar_one()
    rows = conn.execute(
        select(p.c.id, p.c.name, p.c.domain, n.label("articles"))
        .outerjoin(a, a.c.publisher_id == p.c.id)
        .group_by(p.c.id, p.c.name, p.c.domain)
        .order_by(n.desc(), p.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return page([dict(r._mapping) for r in rows], total, limit, offset)
