"""Incremental claim clustering: each new article's claim units join the clusters of claims already seen.

For each unit the candidate index proposes stored units; the pairwise decision keeps the ones that state
the same claim, and the unit joins the cluster of the best of them, provided that cluster has no member from
the same article yet and its first appearance is still close in meaning (so that a chain of small steps
cannot walk one story into another). Otherwise it starts a new cluster. Nothing already clustered is
revisited: the cost of an article depends on its own units and the index lookups, not on the corpus size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..embeddings import StaticEmbeddings, load_embeddings
from ..model import AnalysisResult, ClaimCluster, ClusterFirst, ClusterMember
from .changes import compare
from .index import CandidateIndex, minhash
from .similarity import DRIFT_COSINE, meaning_vectors, pair_score, same_claim, weak
from .units import ClaimUnit, claim_units


@dataclass(slots=True)
class ArticleInfo:
    """What a cluster record says about the article a member comes from."""

    id: str
    url: str | None
    publisher: str | None
    published: str | None
    order: int  # ingest order, the tie-break between members published the same day


@dataclass(slots=True)
class Cluster:
    id: str
    members: list[int] = field(default_factory=list)  # unit keys in joining order
    articles: set[str] = field(default_factory=set)
    first: int = -1


def article_info(result: AnalysisResult, order: int) -> ArticleInfo:
    a = result.article
    return ArticleInfo(result.document.id, a.url or result.document.url, a.publisher, a.published, order)


def _published_key(info: ArticleInfo) -> tuple[bool, str, int]:
    """Earliest published first; undated articles after every dated one; ties by ingest order."""
    return (info.published is None, info.published or "", info.order)


class ClaimTracer:
    """Claim clusters over a growing set of analysed articles (``add`` one record at a time)."""

    def __init__(self, embeddings: StaticEmbeddings | None = None) -> None:
        self.emb = embeddings or load_embeddings()
        self.index = CandidateIndex(self.emb.dim)
        self.units: list[ClaimUnit] = []
        self.vectors: list[np.ndarray] = []
        self.cluster_of: list[str] = []
        self.clusters: dict[str, Cluster] = {}
        self.articles: dict[str, ArticleInfo] = {}
        self.keys_of: dict[str, list[int]] = {}

    def _prepare(self, result: AnalysisResult):
        """Register the article; its units, meaning vectors, MinHash signatures and new keys (None if seen)."""
        if result.document.id in self.articles:
            return None
        info = article_info(result, len(self.articles))
        self.articles[info.id] = info
        units = claim_units(result)
        keys = list(range(len(self.units), len(self.units) + len(units)))
        self.keys_of[info.id] = keys
        if not units:
            return None
        return info, units, meaning_vectors(self.emb, units), [minhash(u) for u in units], keys

    def add(self, result: AnalysisResult) -> list[str]:
        """Cluster one article's claim units; the ids of the clusters they joined or started."""
        prepared = self._prepare(result)
        if prepared is None:
            return []
        info, units, vectors, hashes, keys = prepared
        candidates = self.index.query(units, vectors, hashes)
        matches = [self._matches(u, v, c) for u, v, c in zip(units, vectors, candidates, strict=True)]
        support = {self.units[c].article for found in matches for _, c, is_weak in found if not is_weak}
        touched = []
        for key, unit, vec, found in zip(keys, units, vectors, matches, strict=True):
            self.units.append(unit)
            self.vectors.append(vec)
            cluster = self._best_cluster(unit, vec, found, support)
            touched.append(self._join(key, cluster, info))
        self.index.add(keys, units, vectors, hashes)
        return touched

    def restore(self, result: AnalysisResult, assigned: dict[int, str]) -> None:
        """Put back an article clustered in an earlier run: each unit rejoins the cluster stored for it (by its
        start offset), the others stand alone as they did; nothing is decided again."""
        prepared = self._prepare(result)
        if prepared is None:
            return
        info, units, vectors, hashes, keys = prepared
        for key, unit, vec in zip(keys, units, vectors, strict=True):
            self.units.append(unit)
            self.vectors.append(vec)
            cid = assigned.get(unit.start)
            cluster = self.clusters.get(cid) if cid else None
            if cid and cluster is None:
                cluster = self.clusters[cid] = Cluster(id=cid, first=key)
            self._join(key, cluster, info)
        self.index.add(keys, units, vectors, hashes)

    def add_many(self, results: Iterable[AnalysisResult]) -> None:
        for r in results:
            self.add(r)

    def _matches(self, unit: ClaimUnit, vec: np.ndarray, cands: set[int]) -> list[tuple[float, int, bool]]:
        """(score, key, weak) of every candidate the pairwise decision takes, best first."""
        out = []
        for c in cands:
            other = self.units[c]
            if other.article == unit.article:
                continue
            p = pair_score(unit, other, vec, self.vectors[c])
            if same_claim(unit, other, p):
                out.append((p.score, c, weak(unit, other)))
        out.sort(key=lambda m: (-m[0], m[1]))
        return out

    def _best_cluster(self, unit: ClaimUnit, vec: np.ndarray, found: list, support: set[str]) -> Cluster | None:
        """The cluster of the best match that is not weak (or is backed by another claim of the same article
        pair), has no member from this article yet and whose first appearance is close enough."""
        for _, c, is_weak in found:
            if is_weak and self.units[c].article not in support:
                continue
            cluster = self.clusters[self.cluster_of[c]]
            if unit.article in cluster.articles or not self._near_first(unit, vec, cluster.first):
                continue
            return cluster
        return None

    def _near_first(self, unit: ClaimUnit, vec: np.ndarray, first: int) -> bool:
        """A joiner must also be close to the cluster's first appearance, not only to some member of it."""
        if float(np.dot(vec, self.vectors[first])) >= DRIFT_COSINE:
            return True
        other = self.units[first]
        return same_claim(unit, other, pair_score(unit, other, vec, self.vectors[first]))

    def _join(self, key: int, cluster: Cluster | None, info: ArticleInfo) -> str:
        if cluster is None:
            unit = self.units[key]
            digest = hashlib.sha1(f"{unit.article}:{unit.start}:{unit.end}".encode()).hexdigest()[:16]
            cluster = Cluster(id=f"claim:{digest}", first=key)
            self.clusters[cluster.id] = cluster
        cluster.members.append(key)
        cluster.articles.add(info.id)
        self.cluster_of.append(cluster.id)
        first_info = self.articles[self.units[cluster.first].article]
        if _published_key(info) < _published_key(first_info):
            cluster.first = key
        return cluster.id

    # -- records -------------------------------------------------------------------------------------------

    def _member(self, key: int, first: int) -> ClusterMember:
        u, info = self.units[key], self.articles[self.units[key].article]
        if key == first:
            changes = []
        else:
            cos = float(np.dot(self.vectors[key], self.vectors[first]))
            changes = compare(self.units[first], u, cos)
        return ClusterMember(
            article=info.id, url=info.url, publisher=info.publisher, published=info.published, text=u.text,
            start=u.start, end=u.end, speaker=u.speaker, attributed=u.attributed, attribution=u.attribution,
            changes=changes,
        )  # fmt: skip

    def record(self, cluster_id: str) -> ClaimCluster:
        """The cluster as the export's record: first appearance, then the others by date and ingest order."""
        cluster = self.clusters[cluster_id]
        order = sorted(cluster.members, key=lambda k: (k != cluster.first, _published_key(self._info(k))))
        members = [self._member(k, cluster.first) for k in order]
        head = members[0]
        first = ClusterFirst(head.article, head.url, head.publisher, head.published, head.speaker)
        return ClaimCluster(id=cluster.id, size=len(members), first=first, members=members)

    def _info(self, key: int) -> ArticleInfo:
        return self.articles[self.units[key].article]

    def records(self, min_size: int = 2) -> Iterator[ClaimCluster]:
        """Every cluster seen in at least ``min_size`` articles, in order of creation."""
        for cluster in self.clusters.values():
            if len(cluster.articles) >= min_size:
                yield self.record(cluster.id)

    def clusters_of(self, article_id: str) -> list[tuple[ClaimUnit, str]]:
        """Each clustered unit of one article with its cluster id."""
        return [(self.units[k], self.cluster_of[k]) for k in self.keys_of.get(article_id, [])]
