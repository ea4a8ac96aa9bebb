"""Full-text search over article bodies and quote contents, with filters and pagination: the one search.

The CLI, the API, the web pages and ``KnowledgeBase.search`` all call ``search`` here. It builds on
the store's full-text indexes (SQLite FTS5 tables ``articles_fts``/``quotes_fts``, PostgreSQL ``tsv``
columns) and the query language of ``terms.py`` (words, "phrases", OR), adding what a
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
from .claims import claims_in_hits
from .common import ArticleFilter, article_brief, article_conditions, clamp, page
from .entity import lookup
from .rows import attributions_by_keys
from .targets import target_condition
from .terms import fts5_query, pg_query, terms

START, STOP = "\x02", "\x03"  # highlight markers no article text contains (control characters)
KINDS = ("all", "article", "quote")
MAX_COUNT = 1_000  # totals above this are reported as "at least 1,000" (counting further costs time per match)
ENTITY_MATCHES = 8  # KB entities whose name starts with the query, offered on the first page
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
            sql += (
                " AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.document_id = a.document_id"
                " AND ae.entity_id = :entity)"
            )
    if quote and stance:
        sql += " AND t.stance = :stance"
        params["stance"] = stance
    return sql, params


def _arms(
    conn: Connection, kinds: tuple[str, ...], f: ArticleFilter, stance: str | None, scored: bool = True
) -> tuple[list[str], dict[str, Any]]:
    """One ranking SELECT per kind of hit, yielding (kind, document_id, local_id, fid, score).

    No snippet here: snippets are made for the page's rows only (``_snippets``), since building one
    for every match of a common word would cost more than the ranking itself. Articles and
    attributions are joined only when a filter needs their columns. Unless ``scored``, the score is 0:
    SQLite's bm25() counts the documents holding each phrase on its first call, a walk of the whole
    doclist (~7 ms for a word in most of 10⁵ quotes), which hits listed newest first do not need.
    """
    arms, params = [], {}
    pg = conn.dialect.name == "postgresql"
    if "article" in kinds:
        where, p = _filters(conn, f, stance, quote=False)
        params.update(p)
        if pg:
            arms.append(
                "SELECT 'article' AS kind, a.document_id, NULL AS local_id, NULL AS fid, "
                "ts_rank(a.tsv, query) AS score FROM articles a, websearch_to_tsquery('english', :q) query "
                "WHERE a.tsv @@ query" + where
            )
        else:
            join = " JOIN articles a ON a.document_id = f.document_id" if where else ""
            arms.append(
                "SELECT 'article' AS kind, f.document_id, NULL AS local_id, f.rowid AS fid, "
                f"{'-bm25(articles_fts, 0.0, 3.0, 1.0)' if scored else '0.0'} AS score "
                "FROM articles_fts f" + join + " WHERE articles_fts MATCH :q" + where
            )
    if "quote" in kinds:
        where, p = _filters(conn, f, stance, quote=True)
        params.update(p)
        if pg:
            arms.append(
                "SELECT 'quote' AS kind, t.document_id, t.local_id, NULL AS fid, "
                "ts_rank(t.tsv, query) AS score FROM attributions t "
                "JOIN articles a ON a.document_id = t.document_id, "
                "websearch_to_tsquery('english', :q) query WHERE t.tsv @@ query" + where
            )
        else:
            join = ""
            if re.search(r"\bt\.", where):
                join += " JOIN attributions t ON t.document_id = f.document_id AND t.local_id = f.local_id"
            if re.search(r"\ba\.", where):
                join += " JOIN articles a ON a.document_id = f.document_id"
            arms.append(
                "SELECT 'quote' AS kind, f.document_id, f.local_id, f.rowid AS fid, "
                f"{'-bm25(quotes_fts)' if scored else '0.0'} AS score "
                "FROM quotes_fts f" + join + " WHERE quotes_fts MATCH :q" + where
            )
    return arms, params


def _body(arm: str) -> str:
    """The FROM ... WHERE ... part of a ranking arm, for counting without computing any score."""
    return arm[arm.index(" FROM ") :]


def _newest(conn: Connection, arms: list[str], params: dict[str, Any], limit: int, offset: int) -> list[Any]:
    """Hits of a query matching over RANK_LIMIT rows, newest first, articles and quotes interleaved.

    Ranking every match by bm25 costs time in proportion to the matches (seconds for a word found in
    most of 10⁵ articles) and says little when a word is that common; FTS5 walks its index backwards
    by rowid and stops after ``offset + limit`` rows, so this stays fast at any size.
    """
    lists = [
        conn.execute(text(f"{arm} ORDER BY f.rowid DESC LIMIT :n"), {**params, "n": offset + limit}).all()
        for arm in arms
    ]
    merged = [row for group in zip_longest(*lists) for row in group if row is not None]
    return merged[offset : offset + limit]


WORD = re.compile(r"\w+")


def _word_pattern(groups: list[list[str]]) -> tuple[re.Pattern[str], list[str]]:
    """A regex for the query's words in forms FTS5's porter tokenizer certainly counts as the same word.

    Each word may take -s, -es, -ed, -d or -ing (a final -y also -ies/-ied, a final -e dropped before -ing/-ed),
    and a phrase's words follow one another. Every form it finds is a real match; a match it misses (another
    porter form, diacritics, a title-only match) just sends that hit to FTS5's snippet(). Also returns each
    term's lower-case literal start, for finding candidates with ``str.find`` before the regex is tried.
    """

    def word(w: str) -> tuple[str, str]:  # (regex, literal start)
        w = w.lower()
        for suffix in ("ies", "ied", "ing", "es", "ed", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= (4 if suffix in ("ing", "ed") else 3):
                w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
                break
        if w.endswith("y") and len(w) > 3:
            return re.escape(w[:-1]) + "(?:y|ies|ied)", w[:-1]
        if w.endswith("e") and len(w) > 3:
            return re.escape(w[:-1]) + "(?:e|es|ed|ing)", w[:-1]
        return re.escape(w) + "(?:s|es|ed|d|ing)?", w

    alts, lits = [], set()
    for t in sorted({t for g in groups for t in g}, key=len, reverse=True):
        words = [word(w) for w in WORD.findall(t)]
        if words:
            alts.append(r"\W+".join(rx for rx, _ in words))
            lits.add(words[0][1])
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE), sorted(lits)


def _first_match(body: str, pattern: re.Pattern[str], lits: list[str]) -> re.Match[str] | None:
    """``pattern.search(body)``, trying the regex only where a term's literal start occurs (``str.find``):
    a case-insensitive alternation tried at every position of a 30,000-character article costs ~1 ms."""
    low = body.lower()
    if len(low) != len(body) or not lits:  # lower() changed some offsets: search the plain way
        return pattern.search(body)
    pos = 0
    while True:
        found = [p for p in (low.find(lit, pos) for lit in lits) if p >= 0]
        if not found:
            return None
        p = min(found)
        m = pattern.match(body, p)  # the \b before it still looks at body[p - 1]
        if m:
            return m
        pos = p + 1


def _python_snippet(body: str | None, pattern: re.Pattern[str], lits: list[str], size: int) -> str | None:
    """About ``size`` words of ``body`` around its first match of ``pattern``, matches marked; None if none.

    FTS5's snippet() tokenizes the whole column to place its window (~1 ms for a 30,000-character article);
    this looks only as far as the first match.
    """
    m = _first_match(body, pattern, lits) if body else None
    if m is None:
        return None
    start = 0
    for n, _ in enumerate(WORD.finditer(body, 0, m.start()), 1):
        if n > size - 5:  # the match is far in: start a few words before it
            before = [w.start() for w in WORD.finditer(body, max(0, m.start() - 300), m.start())][-5:]
            start = before[0] if before else m.start()
            break
    end = start
    for i, w in enumerate(WORD.finditer(body, start)):
        if i == size:
            break
        end = w.end()
    window = pattern.sub(lambda x: f"{START}{x.group(0)}{STOP}", body[start : max(end, m.end())])
    return ("…" if start > 0 else "") + window + ("…" if max(end, m.end()) < len(body) else "")


_BODIES = text("SELECT document_id, body FROM articles WHERE document_id IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_CONTENTS = text(
    "SELECT document_id, local_id, content FROM attributions WHERE document_id IN :docs AND local_id IN :locals"
).bindparams(bindparam("docs", expanding=True), bindparam("locals", expanding=True))


def _snippets(
    conn: Connection, rows: list[Any], params: dict[str, Any], groups: list[list[str]] | None = None
) -> dict[tuple[str, str | None], str]:
    """Highlighted snippets for the page's hits only, keyed by (document_id, local_id).

    On SQLite they are cut in Python around the first match of the query's words (``_python_snippet``),
    and FTS5's snippet() is asked only for the hits where that finds nothing.
    """
    out: dict[tuple[str, str | None], str] = {}
    articles = [r for r in rows if r.kind == "article"]
    quotes = [r for r in rows if r.kind == "quote"]
    if groups and conn.dialect.name == "sqlite":
        pattern, lits = _word_pattern(groups)
        if articles:
            bodies = dict(conn.execute(_BODIES, {"ids": sorted({r.document_id for r in articles})}).all())
            for r in articles:
                snip = _python_snippet(bodies.get(r.document_id), pattern, lits, 20)
                if snip is not None:
                    out[(r.document_id, None)] = snip
        if quotes:
            contents = {
                (d, loc): c
                for d, loc, c in conn.execute(
                    _CONTENTS,
                    {"docs": sorted({r.document_id for r in quotes}), "locals": sorted({r.local_id for r in quotes})},
                )
            }
            for r in quotes:
                snip = _python_snippet(contents.get((r.document_id, r.local_id)), pattern, lits, 30)
                if snip is not None:
                    out[(r.document_id, r.local_id)] = snip
        articles = [r for r in articles if (r.document_id, None) not in out]
        quotes = [r for r in quotes if (r.document_id, r.local_id) not in out]
    if conn.dialect.name == "postgresql":
        if articles:
            for r in conn.execute(
                text(
                    "SELECT document_id, "
                    "ts_headline('english', body, websearch_to_tsquery('english', :q), :opts) AS snip "
                    "FROM articles WHERE document_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                {"q": params["q"], "opts": params["opts"], "ids": [r.document_id for r in articles]},
            ):
                out[(r.document_id, None)] = r.snip
        for r in quotes:
            snip = conn.execute(
                text(
                    "SELECT ts_headline('english', content, websearch_to_tsquery('english', :q), :opts) "
                    "FROM attributions "
                    "WHERE document_id = :d AND local_id = :l"
                ),
                {"q": params["q"], "opts": params["opts"], "d": r.document_id, "l": r.local_id},
            ).scalar()
            out[(r.document_id, r.local_id)] = snip or ""
        return out
    for kind, table, column, size, group in (
        ("article", "articles_fts", 2, 20, articles),
        ("quote", "quotes_fts", 2, 30, quotes),
    ):
        if not group:
            continue
        stmt = text(
            f"SELECT document_id, {'NULL' if kind == 'article' else 'local_id'} AS local_id, "
            f"snippet({table}, {column}, char(2), char(3), '…', {size}) AS snip FROM {table} "
            f"WHERE {table} MATCH :q AND rowid BETWEEN :lo AND :hi AND rowid IN :fids"
        ).bindparams(bindparam("fids", expanding=True))  # FTS5 seeks to the range; it ignores the IN list
        fids = [g.fid for g in group]
        for r in conn.execute(stmt, {"q": params["q"], "lo": min(fids), "hi": max(fids), "fids": fids}):
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
    groups = terms(q or "")
    query = {
        "q": q,
        "kind": kind,
        "date_from": date_from,
        "date_to": date_to,
        "publisher": publisher,
        "entity": entity,
        "stance": stance,
    }
    matches = lookup(conn, q, limit=ENTITY_MATCHES) if groups and offset == 0 else []
    if not groups:
        return {"query": query, **page([], 0, limit, offset), "entity_matches": matches, "claims": []}
    f = ArticleFilter(date_from, date_to, publisher, entity)
    arms, params = _arms(conn, kinds, f, stance)
    pg = conn.dialect.name == "postgresql"
    params["q"] = pg_query(groups) if pg else fts5_query(groups)
    if pg:
        params["opts"] = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"
    count_params = {k: v for k, v in params.items() if k != "opts"}
    # each arm counted on its own index, without scores; a common word stops counting just past MAX_COUNT
    # (and RANK_LIMIT), which is all the page says ("1,000+") and all the choice of ordering needs
    cap = max(MAX_COUNT, RANK_LIMIT) + 1
    counts = [
        conn.execute(text(f"SELECT count(*) FROM (SELECT 1 {_body(arm)} LIMIT {cap}) c"), count_params).scalar_one()
        for arm in arms
    ]
    total = min(sum(counts), MAX_COUNT)
    more = sum(counts) > MAX_COUNT
    if max(counts) > RANK_LIMIT and not pg:
        rows = _newest(conn, _arms(conn, kinds, f, stance, scored=False)[0], count_params, limit, offset)
        order = "newest"
    elif pg:
        union = " UNION ALL ".join(arms)
        rows = conn.execute(
            text(
                f"SELECT * FROM ({union}) hits ORDER BY score DESC, document_id, local_id LIMIT :limit OFFSET :offset"
            ),
            {**count_params, "limit": limit, "offset": offset},
        ).all()
        order = "relevance"
    else:  # each FTS5 arm ranked and cut on its own (a UNION ALL under one ORDER BY ran ~5x slower), merged here
        top = {**count_params, "n": offset + limit}  # ORDER BY score, document_id, local_id (by position)
        rows = [row for arm in arms for row in conn.execute(text(f"{arm} ORDER BY 5 DESC, 2, 3 LIMIT :n"), top)]
        rows = sorted(rows, key=lambda r: (-r.score, r.document_id, r.local_id or ""))[offset : offset + limit]
        order = "relevance"
    snippets = _snippets(conn, rows, params, groups)
    result = page(_hits(conn, rows, snippets), total, limit, offset)
    result["order"] = order
    claims = claims_in_hits(conn, [r.document_id for r in rows], groups)
    return {"query": query, **result, "total_is_lower_bound": more, "entity_matches": matches, "claims": claims}


_META = (
    s.articles.select()
    .with_only_columns(
        s.articles.c.document_id,
        s.articles.c.title,
        s.articles.c.url,
        s.articles.c.published,
        s.articles.c.publisher_id,
    )
    .where(s.articles.c.document_id.in_(bindparam("docs", expanding=True)))
)  # built once


def _hits(conn: Connection, rows: list[Any], snippets: dict[tuple[str, str | None], str]) -> list[dict[str, Any]]:
    docs = {r.document_id for r in rows}
    meta: dict[str, Any] = {}
    if docs:
        meta = {r.document_id: r for r in conn.execute(_META, {"docs": sorted(docs)})}
    keys = [(r.document_id, r.local_id) for r in rows if r.kind == "quote"]
    quotes = {(d["document_id"], d["id"]): d for d in attributions_by_keys(conn, keys, with_article=False)}
    out = []
    for r in rows:
        snippet, marks = split_snippet(snippets.get((r.document_id, r.local_id), ""))
        m = meta.get(r.document_id)
        hit: dict[str, Any] = {
            "kind": r.kind,
            "document_id": r.document_id,
            "score": round(float(r.score), 4),
            "snippet": snippet,
            "highlights": marks,
            "article": article_brief(m) if m else {"document_id": r.document_id},
        }
        if r.kind == "quote":
            hit["attribution"] = quotes.get((r.document_id, r.local_id))
        out.append(hit)
    return out
