"""One JSON shape for an attribution wherever it is listed: the record's ``Attribution`` plus KB extras.

Every field ``analyze`` writes for an attribution keeps its name and meaning (``speaker`` is the
article's own entity id, ``speaker_mention`` the span that names it, ``targets``/``via`` the
article's entity ids). What the knowledge base knows beyond the article is added under names the
record does not use (``KB_FIELDS``): the document id, the KB ids and canonical names of the speaker,
targets and via, and a brief of the article. Names are resolved in one query per list, not per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from ..store import schema as s
from .common import article_brief, entity_names

t, a = s.attributions, s.articles

KB_FIELDS = (
    "document_id",  # the article the attribution is in (Document.id)
    "speaker_kb_id",  # the KB entity the speaker was linked to, None when unnamed
    "speaker_name",  # that entity's canonical name (the fullest name seen in any article)
    "target_kb_ids",  # one per ``targets`` item: its KB entity id (None for a target that is not an entity)
    "target_names",  # one per ``targets`` item: the canonical name (or the text, for a free-text target)
    "via_kb_ids",
    "via_names",
    "article",  # on lists across articles: title, published, url, publisher_id of the article
)

ATTRIBUTION_COLUMNS = (
    t.c.document_id,
    t.c.local_id,
    t.c.speaker_local,
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
    t.c.stance_evidence,
    t.c.targets,
    t.c.via,
    t.c.targets_local,
    t.c.via_local,
    t.c.confidence,
)


def attribution_select(with_article: bool = True) -> Select:
    """SELECT of the attribution columns, joined to its article's title, date, URL and publisher when asked."""
    if not with_article:
        return select(*ATTRIBUTION_COLUMNS)
    return select(*ATTRIBUTION_COLUMNS, a.c.title, a.c.published, a.c.url, a.c.publisher_id).join(
        a, a.c.document_id == t.c.document_id
    )


def record_part(r: Any) -> dict[str, Any]:
    """The ``Attribution`` of the record, rebuilt from its row (the fields ``analyze`` wrote, in its order)."""
    return {
        "id": r.local_id,
        "speaker": r.speaker_local,
        "speaker_mention": {"start": r.speaker_start, "end": r.speaker_end, "text": r.speaker_text}
        if r.speaker_start is not None
        else None,
        "cue": {"start": r.cue_start, "end": r.cue_end, "text": r.cue_text, "lemma": r.cue_lemma}
        if r.cue_start is not None
        else None,
        "content": {
            "start": r.content_start,
            "end": r.content_end,
            "text": r.content,
            "fragments": r.fragments or [[r.content_start, r.content_end]],
        },
        "kind": r.kind,
        "stance": r.stance,
        "stance_evidence": r.stance_evidence,
        "targets": list(r.targets_local or []),
        "via": list(r.via_local or []),
        "confidence": r.confidence,
    }


def kb_refs(kb_ids: Sequence[str] | None, names: dict[str, dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """Stored KB ids (or the free text a target was) as parallel lists of KB ids and names."""
    ids = [x if x in names else None for x in kb_ids or []]
    return ids, [names[x]["name"] if x in names else x for x in kb_ids or []]


def with_kb(item: dict[str, Any], document_id: str, speaker: str | None, targets, via, names) -> dict[str, Any]:
    """``item`` (a record Attribution) with the KB fields added; ``speaker``/``targets``/``via`` as KB ids."""
    target_ids, target_names = kb_refs(targets, names)
    via_ids, via_names = kb_refs(via, names)
    item.update(
        document_id=document_id,
        speaker_kb_id=speaker,
        speaker_name=names[speaker]["name"] if speaker in names else None,
        target_kb_ids=target_ids,
        target_names=target_names,
        via_kb_ids=via_ids,
        via_names=via_names,
    )
    return item


def attribution_dicts(conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of ``attribution_select`` as record Attributions plus ``KB_FIELDS``."""
    ids: set[str] = set()
    for r in rows:
        ids.add(r.speaker_entity_id or "")
        ids.update(r.targets or [])
        ids.update(r.via or [])
    names = entity_names(conn, ids)
    out = []
    for r in rows:
        item = with_kb(record_part(r), r.document_id, r.speaker_entity_id, r.targets, r.via, names)
        if "title" in r._mapping:
            item["article"] = article_brief(r)
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
