"""One analysed item <-> its rows in the lake tables (tables.py), both ways.

Workers flatten each ``AnalysisResult`` into rows (``add_result``); ``claimgraph load`` groups a shard's
rows by document and rebuilds the same ``AnalysisResult`` (``results_of``), validated by the model's own
adapter, so the knowledge base is built from exactly what a one-process ingest would have had in hand.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import DocumentError
from ..model import AnalysisResult
from .tables import HEDGE_LISTS

LISTS = ("attributions", "claims", "quantities", "places", "events")  # record lists kept one row per item


@dataclass(slots=True)
class Loaded:
    """One input item read back from a shard, in input order: a result with its ingest key, or an error."""

    source: str
    position: str
    result: AnalysisResult | DocumentError
    minhash: bytes | None = None
    meta: dict[str, Any] | None = None


def add_result(
    rows: dict[str, list[dict[str, Any]]],
    task: str,
    seq: int,
    key: tuple[str, str],
    result: AnalysisResult,
    minhash: bytes | None,
    meta: dict[str, Any] | None,
) -> None:
    """Append one result's rows to every table (``rows`` maps table name -> row list)."""
    data = result.to_dict()
    doc_id = data["document"]["id"]
    document = {k: v for k, v in data["document"].items() if k != "id"}
    repeated = any(r["document_id"] == doc_id for r in rows["documents"])  # a task is small: a scan is cheap
    rows["documents"].append(
        {"document_id": doc_id, "task": task, "seq": seq, **document, "input_source": key[0],
         "input_position": key[1], "meta": json.dumps(meta, ensure_ascii=False) if meta else None,
         "minhash": minhash}
    )  # fmt: skip
    if repeated:  # the same document twice in one task: its analysis rows are there once
        return
    rows["articles"].append({"document_id": doc_id, **data["article"], "sentences": data["sentences"]})
    for entity in data["entities"]:
        mentions = entity.pop("mentions")
        rows["entities"].append({"document_id": doc_id, **entity})
        rows["mentions"] += [{"document_id": doc_id, "entity_id": entity["id"], **m} for m in mentions]
    for name in LISTS:
        rows[name] += [{"document_id": doc_id, **x} for x in data[name]]
    signals = data["signals"]
    if signals is None:
        return
    for name in HEDGE_LISTS:
        rows["hedges"] += [{"document_id": doc_id, "list": name, **h} for h in signals[name]]
    rows["unattributed"] += [{"document_id": doc_id, **u} for u in signals["unattributed_assertions"]]
    rows["propaganda"] += [{"document_id": doc_id, **p} for p in signals["propaganda"]]
    rows["signals"].append({"document_id": doc_id, **signals["summary"], "source": signals["source"]})


def add_error(rows: dict[str, list[dict[str, Any]]], task: str, seq: int, err: DocumentError) -> None:
    rows["errors"].append(
        {"task": task, "seq": seq, "source": err.source, "position": err.position, "type": err.kind,
         "message": err.message}
    )  # fmt: skip


def _by_doc(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.pop("document_id")].append(r)
    return out


def results_of(shard: dict[str, list[dict[str, Any]]]) -> Iterator[Loaded]:
    """Every item of one shard (table name -> decoded rows) in input order, results rebuilt and validated."""
    docs = shard["documents"]
    tables = {name: _by_doc(shard[name]) for name in shard if name not in ("documents", "errors")}
    mentions: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for doc_id, rows in tables["mentions"].items():
        for m in rows:
            mentions[(doc_id, m.pop("entity_id"))].append(m)
    items: list[tuple[int, Loaded]] = []
    for d in docs:
        doc_id = d["document_id"]
        record = _record(doc_id, d, tables, mentions)
        meta = json.loads(d["meta"]) if d["meta"] else None
        items.append((d["seq"], Loaded(d["input_source"], d["input_position"], record, d["minhash"], meta)))
    for e in shard["errors"]:
        err = DocumentError(e["type"], e["message"], e["source"], e["position"])
        items.append((e["seq"], Loaded(e["source"], e["position"] or "", err)))
    items.sort(key=lambda x: x[0])
    return (item for _, item in items)


def _record(doc_id: str, d: dict[str, Any], tables: dict, mentions: dict) -> AnalysisResult:
    """The ``claimgraph/1`` record of one document, from its rows in every table."""
    skip = ("document_id", "task", "seq", "input_source", "input_position", "meta", "minhash")
    article = dict(tables["articles"][doc_id][0])
    sentences = article.pop("sentences")
    entities = [{**e, "mentions": mentions.get((doc_id, e["id"]), [])} for e in tables["entities"].get(doc_id, [])]
    data: dict[str, Any] = {
        "document": {"id": doc_id, **{k: v for k, v in d.items() if k not in skip}},
        "article": article,
        "sentences": sentences,
        "entities": entities,
        **{name: tables[name].get(doc_id, []) for name in LISTS},
        "signals": _signals(doc_id, tables),
    }
    return AnalysisResult.from_dict(data)


def _signals(doc_id: str, tables: dict) -> dict[str, Any] | None:
    summary = tables["signals"].get(doc_id)
    if not summary:
        return None
    summary = dict(summary[0])
    source = summary.pop("source")
    hedges = tables["hedges"].get(doc_id, [])
    out: dict[str, Any] = {
        name: [{k: v for k, v in h.items() if k != "list"} for h in hedges if h["list"] == name] for name in HEDGE_LISTS
    }
    out["unattributed_assertions"] = tables["unattributed"].get(doc_id, [])
    out["propaganda"] = tables["propaganda"].get(doc_id, [])
    out["summary"] = summary
    out["source"] = source
    return out
