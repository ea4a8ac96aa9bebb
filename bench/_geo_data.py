"""Geoparsing gold (LGL, ``../shared/gold/geo/dev.jsonl``, read in place), parsed once and cached in /tmp.

Shared by ``bench/geo.py`` and ``scripts/train_place_ranker.py``. The article split is fixed by a hash of the
article id: ``half(id) == 0`` is the fit half (the ranker is trained there), ``1`` the half it is reported on.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", ROOT.parent / "shared"))  # the env var serves git worktrees
GOLD = SHARED / "gold" / "geo" / "dev.jsonl"
CACHE = Path(os.environ.get("CLAIMGRAPH_GEO_CACHE", tempfile.gettempdir())) / "claimgraph-geo-docs"


def load_articles(path: Path = GOLD) -> list[dict]:
    """The gold articles, one dict per line."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def half(article_id: str) -> int:
    """0 for the fit half, 1 for the report half (stable across runs and machines)."""
    return zlib.crc32(article_id.encode("utf-8")) % 2


def parsed_docs(articles: list[dict], nlp) -> list:
    """spaCy Docs of the article texts, from a DocBin cache keyed by model and texts when present."""
    from spacy.tokens import DocBin

    digest = hashlib.sha1("".join(a["text"] for a in articles).encode("utf-8")).hexdigest()[:12]
    path = CACHE / f"{nlp.meta['name']}-{nlp.meta['version']}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe([a["text"] for a in articles], batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def gold_for_span(article: dict, start: int, end: int) -> dict | None:
    """The gold toponym overlapping [start, end) the most, if any."""
    best, overlap = None, 0
    for t in article["toponyms"]:
        o = min(end, t["end"]) - max(start, t["start"])
        if o > overlap:
            best, overlap = t, o
    return best
