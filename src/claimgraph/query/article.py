"""One article as a reader checks it: its ``claimgraph/1`` record plus what the knowledge base adds.

The record (``store.read.read_result``) comes back field for field as ``analyze`` wrote it, so a
script can treat ``/api/articles/{id}`` and ``analyze`` output alike. The KB's additions use names
the record does not (``KB_FIELDS`` here and in ``rows.py``): each entity's KB id and canonical name,
each attribution's speaker/target/via KB ids and names, the publisher's KB key, the known copies of
the text (both directions of the ``copies`` table), and a flat list of ``spans`` (speaker, cue,
quote, entity, and the credibility layers: unattributed assertion, quantity, hedge or vague source,
propaganda technique) so any view can highlight the body without re-finding strings.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..store import schema as s
from ..store.read import read_result
from .claims import seen_elsewhere
from .common import article_brief, entity_names
from .rows import with_kb

a, ae, c = s.articles, s.article_entities, s.copies

KB_FIELDS = (
    "publisher_id",  # the KB's key of the publisher (its domain): /publishers/{publisher_id}
    "words",  # words in the body
    "kb_copies",  # {"copy_of": the origin this text copies, or None; "copies": known pages copying it}
    "spans",  # every highlightable stretch of the body, in body order
    "claims_elsewhere",  # its claims other articles carry too: how many, first seen where and when (issue 15)
)
ENTITY_KB_FIELDS = ("kb_id", "kb_name", "link")  # KB entity id, its canonical name, how it was linked


def article(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """The record of ``document_id`` with the KB's additions, or None when the KB has no such article."""
    result = read_result(conn, document_id)
    if result is None:
        return None
    data = result.to_dict()
    row = conn.execute(select(a.c.publisher_id, a.c.words).where(a.c.document_id == document_id)).one()
    add_kb_links(conn, data)
    data["publisher_id"] = row.publisher_id
    data["words"] = row.words
    data["kb_copies"] = copies(conn, document_id)
    data["claims_elsewhere"] = seen_elsewhere(conn, document_id)
    data["spans"] = sorted(spans(data) + signal_spans(data["quantities"], data["signals"] or {}), key=body_order)
    return data


def add_kb_links(conn: Connection, data: dict[str, Any]) -> None:
    """Each entity's KB id, canonical name and link method; each attribution's KB ids and names (rows.KB_FIELDS)."""
    document_id = data["document"]["id"]
    stmt = select(ae.c.local_id, ae.c.entity_id, ae.c.link).where(ae.c.document_id == document_id)
    links = {r.local_id: r for r in conn.execute(stmt)}
    names = entity_names(conn, {r.entity_id for r in links.values()})
    kb_of = {local: r.entity_id for local, r in links.items()}
    for entity in data["entities"]:
        link = links.get(entity["id"])
        entity["kb_id"] = link.entity_id if link else None
        entity["kb_name"] = names[link.entity_id]["name"] if link and link.entity_id in names else None
        entity["link"] = link.link if link else None
    for att in data["attributions"]:
        kb = [kb_of.get(x, x) for x in att["targets"]], [kb_of.get(x, x) for x in att["via"]]
        with_kb(att, document_id, kb_of.get(att["speaker"]), *kb, names)


def body_order(span: dict[str, Any]) -> tuple[int, int, str]:
    """Spans sorted by start, longer first, then by layer."""
    return span["start"], -span["end"], span["type"]


def spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Quote, speaker, cue and entity-mention stretches: ``{"start", "end", "type", ...}``, in body order."""
    out: list[dict[str, Any]] = []
    for att in record["attributions"]:
        for start, end in att["content"]["fragments"]:
            out.append(
                {"start": start, "end": end, "type": "quote", "attribution": att["id"], "stance": att["stance"],
                 "kind": att["kind"]}  # indirect: the reporter's paraphrase, not the speaker's words
            )  # fmt: skip
        if att["speaker_mention"]:
            mention = att["speaker_mention"]
            out.append(
                {
                    "start": mention["start"],
                    "end": mention["end"],
                    "type": "speaker",
                    "attribution": att["id"],
                    "entity": att["speaker_kb_id"],
                }
            )
        if att["cue"]:
            out.append(
                {"start": att["cue"]["start"], "end": att["cue"]["end"], "type": "cue", "attribution": att["id"]}
            )
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            out.append(
                {
                    "start": mention["start"],
                    "end": mention["end"],
                    "type": "entity",
                    "entity": entity["kb_id"],
                    "kind": mention["kind"],
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


def copies(conn: Connection, document_id: str) -> dict[str, Any]:
    """Which known page this text copies (with the origin the page declares) and which known pages copy it."""

    def brief(doc_id: str | None) -> dict[str, Any] | None:
        if not doc_id:
            return None
        r = conn.execute(
            select(a.c.document_id, a.c.title, a.c.published, a.c.publisher_id, a.c.url).where(
                a.c.document_id == doc_id
            )
        ).first()
        return article_brief(r) if r else None

    origin = conn.execute(select(c).where(c.c.document_id == document_id)).first()
    rows = conn.execute(
        select(c.c.document_id, c.c.similarity, c.c.method, a.c.title, a.c.published, a.c.publisher_id, a.c.url)
        .join(a, a.c.document_id == c.c.document_id)
        .where(c.c.origin_id == document_id)
        .order_by(a.c.published, c.c.document_id)
        .limit(200)
    ).all()
    return {
        "copy_of": {
            "origin": brief(origin.origin_id),
            "declared": origin.origin_name,
            "similarity": origin.similarity,
            "method": origin.method,
        }
        if origin
        else None,
        "copies": [{**article_brief(r), "similarity": r.similarity, "method": r.method} for r in rows],
    }
