"""``claimgraph load DIR --db URL``: the knowledge base from a finished lake, in bulk.

Steps, each over the whole lake rather than one article at a time through every stage:

1. statuses: read the documents and errors shards in manifest order (input order) and decide, as the
   writer does, which items add a document, which repeat one, which failed; items an earlier load or
   ingest already stored (``ingest_progress``) are skipped, so a killed load resumes;
2. entity linking across articles: one sequence per type group, the groups in parallel (linkstep.py);
3. rows: every shard's records rebuilt and turned into KB rows by the writer's own code (kbrows.py),
   written in batches of ``batch_docs`` documents, one transaction each (COPY on PostgreSQL, copy.py);
4. republication copies: LSH buckets by band key and connected components over every signature in the
   KB (copies.py), the ``copies`` table rewritten in one transaction;
5. claim clusters: the articles not clustered yet join the KB's claim clusters (``store/tracing.py``, the
   step ``claimgraph ingest`` ends with), in the order they were stored.

The result is the KB a one-process ``claimgraph ingest --db`` of the same inputs builds (tests/test_load.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from ..errors import ClaimgraphError, DocumentError
from ..model import Entity, Mention
from ..store import schema as s
from ..store.kb import KnowledgeBase
from .copies import Article as CopyArticle
from .copies import copies_rows
from .copy import write_rows
from .kbrows import RowSink, analysis_rows, item_rows
from .layout import Lake
from .linkstep import link_all
from .records import Loaded, results_of
from .tables import TABLES, read_rows

Status = str  # added | duplicate | error | skipped


@dataclass(slots=True)
class LoadSummary:
    """What a load did, and where its time went (``stages``: seconds per step)."""

    tasks: int = 0
    added: int = 0
    duplicates: int = 0
    errors: int = 0
    skipped: int = 0
    copies: int = 0
    clusters: int = 0  # claim clusters created or updated
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    cpu_stages: dict[str, float] = field(default_factory=dict)  # this process's CPU seconds per step

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _task_names(lake: Lake) -> list[str]:
    manifest = lake.manifest()
    if manifest is None:
        raise ClaimgraphError(f"no lake at {lake.root} (no manifest); make one with `claimgraph ingest ... --lake`")
    names = [t["name"] for t in manifest["tasks"]]
    missing = [n for n in names if not lake.is_done(n)]
    if missing:
        raise ClaimgraphError(
            f"{len(missing)} of {len(names)} tasks of {lake.root} are not finished; rerun the same "
            "`claimgraph ingest --lake` command first"
        )
    return names


def _columns(lake: Lake, table: str, task: str, columns: list[str]) -> list[dict[str, Any]]:
    return lake.read_shard(table, task, columns).to_pylist()


def _statuses(lake: Lake, names: list[str], done: set[tuple[str, str]], seen: set[str]) -> dict[str, list[Status]]:
    """Per task, each item's status in input order (``seen``: document ids already in the KB, grown here)."""
    out: dict[str, list[Status]] = {}
    for name in names:
        docs = _columns(lake, "documents", name, ["seq", "document_id", "input_source", "input_position"])
        errs = _columns(lake, "errors", name, ["seq", "source", "position"])
        items = [(d["seq"], (d["input_source"], d["input_position"]), d["document_id"]) for d in docs]
        items += [(e["seq"], (e["source"], e["position"] or ""), None) for e in errs]
        statuses = []
        for _, key, doc_id in sorted(items, key=lambda x: x[0]):
            if key in done:
                statuses.append("skipped")
            elif doc_id is None:
                statuses.append("error")
            else:
                statuses.append("duplicate" if doc_id in seen else "added")
                seen.add(doc_id)
        out[name] = statuses
    return out


def _entities(lake: Lake, names: list[str], added: dict[str, set[str]]) -> Iterator[tuple[tuple[str, str], Entity]]:
    """The article entities of every added document, in input order, from the entities and mentions shards."""
    for name in names:
        if not added[name]:
            continue
        mentions: dict[tuple[str, str], list[Mention]] = {}
        for m in read_rows(lake.read_shard("mentions", name)):
            mentions.setdefault((m["document_id"], m["entity_id"]), []).append(
                Mention(m["start"], m["end"], m["text"], m["kind"])
            )
        order = {d["document_id"]: d["seq"] for d in _columns(lake, "documents", name, ["document_id", "seq"])}
        rows = [e for e in read_rows(lake.read_shard("entities", name)) if e["document_id"] in added[name]]
        rows.sort(key=lambda e: order[e["document_id"]])  # stable: entity order within a document is kept
        for e in rows:
            key = (e["document_id"], e["id"])
            yield key, Entity(e["id"], e["name"], e["type"], mentions.get(key, []), e["roles"], e["country"],
                              e["aliases"])  # fmt: skip


