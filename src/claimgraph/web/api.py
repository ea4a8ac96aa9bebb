"""The JSON API: ``/api/...``, one route per query function, returning exactly what it returns.

These are the JSON twins of the HTML pages (``/search`` <-> ``/api/search`` ...), so a fact-checker
can hand a script the same URL they were looking at with ``/api`` in front.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from .. import query
from .deps import DEFAULT_LIMIT, Conn, Filtered, Limit, Offset

router = APIRouter(prefix="/api", tags=["query"])
DocId = Annotated[str, Path(max_length=100, description="document id, e.g. sha256:…")]
EntityId = Annotated[str, Path(max_length=40, description="KB entity id, e.g. E2129c423a3a06643")]


def found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/overview", summary="Counts, newest articles, busiest publishers (the landing page)")
def overview(conn: Conn) -> dict[str, Any]:
    return query.overview(conn)


@router.get("/search", summary="Full-text search over article bodies and quote contents")
def search(
    conn: Conn,
    f: Filtered,
    q: Annotated[str, Query(max_length=500, description='words, "phrases", OR')] = "",
    kind: Annotated[str, Query(pattern="^(all|article|quote)$")] = "all",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return query.search(
        conn,
        q,
        kind=kind,
        date_from=f.date_from,
        date_to=f.date_to,
        publisher=f.publisher,
        entity=f.entity,
        stance=f.stance,
        limit=limit,
        offset=offset,
    )


@router.get("/articles/{document_id}", summary="One article: body, highlighted spans, provenance, attributions")
def article(conn: Conn, document_id: DocId) -> dict[str, Any]:
    return found(query.article(conn, document_id), "article")


@router.get("/entities", summary="Find entities by the start of a name or alias")
def entities(
    conn: Conn, name: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = DEFAULT_LIMIT
) -> dict[str, Any]:
    return {"query": {"name": name}, "items": query.lookup(conn, name, limit=limit)}


@router.get("/entities/{entity_id}", summary="What X said, what was said about X, who X accuses and is accused by")
def entity(
    conn: Conn,
    entity_id: EntityId,
    stance: Annotated[str | None, Query(max_length=20)] = None,
    limit: Limit = DEFAULT_LIMIT,
    said_offset: Offset = 0,
    about_offset: Offset = 0,
    articles_offset: Offset = 0,
) -> dict[str, Any]:
    return found(
        query.entity(
            conn,
            entity_id,
            stance=stance or None,
            limit=limit,
            said_offset=said_offset,
            about_offset=about_offset,
            articles_offset=articles_offset,
        ),
        "entity",
    )


@router.get("/network", summary="Who accuses whom: speaker -> target edges by stance, weighted by count")
def network(
    conn: Conn,
    f: Filtered,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Limit = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    return query.network(
        conn,
        date_from=f.date_from,
        date_to=f.date_to,
        publisher=f.publisher,
        stance=f.stance,
        entity=f.entity,
        min_weight=min_weight,
        limit=limit,
        offset=offset,
    )


@router.get("/timeline", summary="Attributions per day/week/month for an entity or a search")
def timeline(
    conn: Conn,
    f: Filtered,
    q: Annotated[str | None, Query(max_length=500)] = None,
    role: Annotated[str, Query(pattern="^(said|about)$")] = "said",
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
) -> dict[str, Any]:
    if not (f.entity or (q or "").strip()):
        raise HTTPException(422, "give entity= or q=")
    return query.timeline(
        conn,
        entity=f.entity,
        role=role,
        q=q,
        interval=interval,
        date_from=f.date_from,
        date_to=f.date_to,
        publisher=f.publisher,
    )


@router.get("/publishers", summary="Publishers, most articles first")
def publishers(conn: Conn, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    return query.publishers(conn, limit=limit, offset=offset)


@router.get("/publishers/{domain}", summary="A publisher: its articles, the copies it carries and from whom")
def publisher(
    conn: Conn,
    domain: Annotated[str, Path(max_length=200)],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    copies_offset: Offset = 0,
) -> dict[str, Any]:
    return found(query.publisher(conn, domain, limit=limit, offset=offset, copies_offset=copies_offset), "publisher")
