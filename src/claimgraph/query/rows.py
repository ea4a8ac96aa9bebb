"""One JSON shape for an attribution wherever it is listed (article side panel, entity page, export).

Speaker, targets and via come back as entity references (id, name, type) resolved in one query per
list rather than one per row, so a page of 20 attributions costs two queries, not forty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from ..store import schema as s
from .common import entity_names, ref

t, a = s.attributions, s.articles

ATTRIBUTION_COLUMNS = (
    t.c.document_id,
    t.c.local_id,
    t.c.speaker_entity_id,
    t.c.speaker_text,
    t.c.speaker_start,
    t.c.speaker_end,
    t.c.cue_text,
    t.c.cue_lemma,
    t.c.cue_start,
    t.c.cue_end,
    t.c.content,
    t.c.content_start,
    t.c.content_end,
    t.c.fragments,
    t.c.kind,
    t.c.stance,
    t.c.targets,
    t.c.via,
    t.c.confidence,
)


def attribution_select(with_article: bool = True) -> Select:
    """SELECT of the attribution columns, joined to its article's title, date and publisher when asked."""
    if not with_article:
        return select(*ATTRIBUTION_COLUMNS)
    return select(*ATTRIBUTION_COLUMNS, a.c.title, a.c.published, a.c.publisher_id).join(
        a, a.c.document_id == t.c.document_id
    )


def attribution_dicts(conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of ``attribution_select`` as JSON-able dicts with entity references filled in."""
    ids: set[str] = set()
    for r in rows:
        ids.add(r.speaker_entity_id or "")
        ids.update(r.targets or [])
        ids.update(r.via or [])
    names = entity_names(conn, ids)
    out = []
    for r in rows:
        m = r._mapping
        speaker = names.get(r.speaker_entity_id) if r.speaker_entity_id else None
        item: dict[str, Any] = {
            "document_id": r.document_id,
            "id": r.local_id,
            "speaker": {**speaker, "mention": r.speaker_text}
            if speaker
            else (
                {"id": None, "name": r.speaker_text, "type": None, "mention": r.speaker_text}
                if r.speaker_text
                else None
            ),
            "speaker_span": [r.speaker_start, r.speaker_end] if r.speaker_start is not None else None,
            "cue": {"text": r.cue_text, "lemma": r.cue_lemma, "start": r.cue_start, "end": r.cue_end}
            if r.cue_text
            else None,
            "content": {
                "text": r.content,
                "start": r.content_start,
                "end": r.content_end,
                "fragments": r.fragments or [[r.content_start, r.content_end]],
            },
            "kind": r.kind,
            "stance": r.stance,
            "targets": [ref(names, x) for x in (r.targets or [])],
            "via": [ref(names, x) for x in (r.via or [])],
            "confidence": r.confidence,
        }
        if "title" in m:
            item["article"] = {
                "id": r.document_id,
                "title": m["title"],
                "published": m["published"],
                "publisher": m["publisher_id"],
            }
        out.append(item)
    return out


def attributions_by_keys(
    conn: Connection, keys: Sequence[tuple[str, str]], with_article: bool = True
) -> list[dict[str, Any]]:
    """The attributions with these (document_id, local_id) keys, as dicts, in the order of ``keys``.

    Selected by ``document_id IN (...)`` (the primary key's first column) and filtered here: SQLite does
    not use the index for a row-value ``(document_id, local_id) IN (...)`` and would scan the table.
    """
    if not keys:
        return []
    docs = sorted({k[0] for k in keys})
    locals_ = sorted({k[1] for k in keys})  # narrows the rows read (and their JSON decoded) to near the wanted ones
    rows = conn.execute(_BY_KEYS[with_article], {"docs": docs, "locals": locals_}).all()
    order = {(k[0], k[1]): i for i, k in enumerate(keys)}
    wanted = sorted(
        (r for r in rows if (r.document_id, r.local_id) in order), key=lambda r: order[(r.document_id, r.local_id)]
    )
    return attribution_dicts(conn, wanted)


_BY_KEYS = {
    w: attribution_select(w).where(
        t.c.document_id.in_(bindparam("docs", expanding=True)), t.c.local_id.in_(bindparam("locals", expanding=True))
    )
    for w in (False, True)
}  # built once: SQLAlchemy memoises a statement's cache key
