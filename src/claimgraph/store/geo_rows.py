"""Places and events: record <-> rows of the revision-7 tables (writer and reader)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from ..model import AnalysisResult, Event, Place
from ..model.events import Actor
from . import schema_geo as t

ACTOR_KEYS = ("local", "entity_id", "text", "start", "end", "country", "sector")


def geo_rows(out: dict[str, list[dict[str, Any]]], result: AnalysisResult, kb_id: dict[str, str]) -> None:
    """Append the place and event rows of ``result`` to ``out["places"]`` and ``out["events"]``."""
    doc_id = result.document.id
    out.setdefault("places", []).extend(_place_row(doc_id, i, p) for i, p in enumerate(result.places))
    published = result.article.published
    out.setdefault("events", []).extend(_event_row(doc_id, i, e, kb_id, published) for i, e in enumerate(result.events))


def _place_row(doc_id: str, i: int, p: Place) -> dict[str, Any]:
    return {
        "document_id": doc_id, "local_id": p.id, "idx": i, "start": p.start, "end": p.end, "text": p.text,
        "geonameid": p.geonameid, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
        "feature": p.feature, "admin1": p.admin1, "confidence": p.confidence,
    }  # fmt: skip


def _actor_cols(prefix: str, a: Actor | None, kb_id: dict[str, str]) -> dict[str, Any]:
    if a is None:
        return {f"{prefix}_{k}": None for k in ACTOR_KEYS}
    values = (a.entity, kb_id.get(a.entity) if a.entity else None, a.text, a.start, a.end, a.country, a.sector)
    return {f"{prefix}_{k}": v for k, v in zip(ACTOR_KEYS, values, strict=True)}


def _event_row(doc_id: str, i: int, e: Event, kb_id: dict[str, str], published: str | None) -> dict[str, Any]:
    return {
        "document_id": doc_id, "local_id": e.id, "idx": i, "type": e.type, "mode": e.mode, "cameo": e.cameo,
        "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "trigger_text": e.trigger.text,
        **_actor_cols("source", e.source, kb_id), **_actor_cols("target", e.target, kb_id),
        "place_id": e.place, "date": e.date, "negated": e.negated, "hypothetical": e.hypothetical,
        "attribution_id": e.attribution, "confidence": e.confidence, "published": published,
    }  # fmt: skip


# --- read ---------------------------------------------------------------------------------------------
def read_geo(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """``{document_id: {"places": [...], "events": [...]}}`` as JSON-ready record data."""
    from .read import rows_by_document

    places = rows_by_document(conn, t.places, ids, t.places.c.idx)
    events = rows_by_document(conn, t.events, ids, t.events.c.idx)
    return {
        d: {"places": [_place(r) for r in places.get(d, [])], "events": [_event(r) for r in events.get(d, [])]}
        for d in ids
    }


def _place(r: Any) -> dict[str, Any]:
    return {k: getattr(r, k) for k in ("start", "end", "text", "geonameid", "name", "lat", "lon", "country",
                                       "feature", "admin1", "confidence")} | {"id": r.local_id}  # fmt: skip


def _actor(r: Any, prefix: str) -> dict[str, Any] | None:
    if getattr(r, f"{prefix}_text") is None:
        return None
    return {
        "entity": getattr(r, f"{prefix}_local"), "text": getattr(r, f"{prefix}_text"),
        "start": getattr(r, f"{prefix}_start"), "end": getattr(r, f"{prefix}_end"),
        "country": getattr(r, f"{prefix}_country"), "sector": getattr(r, f"{prefix}_sector"),
    }  # fmt: skip


def _event(r: Any) -> dict[str, Any]:
    return {
        "id": r.local_id, "type": r.type, "mode": r.mode, "cameo": r.cameo,
        "trigger": {"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text},
        "source": _actor(r, "source"), "target": _actor(r, "target"), "place": r.place_id, "date": r.date,
        "negated": bool(r.negated), "hypothetical": bool(r.hypothetical), "attribution": r.attribution_id,
        "confidence": r.confidence,
    }  # fmt: skip
