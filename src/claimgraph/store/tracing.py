"""Keep the KB's claim clusters up to date: cluster the articles ingested since the last run.

The articles already clustered are put back into a fresh :class:`~claimgraph.tracing.ClaimTracer` with the
clusters stored for them (``restore``: the candidate indexes are rebuilt in memory, no cluster is decided
again), then the new articles are added in ingest order and the clusters they touched are rewritten. A cluster
is stored once it spans two articles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, insert, select

from ..model.serialize import to_data
from ..tracing import ClaimTracer
from . import schema as s
from .read import read_results

CHUNK = 200


@dataclass(slots=True)
class TraceReport:
    articles: int = 0  # newly clustered
    clusters: int = 0  # clusters written (new or grown)


def _stored(conn: Connection) -> tuple[list[str], dict[str, dict[int, str]]]:
    traced = [r.document_id for r in conn.execute(select(s.claim_traced.c.document_id).order_by(s.claim_traced.c.seq))]
    assigned: dict[str, dict[int, str]] = defaultdict(dict)
    m = s.claim_members
    for doc, start, cid in conn.execute(select(m.c.document_id, m.c.start, m.c.cluster_id)):
        assigned[doc][start] = cid
    return traced, assigned


def _new_articles(conn: Connection) -> list[str]:
    a, t = s.articles, s.claim_traced
    done = select(t.c.document_id)
    rows = conn.execute(select(a.c.document_id).where(a.c.document_id.not_in(done)).order_by(a.c.document_id))
    return [r.document_id for r in rows]


def _chunks(ids: list[str]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _write(conn: Connection, tracer: ClaimTracer, cluster_ids: set[str]) -> int:
    """Rewrite the rows of the clusters touched in this run (those spanning two or more articles)."""
    records = [tracer.record(cid) for cid in sorted(cluster_ids) if len(tracer.clusters[cid].articles) > 1]
    ids = [r.id for r in records]
    for table in (s.claim_changes, s.claim_members, s.claim_clusters):
        column = table.c.cluster_id if table is not s.claim_clusters else table.c.id
        for chunk in _chunks(ids):
            conn.execute(delete(table).where(column.in_(chunk)))
    clusters, members, changes = [], [], []
    for rec in records:
        head = rec.members[0]
        clusters.append({"id": rec.id, "size": rec.size, "first_document_id": head.article, "first_start": head.start,
                         "first_published": head.published, "first_speaker": head.speaker})  # fmt: skip
        for idx, m in enumerate(rec.members):
            att = to_data(m.attribution) if m.attribution is not None else None
            members.append({"document_id": m.article, "start": m.start, "end": m.end, "cluster_id": rec.id,
                            "idx": idx, "text": m.text, "speaker": m.speaker, "attributed": m.attributed,
                            "attribution": att})  # fmt: skip
            for j, c in enumerate(m.changes):
                changes.append({"document_id": m.article, "start": m.start, "idx": j, "cluster_id": rec.id,
                                "label": c.label, "before": c.before, "after": c.after, "speaker": c.speaker,
                                "cue": c.cue, "words": list(c.words), "similarity": c.similarity})  # fmt: skip
    for table, rows in ((s.claim_clusters, clusters), (s.claim_members, members), (s.claim_changes, changes)):
        if rows:
            conn.execute(insert(table), rows)
    return len(records)


def trace_new(engine: Engine) -> TraceReport:
    """Cluster every stored article not clustered yet into the stored clusters; rewrite what changed."""
    report = TraceReport()
    with engine.connect() as conn:
        new_ids = _new_articles(conn)
        if not new_ids:
            return report
        traced, assigned = _stored(conn)
        tracer = ClaimTracer()
        for chunk in _chunks(traced):
            for result in read_results(conn, chunk):
                tracer.restore(result, assigned.get(result.document.id, {}))
        touched: set[str] = set()
        for chunk in _chunks(new_ids):
            for result in read_results(conn, chunk):
                touched.update(tracer.add(result))
        seq = conn.execute(select(func.max(s.claim_traced.c.seq))).scalar() or 0
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        report.clusters = _write(conn, tracer, touched)
        rows = [{"document_id": d, "seq": seq + i + 1} for i, d in enumerate(new_ids)]
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(s.claim_traced), rows[i : i + CHUNK])
    report.articles = len(new_ids)
    return report
