"""Everything the knowledge base knows about one entity, in the sections a fact-checker asks about.

What X said (by stance, newest first), what others said about X (attributions that target X), who X
accuses and who accuses X, the articles that mention X, and X's aliases. Every list is a page with
its own offset. Each section is an index walk stopped by its LIMIT (``attributions(speaker, published)``,
``attribution_targets(entity, published)``, ``article_entities(entity, published)``), and the totals and
monthly bars come from ``entity_stats``, which the writer keeps, so a page costs about the same for an
entity in three articles and one in thirty thousand.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select, text

from ..store import schema as s
from .claims import first_made_by
from .common import article_brief, clamp, entity_names, page
from .geo import entity_events
from .rows import attribution_dicts, attribution_select

e, al, t, a, ae, st = s.entities, s.entity_aliases, s.attributions, s.articles, s.article_entities, s.entity_stats
x = s.attribution_targets

# The page's statements are built once, with bound parameters: SQLAlchemy memoises a statement object's cache
# key, so executing one of these skips building the expression tree and walking it for the key on every request.
_X, _LIMIT, _OFFSET = bindparam("x"), bindparam("limit"), bindparam("offset")
_ENTITY = select(e).where(e.c.id == _X)
_ALIASES = select(al.c.alias, al.c.surface).where(al.c.entity_id == _X)
_STATS = select(st.c.role, st.c.period, st.c.stance, st.c.n).where(st.c.entity_id == _X)


def _said_stmt(with_stance: bool):
    cond = t.c.speaker_entity_id == _X
    if with_stance:
        cond = cond & (t.c.stance == bindparam("stance"))
    return (
        attribution_select()
        .where(cond)
        .order_by(t.c.published.desc(), t.c.document_id, t.c.content_start)
        .limit(_LIMIT)
        .offset(_OFFSET)
    )


_SAID = {False: _said_stmt(False), True: _said_stmt(True)}
_ABOUT = (
    attribution_select()
    .join(x, (x.c.document_id == t.c.document_id) & (x.c.local_id == t.c.local_id))
    .where(x.c.entity_id == _X, or_(x.c.speaker_entity_id.is_(None), x.c.speaker_entity_id != _X))
    .order_by(x.c.published.desc(), x.c.document_id, t.c.content_start)
    .limit(_LIMIT)
    .offset(_OFFSET)
)
_ARTICLES = (
    select(a.c.document_id, a.c.title, a.c.published, a.c.publisher_id, a.c.url)
    .select_from(ae)
    .join(a, a.c.document_id == ae.c.document_id)
    .where(ae.c.entity_id == _X)
    .order_by(ae.c.published.desc(), ae.c.document_id)
    .limit(_LIMIT)
    .offset(_OFFSET)
)


def stat_total(conn: Connection, entity_id: str, role: str, stance: str | None = None) -> int:
    """A count kept in ``entity_stats``: attributions X said (of one stance), about X, or articles of X."""
    cond = (st.c.entity_id == entity_id) & (st.c.role == role)
    if stance is not None:
        cond = cond & (st.c.stance == stance)
    return int(conn.execute(select(func.coalesce(func.sum(st.c.n), 0)).where(cond)).scalar_one())


def entity(
    conn: Connection,
    entity_id: str,
    *,
    stance: str | None = None,
    limit: int | None = None,
    said_offset: int = 0,
    about_offset: int = 0,
    articles_offset: int = 0,
) -> dict[str, Any] | None:
    """The entity page's data, or None for an unknown id; ``stance`` narrows what X said."""
    row = conn.execute(_ENTITY, {"x": entity_id}).first()
    if row is None:
        return None
    limit, _ = clamp(limit, 0)
    aliases = sorted({surface or alias for alias, surface in conn.execute(_ALIASES, {"x": entity_id})} - {row.name})
    stats = conn.execute(_STATS, {"x": entity_id}).all()
    by_stance, by_month = said_summary(conn, entity_id, [r for r in stats if r.role == "said"])
    totals = {role: sum(r.n for r in stats if r.role == role) for role in ("about", "articles")}
    said_total = sum(r.n for r in stats if r.role == "said" and (not stance or r.stance == stance))
    return {
        "entity": {"id": row.id, "name": row.name, "type": row.type, "country": row.country, "aliases": aliases},
        "said_by_stance": by_stance,
        "said_by_month": by_month,
        "said": said(conn, entity_id, stance=stance, limit=limit, offset=said_offset, total=said_total),
        "about": about(conn, entity_id, limit=limit, offset=about_offset, total=totals["about"]),
        "accuses": counterparts(conn, entity_id, "accuses"),
        "accused_by": counterparts(conn, entity_id, "accused_by"),
        "articles": articles(conn, entity_id, limit=limit, offset=articles_offset, total=totals["articles"]),
        "claims_first": first_made_by(conn, [row.name, *aliases], limit=limit),
        "events_as_source": entity_events(conn, entity_id, "source", limit=limit),
        "events_as_target": entity_events(conn, entity_id, "target", limit=limit),
    }


