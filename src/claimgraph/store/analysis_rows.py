"""Claims, quantities and credibility signals: record <-> rows of the revision-5 tables.

The one place that knows how these parts of a record are stored: the writer and the migration that
converts an older KB's JSON use ``analysis_rows``; the reader uses ``read_analysis``. Rows are built
from the data classes' attributes directly (no serialiser round trip), since this runs for every
document of an ingest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from ..model import AnalysisResult, Claim, Hedge, Quantity, Rating, Signals, SourceAssessment
from . import schema_analysis as t

Rows = dict[str, list[dict[str, Any]]]
TABLE_NAMES = tuple(table.name for table in t.TABLES)
LINK_ROLES = ("attribution", "speaker", "quantity", "hedge")


def empty_rows() -> Rows:
    return {name: [] for name in TABLE_NAMES}


@dataclass(slots=True)
class ArticleKeys:
    """What the rows of one article carry besides its analysis: ids, and the copied publisher and date."""

    document_id: str
    publisher_id: str | None
    published: str | None
    kb_id: dict[str, str]  # the article's entity ids -> KB entity ids


def analysis_rows(out: Rows, result: AnalysisResult, kb_id: dict[str, str], publisher_id: str | None) -> None:
    """Append the rows of ``result``'s claims, quantities and signals to ``out`` (one list per table)."""
    keys = ArticleKeys(result.document.id, publisher_id, result.article.published, kb_id)
    parts_rows(out, keys, result.claims, result.quantities, result.signals)


def parts_rows(
    out: Rows, keys: ArticleKeys, claims: list[Claim], quantities: list[Quantity], signals: Signals | None
) -> None:
    """The rows of one article's claims, quantities and signals (the writer's and revision 5's conversion)."""
    doc_id = keys.document_id
    for i, claim in enumerate(claims):
        out["claims"].append(_claim_row(doc_id, i, claim, keys.publisher_id, keys.published))
        out["claim_links"] += _claim_links(doc_id, claim, keys.kb_id)
    out["quantities"] += [_quantity_row(doc_id, i, q) for i, q in enumerate(quantities)]
    if signals is not None:
        _signal_rows(out, doc_id, signals)


def _claim_row(doc_id: str, i: int, c: Claim, publisher_id: str | None, published: str | None) -> dict[str, Any]:
    return {
        "document_id": doc_id, "local_id": c.id, "idx": i, "start": c.start, "end": c.end, "text": c.text,
        "check_worthiness": c.check_worthiness, "check_worthy": c.check_worthy, "question": c.question,
        "unattributed": c.unattributed, "publisher_id": publisher_id, "published": published,
    }  # fmt: skip


