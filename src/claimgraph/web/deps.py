"""Request-scoped dependencies shared by the API and the pages: one connection per request.

Shared query parameters are declared once here (``Filters``) so ``/search`` and ``/api/search``
(and the network and timeline twins) accept exactly the same names and limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy import Connection

from ..query.common import DEFAULT_LIMIT, MAX_LIMIT

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def connection(request: Request) -> Iterator[Connection]:
    """A read-only connection for the length of one request."""
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]


@dataclass(slots=True)
class Filters:
    """Filters shared by search, network and timeline: dates (inclusive, YYYY-MM-DD), publisher, entity, stance."""

    date_from: str | None
    date_to: str | None
    publisher: str | None
    entity: str | None
    stance: str | None


def _day(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD day or None; an empty form field counts as absent (HTML forms send ``?date_from=``)."""
    if not value:
        return None
    if not re.fullmatch(ISO_DAY, value):
        raise HTTPException(422, f"{name} must be a day as YYYY-MM-DD")
    return value


def filters(
    date_from: Annotated[str | None, Query(max_length=10, description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="last day, YYYY-MM-DD")] = None,
    publisher: Annotated[str | None, Query(max_length=200, description="publisher domain")] = None,
    entity: Annotated[str | None, Query(max_length=40, description="KB entity id")] = None,
    stance: Annotated[str | None, Query(max_length=20, description="accuse, deny, doubt, assert ...")] = None,
) -> Filters:
    return Filters(
        _day(date_from, "date_from"), _day(date_to, "date_to"), publisher or None, entity or None, stance or None
    )


Filtered = Annotated[Filters, Depends(filters)]
__all__ = ["DEFAULT_LIMIT", "Conn", "Filtered", "Filters", "Limit", "Offset", "connection"]
