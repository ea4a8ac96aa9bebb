"""Lake items -> knowledge-base rows, through the writer's own row code: one mapping for ingest and load.

``claimgraph load`` must leave the KB a one-process ingest leaves, and the KB tables change as the
store grows. So instead of a second copy of the mapping, the load runs the writer's row builders
(``Writer._write_analyses``, ``_document_row``, ``_article_row``, ``publisher_row``) against a
:class:`RowSink` that stands in for the database connection: inserts are collected per table (and
then bulk-copied, copy.py), anything else (a rename of an entity written by an earlier batch, the
``entity_stats`` upsert) runs on the real connection in the batch's transaction. Entity links were
decided beforehand (linkstep.py); :class:`Replay` hands them to the writer in its call order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import Insert

from ..errors import DocumentError
from ..model import AnalysisResult, Entity
from ..store import writer as w
from ..store.linking import Link
from .records import Loaded


class Replay:
    """The linker interface (``link(entity)``) answering with links decided by the batch step."""

    def __init__(self, links: dict[int, Link]) -> None:
        self.links = links

    def link(self, entity: Entity) -> Link:
        return self.links[id(entity)]


class RowSink:
    """A stand-in Connection: plain and ignore-on-conflict inserts are collected, every other statement runs."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.ignore: set[str] = set()  # tables whose inserts skip rows already there (first one wins)

    def add(self, table: str, rows: Sequence[dict[str, Any]], ignore: bool = False) -> None:
        self.rows[table].extend(rows)
        if ignore:
            self.ignore.add(table)

    def execute(self, stmt: Any, params: Any = None) -> Any:
        if isinstance(stmt, Insert) and not _is_upsert(stmt):
            rows = params if isinstance(params, list) else [params]
            ignoring = stmt._post_values_clause is not None or bool(stmt._prefixes)
            self.add(stmt.table.name, rows, ignoring)
            return None
        return self.conn.execute(stmt, params)


def _is_upsert(stmt: Insert) -> bool:
    clause = stmt._post_values_clause
    return clause is not None and type(clause).__name__ == "OnConflictDoUpdate"


def item_rows(sink: RowSink, items: list[tuple[Loaded, str]]) -> list[AnalysisResult]:
    """The per-item rows (documents, articles, publishers, errors, progress) of a batch; the added results.

    ``items`` pairs each item with its status: added | duplicate | error (as the writer decides them).
    """
    added: list[AnalysisResult] = []
    for item, status in items:
        result = item.result
        if isinstance(result, DocumentError):
            sink.add("errors", [{"source": item.source, "position": item.position, "kind": result.kind,
                                 "message": result.message}], ignore=True)  # fmt: skip
            sink.add("ingest_progress", [{"source": item.source, "position": item.position, "document_id": None,
                                          "status": "error"}], ignore=True)  # fmt: skip
            continue
        sink.add("ingest_progress", [{"source": item.source, "position": item.position,
                                      "document_id": result.document.id, "status": status}], ignore=True)  # fmt: skip
        if status != "added":
            continue
        witem = w.Item(item.source, item.position, result, item.minhash, item.meta)
        sink.add("documents", [w._document_row(result, witem)])
        sink.add("articles", [w._article_row(result, item.minhash)])
        if publisher := w.publisher_row(result.article):
            sink.add("publishers", [publisher], ignore=True)
        added.append(result)
    return added


def analysis_rows(sink: RowSink, results: list[AnalysisResult], links: dict[tuple[str, str], Link]) -> None:
    """Entities, mentions, attributions, claims, signals ... of the added results, by the writer's code."""
    replay = Replay({id(e): links[(r.document.id, e.id)] for r in results for e in r.entities})
    w.Writer._write_analyses(None, sink, replay, results)  # type: ignore[arg-type]  (it uses no instance state)
