"""Server-rendered HTML pages, each the twin of an ``/api`` route and built from the same handler's value.

The routes are made from ``views.PAGES``: a page gets its data from the handler its JSON twin serves,
and only formats it here (``CONTEXT``: the names a template uses, the highlighted body). No page
needs JavaScript except the network drawing (which also lists its edges as a table). Templates
autoescape everything; the article body and search snippets are assembled by ``highlight.py`` from
offsets with every piece of text escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..vocab import STANCES
from .cards import attribution_card, claim_words, content_html, speaker_link
from .highlight import highlight, marked
from .views import PAGE_LIMIT, PAGES, Page
from .worldmap import HEIGHT, WIDTH, country_paths, place_marks

TEMPLATES = Path(__file__).parent / "templates"
LEGEND = (*STANCES, "unknown")  # every stance an edge can carry: vocab's, and "unknown" for none
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)  # no stat() of templates per request
env.globals.update(marked=marked, stances=STANCES, speaker_link=speaker_link)
env.globals.update(attribution_card=attribution_card, content_html=content_html, claim_words=claim_words)
env.filters["u"] = lambda value: quote(str(value), safe=":")  # ids and domains inside a URL path

__all__ = ["PAGE_LIMIT", "router"]


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


def twin_url(request: Request, page: Page) -> str:
    """The JSON twin of this very request: the page's API path, the same path and query parameters."""
    values = {k: quote(str(v), safe=":") for k, v in request.path_params.items()}
    path = PATH_PARAM.sub(lambda m: values[m.group(1)], page.api)  # "{domain:path}" too
    qs = request.url.query
    return path + (f"?{qs}" if qs else "")


def search_context(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    q = data["query"]
    return {"data": data, "q": q["q"], "f": q, "kind": q["kind"], "named": data["entity_matches"]}


def article_context(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    art = data["article"]
    body = highlight(art["body"], data["spans"], art["paragraphs"] or [[0, len(art["body"])]], art["headings"])
    return {"a": data, "body": body}


def network_context(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    q = data["query"]
    window = q["window"]
    weights: dict[str, int] = {}
    for edge in data["edges"]["items"]:
        weights[edge["stance"]] = weights.get(edge["stance"], 0) + edge["weight"]
    return {
        "data": data,
        "f": {**q, **(window or {})},  # the form shows the days the edges cover
        "names": {n["id"]: n["name"] for n in data["nodes"]},
        "min_weight": q["min_weight"],
        "window": window,
        "shown": data["shown"],
        "legend": LEGEND,  # the drawing colours by this same list (network.js reads it from the page)
        "weights": weights,
    }


CONTEXT: dict[str, Callable[[Request, dict[str, Any]], dict[str, Any]]] = {
    "search.html": search_context,
    "article.html": article_context,
    "entities.html": lambda request, data: {"name": data["query"]["name"], "items": data["items"]},
    "entity.html": lambda request, data: {
        "d": data,
        "e": data["entity"],
        "stance": request.query_params.get("stance") or None,
    },
    "network.html": network_context,
    "timeline.html": lambda request, data: {"data": data, "who": data["entity"]},
    "publisher.html": lambda request, data: {"d": data},
    "map.html": lambda request, data: {
        "data": data,
        "countries": country_paths(),
        "marks": place_marks(data["places"]),
        "width": WIDTH,
        "height": HEIGHT,
    },  # fmt: skip
}


def html_route(page: Page) -> Callable[..., HTMLResponse]:
    """The route function of ``page``: its handler's value rendered with the page's template."""
    context = CONTEXT.get(page.template, lambda request, data: {"data": data})

    def route(request: Request, data: dict[str, Any] = Depends(page.handler)) -> HTMLResponse:  # noqa: B008
        html = env.get_template(page.template).render(
            request=request,
            url_with=lambda *a, **k: url_with(request, *a, **k),
            json_url=twin_url(request, page),
            **context(request, data),
        )
        return HTMLResponse(html)

    route.__name__ = route.__qualname__ = f"page_{page.handler.__name__}"
    return route


for _page in PAGES:
    router.add_api_route(_page.path, html_route(_page), methods=["GET"], response_class=HTMLResponse)