def _claim_links(doc_id: str, c: Claim, kb_id: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for role, refs in zip(LINK_ROLES, (c.attributed_to, c.speakers, c.quantities, c.hedges), strict=True):
        for n, ref in enumerate(refs):
            entity = kb_id.get(ref) if role == "speaker" else None
            out.append(
                {"document_id": doc_id, "claim_id": c.id, "role": role, "ord": n, "ref": ref, "entity_id": entity}
            )
    return out


def _quantity_row(doc_id: str, i: int, q: Quantity) -> dict[str, Any]:
    o, a = q.object, q.approx_span
    return {
        "document_id": doc_id, "local_id": q.id, "idx": i, "claim_id": q.claim, "start": q.start, "end": q.end,
        "text": q.text, "value": q.value, "high": q.high, "kind": q.kind, "unit": q.unit, "approx": q.approx,
        "approx_kind": q.approx_kind, "mention_start": q.mention.start, "mention_end": q.mention.end,
        "mention_text": q.mention.text, "approx_start": a.start if a else None, "approx_end": a.end if a else None,
        "approx_text": a.text if a else None, "object_start": o.start if o else None,
        "object_end": o.end if o else None, "object_text": o.text if o else None,
        "object_head": o.head if o else None, "object_lemma": o.lemma if o else None,
    }  # fmt: skip


def _hedge_row(doc_id: str, i: int, h: Hedge) -> dict[str, Any]:
    sentence = h.sentence or (None, None)
    return {
        "document_id": doc_id, "category": h.category, "idx": i, "local_id": h.id, "kind": h.kind, "cue": h.cue,
        "start": h.start, "end": h.end, "text": h.text, "sentence_start": sentence[0], "sentence_end": sentence[1],
    }  # fmt: skip


def _rating_row(doc_id: str, subject: str, i: int, r: Rating) -> dict[str, Any]:
    return {
        "document_id": doc_id, "subject": subject, "idx": i, "status": r.status, "domain": r.domain,
        "query": r.query, "match": r.match, "score": r.score, "score_column": r.column, "percentile": r.percentile,
        "scores": dict(r.scores), "ratings_file": r.source, "hint": r.hint,
    }  # fmt: skip


def _signal_rows(out: Rows, doc_id: str, sig: Signals) -> None:
    for hedges in (sig.hedges, sig.anonymous_sources, sig.vague_sources):
        out["hedges"] += [_hedge_row(doc_id, i, h) for i, h in enumerate(hedges)]
    out["unattributed_assertions"] += [
        {"document_id": doc_id, "idx": i, "claim_id": u.claim, "start": u.start, "end": u.end, "text": u.text,
         "check_worthiness": u.check_worthiness, "attributed_share": u.attributed_share}
        for i, u in enumerate(sig.unattributed_assertions)
    ]  # fmt: skip
    out["propaganda_spans"] += [
        {"document_id": doc_id, "idx": i, "start": p.start, "end": p.end, "text": p.text, "technique": p.technique,
         "score": p.score, "technique_score": p.technique_score}
        for i, p in enumerate(sig.propaganda)
    ]  # fmt: skip
    summary = sig.summary
    row: dict[str, Any] = {
        "document_id": doc_id, "claims": summary.claims, "check_worthy": summary.check_worthy,
        "unattributed_check_worthy": summary.unattributed_check_worthy, "quantities": summary.quantities,
        "hedges": summary.hedges, "anonymous_sources": summary.anonymous_sources,
        "vague_sources": summary.vague_sources, "assessed": sig.source is not None,
    }  # fmt: skip
    if sig.source is not None:
        row |= _source_rows(out, doc_id, sig.source)
    out["article_signals"].append(row)


def _source_rows(out: Rows, doc_id: str, src: SourceAssessment) -> dict[str, Any]:
    """Rows of the source assessment's ratings, chain and outlets; returns its ``article_signals`` columns."""
    if src.source_rating is not None:
        out["source_ratings"].append(_rating_row(doc_id, "publisher", 0, src.source_rating))
    for i, link in enumerate(src.provenance.chain):
        ev = link.evidence
        out["provenance_links"].append(
            {"document_id": doc_id, "idx": i, "role": link.role, "name": link.name, "domain": link.domain,
             "evidence_field": ev.field, "evidence_entity": ev.entity,
             "evidence_start": ev.span.start if ev.span else None, "evidence_end": ev.span.end if ev.span else None,
             "evidence_text": ev.span.text if ev.span else None, "evidence_attributions": list(ev.attributions)}
        )  # fmt: skip
        out["source_ratings"].append(_rating_row(doc_id, "provenance", i, link.rating))
    for i, m in enumerate(src.outlets_mentioned):
        out["outlet_mentions"].append(
            {"document_id": doc_id, "idx": i, "name": m.name, "start": m.start, "end": m.end, "text": m.text,
             "why": m.why, "domain": m.domain}
        )  # fmt: skip
        out["source_ratings"].append(_rating_row(doc_id, "outlet", i, m.rating))
    ratings, weakest = src.ratings, src.weakest_link
    return {
        "ratings_status": ratings.status, "ratings_source": ratings.source, "ratings_column": ratings.column,
        "ratings_domains": ratings.domains, "ratings_hint": ratings.hint,
        "republished": src.provenance.republished, "known_domains": list(src.provenance.known_domains),
        "weakest_role": weakest.role if weakest else None, "weakest_name": weakest.name if weakest else None,
        "weakest_domain": weakest.domain if weakest else None, "weakest_score": weakest.score if weakest else None,
    }  # fmt: skip


# --- read ---------------------------------------------------------------------------------------------
def _grouped(conn: Connection, table, ids: Sequence[str], *order) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    stmt = select(table).where(table.c.document_id.in_(list(ids))).order_by(table.c.document_id, *order)
    for row in conn.execute(stmt):
        out[row.document_id].append(row)
    return out


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def read_analysis(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``{document_id: {"claims": [...], "quantities": [...], "signals": {...} | None}}`` as JSON-ready data."""
    links = defaultdict(list)
    for r in conn.execute(
        select(t.claim_links)
        .where(t.claim_links.c.document_id.in_(list(ids)))
        .order_by(t.claim_links.c.document_id, t.claim_links.c.claim_id, t.claim_links.c.role, t.claim_links.c.ord)
    ):
        links[(r.document_id, r.claim_id, r.role)].append(r.ref)
    claims = _grouped(conn, t.claims, ids, t.claims.c.idx)
    quantities = _grouped(conn, t.quantities, ids, t.quantities.c.idx)
    signals = _read_signals(conn, ids)
    return {
        d: {
            "claims": [_claim(r, links) for r in claims.get(d, [])],
            "quantities": [_quantity(r) for r in quantities.get(d, [])],
            "signals": signals.get(d),
        }
        for d in ids
    }


def _claim(r: Any, links: dict) -> dict[str, Any]:
    def refs(role: str) -> list[str]:
        return links.get((r.document_id, r.local_id, role), [])

    return {
        "id": r.local_id, "start": r.start, "end": r.end, "text": r.text, "check_worthiness": r.check_worthiness,
        "check_worthy": bool(r.check_worthy), "question": bool(r.question), "attributed_to": refs("attribution"),
        "speakers": refs("speaker"), "quantities": refs("quantity"), "hedges": refs("hedge"),
        "unattributed": bool(r.unattributed),
    }  # fmt: skip


def _quantity(r: Any) -> dict[str, Any]:
    obj = None
    if r.object_start is not None:
        obj = {"start": r.object_start, "end": r.object_end, "text": r.object_text, "head": r.object_head,
               "lemma": r.object_lemma}  # fmt: skip
    return {
        "id": r.local_id, "start": r.start, "end": r.end, "text": r.text, "value": r.value, "kind": r.kind,
        "mention": _span(r.mention_start, r.mention_end, r.mention_text), "unit": r.unit, "high": r.high,
        "object": obj, "approx": r.approx, "approx_kind": r.approx_kind,
        "approx_span": _span(r.approx_start, r.approx_end, r.approx_text), "claim": r.claim_id,
    }  # fmt: skip


def _rating(r: Any) -> dict[str, Any]:
    return {
        "status": r.status, "domain": r.domain, "query": r.query, "match": r.match, "score": r.score,
        "column": r.score_column, "percentile": r.percentile, "scores": r.scores or {}, "source": r.ratings_file,
        "hint": r.hint,
    }  # fmt: skip


def _read_signals(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    heads = _grouped(conn, t.article_signals, ids)
    if not heads:
        return {}
    hedges = _grouped(conn, t.hedges, ids, t.hedges.c.category, t.hedges.c.idx)
    unattributed = _grouped(conn, t.unattributed_assertions, ids, t.unattributed_assertions.c.idx)
    propaganda = _grouped(conn, t.propaganda_spans, ids, t.propaganda_spans.c.idx)
    ratings = {(r.document_id, r.subject, r.idx): _rating(r) for rs in _grouped(conn, t.source_ratings, ids).values()
               for r in rs}  # fmt: skip
    chains = _grouped(conn, t.provenance_links, ids, t.provenance_links.c.idx)
    outlets = _grouped(conn, t.outlet_mentions, ids, t.outlet_mentions.c.idx)
    out = {}
    for doc_id, (head,) in heads.items():
        by_category = defaultdict(list)
        for h in hedges.get(doc_id, []):
            by_category[h.category].append(
                {"id": h.local_id, "category": h.category, "kind": h.kind, "cue": h.cue, "start": h.start,
                 "end": h.end, "text": h.text,
                 "sentence": None if h.sentence_start is None else [h.sentence_start, h.sentence_end]}
            )  # fmt: skip
        out[doc_id] = {
            "hedges": by_category["hedge"],
            "anonymous_sources": by_category["anonymous_source"],
            "vague_sources": by_category["vague_source"],
            "unattributed_assertions": [
                {
                    "claim": u.claim_id,
                    "start": u.start,
                    "end": u.end,
                    "text": u.text,
                    "check_worthiness": u.check_worthiness,
                    "attributed_share": u.attributed_share,
                }
                for u in unattributed.get(doc_id, [])
            ],  # fmt: skip
            "propaganda": [
                {
                    "start": p.start,
                    "end": p.end,
                    "text": p.text,
                    "technique": p.technique,
                    "score": p.score,
                    "technique_score": p.technique_score,
                }
                for p in propaganda.get(doc_id, [])
            ],  # fmt: skip
            "summary": {k: getattr(head, k) for k in SUMMARY_FIELDS},
            "source": _source(head, ratings, chains.get(doc_id, []), outlets.get(doc_id, []))
            if head.assessed
            else None,
        }
    return out


SUMMARY_FIELDS = (
    "claims", "check_worthy", "unattributed_check_worthy", "quantities", "hedges", "anonymous_sources", "vague_sources",
)  # fmt: skip


def _source(head: Any, ratings: dict, chain: list[Any], outlets: list[Any]) -> dict[str, Any]:
    doc_id = head.document_id
    weakest = None
    if head.weakest_role is not None:
        weakest = {"role": head.weakest_role, "name": head.weakest_name, "domain": head.weakest_domain,
                   "score": head.weakest_score}  # fmt: skip
    return {
        "ratings": {"status": head.ratings_status, "source": head.ratings_source, "column": head.ratings_column,
                    "domains": head.ratings_domains, "hint": head.ratings_hint},
        "source_rating": ratings.get((doc_id, "publisher", 0)),
        "provenance": {
            "republished": bool(head.republished),
            "chain": [
                {"role": c.role, "name": c.name, "domain": c.domain, "rating": ratings[(doc_id, "provenance", c.idx)],
                 "evidence": {"attributions": c.evidence_attributions or [], "entity": c.evidence_entity,
                              "span": _span(c.evidence_start, c.evidence_end, c.evidence_text),
                              "field": c.evidence_field}}
                for c in chain
            ],
            "known_domains": head.known_domains or [],
        },
        "outlets_mentioned": [
            {"name": m.name, "start": m.start, "end": m.end, "text": m.text, "why": m.why, "domain": m.domain,
             "rating": ratings[(doc_id, "outlet", m.idx)]}
            for m in outlets
        ],
        "weakest_link": weakest,
    }  # fmt: skip
