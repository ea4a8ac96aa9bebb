"""Candidate generation that grows with the corpus: exact keys, MinHash LSH and an HNSW vector index.

Comparing every new claim with every stored one is quadratic; these three indexes each return a handful of
candidates per claim at a cost that grows with the logarithm of the index (HNSW) or not at all (hash tables):

- an exact table of normalised claim words (verbatim copies, the common case, for free);
- banded LSH over datasketch MinHash signatures of content-word sets (near-verbatim: a changed number, an
  added hedge, a cut): 16 bands of 4 rows, so a pair at Jaccard 0.5 is a candidate with probability 0.64, at
  0.6 with 0.89, at 0.7 with 0.98 (the vector index covers the rest); the bands are plain dict keys, which
  costs a few microseconds per claim where ``MinHashLSH.insert`` took a millisecond here;
- a ``usearch`` HNSW index over the meaning vectors (rewordings that share fewer words);
- an exact table of each claim's first and last eight words (a cut keeps one end of the sentence whole).

usearch because it installs as a wheel with no compiler and no torch, adds vectors one batch at a time
into a live index (hnswlib ships no wheel for this Python; Annoy must be rebuilt to add anything; FAISS's
HNSW is a far larger install for the same algorithm). All three accept new claims without a rebuild.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from usearch.index import Index

from .units import ClaimUnit

BANDS, ROWS = 16, 4
NUM_PERM = BANDS * ROWS
END_TOKENS = 8
BUCKET_CAP = 32  # a band shared by more claims is a stock phrase; its latest members are enough
NEIGHBOURS = 8
MIN_COSINE = 0.65  # vector neighbours further than this cannot pass the decision and are not candidates
SCHEME = "affine32"
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)


def minhash(unit: ClaimUnit) -> np.ndarray:
    """MinHash signature of the unit's content words (the permutations are drawn once per process)."""
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_TEMPLATE.permutations, scheme=SCHEME)
    m.update_batch([w.encode() for w in sorted(unit.content)])
    return m.hashvalues


def ends(unit: ClaimUnit) -> set[tuple[str, ...]]:
    """The first and last ``END_TOKENS`` words of the claim and of its sentence, as keys."""
    out = set()
    for toks in (unit.core, unit.words):
        if len(toks) >= END_TOKENS:
            out.add(("<", *toks[:END_TOKENS]))
            out.add((">", *toks[-END_TOKENS:]))
    return out


def bands(signature: np.ndarray) -> list[bytes]:
    """The LSH keys of one signature: each band's rows as bytes, prefixed by the band number."""
    return [bytes([i]) + signature[i * ROWS : (i + 1) * ROWS].tobytes() for i in range(BANDS)]


class CandidateIndex:
    """Every indexed claim unit under an integer key; ``query`` returns the keys worth a pairwise decision."""

    def __init__(self, dim: int) -> None:
        self.exact: dict[tuple[str, ...], list[int]] = {}
        self.buckets: dict[bytes, list[int]] = {}
        self.ann = Index(ndim=dim, metric="cos", dtype="f32", connectivity=12, expansion_add=40, expansion_search=40)

    def __len__(self) -> int:
        return len(self.ann)

    def query(self, units: list[ClaimUnit], vectors: np.ndarray, hashes: list[np.ndarray]) -> list[set[int]]:
        """Candidate keys for each unit of one article (searched as one batch before the article is added)."""
        out = [set(self.exact.get(u.core, ())) for u in units]
        for found, u in zip(out, units, strict=True):
            for key in ends(u):
                found.update(self.exact.get(key, ())[-BUCKET_CAP:])
        for found, h in zip(out, hashes, strict=True):
            for key in bands(h):
                found.update(self.buckets.get(key, ())[-BUCKET_CAP:])
        if len(self.ann) and len(units):
            matches = self.ann.search(vectors, min(NEIGHBOURS, len(self.ann)), threads=1)
            keys, dists = np.atleast_2d(matches.keys), np.atleast_2d(matches.distances)
            for found, row, drow in zip(out, keys, dists, strict=True):
                found.update(int(k) for k, d in zip(row, drow, strict=True) if 1.0 - d >= MIN_COSINE)
        return out

    def add(self, keys: list[int], units: list[ClaimUnit], vectors: np.ndarray, hashes: list[np.ndarray]) -> None:
        for key, unit, h in zip(keys, units, hashes, strict=True):
            self.exact.setdefault(unit.core, []).append(key)
            for end in ends(unit):
                self.exact.setdefault(end, []).append(key)
            for band in bands(h):
                self.buckets.setdefault(band, []).append(key)
        if keys:
            self.ann.add(np.asarray(keys, dtype=np.uint64), vectors, threads=1)
