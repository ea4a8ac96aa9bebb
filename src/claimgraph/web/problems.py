"""What a refused request is told: which parameter was wrong and what it takes, as JSON or as an HTML page.

Under ``/api`` (and the docs and static files) a refusal is JSON: FastAPI's ``detail`` list, each item
with the ``parameter`` it concerns and what is ``expected``, plus one ``message`` a person can read.
Every other path is a page a person is looking at, so it answers with an HTML page saying the same
(never a raw JSON body in the browser). A refused value is echoed at most ``ECHO`` characters long: a
10,000-character query is not printed back whole.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from .pages import env

ECHO = 80
JSON_PATHS = ("/api/", "/openapi", "/docs", "/redoc", "/static/")
_CHOICES = re.compile(r"^\^\(\|?([\w|-]+)\)\$$")  # a Query pattern that lists its values: ^(all|article|quote)$
TITLES = {404: "Not found", 405: "Not allowed", 413: "Too large", 422: "A parameter is not valid"}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith(JSON_PATHS)


def _shorten(value: Any) -> Any:
    """A refused value as it may be echoed: scalars as they are, text cut to ``ECHO`` characters, else None."""
    if isinstance(value, str):
        return value if len(value) <= ECHO else value[:ECHO] + f"… ({len(value):,} characters)"
    return value if isinstance(value, int | float | bool) else None


def _expected(kind: str, ctx: dict[str, Any]) -> str:
    """What the parameter takes, in words, from the pydantic error type and its context."""
    if "expected" in ctx and kind == "value_error":
        return str(ctx["expected"])
    if kind == "string_pattern_mismatch":
        choices = _CHOICES.match(str(ctx.get("pattern", "")))
        return "one of " + ", ".join(choices.group(1).split("|")) if choices else f"text matching {ctx.get('pattern')}"
    bounds = {
        "string_too_long": f"at most {ctx.get('max_length')} characters",
        "string_too_short": f"at least {ctx.get('min_length')} characters",
        "greater_than_equal": f"a number of at least {ctx.get('ge')}",
        "less_than_equal": f"a number of at most {ctx.get('le')}",
        "greater_than": f"a number above {ctx.get('gt')}",
        "less_than": f"a number below {ctx.get('lt')}",
        "int_parsing": "a whole number",
        "bool_parsing": "yes or no (true or false)",
        "missing": "a value: it is required",
        "json_invalid": "a valid JSON body",
    }
    return bounds.get(kind, "")


def _problem(kind: str, msg: str, value: Any, ctx: dict[str, Any]) -> str:
    if kind == "string_too_long" and isinstance(value, str):
        return f"is {len(value):,} characters long"
    fixed = {"missing": "is missing", "int_parsing": "is not a whole number", "bool_parsing": "is not yes or no"}
    if kind == "string_pattern_mismatch" and _CHOICES.match(str(ctx.get("pattern", ""))):
        return "is not one of the values it takes"
    return fixed.get(kind) or msg[:1].lower() + msg[1:]


def describe(error: dict[str, Any]) -> dict[str, Any]:
    """One validation error as ``{"parameter", "in", "problem", "expected", "given"}``."""
    loc = [str(x) for x in error.get("loc") or ()]
    kind, value = str(error.get("type", "")), error.get("input")
    return {
        "parameter": ".".join(loc[1:]) or (loc[0] if loc else "request"),
        "in": loc[0] if loc else None,
        "problem": _problem(kind, str(error.get("msg", "")), value, error.get("ctx") or {}),
        "expected": _expected(kind, error.get("ctx") or {}),
        "given": _shorten(value) if kind != "missing" else None,
    }


def sentence(p: dict[str, Any]) -> str:
    """``date_from is not a day (given "2015-13-45"); expected a day as YYYY-MM-DD, e.g. 2015-01-03``."""
    given = f' (given "{p["given"]}")' if p["given"] is not None else ""
    expected = f"; expected {p['expected']}" if p["expected"] else ""
    return f"{p['parameter']} {p['problem']}{given}{expected}"


def _without(request: Request, names: set[str]) -> str:
    """The current URL with the refused query parameters left out: the page as it can be shown."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in names]
    return request.url.path + (f"?{urlencode(params)}" if params else "")


def _page(request: Request, status: int, message: str, problems: list[dict[str, Any]]) -> HTMLResponse:
    retry = _without(request, {p["parameter"] for p in problems if p["in"] == "query"}) if problems else None
    html = env.get_template("error.html").render(
        title=TITLES.get(status, f"Error {status}"), status=status, message=message, problems=problems, retry=retry
    )
    return HTMLResponse(html, status_code=status)


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    """422: each bad parameter named, with what it takes."""
    problems = [describe(e) for e in exc.errors()]
    message = "; ".join(sentence(p) for p in problems)
    if not wants_json(request):
        return _page(request, 422, message, problems)
    detail = [
        {"type": e.get("type"), "loc": list(e.get("loc") or ()), "msg": e.get("msg"), "input": p["given"],
         "parameter": p["parameter"], "expected": p["expected"]}
        for e, p in zip(exc.errors(), problems, strict=True)
    ]  # fmt: skip
    return JSONResponse({"detail": detail, "message": message}, status_code=422)


async def http_error(request: Request, exc: HTTPException) -> Response:
    """404 and the like: FastAPI's JSON under /api, a page elsewhere."""
    if wants_json(request):
        return await http_exception_handler(request, exc)
    detail = exc.detail if isinstance(exc.detail, str) else "the request could not be answered"
    return _page(request, exc.status_code, detail, [])


async def bad_request(request: Request, exc: Exception) -> Response:
    """400 for a ``ClaimgraphError`` or ``ValueError`` a query raised on purpose."""
    if wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return _page(request, 400, str(exc), [])
