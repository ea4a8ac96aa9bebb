"""``KnowledgeBase``: the Python API over one database (SQLite file or PostgreSQL URL).

    kb = KnowledgeBase("kb.sqlite")
    kb.ingest(claimgraph.analyze_many(docs))     # or kb.ingest_inputs(iter_inputs(paths), workers=2)
    kb.status(); kb.errors(); kb.search("Gerasimov")
    kb.records([document_id])                    # the stored records, as analyze made them

Opening a KB brings its schema up to date (Alembic revisions, ``store/migrate.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..config import Options
from ..errors import DocumentError
from ..model import AnalysisResult, RawDocument
from . import query
from .engine import make_engine
from .lock import WaitFn
from .migrate import migrate
from .read import read_results
from .runner import ErrorFn, IngestSummary, ProgressFn, run_ingest
from .writer import Item, Writer


class KnowledgeBase:
    """One knowledge base: ingest analysis results, read counts, errors and search hits."""

    def __init__(self, url: str, create: bool = True, wait: float = 0.0, on_wait: WaitFn | None = None) -> None:
        """``wait``: seconds a write waits for another process's ingest to finish (``on_wait`` is told once)."""
        self.url = url
        self.engine = make_engine(url)
        self.schema_version = migrate(self.engine) if create else None
        self._writer = Writer(self.engine, wait, on_wait)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # --- write ---------------------------------------------------------------------------------
    def ingest(self, results: Iterable[AnalysisResult | DocumentError], batch_size: int = 64) -> IngestSummary:
        """Store already-analysed results (e.g. from ``analyze_many``); re-ingesting adds nothing."""
        summary = IngestSummary()
        batch: list[Item] = []

        def flush() -> None:
            report = self._writer.write(batch)
            summary.added += report.added
            summary.duplicates += report.duplicates
            summary.errors += report.errors
            batch.clear()

        with self._writer.exclusive():
            for result in results:
                if isinstance(result, DocumentError):
                    batch.append(Item(result.source, result.position or "", result))
                else:
                    doc = result.document
                    batch.append(Item(doc.source, doc.position or "", result))
                summary.processed += 1
                if len(batch) >= batch_size:
                    flush()
            if batch:
                flush()
        return summary

    def ingest_inputs(
        self,
        inputs: Iterable[RawDocument | DocumentError],
        workers: int = 1,
        batch_size: int = 64,
        chunk_size: int = 8,
        options: Options | None = None,
        on_progress: ProgressFn | None = None,
        dask: str | None = None,
        on_error: ErrorFn | None = None,
    ) -> IngestSummary:
        """Analyse and store raw inputs (see ``ingest.sources.iter_inputs``), resuming where a run stopped.

        ``options`` (model, ratings, stage switches) reach every worker. ``dask``: a Dask scheduler address
        (``tcp://host:8786``) or ``local``; the analysis runs there. ``on_error``: called with each failed document.
        """
        return run_ingest(self._writer, inputs, workers, batch_size, chunk_size, options, on_progress, dask, on_error)

    def trace_claims(self):
        """Cluster the claims of every article not clustered yet (``store/tracing.py``); a ``TraceReport``."""
        from .tracing import trace_new

        with self._writer.exclusive():  # two tracers at once would both number the same new articles
            return trace_new(self.engine)

    # --- read ----------------------------------------------------------------------------------
    def status(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return query.status(conn)

    def errors(self, limit: int | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return query.errors(conn, limit, kind)

    def search(self, q: str, limit: int = 20, **filters: Any) -> list[dict[str, Any]]:
        """The hits of ``claimgraph.query.search`` (the API's ``items``), best first; ``filters`` as there."""
        from ..query.search import search

        with self.engine.connect() as conn:
            return search(conn, q, limit=limit, **filters)["items"]

    def records(self, ids: Sequence[str]) -> list[AnalysisResult]:
        """The stored ``claimgraph/1`` records of ``ids`` as ``analyze`` made them (unknown ids left out)."""
        with self.engine.connect() as conn:
            return read_results(conn, ids)

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return query.find_entities(conn, name)

    def entity_articles(self, entity_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return query.entity_articles(conn, entity_id)


__all__ = ["KnowledgeBase"]
