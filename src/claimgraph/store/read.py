"""Read ``claimgraph/1`` records back out of the knowledge base, as ``analyze`` produced them.

The store splits a record over many tables (one row per entity, mention, attribution, claim,
quantity and signal); this puts them together again. Reads go by batches of document ids, one
query per table per batch, so a view listing 50 articles costs the same queries as a view of one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, select

from ..model import AnalysisResult
from ..vocab import SCHEMA
from . import schema as s
from .analysis_rows import read_analysis
from .geo_rows import read_geo

CHUNK = 500  # ids per IN (...): well under SQLite's and PostgreSQL's parameter limits


def local_order(local_id: str) -> tuple[int, str]:
    """Analysis-local ids in record order: "e2" before "e10"."""
    digits = re.sub(r"\D", "", local_id)
    return (int(digits) if digits else 0, local_id)


def read_result(conn: Connection, document_id: str) -> AnalysisResult | None:
    """The stored record of one document, or None when the KB has no such article."""
    found = read_results(conn, [document_id])
    return found[0] if found else None


def read_results(conn: Connection, ids: Sequence[str]) -> list[AnalysisResult]:
    """The stored records of ``ids``, in the order given; ids the KB does not hold are left out."""
    out: list[AnalysisResult] = []
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), CHUNK):
        out += _read_chunk(conn, wanted[start : start + CHUNK])
    order = {doc_id: i for i, doc_id in enumerate(ids)}
    return sorted(out, key=lambda r: order[r.document.id])


def rows_by_document(conn: Connection, table: Table, ids: Iterable[str], *order: Any) -> dict[str, list[Any]]:
    """Every row of ``table`` for ``ids``, grouped by document id, each group in ``order``."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    stmt = select(table).where(table.c.document_id.in_(list(ids)))
    for row in conn.execute(stmt.order_by(table.c.document_id, *order)):
        grouped[row.document_id].append(row)
    return grouped


def _read_chunk(conn: Connection, ids: list[str]) -> list[AnalysisResult]:
    heads = conn.execute(
        select(s.documents, s.articles)
        .join(s.articles, s.articles.c.document_id == s.documents.c.id)
        .where(s.documents.c.id.in_(ids))
    ).all()
    if not heads:
        return []
    present = [h.id for h in heads]
    entities = _entities(conn, present)
    attributions = rows_by_document(conn, s.attributions, present)
    analysis = read_analysis(conn, present)
    geo = read_geo(conn, present)
    results = []
    for head in heads:
        record = {
            "schema": SCHEMA,
            "document": _document(head),
            "article": _article(head),
            "sentences": head.sentences or [],
            "entities": entities.get(head.id, []),
            "attributions": _attributions(attributions.get(head.id, [])),
            **analysis.get(head.id, {"claims": [], "quantities": [], "signals": None}),
            **geo.get(head.id, {"places": [], "events": []}),
        }
        results.append(AnalysisResult.from_dict(record))
    return results


def _document(head: Any) -> dict[str, Any]:
    return {
        "id": head.id,
        "source": head.source,
        "format": head.format,
        "encoding": head.encoding,
        "url": head.input_url,
        "fetched_at": head.fetched_at,
        "position": head.position or None,
    }


def _article(head: Any) -> dict[str, Any]:
    return {
        "body": head.body,
        "title": head.title,
        "authors": head.authors or [],
        "published": head.published,
        "publisher": head.publisher,
        "publisher_domain": head.publisher_domain,
        "original_source": head.original_source,
        "republished": bool(head.republished),
        "url": head.url,
        "language": head.language,
        "tags": head.tags or {},
        "paragraphs": head.paragraphs or [],
        "headings": head.headings or [],
        "removed": head.removed or [],
        "format": head.format,
    }


def _entities(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    mentions: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for m in conn.execute(
        select(s.mentions).where(s.mentions.c.document_id.in_(ids)).order_by(s.mentions.c.start, s.mentions.c.end)
    ):
        mentions[(m.document_id, m.local_id)].append({"start": m.start, "end": m.end, "text": m.text, "kind": m.kind})
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc_id, rows in rows_by_document(conn, s.article_entities, ids).items():
        for e in sorted(rows, key=lambda r: local_order(r.local_id)):
            out[doc_id].append(
                {
                    "id": e.local_id,
                    "name": e.name,
                    "type": e.type,
                    "mentions": mentions.get((doc_id, e.local_id), []),
                    "roles": e.roles or [],
                    "country": e.country,
                    "aliases": e.aliases or [],
                }
            )
    return out


def _attributions(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in sorted(rows, key=lambda r: local_order(r.local_id)):
        speaker = None
        if r.speaker_start is not None:
            speaker = {"start": r.speaker_start, "end": r.speaker_end, "text": r.speaker_text}
        cue = None
        if r.cue_start is not None:
            cue = {"start": r.cue_start, "end": r.cue_end, "text": r.cue_text, "lemma": r.cue_lemma}
        out.append(
            {
                "id": r.local_id,
                "speaker": r.speaker_local,
                "speaker_mention": speaker,
                "cue": cue,
                "content": {
                    "start": r.content_start,
                    "end": r.content_end,
                    "text": r.content,
                    "fragments": r.fragments or [],
                },
                "kind": r.kind,
                "stance": r.stance,
                "stance_evidence": r.stance_evidence,
                "targets": r.targets_local or [],
                "via": r.via_local or [],
                "confidence": r.confidence,
            }
        )
    return out


__all__ = ["read_result", "read_results"]
