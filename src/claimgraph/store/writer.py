"""Turn AnalysisResults into rows and write one batch in one transaction (the single writer).

A batch is all-or-nothing, and its ``ingest_progress`` rows are written in the same transaction as
its documents: after a crash the database holds whole batches only, and the progress table says
exactly which inputs they came from. The linker and republication index live in memory for speed
and are rebuilt from the database whenever a batch fails, so they never drift from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import DocumentError
from ..model import AnalysisResult, Article
from ..model.serialize import to_data
from . import schema as s
from .analysis_rows import analysis_rows, empty_rows
from .dedup import RepublicationIndex, declared_copy, signature
from .geo_rows import geo_rows
from .linking import EntityLinker
from .lock import WaitFn, writer_lock


@dataclass(slots=True)
class Item:
    """One input's outcome: its progress key, and a result (with its body signature) or an error."""

    source: str
    position: str
    result: AnalysisResult | DocumentError
    minhash: bytes | None = None
    meta: dict[str, Any] | None = None  # the corpus record's metadata (RawDocument.metadata)


@dataclass(slots=True)
class BatchReport:
    added: int = 0
    duplicates: int = 0
    errors: int = 0
    error_list: list[DocumentError] = field(default_factory=list)


def insert_ignore(conn: Connection, table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT that skips rows whose primary key exists (SQLite OR IGNORE / PostgreSQL ON CONFLICT)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing()
    elif conn.dialect.name == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    else:
        stmt = insert(table).prefix_with("OR IGNORE")
    conn.execute(stmt, list(rows))


def publisher_row(article: Article) -> dict[str, Any] | None:
    domain = (article.publisher_domain or "").lower() or None
    if not domain and not article.publisher:
        return None
    pid = domain or f"name:{article.publisher.casefold()}"
    return {"id": pid[:200], "name": article.publisher, "domain": domain}


class Writer:
    """Owns the in-memory linking/dedup state of one knowledge base and writes batches.

    That state mirrors the database only while this is the sole writer, so ``exclusive()`` holds the
    writer lock (``.lock``) for the whole run, waiting for it up to ``wait`` seconds.
    """

    def __init__(self, engine: Engine, wait: float = 0.0, on_wait: WaitFn | None = None) -> None:
        self.engine = engine
        self.wait, self.on_wait = wait, on_wait  # how long exclusive() waits for another writer, and who is told
        self._held = False
        self._linker: EntityLinker | None = None
        self._dedup: RepublicationIndex | None = None

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Be the only writer for the duration (re-entrant), or raise WriterBusy naming the database."""
        if self._held:
            yield
            return
        with writer_lock(self.engine, self.wait, self.on_wait):
            self._held = True
            try:
                self._linker = self._dedup = None  # another writer may have run since we last loaded
                yield
            finally:
                self._held = False

    def _state(self, conn: Connection) -> tuple[EntityLinker, RepublicationIndex]:
        if self._linker is None or self._dedup is None:
            linker = EntityLinker()
            linker.load(
                conn.execute(select(s.entities.c.id, s.entities.c.name, s.entities.c.type)).all(),
                conn.execute(select(s.entity_aliases.c.entity_id, s.entity_aliases.c.alias)).all(),
            )
            dedup = RepublicationIndex()
            dedup.load(conn)
            self._linker, self._dedup = linker, dedup
        return self._linker, self._dedup

    def write(self, items: Sequence[Item]) -> BatchReport:
        """Write one batch atomically; on any failure the in-memory state is dropped and rebuilt later."""
        try:
            with self.engine.connect().execution_options(writer=True) as conn, conn.begin():
                return self._write(conn, items)
        except BaseException:
            self._linker = self._dedup = None
            raise

    def _write(self, conn: Connection, items: Sequence[Item]) -> BatchReport:
        linker, dedup = self._state(conn)
        report = BatchReport()
        ids = [i.result.document.id for i in items if isinstance(i.result, AnalysisResult)]
        seen: set[str] = set()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            seen |= set(conn.execute(select(s.documents.c.id).where(s.documents.c.id.in_(part))).scalars())
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", "articles", "errors", "progress")}
        new: list[tuple[AnalysisResult, bytes | None]] = []
        for item in items:
            result = item.result
            if isinstance(result, DocumentError):
                report.errors += 1
                report.error_list.append(result)
                rows["errors"].append(
                    {"source": item.source, "position": item.position, "kind": result.kind, "message": result.message}
                )
                rows["progress"].append(
                    {"source": item.source, "position": item.position, "document_id": None, "status": "error"}
                )
                continue
            doc_id = result.document.id
            duplicate = doc_id in seen
            seen.add(doc_id)
            rows["progress"].append(
                {
                    "source": item.source,
                    "position": item.position,
                    "document_id": doc_id,
                    "status": "duplicate" if duplicate else "added",
                }
            )
            if duplicate:
                report.duplicates += 1
                continue
            report.added += 1
            sig = item.minhash if item.minhash is not None else signature(result.article.body)
            new.append((result, sig))
            rows["documents"].append(_document_row(result, item))
            rows["articles"].append(_article_row(result, sig))
        insert_ignore(conn, s.publishers, [p for r, _ in new if (p := publisher_row(r.article))])
        if rows["documents"]:
            conn.execute(insert(s.documents), rows["documents"])
            conn.execute(insert(s.articles), rows["articles"])
        self._write_analyses(conn, linker, [r for r, _ in new])
        declared = [d for r, _ in new if (d := declared_copy(r.document.id, r.article.original_source))]
        if declared:
            conn.execute(insert(s.copies), declared)
        for result, sig in new:
            dedup.add(conn, result.document.id, sig)
        insert_ignore(conn, s.errors, rows["errors"])
        insert_ignore(conn, s.ingest_progress, rows["progress"])
        return report

    def _write_analyses(self, conn: Connection, linker: EntityLinker, results: list[AnalysisResult]) -> None:
        """Link every entity of the batch in order, then write each table with one executemany."""
        out: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("entities", "aliases", "article_entities", "mentions", "attributions")
        }
        analysis = empty_rows()
        for result in results:
            doc_id = result.document.id
            published = result.article.published
            kb_id: dict[str, str] = {}
            for entity in result.entities:
                link = linker.link(entity)
                kb_id[entity.id] = link.entity_id
                if link.new_entity:
                    out["entities"].append(link.new_entity)
                if link.renamed:
                    renamed = next((e for e in out["entities"] if e["id"] == link.entity_id), None)
                    if renamed is not None:
                        renamed["name"] = link.renamed
                    else:
                        conn.execute(
                            update(s.entities).where(s.entities.c.id == link.entity_id).values(name=link.renamed)
                        )
                out["aliases"] += [
                    {"entity_id": link.entity_id, "alias": a, "surface": surface} for a, surface in link.aliases
                ]
                out["article_entities"].append(
                    {
                        "document_id": doc_id,
                        "local_id": entity.id,
                        "entity_id": link.entity_id,
                        "name": entity.name,
                        "type": entity.type,
                        "roles": list(entity.roles),
                        "country": entity.country,
                        "aliases": list(entity.aliases),
                        "link": link.how,
                        "published": published,
                    }
                )
                out["mentions"] += [
                    {
                        "document_id": doc_id,
                        "start": m.start,
                        "end": m.end,
                        "local_id": entity.id,
                        "entity_id": link.entity_id,
                        "text": m.text,
                        "kind": m.kind,
                    }
                    for m in entity.mentions
                ]
            out["attributions"] += [_attribution_row(doc_id, a, kb_id, published) for a in result.attributions]
            publisher = publisher_row(result.article)
            analysis_rows(analysis, result, kb_id, publisher["id"] if publisher else None)
            geo_rows(analysis, result, kb_id)
        if out["entities"]:
            conn.execute(insert(s.entities), out["entities"])
        insert_ignore(conn, s.entity_aliases, out["aliases"])
        if out["article_entities"]:
            conn.execute(insert(s.article_entities), out["article_entities"])
        insert_ignore(conn, s.mentions, out["mentions"])
        insert_ignore(conn, s.attributions, out["attributions"])
        targets = target_rows(out["attributions"])
        insert_ignore(conn, s.attribution_targets, targets)
        add_stats(conn, entity_stat_counts(out["attributions"], targets, out["article_entities"]))
        for name, rows in analysis.items():
            if rows:
                conn.execute(insert(s.metadata.tables[name]), rows)


def _document_row(result: AnalysisResult, item: Item) -> dict[str, Any]:
    doc = result.document
    return {
        "id": doc.id,
        "source": item.source,
        "position": item.position,
        "format": doc.format,
        "url": doc.url or result.article.url,
        "input_url": doc.url,
        "fetched_at": doc.fetched_at,
        "encoding": doc.encoding,
        "meta": item.meta or None,
    }


def _article_row(result: AnalysisResult, sig: bytes | None) -> dict[str, Any]:
    a = result.article
    publisher = publisher_row(a)
    return {
        "document_id": result.document.id,
        "title": a.title,
        "authors": list(a.authors),
        "published": a.published,
        "publisher_id": publisher["id"] if publisher else None,
        "original_source": a.original_source,
        "republished": bool(a.republished),
        "url": a.url,
        "language": a.language,
        "body": a.body,
        "words": len(a.body.split()),
        "tags": {k: list(v) for k, v in a.tags.items()},
        "paragraphs": [list(p) for p in a.paragraphs],
        "headings": [list(h) for h in a.headings],
        "removed": to_data(a.removed),
        "sentences": [list(x) for x in result.sentences],
        "minhash": sig,
        "publisher": a.publisher,
        "publisher_domain": a.publisher_domain,
    }


def target_rows(attributions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``attribution_targets`` rows for attribution rows: one per distinct target of each attribution."""
    out = []
    for r in attributions:
        for target in dict.fromkeys(x for x in r.get("targets") or () if isinstance(x, str) and x):
            out.append(
                {
                    "document_id": r["document_id"],
                    "local_id": r["local_id"],
                    "entity_id": target,
                    "speaker_entity_id": r.get("speaker_entity_id"),
                    "stance": r.get("stance"),
                    "published": r.get("published"),
                }
            )
    return out


def entity_stat_counts(
    attributions: Iterable[dict[str, Any]],
    targets: Iterable[dict[str, Any]],
    article_entities: Iterable[dict[str, Any]],
) -> Counter:
    """``entity_stats`` increments ``{(entity_id, role, period, stance): n}`` for rows about to be inserted."""
    counts: Counter = Counter()
    for r in attributions:
        if r.get("speaker_entity_id"):
            counts[(r["speaker_entity_id"], "said", (r.get("published") or "")[:7], r.get("stance") or "")] += 1
    for r in targets:
        if r.get("speaker_entity_id") != r["entity_id"]:
            counts[(r["entity_id"], "about", (r.get("published") or "")[:7], r.get("stance") or "")] += 1
    for r in article_entities:
        counts[(r["entity_id"], "articles", (r.get("published") or "")[:7], "")] += 1
    return counts


def add_stats(conn: Connection, counts: Counter) -> None:
    """Add ``entity_stats`` increments (insert, or add to the existing count) in the caller's transaction."""
    if not counts:
        return
    rows = [
        {"entity_id": k[0], "role": k[1], "period": k[2], "stance": k[3], "n": n} for k, n in sorted(counts.items())
    ]  # sorted: concurrent PostgreSQL writers would lock in one order
    table = s.entity_stats
    stmt = postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.entity_id, table.c.role, table.c.period, table.c.stance],
        set_={"n": table.c.n + stmt.excluded.n},
    )
    conn.execute(stmt, rows)


