"""Which attributions target an entity: a small in-process index over the JSON ``targets`` column.

The store keeps an attribution's targets as a JSON array with no index on its members, so "what
others said about X" and "who accuses X" would otherwise read every attribution of every article
that mentions X: hundreds of milliseconds for an entity in tens of thousands of articles. On SQLite
this module keeps ``entity id -> rowids`` of the (few) attributions that have targets, built on first
use and extended by rowid as an ingest adds rows, so a lookup costs one ``max(rowid)`` query.

It is a hint, never the truth: callers still test ``targets`` in SQL for every row it names, so a
stale entry can only omit a row (and a shrunken table, e.g. after VACUUM renumbered rowids, forces a
rebuild). PostgreSQL gets ``None`` and uses plain SQL (a GIN index on ``targets`` is the cure there).
A normalised ``attribution_targets`` table in the store would make this module unnecessary.
"""

from __future__ import annotations

import json
import threading
from array import array

from sqlalchemy import Connection, text

_LOCK = threading.Lock()
_INDEXES: dict[str, _TargetIndex] = {}


class _TargetIndex:
    def __init__(self) -> None:
        self.seen = 0
        self.by_target: dict[str, array] = {}

    def refresh(self, conn: Connection) -> None:
        top = conn.execute(text("SELECT max(rowid) FROM attributions")).scalar() or 0
        if top < self.seen:  # rows were renumbered or removed: start again
            self.seen, self.by_target = 0, {}
        if top == self.seen:
            return
        rows = conn.execute(text("SELECT rowid, targets FROM attributions WHERE rowid > :seen AND targets != '[]'"),
                            {"seen": self.seen})
        for rowid, targets in rows:
            try:
                members = json.loads(targets) if isinstance(targets, str) else targets
            except ValueError:
                continue
            for target in set(members or ()):
                if isinstance(target, str):
                    self.by_target.setdefault(target, array("q")).append(rowid)
        self.seen = top


def target_rowids(conn: Connection, entity_id: str) -> list[int] | None:
    """Rowids of the attributions whose targets may include ``entity_id``; None when not on SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    key = str(conn.engine.url)
    with _LOCK:
        index = _INDEXES.setdefault(key, _TargetIndex())
        index.refresh(conn)
        return list(index.by_target.get(entity_id, ()))


def about_where(conn: Connection, entity_id: str) -> tuple[str, dict[str, object]]:
    """WHERE clause (on ``attributions t``) and parameters for "attributions whose targets include X, not by X".

    Uses the rowid index where there is one; otherwise starts from the articles that mention X (an
    attribution can only target an entity its own article mentions) and tests their targets.
    """
    from .common import has_targets, targets_contain

    rowids = target_rowids(conn, entity_id)
    params: dict[str, object] = {"x": entity_id}
    if rowids is not None:
        params["about_ids"] = json.dumps(rowids)
        first = "t.rowid IN (SELECT value FROM json_each(:about_ids))"
    else:
        first = "t.document_id IN (SELECT document_id FROM article_entities WHERE entity_id = :x)"
    return (f"{first} AND t.targets IS NOT NULL AND {has_targets(conn)} "
            "AND (t.speaker_entity_id IS NULL OR t.speaker_entity_id != :x) "
            f"AND {targets_contain(conn, 't.targets', 'x')}"), params
