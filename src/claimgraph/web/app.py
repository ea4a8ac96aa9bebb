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

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import ClaimgraphError
from . import analyze, api, pages, problems
from .limits import DEFAULT_MAX_BODY, BodyLimit

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass(slots=True)
class Settings:
    """What the operator chose: the database (for storing analyses), the API token and the body limit."""

    db: str
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY


HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    """Adds the CSP (except on /docs: Swagger UI needs its own inline script) and two other headers.

    A plain ASGI middleware: Starlette's ``@app.middleware("http")`` runs every response through an
    extra task and memory stream, which cost more than some whole queries here.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(HEADERS)
        if not scope["path"].startswith(("/docs", "/redoc")):
            extra.append((b"content-security-policy", CSP.encode()))
        names = {k for k, _ in extra}

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": headers + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(engine: Engine, settings: Settings) -> Any:
    """The ASGI app (FastAPI wrapped in the body-size limit)."""
    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Who claims what, about whom, on whose word. Every page has a JSON twin under /api.",
        docs_url=None,  # served below from the vendored Swagger UI: nothing is fetched from a CDN
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(analyze.router)
    app.include_router(pages.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="claimgraph API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    app.add_middleware(SecurityHeaders)

    # a refusal says what was wrong: JSON under /api, an HTML page where a person is reading (problems.py)
    app.add_exception_handler(RequestValidationError, problems.validation_error)
    app.add_exception_handler(HTTPException, problems.http_error)
    app.add_exception_handler(ClaimgraphError, problems.bad_request)
    app.add_exception_handler(ValueError, problems.bad_request)

    return BodyLimit(app, settings.max_body)


def app_from_env() -> Any:
    """The app for ``claimgraph serve --workers N``: each uvicorn worker process builds its own from the
    environment the parent set (``CLAIMGRAPH_SERVE_DB``, ``CLAIMGRAPH_API_TOKEN``, ``CLAIMGRAPH_SERVE_MAX_BODY``)."""
    from ..config import serve_env
    from ..query import open_db

    db, token, max_body = serve_env()
    settings = Settings(db=db, token=token, max_body=max_body or DEFAULT_MAX_BODY)
    return create_app(open_db(db), settings)
