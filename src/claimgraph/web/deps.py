"""Request-scoped dependencies shared by the API and the pages: one connection per request.

Shared query parameters are declared once here (``Filters``) so ``/search`` and ``/api/search``
(and the network and timeline twins) accept exactly the same names and limits. A value that is not
valid is refused (``bad_parameter``), never silently ignored: ``date_from=2015-13-45`` is not a day,
and a stance outside ``vocab.STANCES`` would only ever match nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Connection

from ..query.common import DEFAULT_LIMIT, MAX_LIMIT
from ..vocab import STANCES

ISO_DAY = r"\d{4}-\d{2}-\d{2}"
DAY_EXPECTED = "a day as YYYY-MM-DD, e.g. 2015-01-03"
STANCE_VALUES = (*STANCES, "unknown")  # "unknown": attributions the stage gave no stance (the entity page's filter)
STANCE_PATTERN = "^(|" + "|".join(STANCE_VALUES) + ")$"  # "" is an empty form field: no filter


def connection(request: Request) -> Iterator[Connection]:
    """A read-only connection for the length of one request."""
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Stance = Annotated[
    str | None, Query(max_length=20, pattern=STANCE_PATTERN, description="one of " + ", ".join(STANCE_VALUES))
]


def bad_parameter(name: str, value: Any, problem: str, expected: str) -> RequestValidationError:
    """The error for one query parameter, in FastAPI's own shape, so every refusal is reported alike."""
    error = {"type": "value_error", "loc": ("query", name), "msg": problem, "input": value}
    return RequestValidationError([{**error, "ctx": {"expected": expected}}])


@dataclass(slots=True)
class Filters:
    """Filters shared by search, network and timeline: dates (inclusive, YYYY-MM-DD), publisher, entity, stance."""

    date_from: str | None
    date_to: str | None
    publisher: str | None
    entity: str | None
    stance: str | None


def _day(value: str | None, name: str) -> str | None:
    """A real YYYY-MM-DD day or None; an empty form field counts as absent (HTML forms send ``?date_from=``)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value) if re.fullmatch(ISO_DAY, value) else None  # not 20150103 or 2015-W01-1
    except ValueError:  # 2015-13-45 has the shape of a day but is none
        day = None
    if day is None:
        raise bad_parameter(name, value, "is not a day", DAY_EXPECTED)
    return value


def filters(
    date_from: Annotated[str | None, Query(max_length=10, description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="last day, YYYY-MM-DD")] = None,
    publisher: Annotated[str | None, Query(max_length=200, description="publisher domain")] = None,
    entity: Annotated[str | None, Query(max_length=40, description="KB entity id")] = None,
    stance: Stance = None,
) -> Filters:
    first, last = _day(date_from, "date_from"), _day(date_to, "date_to")
    if first and last and last < first:
        raise bad_parameter("date_to", last, f"is before date_from ({first})", f"a day on or after {first}")
    return Filters(first, last, publisher or None, entity or None, stance or None)


Filtered = Annotated[Filters, Depends(filters)]
__all__ = ["DEFAULT_LIMIT", "Conn", "Filtered", "Filters", "Limit", "Offset", "Stance", "bad_parameter", "connection"]
