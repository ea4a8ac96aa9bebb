"""Republication clusters as one batch step: LSH buckets by band key, confirmed pairs, connected components.

The writer (store/dedup.py) grows clusters one article at a time: each new signature is looked up in
the LSH index, candidates at estimated Jaccard >= THRESHOLD are confirmed and their clusters merged.
Whatever the arrival order, that ends with the connected components of "shares an LSH band and is
confirmed", and each component's origin is chosen by a rule that ignores order. So the same result
comes from grouping all signatures by (band, band hash) - a partition by key that a database, DuckDB
or Spark can do as well as this module - confirming the pairs inside each bucket, and a union-find.
The rows are those the writer would leave: a minhash row per copy, a declared row for an origin (or
an unclustered article) that names its source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from datasketch import MinHashLSH

from ..store.dedup import NUM_PERM, THRESHOLD, declared_copy, similarity


@dataclass(slots=True)
class Article:
    """What the origin rule needs of one article."""

    document_id: str
    minhash: bytes | None
    published: str | None
    original_source: str | None
    names: frozenset[str]  # the publisher's name and domain, case-folded


def _bands() -> list[tuple[int, int]]:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)  # the writer's index: the same bands and rows
    return [(start * 4, end * 4) for start, end in lsh.hashranges]  # 4 bytes per uint32 hash value


class _Components:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> None:
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def clusters(signatures: Iterable[tuple[str, bytes]]) -> list[list[str]]:
    """The republication clusters (sorted document ids, two or more each) of ``(document_id, signature)`` pairs."""
    sigs = dict(signatures)
    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for i, (start, end) in enumerate(_bands()):
        for doc_id, sig in sigs.items():
            buckets[(i, sig[start:end])].append(doc_id)
    found = _Components()
    checked: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        members.sort()
        for a_i, a in enumerate(members):
            for b in members[a_i + 1 :]:
                if (a, b) in checked:
                    continue
                checked.add((a, b))
                if similarity(sigs[a], sigs[b]) >= THRESHOLD:
                    found.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in found.parent:
        groups[found.find(doc_id)].append(doc_id)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def _origin(group: list[Article]) -> Article:
    declared = {a.original_source.casefold().strip() for a in group if a.original_source}
    return min(group, key=lambda a: (not (a.names & declared), a.published is None, a.published or "", a.document_id))


def copies_rows(articles: dict[str, Article]) -> list[dict[str, Any]]:
    """Every ``copies`` row for these articles: clusters by signature, declared origins for the rest."""
    rows: list[dict[str, Any]] = []
    in_cluster: set[str] = set()
    for ids in clusters((d, a.minhash) for d, a in articles.items() if a.minhash is not None):
        group = [articles[d] for d in ids]
        origin = _origin(group)
        for a in group:
            if a is origin:
                continue
            in_cluster.add(a.document_id)
            rows.append(
                {"document_id": a.document_id, "origin_id": origin.document_id, "origin_name": a.original_source,
                 "similarity": round(similarity(a.minhash, origin.minhash), 4), "method": "minhash"}
            )  # fmt: skip
    for doc_id, a in articles.items():
        if doc_id not in in_cluster and (row := declared_copy(doc_id, a.original_source)):
            rows.append(row)
    return sorted(rows, key=lambda r: r["document_id"])
