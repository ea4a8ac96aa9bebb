"""One handler per page: the single query call behind an HTML page and its JSON twin.

Each function here is a FastAPI dependency that declares the page's parameters (names, limits,
defaults) once and makes the page's one query call. ``api.py`` serves its return value as JSON under
``/api``; ``pages.py`` renders the same value into HTML. Neither adds parameters or defaults of its own,
so a page and its twin cannot disagree (the network's 90-day window, for one, is in ``query.network``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query

from .. import query
from ..query.network import DEFAULT_EDGES, RECENT_DAYS
from .deps import Conn, Filtered, Limit, Offset, Stance, bad_parameter
from .public import file_name, without_local_paths

PAGE_LIMIT = 10  # items per list on the search and entity pages, HTML and JSON alike (a card costs render time)
PUBLISHERS_LIMIT = 50

DocId = Annotated[str, Path(max_length=100, description="document id, e.g. sha256:…")]
EntityId = Annotated[str, Path(max_length=40, description="KB entity id, e.g. E2129c423a3a06643")]
Domain = Annotated[str, Path(max_length=200, description="publisher domain (publishers.id)")]
ClaimId = Annotated[str, Path(max_length=40, description="claim cluster id, e.g. claim:0123456789abcdef")]
Words = Annotated[str, Query(max_length=500, description='words, "phrases", OR')]
Kind = Annotated[str, Query(pattern="^(all|article|quote)$", description="all | article | quote")]
MinWeight = Annotated[int, Query(ge=1, le=1_000_000, description="edges with at least this many statements")]
Days = Annotated[
    int,
    Query(ge=0, le=100_000, description="with no date, publisher or entity filter: the N days up to the newest "
          "article (0: the whole knowledge base)"),
]  # fmt: skip
Undated = Annotated[
    bool | None,
    Query(description="also count statements of undated articles (default: only when no days bound the view)"),
]
Role = Annotated[str, Query(pattern="^(said|about)$", description="said (X speaks) | about (X is targeted)")]
Interval = Annotated[str, Query(pattern="^(day|week|month)$")]


def found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """``value``, or a 404 naming what was not found."""
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


def overview(conn: Conn) -> dict[str, Any]:
    return query.overview(conn)


def search(
    conn: Conn, f: Filtered, q: Words = "", kind: Kind = "all", limit: Limit = PAGE_LIMIT, offset: Offset = 0
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


def article(conn: Conn, document_id: DocId) -> dict[str, Any]:
    return without_local_paths(found(query.article(conn, document_id), "article"))  # a file name, not a path


def entities(conn: Conn, name: Annotated[str, Query(max_length=200)] = "", limit: Limit = 50) -> dict[str, Any]:
    return {"query": {"name": name}, "items": query.lookup(conn, name, limit=limit)}


def entity(
    conn: Conn,
    entity_id: EntityId,
    stance: Stance = None,
    limit: Limit = PAGE_LIMIT,
    said_offset: Offset = 0,
    about_offset: Offset = 0,
    articles_offset: Offset = 0,
) -> dict[str, Any]:
    data = query.entity(
        conn,
        entity_id,
        stance=stance or None,
        limit=limit,
        said_offset=said_offset,
        about_offset=about_offset,
        articles_offset=articles_offset,
    )
    return found(data, "entity")


def network(
    conn: Conn,
    f: Filtered,
    min_weight: MinWeight = 1,
    recent_days: Days = RECENT_DAYS,
    undated: Undated = None,
    limit: Limit = DEFAULT_EDGES,
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
        recent_days=recent_days,
        undated=undated,
        limit=limit,
        offset=offset,
    )


def timeline(
    conn: Conn,
    f: Filtered,
    q: Annotated[str | None, Query(max_length=500)] = None,
    role: Role = "said",
    interval: Interval = "week",
) -> dict[str, Any]:
    if not (f.entity or (q or "").strip()):
        raise bad_parameter("q", q, "is missing, and so is entity", "entity=<KB entity id> or q=<words>")
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


def publishers(conn: Conn, limit: Limit = PUBLISHERS_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    return query.publishers(conn, limit=limit, offset=offset)


def publisher(
    conn: Conn, domain: Domain, limit: Limit = query.common.DEFAULT_LIMIT, offset: Offset = 0, copies_offset: Offset = 0
) -> dict[str, Any]:
    data = found(query.publisher(conn, domain, limit=limit, offset=offset, copies_offset=copies_offset), "publisher")
    if data["publisher"]["rating"]:  # the ratings file's name, not where it lay on the ingesting machine
        data["publisher"]["rating"]["source"] = file_name(data["publisher"]["rating"]["source"])
    return data


def claim(conn: Conn, claim_id: ClaimId) -> dict[str, Any]:
    from ..query.claims import claim_page

    return found(claim_page(conn, claim_id), "claim")


def world_map(conn: Conn) -> dict[str, Any]:
    return query.map_places(conn)


@dataclass(frozen=True, slots=True)
class Page:
    """A page: its HTML path, its JSON twin's path, its template and its one handler."""

    path: str
    api: str
    template: str
    handler: Callable[..., dict[str, Any]]
    summary: str


PAGES = (
    Page("/", "/api/overview", "index.html", overview, "Counts, newest articles, busiest publishers"),
    Page("/search", "/api/search", "search.html", search, "Full-text search over article bodies and quotes"),
    Page(
        "/articles/{document_id}",
        "/api/articles/{document_id}",
        "article.html",
        article,
        "One article: its claimgraph/1 record plus what the knowledge base adds (highlight spans, copies)",
    ),
    Page("/entities", "/api/entities", "entities.html", entities, "Find entities by the start of a name or alias"),
    Page(
        "/entities/{entity_id}",
        "/api/entities/{entity_id}",
        "entity.html",
        entity,
        "What X said, what was said about X, who X accuses and is accused by",
    ),
    Page("/network", "/api/network", "network.html", network, "Who accuses whom: speaker -> target edges by stance"),
    Page("/map", "/api/map", "map.html", world_map, "Places resolved to GeoNames, with mention and event counts"),
    Page("/timeline", "/api/timeline", "timeline.html", timeline, "Attributions per day/week/month"),
    Page("/publishers", "/api/publishers", "publishers.html", publishers, "Publishers, most articles first"),
    Page(
        "/publishers/{domain:path}",  # a publisher known by name only may have a "/" in its id
        "/api/publishers/{domain:path}",
        "publisher.html",
        publisher,
        "A publisher: its articles, the copies it carries and from whom",
    ),
    Page(
        "/claims/{claim_id}",
        "/api/claims/{claim_id}",
        "claim.html",
        claim,
        "One claim across outlets: first appearance, every repeat by date and outlet, what each changed",
    ),
)
