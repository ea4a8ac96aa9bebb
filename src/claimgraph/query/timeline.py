"""Attributions per day or week, for an entity (what it said, or what was said about it) or a search.

The database groups by calendar day (the first ten characters of ``published``, the same on both
backends); weeks (ISO, starting Monday) are folded from days in Python, so no date function differs
between SQLite and PostgreSQL. Buckets with nothing in them are left out; undated articles are
counted apart, not placed on a guessed day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, text

from .common import article_conditions, entity_names
from .targets import about_where
from .terms import fts5_query, pg_query, terms

INTERVALS = ("day", "week", "month")
MAX_BUCKETS = 2000


def bucket(day: str, interval: str) -> str:
    """The bucket label of an ISO day: the day itself, its week's Monday, or 'YYYY-MM'."""
    if interval == "month":
        return day[:7]
    if interval == "week":
        try:
            d = date.fromisoformat(day)
        except ValueError:
            return day
        return (d - timedelta(days=d.weekday())).isoformat()
    return day


def timeline(
    conn: Connection,
    *,
    entity: str | None = None,
    role: str = "said",
    q: str | None = None,
    interval: str = "week",
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
) -> dict[str, Any]:
    """``{"buckets": [{"period", "count", "stances": {...}}], "undated", "query", "entity"}``, oldest bucket first.

    ``entity`` is the KB entity's reference (id, name, type) when one was given, so a view can name it."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS}")
    if role not in ("said", "about"):
        raise ValueError("role must be 'said' or 'about'")
    where: list[str] = []
    params: dict[str, Any] = {}
    source = "attributions t JOIN articles a ON a.document_id = t.document_id"
    if entity:
        params["x"] = entity
        if role == "said":
            where.append("t.speaker_entity_id = :x")
        elif not terms(q or ""):  # the target rows of X carry the stance; start from them
            source = "attribution_targets t JOIN articles a ON a.document_id = t.document_id"
            where.append("t.entity_id = :x AND (t.speaker_entity_id IS NULL OR t.speaker_entity_id != :x)")
        else:
            clause, extra = about_where(entity)
            where.append(clause)
            params.update(extra)
    groups = terms(q or "")
    if groups:
        if conn.dialect.name == "postgresql":
            where.append("t.tsv @@ websearch_to_tsquery('english', :q)")
            params["q"] = pg_query(groups)
        else:
            source = (
                "quotes_fts f JOIN attributions t ON t.document_id = f.document_id AND t.local_id = f.local_id "
                "JOIN articles a ON a.document_id = t.document_id"
            )
            where.append("quotes_fts MATCH :q")
            params["q"] = fts5_query(groups)
    if not where:
        raise ValueError("a timeline needs an entity or a search query")
    where += article_conditions(date_from, date_to, publisher, params)
    rows = conn.execute(
        text(
            f"SELECT substr(a.published, 1, 10) AS day, t.stance AS stance, count(*) AS n FROM {source} "
            f"WHERE {' AND '.join(where)} GROUP BY substr(a.published, 1, 10), t.stance"
        ),
        params,
    ).all()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated = 0
    for r in rows:
        if not r.day:
            undated += r.n
            continue
        counts[bucket(r.day, interval)][r.stance or "unknown"] += r.n
    buckets = [
        {"period": k, "count": sum(v.values()), "stances": dict(sorted(v.items()))} for k, v in sorted(counts.items())
    ][-MAX_BUCKETS:]
    query = {
        "entity": entity,
        "role": role,
        "q": q,
        "interval": interval,
        "date_from": date_from,
        "date_to": date_to,
        "publisher": publisher,
    }
    who = entity_names(conn, {entity}).get(entity) if entity else None
    total = sum(b["count"] for b in buckets) + undated
    return {"query": query, "entity": who, "buckets": buckets, "undated": undated, "total": total}
