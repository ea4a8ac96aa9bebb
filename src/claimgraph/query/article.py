"""One article as a reader checks it: body, metadata, provenance, entities, and every attribution.

The body is returned as stored (the offsets of every span index it) together with a flat list of
``spans`` (speaker, cue, quote, entity, and the credibility layers: unattributed assertion, quantity,
hedge or vague source, propaganda technique) so any view can highlight it without re-finding strings.
``claims``, ``quantities`` and ``signals`` are the analysis's own records, as ``analyze`` emits them.
Provenance joins both directions of the ``copies`` table: what this page copied from, and which
pages in the knowledge base copy it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..store import schema as s
from ..store.analysis_rows import read_analysis
from .rows import attribution_dicts, attribution_select

a, t, m, ae, c, p = s.articles, s.attributions, s.mentions, s.article_entities, s.copies, s.publishers


def article(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """The article with ``document_id``, or None when the knowledge base has no such article."""
    row = conn.execute(
        select(a, s.documents.c.source, s.documents.c.format, p.c.name.label("publisher_name"), p.c.domain)
        .join(s.documents, s.documents.c.id == a.c.document_id)
        .outerjoin(p, p.c.id == a.c.publisher_id)
        .where(a.c.document_id == document_id)
    ).first()
    if row is None:
        return None
    attributions = attribution_dicts(
        conn,
        conn.execute(
            attribution_select(with_article=False)
            .where(t.c.document_id == document_id)
            .order_by(t.c.content_start, t.c.local_id)
        ).all(),
    )
    entities = [
        dict(r._mapping)
        for r in conn.execute(
            select(ae.c.local_id, ae.c.entity_id, ae.c.name, ae.c.type, ae.c.roles, ae.c.country, ae.c.link)
            .where(ae.c.document_id == document_id)
            .order_by(ae.c.name)
        )
    ]
    mentions = conn.execute(
        select(m.c.start, m.c.end, m.c.entity_id, m.c.text, m.c.kind)
        .where(m.c.document_id == document_id)
        .order_by(m.c.start)
    ).all()
    parts = read_analysis(conn, [document_id])[document_id]
    claims, quantities, signals = parts["claims"], parts["quantities"], parts["signals"] or {}
    return {
        "id": row.document_id,
        "title": row.title,
        "authors": row.authors or [],
        "published": row.published,
        "publisher": {"id": row.publisher_id, "name": row.publisher_name, "domain": row.domain}
        if row.publisher_id
        else None,
        "url": row.url,
        "source": row.source,
        "format": row.format,
        "language": row.language,
        "words": row.words,
        "tags": row.tags or {},
        "body": row.body,
        "paragraphs": row.paragraphs or [[0, len(row.body)]],
        "headings": row.headings or [],
        "removed": row.removed or [],
        "provenance": provenance(conn, document_id, row.original_source, bool(row.republished)),
        "entities": entities,
        "attributions": attributions,
        "claims": claims,
        "quantities": quantities,
        "signals": signals,
        "spans": sorted(spans(attributions, mentions) + signal_spans(quantities, signals), key=body_order),
    }


def body_order(span: dict[str, Any]) -> tuple[int, int, str]:
    """Spans sorted by start, longer first, then by layer."""
    return span["start"], -span["end"], span["type"]


def spans(attributions: list[dict[str, Any]], mentions: list[Any]) -> list[dict[str, Any]]:
    """Every highlightable stretch of the body: ``{"start", "end", "type", ...}``, in body order."""
    out: list[dict[str, Any]] = []
    for att in attributions:
        for start, end in att["content"]["fragments"]:
            out.append({"start": start, "end": end, "type": "quote", "attribution": att["id"], "stance": att["stance"]})
        if att["speaker_span"]:
            out.append(
                {
                    "start": att["speaker_span"][0],
                    "end": att["speaker_span"][1],
                    "type": "speaker",
                    "attribution": att["id"],
                    "entity": (att["speaker"] or {}).get("id"),
                }
            )
        if att["cue"] and att["cue"]["start"] is not None:
            out.append(
                {"start": att["cue"]["start"], "end": att["cue"]["end"], "type": "cue", "attribution": att["id"]}
            )
    for mention in mentions:
        out.append(
            {
                "start": mention.start,
                "end": mention.end,
                "type": "entity",
                "entity": mention.entity_id,
                "kind": mention.kind,
            }
        )
    return sorted(out, key=body_order)


def signal_spans(quantities: list[dict[str, Any]], signals: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of the credibility layers, each with the label a reader needs to understand the highlight."""
    out: list[dict[str, Any]] = []
    for item in signals.get("unattributed_assertions") or []:
        out.append(
            {
                "start": item["start"],
                "end": item["end"],
                "type": "unattributed",
                "claim": item.get("claim"),
                "label": f"stated without a source (check-worthiness {item.get('check_worthiness', 0):.2f})",
            }
        )
    for q in quantities:
        lo = min(q["start"], (q.get("approx_span") or {}).get("start", q["start"]))
        hi = max(q["end"], (q.get("object") or {}).get("end", q["end"]))
        counted = (q.get("object") or {}).get("text") or q.get("unit") or ""
        label = " ".join(x for x in ("quantity:", q.get("approx") or "", q.get("text") or "", counted) if x)
        out.append({"start": lo, "end": hi, "type": "quantity", "label": label})
    for key, what in (
        ("hedges", "hedge"),
        ("anonymous_sources", "anonymous source"),
        ("vague_sources", "vague source"),
    ):
        for item in signals.get(key) or []:
            out.append({"start": item["start"], "end": item["end"], "type": "hedge", "label": what})
    for item in signals.get("propaganda") or []:
        out.append(
            {
                "start": item["start"],
                "end": item["end"],
                "type": "propaganda",
                "technique": item["technique"],
                "label": f"{item['technique'].replace('_', ' ')} (score {item.get('score', 0):.2f})",
            }
        )
    return sorted(out, key=body_order)


def provenance(conn: Connection, document_id: str, original_source: str | None, republished: bool) -> dict[str, Any]:
    """Where this text came from (declared and detected) and which known pages copy it."""

    def brief(doc_id: str | None) -> dict[str, Any] | None:
        if not doc_id:
            return None
        r = conn.execute(
            select(a.c.document_id, a.c.title, a.c.published, a.c.publisher_id, a.c.url).where(
                a.c.document_id == doc_id
            )
        ).first()
        return (
            {"id": r.document_id, "title": r.title, "published": r.published, "publisher": r.publisher_id, "url": r.url}
            if r
            else None
        )

    origin = conn.execute(select(c).where(c.c.document_id == document_id)).first()
    copies = conn.execute(
        select(c.c.document_id, c.c.similarity, c.c.method, a.c.title, a.c.published, a.c.publisher_id)
        .join(a, a.c.document_id == c.c.document_id)
        .where(c.c.origin_id == document_id)
        .order_by(a.c.published, c.c.document_id)
        .limit(200)
    ).all()
    return {
        "original_source": original_source,
        "republished": republished,
        "copy_of": {
            "origin": brief(origin.origin_id),
            "declared": origin.origin_name,
            "similarity": origin.similarity,
            "method": origin.method,
        }
        if origin
        else None,
        "copies": [
            {
                "id": r.document_id,
                "title": r.title,
                "published": r.published,
                "publisher": r.publisher_id,
                "similarity": r.similarity,
                "method": r.method,
            }
            for r in copies
        ],
    }
