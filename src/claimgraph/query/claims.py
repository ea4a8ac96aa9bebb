"""Claim clusters read back from the KB: one cluster as its record, clusters found by words, export rows.

The record is the ``claim-clusters`` export's JSON Lines record and the ``/api/claims/{id}`` body
(``claimgraph schema --what claim-cluster``): first appearance, then every member with its changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import Connection, func, select

from ..store import schema as s

CHANGE_FIELDS = ("label", "before", "after", "speaker", "cue", "words", "similarity")


def _members(conn: Connection, cluster_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    m, a, c = s.claim_members, s.articles, s.claim_changes
    changes: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(select(c).where(c.c.cluster_id.in_(cluster_ids)).order_by(c.c.idx)):
        changes[(row.document_id, row.start)].append({f: getattr(row, f) for f in CHANGE_FIELDS})
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stmt = (
        select(m, a.c.url, a.c.publisher, a.c.published)
        .select_from(m.join(a, a.c.document_id == m.c.document_id))
        .where(m.c.cluster_id.in_(cluster_ids))
        .order_by(m.c.cluster_id, m.c.idx)
    )
    for r in conn.execute(stmt):
        out[r.cluster_id].append({
            "article": r.document_id, "url": r.url, "publisher": r.publisher, "published": r.published,
            "text": r.text, "start": r.start, "end": r.end, "speaker": r.speaker, "attributed": r.attributed,
            "attribution": r.attribution, "changes": changes.get((r.document_id, r.start), []),
        })  # fmt: skip
    return out


def _record(row: Any, members: list[dict[str, Any]]) -> dict[str, Any]:
    head = members[0]
    first = {k: head[k] for k in ("article", "url", "publisher", "published", "speaker")}
    return {"id": row.id, "size": row.size, "first": first, "members": members}


def claim_cluster(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    """One cluster as its record, or None when the KB has no such cluster."""
    row = conn.execute(select(s.claim_clusters).where(s.claim_clusters.c.id == cluster_id)).first()
    if row is None:
        return None
    return _record(row, _members(conn, [cluster_id])[cluster_id])


def find_claims(conn: Connection, words: str, limit: int = 20) -> list[dict[str, Any]]:
    """Clusters with a member containing ``words`` (case-insensitive), largest first, as records."""
    m, k = s.claim_members, s.claim_clusters
    needle = f"%{words.lower()}%"
    ids = select(m.c.cluster_id).where(func.lower(m.c.text).like(needle)).distinct().subquery()
    rows = conn.execute(
        select(k).where(k.c.id.in_(select(ids.c.cluster_id))).order_by(k.c.size.desc(), k.c.id).limit(limit)
    ).all()
    members = _members(conn, [r.id for r in rows]) if rows else {}
    return [_record(r, members[r.id]) for r in rows]


def claim_clusters(conn: Connection, chunk: int = 500) -> Iterator[dict[str, Any]]:
    """Every cluster as its record, largest first (JSON Lines export)."""
    k = s.claim_clusters
    ids = [r.id for r in conn.execute(select(k.c.id).order_by(k.c.size.desc(), k.c.id))]
    for i in range(0, len(ids), chunk):
        part = ids[i : i + chunk]
        rows = {r.id: r for r in conn.execute(select(k).where(k.c.id.in_(part)))}
        members = _members(conn, part)
        for cid in part:
            yield _record(rows[cid], members[cid])


def claim_member_rows(conn: Connection) -> Iterator[dict[str, Any]]:
    """One row per member (CSV and Parquet export): the cluster's id, size and first appearance beside it."""
    for rec in claim_clusters(conn):
        first = rec["first"]
        for m in rec["members"]:
            yield {
                "cluster": rec["id"], "size": rec["size"], "first_article": first["article"],
                "first_publisher": first["publisher"], "first_published": first["published"],
                "first_speaker": first["speaker"], **{k: v for k, v in m.items() if k != "changes"},
                "changes": [c["label"] for c in m["changes"]],
            }  # fmt: skip


def word_diff(first: str, other: str) -> list[dict[str, str]]:
    """``other``'s words against ``first``'s as runs: ``same``, ``added`` (in other only), ``removed`` (in first
    only), so a page can show a changed number, an added hedge or a dropped "X said" at a glance."""
    a, b = first.split(), other.split()
    out: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append({"op": "same", "text": " ".join(b[j1:j2])})
            continue
        if i2 > i1:
            out.append({"op": "removed", "text": " ".join(a[i1:i2])})
        if j2 > j1:
            out.append({"op": "added", "text": " ".join(b[j1:j2])})
    return out


