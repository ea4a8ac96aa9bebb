"""The learned scorers' runtime: logistic regression over sparse string features plus the cue lemma's vector.

Why a dense part: PolNeAR has a long tail of cue words ("quipped", "lamented") seen once or never in
training; the lemma's static word vector (``claimgraph.embeddings``) lets such a word score like the
frequent cues it resembles. The dense term depends on the lemma only, so it is computed once per lemma
and cached; scoring stays a sparse sum in pure Python.
"""

from __future__ import annotations

import math

import numpy as np

_MAX_CACHE = 50_000


class LinearScorer:
    """P(label) = sigmoid(bias + sum of the features' weights + dense . vector(lemma))."""

    def __init__(self, weights: dict[str, float], bias: float, dense=None):
        self.weights = weights
        self.bias = float(bias)
        self.dense = None if dense is None or not len(dense) else np.asarray(dense, dtype=np.float32)
        self._lemma_terms: dict[str, float] = {}

    @classmethod
    def from_json(cls, data: dict, prefix: str = "") -> LinearScorer:
        """Read ``{prefix}weights``, ``{prefix}bias`` and the optional ``{prefix}dense`` of a model file."""
        return cls(data[f"{prefix}weights"], data[f"{prefix}bias"], data.get(f"{prefix}dense"))

    def to_json(self, prefix: str = "") -> dict:
        dense = None if self.dense is None else [round(float(v), 4) for v in self.dense]
        return {f"{prefix}weights": self.weights, f"{prefix}bias": self.bias, f"{prefix}dense": dense}

    def lemma_term(self, lemma: str) -> float:
        if self.dense is None:
            return 0.0
        term = self._lemma_terms.get(lemma)
        if term is None:
            from claimgraph.embeddings import load_embeddings

            term = float(self.dense @ load_embeddings().word(lemma))
            if len(self._lemma_terms) >= _MAX_CACHE:
                self._lemma_terms.clear()
            self._lemma_terms[lemma] = term
        return term

    def prob(self, feats: list[str], lemma: str | None = None) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if lemma is not None:
            z += self.lemma_term(lemma)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))
