"""Full-text search over article bodies and quote contents, with filters and pagination.

Builds on the store's full-text indexes (SQLite FTS5 tables ``articles_fts``/``quotes_fts``,
PostgreSQL ``tsv`` columns) and its query language (words, "phrases", OR), adding what a
fact-checker narrows by: a date range, a publisher, an entity (articles that mention it; quotes it
speaks or targets) and a stance (quotes only, since a stance belongs to an attribution). Both kinds
of hit are ranked in one SQL statement so ``offset`` pages through a single ordering. Snippets come
back as plain text plus highlight offsets, never as markup, so no caller has to trust them.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import Any

from sqlalchemy import Connection, bindparam, text

from ..store import schema as s
from ..store.query import _fts5_query, _pg_query, _terms
from .common import ArticleFilter, article_conditions, clamp, page
from .rows import attributions_by_keys
from .targets import target_condition

START, STOP = "\x02", "\x03"  # highlight markers no article text contains (control characters)
KINDS = ("all", "article", "quote")
MAX_COUNT = 10_000  # totals above this are reported as "at least 10,000"
RANK_LIMIT = 1_000  # above this many matches (in articles or in quotes) hits come newest first, not by bm25


def split_snippet(snip: str) -> tuple[str, list[list[int]]]:
    """'a \\x02b\\x03 c' -> ('a b c', [[2, 3]]): marker-free text and the highlighted ranges in it."""
    out: list[str] = []
    marks: list[list[int]] = []
    pos = 0
    start = None
    for piece in re.split(f"([{START}{STOP}])", snip or ""):
        if piece == START:
            start = pos
        elif piece == STOP:
            if start is not None:
                marks.append([start, pos])
            start = None
        elif piece:
            out.append(piece)
            pos += len(piece)
    return "".join(out), marks


def _filters(conn: Connection, f: ArticleFilter, stance: str | None, quote: bool) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    sql = "".join(f" AND {c}" for c in article_conditions(f.date_from, f.date_to, f.publisher, params))
    if f.entity:
        params["entity"] = params["target"] = f.entity
        if quote:
            sql += f" AND (t.speaker_entity_id = :entity OR {target_condition('t', 'target')})"
        else:
            sql += (" AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.document_id = a.document_id"
                    " AND ae.entity_id = :entity)")
    if quote and stance:
        sql += " AND t.stance = :stance"
        params["stance"] = stance
    return sql, params


def _arms(
    conn: Connection, kinds: tuple[str, ...], f: ArticleFilter, stance: str | None
) -> tuple[list[str], dict[str, Any]]:
    """One ranking SELECT per kind of hit, yielding (kind, document_id, local_id, fid, score).

    No snippet here: snippets are made for the page's rows only (``_snippets``), since building one
    for every match of a common word would cost more than the ranking itself. Articles and
    attributions are joined only when a filter needs their columns.
    """
    arms, params = [], {}
    pg = conn.dialect.name == "postgresql"
    if "article" in kinds:
        where, p = _filters(conn, f, stance, quote=False)
        params.update(p)
        if pg:
            arms.append("SELECT 'article' AS kind, a.document_id, NULL AS local_id, NULL AS fid, "
                        "ts_rank(a.tsv, query) AS score FROM articles a, websearch_to_tsquery('english', :q) query "
                        "WHERE a.tsv @@ query" + where)
        else:
            join = " JOIN articles a ON a.document_id = f.document_id" if where else ""
            arms.append("SELECT 'article' AS kind, f.document_id, NULL AS local_id, f.rowid AS fid, "
                        "-bm25(articles_fts, 0.0, 3.0, 1.0) AS score FROM articles_fts f" + join +
                        " WHERE articles_fts MATCH :q" + where)
    if "quote" in kinds:
        where, p = _filters(conn, f, stance, quote=True)
        params.update(p)
        if pg:
            arms.append("SELECT 'quote' AS kind, t.document_id, t.local_id, NULL AS fid, "
                        "ts_rank(t.tsv, query) AS score FROM attributions t "
                        "JOIN articles a ON a.document_id = t.document_id, "
                        "websearch_to_tsquery('english', :q) query WHERE t.tsv @@ query" + where)
        else:
            join = ""
            if re.search(r"\bt\.", where):
                join += " JOIN attributions t ON t.document_id = f.document_id AND t.local_id = f.local_id"
            if re.search(r"\ba\.", where):
                join += " JOIN articles a ON a.document_id = f.document_id"
            arms.append("SELECT 'quote' AS kind, f.document_id, f.local_id, f.rowid AS fid, -bm25(quotes_fts) AS score "
                        "FROM quotes_fts f" + join + " WHERE quotes_fts MATCH :q" + where)
    return arms, params


def _body(arm: str) -> str:
    """The FROM ... WHERE ... part of a ranking arm, for counting without computing any score."""
    return arm[arm.index(" FROM "):]


def _newest(conn: Connection, arms: list[str], params: dict[str, Any], limit: int, offset: int) -> list[Any]:
    """Hits of a query matching over RANK_LIMIT rows, newest first, articles and quotes interleaved.

    Ranking every match by bm25 costs time in proportion to the matches (seconds for a word found in
    most of 10⁵ articles) and says little when a word is that common; FTS5 walks its index backwards
    by rowid and stops after ``offset + limit`` rows, so this stays fast at any size.
    """
    lists = [conn.execute(text(f"{arm} ORDER BY f.rowid DESC LIMIT :n"), {**params, "n": offset + limit}).all()
             for arm in arms]
    merged = [row for group in zip_longest(*lists) for row in group if row is not None]
    return merged[offset:offset + limit]


def _snippets(conn: Connection, rows: list[Any], params: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    """Highlighted snippets for the page's hits only, keyed by (document_id, local_id)."""
    out: dict[tuple[str, str | None], str] = {}
    articles = [r for r in rows if r.kind == "article"]
    quotes = [r for r in rows if r.kind == "quote"]
    if conn.dialect.name == "postgresql":
        if articles:
            for r in conn.execute(text(
                "SELECT document_id, ts_headline('english', body, websearch_to_tsquery('english', :q), :opts) AS snip "
                "FROM articles WHERE document_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                {"q": params["q"], "opts": params["opts"], "ids": [r.document_id for r in articles]}):
                out[(r.document_id, None)] = r.snip
        for r in quotes:
            snip = conn.execute(text(
                "SELECT ts_headline('english', content, websearch_to_tsquery('english', :q), :opts) FROM attributions "
                "WHERE document_id = :d AND local_id = :l"), {"q": params["q"], "opts": params["opts"],
                                                             "d": r.document_id, "l": r.local_id}).scalar()
            out[(r.document_id, r.local_id)] = snip or ""
        return out
    for kind, table, column, size, group in (("article", "articles_fts", 2, 20, articles),
                                             ("quote", "quotes_fts", 2, 30, quotes)):
        if not group:
            continue
        stmt = text(
            f"SELECT document_id, {'NULL' if kind == 'article' else 'local_id'} AS local_id, "
            f"snippet({table}, {column}, char(2), char(3), '…', {size}) AS snip FROM {table} "
            f"WHERE {table} MATCH :q AND rowid IN :fids").bindparams(bindparam("fids", expanding=True))
        for r in conn.execute(stmt, {"q": params["q"], "fids": [g.fid for g in group]}):
            out[(r.document_id, r.local_id)] = r.snip
    return out


def search(
    conn: Connection,
    q: str,
    *,
    kind: str = "all",
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    entity: str | None = None,
    stance: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """A page of hits for ``q``, best first: articles (title, snippet) and quotes (speaker, stance, snippet)."""
    limit, offset = clamp(limit, offset)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    kinds = ("article", "quote") if kind == "all" else (kind,)
    if stance:
        kinds = ("quote",)  # a stance belongs to an attribution, not to a whole article
    groups = _terms(q or "")
    query = {"q": q, "kind": kind, "date_from": date_from, "date_to": date_to, "publisher": publisher,
             "entity": entity, "stance": stance}
    if not groups:
        return {"query": query, **page([], 0, limit, offset)}
    f = ArticleFilter(date_from, date_to, publisher, entity)
    arms, params = _arms(conn, kinds, f, stance)
    pg = conn.dialect.name == "postgresql"
    params["q"] = _pg_query(groups) if pg else _fts5_query(groups)
    if pg:
        params["opts"] = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"
    count_params = {k: v for k, v in params.items() if k != "opts"}
    # each arm counted on its own index, without scores; a common word stops counting at MAX_COUNT
    counts = [conn.execute(text(f"SELECT count(*) FROM (SELECT 1 {_body(arm)} LIMIT {MAX_COUNT}) c"),
                           count_params).scalar_one() for arm in arms]
    total = min(sum(counts), MAX_COUNT)
    if max(counts) > RANK_LIMIT and not pg:
        rows = _newest(conn, arms, count_params, limit, offset)
        order = "newest"
    elif pg:
        union = " UNION ALL ".join(arms)
        rows = conn.execute(text(
            f"SELECT * FROM ({union}) hits ORDER BY score DESC, document_id, local_id LIMIT :limit OFFSET :offset"
        ), {**count_params, "limit": limit, "offset": offset}).all()
        order = "relevance"
    else:  # each FTS5 arm ranked and cut on its own (a UNION ALL under one ORDER BY ran ~5x slower), merged here
        top = {**count_params, "n": offset + limit}  # ORDER BY score, document_id, local_id (by position)
        rows = [row for arm in arms for row in conn.execute(text(f"{arm} ORDER BY 5 DESC, 2, 3 LIMIT :n"), top)]
        rows = sorted(rows, key=lambda r: (-r.score, r.document_id, r.local_id or ""))[offset:offset + limit]
        order = "relevance"
    snippets = _snippets(conn, rows, params)
    result = page(_hits(conn, rows, snippets), total, limit, offset)
    result["order"] = order
    return {"query": query, **result, "total_is_lower_bound": total >= MAX_COUNT}


def _hits(conn: Connection, rows: list[Any], snippets: dict[tuple[str, str | None], str]) -> list[dict[str, Any]]:
    a = s.articles
    docs = {r.document_id for r in rows}
    meta: dict[str, Any] = {}
    if docs:
        stmt = a.select().with_only_columns(a.c.document_id, a.c.title, a.c.url, a.c.published, a.c.publisher_id)
        meta = {r.document_id: r for r in conn.execute(stmt.where(a.c.document_id.in_(sorted(docs))))}
    keys = [(r.document_id, r.local_id) for r in rows if r.kind == "quote"]
    quotes = {(d["document_id"], d["id"]): d for d in attributions_by_keys(conn, keys, with_article=False)}
    out = []
    for r in rows:
        snippet, marks = split_snippet(snippets.get((r.document_id, r.local_id), ""))
        m = meta.get(r.document_id)
        hit: dict[str, Any] = {
            "kind": r.kind, "document_id": r.document_id, "score": round(float(r.score), 4),
            "snippet": snippet, "highlights": marks,
            "article": {"id": r.document_id, "title": m.title if m else None, "url": m.url if m else None,
                        "published": m.published if m else None, "publisher": m.publisher_id if m else None},
        }
        if r.kind == "quote":
            hit["attribution"] = quotes.get((r.document_id, r.local_id))
        out.append(hit)
    return out