def _ratings(conn: Connection, ids: list[str]) -> dict[str, float | None]:
    r = s.source_ratings
    stmt = select(r.c.document_id, r.c.score).where(r.c.document_id.in_(ids), r.c.subject == "publisher", r.c.idx == 0)
    return {row.document_id: row.score for row in conn.execute(stmt)}


def claim_page(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    """The cluster record, each member with its outlet's rating and its words diffed against the first."""
    record = claim_cluster(conn, cluster_id)
    if record is None:
        return None
    ratings = _ratings(conn, [m["article"] for m in record["members"]])
    first_text = record["members"][0]["text"]
    for i, m in enumerate(record["members"]):
        m["rating"] = ratings.get(m["article"])
        m["first"] = i == 0
        m["diff"] = [{"op": "same", "text": m["text"]}] if i == 0 else word_diff(first_text, m["text"])
    return record


def _kind(attribution: dict[str, Any] | None) -> str | None:
    """How the member's words are put on its speaker (direct, indirect, mixed), None when on no one: a page
    prints only a direct quote inside quotation marks."""
    return (attribution or {}).get("kind")


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days if a and b else None
    except ValueError:
        return None


def seen_elsewhere(conn: Connection, document_id: str) -> list[dict[str, Any]]:
    """This article's claims that other articles carry too: how many others, where and when first seen."""
    m, k, a = s.claim_members, s.claim_clusters, s.articles
    stmt = (
        select(m.c.cluster_id, m.c.start, m.c.end, m.c.text, m.c.attribution, k.c.size, k.c.first_document_id,
               k.c.first_published, a.c.publisher.label("first_publisher"))
        .select_from(m.join(k, k.c.id == m.c.cluster_id).join(a, a.c.document_id == k.c.first_document_id))
        .where(m.c.document_id == document_id)
        .order_by(m.c.start)
    )  # fmt: skip
    own = conn.execute(select(a.c.published).where(a.c.document_id == document_id)).scalar()
    return [
        {"cluster": r.cluster_id, "start": r.start, "end": r.end, "text": r.text, "kind": _kind(r.attribution),
         "others": r.size - 1,
         "first": r.first_document_id == document_id, "first_article": r.first_document_id,
         "first_publisher": r.first_publisher, "first_published": r.first_published,
         "days_earlier": _days(r.first_published, own)}
        for r in conn.execute(stmt)
    ]  # fmt: skip


def first_made_by(conn: Connection, names: list[str], limit: int = 20) -> list[dict[str, Any]]:
    """Clusters whose first appearance puts the claim on one of ``names`` (an entity's name and aliases)."""
    k = s.claim_clusters
    wanted = [n.lower() for n in names if n]
    if not wanted:
        return []
    stmt = (
        select(
            k.c.id,
            k.c.size,
            k.c.first_published,
            k.c.first_speaker,
            s.claim_members.c.text,
            s.claim_members.c.attribution,
        )
        .select_from(k.join(s.claim_members, (s.claim_members.c.cluster_id == k.c.id) & (s.claim_members.c.idx == 0)))
        .where(func.lower(k.c.first_speaker).in_(wanted))
        .order_by(k.c.size.desc(), k.c.id)
        .limit(limit)
    )
    return [{"cluster": r.id, "size": r.size, "first_published": r.first_published, "speaker": r.first_speaker,
             "text": r.text, "kind": _kind(r.attribution)} for r in conn.execute(stmt)]  # fmt: skip


def _matches(text: str, groups: list[list[str]]) -> bool:
    words = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    return any(all(f" {t.lower()} " in words for t in g) for g in groups)


def claims_in_hits(conn: Connection, document_ids: list[str], groups: list[list[str]], limit: int = 5):
    """Claim clusters with a member in the search page's hit articles whose words match the query (the
    full-text index found the articles; the claims are read for those few articles only)."""
    if not document_ids or not groups:
        return []
    m, k = s.claim_members, s.claim_clusters
    stmt = (
        select(m.c.cluster_id, m.c.text, m.c.attribution, k.c.size, k.c.first_published)
        .select_from(m.join(k, k.c.id == m.c.cluster_id))
        .where(m.c.document_id.in_(list(dict.fromkeys(document_ids))))
        .order_by(k.c.size.desc(), m.c.cluster_id)
    )
    out, seen = [], set()
    for r in conn.execute(stmt):
        if r.cluster_id in seen or not _matches(r.text, groups):
            continue
        seen.add(r.cluster_id)
        out.append(
            {"cluster": r.cluster_id, "text": r.text, "kind": _kind(r.attribution), "size": r.size,
             "first_published": r.first_published}
        )  # fmt: skip
        if len(out) >= limit:
            break
    return out