def _shard(lake: Lake, name: str) -> dict[str, list[dict[str, Any]]]:
    return {table: read_rows(lake.read_shard(table, name)) for table in TABLES}


def _known(engine) -> tuple[set[tuple[str, str]], set[str], list, list]:
    with engine.connect() as conn:
        done = {
            (r.source, r.position)
            for r in conn.execute(select(s.ingest_progress.c.source, s.ingest_progress.c.position))
        }
        seen = set(conn.execute(select(s.documents.c.id)).scalars())
        entities = [tuple(r) for r in conn.execute(select(s.entities.c.id, s.entities.c.name, s.entities.c.type))]
        aliases = [tuple(r) for r in conn.execute(select(s.entity_aliases.c.entity_id, s.entity_aliases.c.alias))]
    return done, seen, entities, aliases


def load_lake(
    root: str | Path,
    db: str,
    batch_docs: int = 500,
    processes: int = 1,
    on_progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Build (or extend) the KB at ``db`` from the lake at ``root``; rerun to resume after a crash."""
    lake = Lake(root)
    names = _task_names(lake)
    summary = LoadSummary(tasks=len(names))
    started = time.perf_counter()
    with KnowledgeBase(db) as kb, kb._writer.exclusive():
        clock = _Clock(summary)
        done, seen, known_entities, known_aliases = _known(kb.engine)
        statuses = _statuses(lake, names, done, seen)
        clock.lap("statuses")
        added = {n: _added_ids(lake, n, statuses[n]) for n in names}
        links = link_all(_entities(lake, names, added), known_entities, known_aliases, processes)
        clock.lap("linking")
        _write_all(kb.engine, lake, names, statuses, links, batch_docs, summary, clock, on_progress)
        summary.copies = _rewrite_copies(kb.engine)
        clock.lap("copies")
        summary.clusters = kb.trace_claims().clusters
        clock.lap("claim clusters")
    summary.seconds = time.perf_counter() - started
    return summary


def _added_ids(lake: Lake, name: str, statuses: list[Status]) -> set[str]:
    docs = _columns(lake, "documents", name, ["seq", "document_id"])
    return {d["document_id"] for d in docs if statuses[d["seq"]] == "added"}


class _Clock:
    """Wall and CPU seconds per step, summed over the batches."""

    def __init__(self, summary: LoadSummary) -> None:
        self.summary, self.t, self.cpu = summary, time.perf_counter(), time.process_time()

    def lap(self, stage: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        for stages, spent in ((self.summary.stages, now - self.t), (self.summary.cpu_stages, cpu - self.cpu)):
            stages[stage] = stages.get(stage, 0.0) + spent
        self.t, self.cpu = now, cpu


def _write_all(engine, lake, names, statuses, links, batch_docs, summary, clock, on_progress) -> None:
    """Rebuild every shard's records and write them in batches of about ``batch_docs`` added documents."""
    batch: list[tuple[Loaded, Status]] = []
    n_added = 0

    def flush() -> None:
        nonlocal n_added
        clock.lap("read")
        with engine.connect().execution_options(writer=True) as conn, conn.begin():
            sink = RowSink(conn)
            results = item_rows(sink, batch)
            analysis_rows(sink, results, links)
            clock.lap("rows")
            write_rows(conn, sink.rows, sink.ignore)
        clock.lap("write")
        batch.clear()
        n_added = 0
        if on_progress:
            on_progress(summary)

    for name in names:
        for item, status in zip(results_of(_shard(lake, name)), statuses[name], strict=True):
            if status == "skipped":
                summary.skipped += 1
                continue
            batch.append((item, status))
            summary.added += status == "added"
            summary.duplicates += status == "duplicate"
            summary.errors += isinstance(item.result, DocumentError)
            n_added += status == "added"
            if n_added >= batch_docs:
                flush()
    if batch:
        flush()


def _rewrite_copies(engine) -> int:
    """The ``copies`` table recomputed over every signature in the KB (order-free, so the same for any history)."""
    a, p = s.articles, s.publishers
    query = select(a.c.document_id, a.c.minhash, a.c.published, a.c.original_source, p.c.name, p.c.domain).select_from(
        a.outerjoin(p, a.c.publisher_id == p.c.id)
    )
    with engine.connect().execution_options(writer=True) as conn, conn.begin():
        articles = {
            r.document_id: CopyArticle(r.document_id, r.minhash, r.published, r.original_source,
                                       frozenset(x.casefold() for x in (r.name, r.domain) if x))
            for r in conn.execute(query)
        }  # fmt: skip
        rows = copies_rows(articles)
        conn.execute(delete(s.copies))
        write_rows(conn, {"copies": rows}, set())
    return len(rows)
