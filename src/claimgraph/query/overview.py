"""The landing page's numbers: table counts, the newest articles and the busiest publishers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..store import schema as s
from ..store.query import status
from ..vocab import STANCES
from .common import article_brief
from .publisher import publishers


def overview(conn: Connection, recent: int = 10) -> dict[str, Any]:
    """Counts of every main table, the ``recent`` newest articles and the top publishers."""
    a = s.articles
    rows = conn.execute(
        select(a.c.document_id, a.c.title, a.c.published, a.c.url, a.c.publisher_id)
        .order_by(a.c.published.desc(), a.c.document_id)
        .limit(recent)
    ).all()
    return {
        "counts": status(conn),
        "recent": [article_brief(r) for r in rows],
        "publishers": publishers(conn, limit=10)["items"],
        "stances": list(STANCES),
    }
