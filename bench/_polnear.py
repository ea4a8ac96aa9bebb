"""PolNeAR gold (``../shared/gold/attribution/dev.jsonl``): loading, the validation split, gold items.

The file is read in place and never copied. A training script can reuse the split::

    from bench._polnear import load_articles, split_of, select
    train = select(load_articles(), "train")
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.attribution_metrics import Item

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "attribution" / "dev.jsonl"
SPLITS = ("validation", "train", "all")


def is_validation(doc_id: str) -> bool:
    """True for the ~20% of dev articles held out for validation: ``sha1(id) % 5 == 0``."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5 == 0


def split_of(doc_id: str) -> str:
    """``"validation"`` or ``"train"`` for a PolNeAR dev article id."""
    return "validation" if is_validation(doc_id) else "train"


def iter_articles(path: str | Path = DEFAULT_GOLD) -> Iterator[dict[str, Any]]:
    """Yield the article records of a PolNeAR JSONL file, in file order."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_articles(path: str | Path = DEFAULT_GOLD) -> list[dict[str, Any]]:
    """All article records of a PolNeAR JSONL file."""
    return list(iter_articles(path))


def select(articles: list[dict[str, Any]], split: str = "validation", limit: int | None = None) -> list[dict[str, Any]]:
    """Articles of ``split`` (``validation``, ``train`` or ``all``), the first ``limit`` of them if given."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    chosen = [a for a in articles if split == "all" or split_of(a["id"]) == split]
    return chosen[:limit] if limit is not None else chosen


def _frags(fragments: list[list[int]] | None, span: list[int] | None) -> list[tuple[int, int]] | None:
    if fragments:
        return [(int(s), int(e)) for s, e in fragments]
    if span:
        return [(int(span[0]), int(span[1]))]
    return None


def gold_items(article: dict[str, Any]) -> list[Item]:
    """Gold relations of one article as benchmark items (fragments, not hulls)."""
    items = []
    for q in article["quotes"]:
        items.append(
            Item(
                content=_frags(q.get("content_fragments"), q.get("content_span")) or [],
                speaker=_frags(q.get("speaker_fragments"), q.get("speaker_span")) if q.get("speaker_span") else None,
                cue=_frags(q.get("cue_fragments"), q.get("cue_span")) if q.get("cue_span") else None,
                kind=q["type"],
                extra={"event_id": q.get("event_id"), "relation": q.get("relation")},
            )
        )
    return items
