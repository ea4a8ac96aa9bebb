"""The JSON API: ``/api/...``, one route per page, returning exactly what the page's handler returns.

These are the JSON twins of the HTML pages (``/search`` <-> ``/api/search`` ...), so a fact-checker
can hand a script the same URL they were looking at with ``/api`` in front. The routes are made from
``views.PAGES``: a twin has the page's parameters and defaults because it has the page's handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends

from .views import PAGES, Page

router = APIRouter(tags=["query"])


def json_route(page: Page) -> Callable[..., dict[str, Any]]:
    """The route function of ``page``'s twin: the handler's value, as JSON."""

    # the dependency as a default value: a string annotation naming ``page`` could not be resolved later
    def route(data: dict[str, Any] = Depends(page.handler)) -> dict[str, Any]:  # noqa: B008
        return data

    route.__name__ = route.__qualname__ = f"api_{page.handler.__name__}"
    route.__doc__ = page.handler.__doc__
    return route


for _page in PAGES:
    router.add_api_route(_page.api, json_route(_page), methods=["GET"], summary=_page.summary)