def said_summary(
    conn: Connection, entity_id: str, rows: list[Any] | None = None
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """What X said counted per stance (largest first) and per month (oldest first), from ``entity_stats``
    (its ``said`` rows, read here unless the caller already has them)."""
    if rows is None:
        rows = conn.execute(
            select(st.c.period, st.c.stance, st.c.n).where(st.c.entity_id == entity_id, st.c.role == "said")
        ).all()
    rows = [(r.period, r.stance, r.n) for r in rows]
    stances: dict[str, int] = {}
    months: dict[str, dict[str, int]] = {}
    for period, stance, n in rows:
        if not n:
            continue
        stances[stance or "unknown"] = stances.get(stance or "unknown", 0) + n
        if period:
            months.setdefault(period, {})[stance or "unknown"] = n
    by_stance = dict(sorted(stances.items(), key=lambda kv: (-kv[1], kv[0])))
    by_month = [
        {"period": k, "count": sum(v.values()), "stances": dict(sorted(v.items()))} for k, v in sorted(months.items())
    ]
    return by_stance, by_month


def said(
    conn: Connection,
    entity_id: str,
    *,
    stance: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
    total: int | None = None,
) -> dict[str, Any]:
    """A page of what X said (X is the speaker), newest article first."""
    limit, offset = clamp(limit, offset)
    if total is None:
        total = stat_total(conn, entity_id, "said", stance or None)
    params = {"x": entity_id, "limit": limit, "offset": offset}
    if stance:
        params["stance"] = stance
    rows = conn.execute(_SAID[bool(stance)], params).all()
    return page(attribution_dicts(conn, rows), total, limit, offset)


def about(
    conn: Connection, entity_id: str, *, limit: int | None = None, offset: int | None = None, total: int | None = None
) -> dict[str, Any]:
    """A page of what others said about X (attributions whose targets include X), newest first."""
    limit, offset = clamp(limit, offset)
    if total is None:
        total = stat_total(conn, entity_id, "about")
    rows = conn.execute(_ABOUT, {"x": entity_id, "limit": limit, "offset": offset}).all()
    return page(attribution_dicts(conn, rows), total, limit, offset)


_COUNTERPARTS = {
    "accuses": text(
        "SELECT x.entity_id AS other, count(*) AS n FROM attribution_targets x "
        "WHERE x.speaker_entity_id = :x AND x.stance = :stance GROUP BY x.entity_id "
        "ORDER BY n DESC, other LIMIT :n"
    ),
    "accused_by": text(
        "SELECT x.speaker_entity_id AS other, count(*) AS n FROM attribution_targets x "
        "WHERE x.entity_id = :x AND x.stance = :stance AND x.speaker_entity_id IS NOT NULL "
        "AND x.speaker_entity_id != :x GROUP BY x.speaker_entity_id ORDER BY n DESC, other LIMIT :n"
    ),
}


def counterparts(
    conn: Connection, entity_id: str, direction: str, stance: str = "accuse", limit: int = 20
) -> list[dict[str, Any]]:
    """Who X accuses (``accuses``) or who accuses X (``accused_by``), with counts, most frequent first."""
    stmt = _COUNTERPARTS["accuses" if direction == "accuses" else "accused_by"]
    rows = conn.execute(stmt, {"x": entity_id, "stance": stance, "n": limit}).all()
    names = entity_names(conn, {r.other for r in rows})
    return [{**(names.get(r.other) or {"id": None, "name": r.other, "type": None}), "count": r.n} for r in rows]


def articles(
    conn: Connection, entity_id: str, *, limit: int | None = None, offset: int | None = None, total: int | None = None
) -> dict[str, Any]:
    """A page of the articles that mention X, newest first."""
    limit, offset = clamp(limit, offset)
    if total is None:
        total = stat_total(conn, entity_id, "articles")
    rows = conn.execute(_ARTICLES, {"x": entity_id, "limit": limit, "offset": offset}).all()
    return page([article_brief(r) for r in rows], total, limit, offset)


def lookup(conn: Connection, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose name or alias starts with ``name`` (case-insensitive), most mentioned first."""
    from ..store.linking import normalise

    pattern = normalise(name).replace("\\", "").replace("%", "").replace("_", "")
    if not pattern:
        return []
    stmt = _LOOKUP[conn.dialect.name == "sqlite"]
    rows = conn.execute(stmt, {"like": pattern + "%", "lo": pattern, "hi": pattern + "\U0010ffff", "limit": limit})
    return [{"id": id_, "name": name_, "type": type_, "articles": n} for id_, name_, type_, n in rows]


def _lookup_stmt(sqlite: bool):
    prefix = al.c.alias.like(bindparam("like"))
    if sqlite:  # LIKE cannot use an index there: the same prefix as a range of one
        prefix = prefix & (al.c.alias >= bindparam("lo")) & (al.c.alias < bindparam("hi"))
    sub = select(al.c.entity_id).where(prefix).distinct().limit(200).subquery()
    n = (
        select(func.coalesce(func.sum(st.c.n), 0))
        .where(st.c.entity_id == e.c.id, st.c.role == "articles")
        .scalar_subquery()
        .label("articles")
    )
    return (
        select(e.c.id, e.c.name, e.c.type, n)
        .join(sub, sub.c.entity_id == e.c.id)
        .order_by(n.desc(), e.c.name)
        .limit(_LIMIT)
    )


_LOOKUP = {True: _lookup_stmt(True), False: _lookup_stmt(False)}  # built once, like the page's statements
