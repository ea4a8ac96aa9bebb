"""The FastAPI application: JSON API, server-rendered pages and static files over one query layer.

``create_app`` takes an already opened, read-only engine so tests, the CLI and the benchmark build
the app the same way. Writing is possible through one door only: ``POST /api/analyze`` with
``store=true``, and only when the operator configured a token. Every response carries headers that
stop the browser running anything the page did not ship itself (CSP without inline scripts), so
even a missed escape could not execute article text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from .. import __version__
from ..errors import ClaimgraphError
from ..query.targets import target_rowids
from .limits import DEFAULT_MAX_BODY, BodyLimit

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@dataclass(slots=True)
class Settings:
    """What the operator chose: the database (for storing analyses), the API token and the body limit."""

    db: str
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY


def create_app(engine: Engine, settings: Settings) -> Any:
    """The ASGI app (FastAPI wrapped in the body-size limit)."""
    from . import analyze, api, pages

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Who claims what, about whom, on whose word. Every page has a JSON twin under /api.",
        docs_url=None,  # served below from the vendored Swagger UI: nothing is fetched from a CDN
        redoc_url=None,
    )
    app.state.engine = engine
    with engine.connect() as conn:  # build the target index now, not during the first visitor's request
        target_rowids(conn, "")
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(analyze.router)
    app.include_router(pages.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="claimgraph API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js", swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        if not request.url.path.startswith(("/docs", "/redoc")):  # Swagger UI needs its own inline script
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(_request: Request, exc: ClaimgraphError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return BodyLimit(app, settings.max_body)
