"""Server-rendered HTML pages, each the twin of an ``/api`` route and built from the same query call.

No page needs JavaScript except the network drawing (which also lists its edges as a table).
Templates autoescape everything; the article body and search snippets are assembled by
``highlight.py`` from offsets with every piece of text escaped.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import query
from ..query.common import entity_names
from ..vocab import STANCES
from .app import HERE
from .cards import attribution_card
from .deps import DEFAULT_LIMIT, Conn, Filtered, Filters, Limit, Offset
from .highlight import highlight, marked

PAGE_LIMIT = 10  # cards per list on the HTML search and entity pages (the JSON twins keep DEFAULT_LIMIT)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)  # no stat() of templates per request
env.globals.update(marked=marked, stances=STANCES, attribution_card=attribution_card)
env.filters["u"] = lambda value: quote(str(value), safe=":")  # ids and domains inside a URL path


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL (or ``path``) with some query parameters changed; None or '' removes one."""
    params = {k: v for k, v in request.query_params.items() if v != ""}
    for key, value in changes.items():
        if value is None or value == "" or value == 0 and key.endswith("offset"):
            params.pop(key, None)
        else:
            params[key] = str(value)
    qs = urlencode(params)
    return (path or request.url.path) + (f"?{qs}" if qs else "")


def render(
    request: Request, template: str, api: str, exact_api: bool = False, paged: bool = False, **context: Any
) -> HTMLResponse:
    """Render ``template`` with the page's JSON twin URL (same query string under /api, unless ``exact_api``;
    a ``paged`` page that used its own default limit says so in the twin's URL, so both list the same items)."""
    qs = request.url.query
    if paged and "limit" not in request.query_params:
        qs = f"{qs}&limit={PAGE_LIMIT}" if qs else f"limit={PAGE_LIMIT}"
    json_url = api if exact_api else api + (f"?{qs}" if qs else "")
    html = env.get_template(template).render(
        request=request, url_with=lambda *a, **k: url_with(request, *a, **k), json_url=json_url, **context
    )
    return HTMLResponse(html)


def found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/")
def index(request: Request, conn: Conn) -> HTMLResponse:
    return render(request, "index.html", "/api/overview", data=query.overview(conn))


@router.get("/search")
def search(
    request: Request,
    conn: Conn,
    f: Filtered,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Annotated[str, Query(pattern="^(all|article|quote)$")] = "all",
    limit: Limit = PAGE_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    data = query.search(
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
    named = query.lookup(conn, q, limit=8) if q.strip() and offset == 0 else []
    return render(request, "search.html", "/api/search", paged=True, data=data, q=q, f=f, kind=kind, named=named)


@router.get("/articles/{document_id}")
def article(request: Request, conn: Conn, document_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    data = found(query.article(conn, document_id), "article")
    body = highlight(data["body"], data["spans"], data["paragraphs"], data["headings"])
    return render(request, "article.html", f"/api/articles/{document_id}", a=data, body=body)


@router.get("/entities")
def entities(request: Request, conn: Conn, name: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    items = query.lookup(conn, name, limit=50) if name.strip() else []
    return render(request, "entities.html", "/api/entities", name=name, items=items)


@router.get("/entities/{entity_id}")
def entity(
    request: Request,
    conn: Conn,
    entity_id: Annotated[str, Path(max_length=40)],
    stance: Annotated[str | None, Query(max_length=20)] = None,
    limit: Limit = PAGE_LIMIT,
    said_offset: Offset = 0,
    about_offset: Offset = 0,
    articles_offset: Offset = 0,
) -> HTMLResponse:
    data = found(
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
    return render(
        request, "entity.html", f"/api/entities/{entity_id}", paged=True, d=data, e=data["entity"], stance=stance
    )


@router.get("/network")
def network(
    request: Request,
    conn: Conn,
    f: Filtered,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Limit = 200,
    offset: Offset = 0,
) -> HTMLResponse:
    window = None
    if not (f.date_from or f.date_to or f.publisher or f.entity):
        window = recent_window(conn)  # the whole KB's graph takes seconds to gather at 10⁵ articles
        if window:
            f = Filters(window[0], window[1], None, None, f.stance)
    data = query.network(
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
    names = {n["id"]: n["name"] for n in data["nodes"]}
    api = "/api/network"
    if window:
        api += "?" + urlencode(
            {k: v for k, v in {**request.query_params, "date_from": window[0], "date_to": window[1]}.items() if v}
        )
    return render(
        request,
        "network.html",
        api,
        data=data,
        f=f,
        names=names,
        min_weight=min_weight,
        window=window,
        exact_api=bool(window),
    )


NETWORK_DAYS = 90


def recent_window(conn: Any) -> tuple[str, str] | None:
    """(first, last) day of the NETWORK_DAYS up to the newest dated article, or None for an undated KB."""
    from datetime import date, timedelta

    from sqlalchemy import func, select

    from ..store import schema as s

    newest = conn.execute(select(func.max(s.articles.c.published))).scalar()
    try:
        last = date.fromisoformat((newest or "")[:10])
    except ValueError:
        return None
    return (last - timedelta(days=NETWORK_DAYS - 1)).isoformat(), last.isoformat()


@router.get("/timeline")
def timeline(
    request: Request,
    conn: Conn,
    f: Filtered,
    q: Annotated[str | None, Query(max_length=500)] = None,
    role: Annotated[str, Query(pattern="^(said|about)$")] = "said",
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
) -> HTMLResponse:
    if not (f.entity or (q or "").strip()):
        raise HTTPException(422, "give entity= or q=")
    data = query.timeline(
        conn,
        entity=f.entity,
        role=role,
        q=q,
        interval=interval,
        date_from=f.date_from,
        date_to=f.date_to,
        publisher=f.publisher,
    )
    who = entity_names(conn, {f.entity}).get(f.entity) if f.entity else None
    return render(request, "timeline.html", "/api/timeline", data=data, who=who)


@router.get("/publishers")
def publishers(request: Request, conn: Conn, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return render(
        request, "publishers.html", "/api/publishers", data=query.publishers(conn, limit=limit, offset=offset)
    )


@router.get("/publishers/{domain}")
def publisher(
    request: Request,
    conn: Conn,
    domain: Annotated[str, Path(max_length=200)],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    copies_offset: Offset = 0,
) -> HTMLResponse:
    data = found(query.publisher(conn, domain, limit=limit, offset=offset, copies_offset=copies_offset), "publisher")
    return render(request, "publisher.html", f"/api/publishers/{domain}", d=data)
