"""Read side of the knowledge base: counts, errors and full-text search, on SQLite and PostgreSQL.

Kept apart from the writer so the web/API layer can build on plain functions of a Connection.
Search takes a simple query language on both backends: words (all must match), "quoted phrases",
and ``OR`` between alternatives; SQLite ranks with FTS5's bm25, PostgreSQL with ts_rank over the
stored tsvector, and both return the same Hit shape with a short highlighted snippet.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select, text

from . import schema as s

_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


@dataclass(slots=True)
class Hit:
    """One search result: an article body or a quote (attribution content) that matched."""

    kind: str  # article | quote
    document_id: str
    title: str | None
    url: str | None
    snippet: str
    score: float
    local_id: str | None = None  # the attribution id for a quote

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def status(conn: Connection) -> dict[str, int]:
    """Row counts of the main tables (documents, articles, entities, attributions, errors, ...)."""
    out = {}
    for name in s.COUNTED:
        table = s.metadata.tables[name]
        out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return out


def errors(conn: Connection, limit: int | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    """Recorded failures, in source then position order: what failed, why, where."""
    t = s.errors
    stmt = select(t.c.source, t.c.position, t.c.kind, t.c.message).order_by(t.c.source, t.c.position)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    if limit:
        stmt = stmt.limit(limit)
    return [dict(r._mapping) for r in conn.execute(stmt)]


def _terms(q: str) -> list[list[str]]:
    """``a "b c" OR d`` -> [["a", "b c"], ["d"]]: a disjunction of conjunctions of words/phrases."""
    groups: list[list[str]] = [[]]
    for m in _TOKEN.finditer(q):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            groups.append([])
            continue
        term = " ".join(re.findall(r"\w+", phrase or word))
        if term:
            groups[-1].append(term)
    return [g for g in groups if g]


def _fts5_query(groups: list[list[str]]) -> str:
    return " OR ".join("(" + " AND ".join(f'"{t}"' for t in g) + ")" for g in groups)


def _pg_query(groups: list[list[str]]) -> str:
    return " OR ".join(" ".join(f'"{t}"' if " " in t else t for t in g) for g in groups)


def search(conn: Connection, q: str, limit: int = 20, kinds: tuple[str, ...] = ("article", "quote")) -> list[Hit]:
    """Best matches for ``q`` among article bodies/titles and quote contents, best first."""
    groups = _terms(q)
    if not groups:
        return []
    hits: list[Hit] = []
    if conn.dialect.name == "sqlite":
        fq = _fts5_query(groups)
        if "article" in kinds:
            rows = conn.execute(
                text(
                    "SELECT f.document_id, a.title, a.url, snippet(articles_fts, 2, '[', ']', '…', 12) AS snip, "
                    "bm25(articles_fts, 0.0, 3.0, 1.0) AS rank FROM articles_fts f JOIN articles a "
                    "ON a.document_id = f.document_id WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
                ),
                {"q": fq, "n": limit},
            )
            hits += [Hit("article", r.document_id, r.title, r.url, r.snip, -float(r.rank)) for r in rows]
        if "quote" in kinds:
            rows = conn.execute(
                text(
                    "SELECT f.document_id, f.local_id, a.title, a.url, "
                    "snippet(quotes_fts, 2, '[', ']', '…', 12) AS snip, "
                    "bm25(quotes_fts) AS rank FROM quotes_fts f JOIN articles a ON a.document_id = f.document_id "
                    "WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :n"
                ),
                {"q": fq, "n": limit},
            )
            hits += [Hit("quote", r.document_id, r.title, r.url, r.snip, -float(r.rank), r.local_id) for r in rows]
    else:
        pq = _pg_query(groups)
        opts = "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1"
        if "article" in kinds:
            rows = conn.execute(
                text(
                    "SELECT document_id, title, url, ts_headline('english', body, query, :opts) AS snip, "
                    "ts_rank(tsv, query) AS rank FROM articles, websearch_to_tsquery('english', :q) query "
                    "WHERE tsv @@ query ORDER BY rank DESC, document_id LIMIT :n"
                ),
                {"q": pq, "n": limit, "opts": opts},
            )
            hits += [Hit("article", r.document_id, r.title, r.url, r.snip, float(r.rank)) for r in rows]
        if "quote" in kinds:
            rows = conn.execute(
                text(
                    "SELECT t.document_id, t.local_id, a.title, a.url, "
                    "ts_headline('english', t.content, query, :opts) AS snip, ts_rank(t.tsv, query) AS rank "
                    "FROM attributions t JOIN articles a ON a.document_id = t.document_id, "
                    "websearch_to_tsquery('english', :q) query WHERE t.tsv @@ query "
                    "ORDER BY rank DESC, t.document_id LIMIT :n"
                ),
                {"q": pq, "n": limit, "opts": opts},
            )
            hits += [Hit("quote", r.document_id, r.title, r.url, r.snip, float(r.rank), r.local_id) for r in rows]
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def entity_articles(conn: Connection, entity_id: str) -> list[str]:
    """Document ids of the articles that mention a KB entity (cross-article linking made queryable)."""
    t = s.article_entities
    stmt = select(t.c.document_id).where(t.c.entity_id == entity_id).distinct().order_by(t.c.document_id)
    return list(conn.execute(stmt).scalars())


def find_entities(conn: Connection, name: str) -> list[dict[str, Any]]:
    """KB entities whose canonical name or an alias matches ``name`` after normalisation."""
    from .linking import normalise

    e, al = s.entities, s.entity_aliases
    norm = normalise(name)
    stmt = (
        select(e.c.id, e.c.name, e.c.type)
        .distinct()
        .select_from(e.outerjoin(al, al.c.entity_id == e.c.id))
        .where((al.c.alias == norm) | (e.c.name == name))
        .order_by(e.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(stmt)]
