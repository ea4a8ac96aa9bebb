"""Pieces every query shares: pagination, filters on articles, and the few dialect differences.

Every list the query layer returns is a ``page``: ``{"items", "total", "limit", "offset",
"next_offset"}``, so the CLI, the API and the HTML pages paginate the same way and no endpoint can
be asked for an unbounded result. All SQL is built with SQLAlchemy Core or ``text()`` with bound
parameters; nothing a user types is ever pasted into a statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

DEFAULT_LIMIT = 20
MAX_LIMIT = 500


def clamp(limit: int | None, offset: int | None, default: int = DEFAULT_LIMIT) -> tuple[int, int]:
    """A limit in 1..MAX_LIMIT and a non-negative offset, whatever the caller asked for."""
    lim = default if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return lim, max(0, int(offset or 0))


def page(items: list[Any], total: int | None, limit: int, offset: int) -> dict[str, Any]:
    """The one pagination envelope; ``next_offset`` is None on the last page."""
    more = (offset + len(items) < total) if total is not None else len(items) == limit
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + len(items) if more and items else None,
    }


@dataclass(slots=True, frozen=True)
class ArticleFilter:
    """Restrictions on which articles count: a date range, a publisher, an entity they mention."""

    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive (the whole day)
    publisher: str | None = None  # publishers.id (usually the domain)
    entity: str | None = None  # KB entity id the article mentions


def entity_names(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    """``{id: {"id", "name", "type"}}`` for KB entity ids (unknown ids, e.g. a free-text via, are left out)."""
    out: dict[str, dict[str, Any]] = {}
    wanted = sorted(i for i in ids if i)
    for chunk in range(0, len(wanted), 500):
        for id_, name, type_ in conn.execute(_NAMES, {"ids": wanted[chunk : chunk + 500]}):
            out[id_] = {"id": id_, "name": name, "type": type_}
    return out


# built once: a text() statement's cache key is its string, so no expression tree is walked per call
_NAMES = text("SELECT id, name, type FROM entities WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))


def ref(names: dict[str, dict[str, Any]], value: str) -> dict[str, Any]:
    """An entity reference for a KB id, or a bare name for text that is not a KB entity."""
    return names.get(value) or {"id": None, "name": value, "type": None}


def date_range(column: str, date_from: str | None, date_to: str | None, params: dict[str, Any]) -> list[str]:
    """SQL conditions keeping ``column`` (an ISO date or datetime) within a day range, both days included."""
    conditions = []
    if date_from:
        conditions.append(f"{column} >= :date_from")
        params["date_from"] = date_from[:10]
    if date_to:
        conditions.append(f"{column} < :date_to")
        params["date_to"] = date_to[:10] + "\uffff"  # any time on the last day sorts below this
    return conditions


def article_conditions(
    date_from: str | None, date_to: str | None, publisher: str | None, params: dict[str, Any]
) -> list[str]:
    """SQL conditions on ``articles a`` for a date range (inclusive, by day) and a publisher; fills ``params``."""
    conditions = date_range("a.published", date_from, date_to, params)
    if publisher:
        conditions.append("a.publisher_id = :publisher")
        params["publisher"] = publisher.lower()
    return conditions


def article_brief(r: Any) -> dict[str, Any]:
    """An article as lists name it: ``document_id`` plus the ``Article`` fields a list shows, and the KB's
    ``publisher_id`` (the key of ``/publishers/{id}``; ``Article.publisher`` is the publisher's name)."""
    get = r.get if isinstance(r, dict) else r._mapping.get
    return {
        "document_id": get("document_id"),
        "title": get("title"),
        "published": get("published"),
        "url": get("url"),
        "publisher_id": get("publisher_id"),
    }