def _span_data(span) -> dict[str, Any] | None:
    """A body ``Span`` as the record writes it, ``{start, end, text}``; None stays None."""
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _attribution_row(doc_id: str, a, kb_id: dict[str, str], published: str | None = None) -> dict[str, Any]:
    frags = a.content.fragments or [(a.content.start, a.content.end)]
    return {
        "document_id": doc_id,
        "local_id": a.id,
        "speaker_local": a.speaker,
        "speaker_entity_id": kb_id.get(a.speaker) if a.speaker else None,
        "speaker_start": a.speaker_mention.start if a.speaker_mention else None,
        "speaker_end": a.speaker_mention.end if a.speaker_mention else None,
        "speaker_text": a.speaker_mention.text if a.speaker_mention else None,
        "cue_text": a.cue.text if a.cue else None,
        "cue_lemma": a.cue.lemma if a.cue else None,
        "cue_start": a.cue.start if a.cue else None,
        "cue_end": a.cue.end if a.cue else None,
        "content": a.content.text,
        "content_start": a.content.start,
        "content_end": a.content.end,
        "fragments": [list(f) for f in frags],
        "kind": a.kind,
        "stance": a.stance,
        "stance_evidence": _span_data(a.stance_evidence),
        "targets": [kb_id.get(t, t) for t in a.targets],
        "via": [kb_id.get(v, v) for v in a.via],
        "targets_local": list(a.targets),
        "via_local": list(a.via),
        "confidence": float(a.confidence),
        "published": published,
    }
