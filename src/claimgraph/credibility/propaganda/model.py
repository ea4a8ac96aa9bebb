"""Inference: the token tagger (SI), the span classifier (TC) and their portable file format.

File format (``src/claimgraph/data/propaganda.npz``, written by
``scripts/train_propaganda.py``): a NumPy ``.npz`` holding the non-zero weights of
both linear models as (index, value) arrays plus one JSON string (``meta``) with
the lexicon, class names, threshold and the hashing configuration. Features are
hashed with scikit-learn's ``FeatureHasher`` (signed 32-bit MurmurHash3, seed 0,
``alternate_sign=False``), which is stable across scikit-learn releases, so the
file is not tied to a pickle of any library version and loads with
``allow_pickle=False``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .features import span_features, token_features
from .text import Token, tokenize

N_FEATURES = 2**20
FORMAT = "claimgraph-propaganda/1"
_PUNCT_EDGE = set(",.;:!?-—–()[]")


@lru_cache(maxsize=2)
def hasher(n_features: int = N_FEATURES):
    """The one feature hasher used for training and inference."""
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass(slots=True)
class TokenTagger:
    """P(token inside a propaganda span) = sigmoid(w · hashed features + b)."""

    lexicon: dict[str, float]
    coef: np.ndarray
    intercept: float

    def probs(self, tokens: Sequence[Token]) -> np.ndarray:
        if not tokens:
            return np.zeros(0)
        X = hasher().transform(token_features(tokens, self.lexicon))
        return _sigmoid(X @ self.coef + self.intercept)


@dataclass(slots=True)
class SpanClassifier:
    """Multinomial logistic regression over hashed span features."""

    classes: list[str]
    coef: np.ndarray  # (n_classes, N_FEATURES)
    intercept: np.ndarray

    def proba(self, feats: list[list[str]]) -> np.ndarray:
        if not feats:
            return np.zeros((0, len(self.classes)))
        X = hasher().transform(feats)
        z = np.asarray(X @ self.coef.T) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def runs(tokens: Sequence[Token], probs: np.ndarray, threshold: float, bridge: float) -> list[tuple[int, int, float]]:
    """Token runs above ``threshold`` inside one sentence → (start, end, mean prob).

    A single token between two runs joins them when its own probability is at
    least ``bridge`` (keeps "the *so-called* experts" one span). Punctuation at
    either edge is trimmed, since gold spans rarely start or end on it.
    """
    out: list[tuple[int, int, float]] = []
    n = len(tokens)
    on = probs >= threshold
    i = 0
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = i + 1
        while j < n and tokens[j].sent == tokens[i].sent:
            if on[j]:
                j += 1
            elif j + 1 < n and on[j + 1] and probs[j] >= bridge and tokens[j + 1].sent == tokens[i].sent:
                j += 2
            else:
                break
        a, b = i, j
        while a < b and tokens[a].word in _PUNCT_EDGE:
            a += 1
        while b > a and tokens[b - 1].word in _PUNCT_EDGE:
            b -= 1
        if b > a:
            out.append((tokens[a].start, tokens[b - 1].end, float(probs[a:b].mean())))
        i = j
    return out


@dataclass(slots=True)
class PropagandaModel:
    """Span tagger + technique classifier + the decision threshold chosen in training."""

    tagger: TokenTagger
    classifier: SpanClassifier
    threshold: float = 0.5
    bridge: float = 0.3
    meta: dict[str, Any] = field(default_factory=dict)

    def raw_spans(self, text: str) -> list[tuple[int, int, float]]:
        tokens, _ = tokenize(text)
        return runs(tokens, self.tagger.probs(tokens), self.threshold, self.bridge)

    def classify(self, text: str, spans: Sequence[tuple[int, int]], sents=None) -> np.ndarray:
        """Technique probabilities, one row per (start, end) span of ``text``."""
        from .train import sentence_of  # light: no sklearn import at module level

        if sents is None:
            _, sents = tokenize(text)
        low = text.lower()
        feats = [span_features(text, s, e, sentence_of(sents, s), low) for s, e in spans]
        return self.classifier.proba(feats)

    def spans(self, text: str) -> list[dict[str, Any]]:
        """Propaganda spans of ``text`` as dicts; see :func:`propaganda_spans`."""
        if not text or not text.strip():
            return []
        tokens, sents = tokenize(text)
        found = runs(tokens, self.tagger.probs(tokens), self.threshold, self.bridge)
        if not found:
            return []
        proba = self.classify(text, [(s, e) for s, e, _ in found], sents)
        out = []
        for (s, e, p), row in zip(found, proba, strict=True):
            k = int(row.argmax())
            out.append({
                "start": s, "end": e, "technique": self.classifier.classes[k], "score": round(p, 4),
                "technique_score": round(float(row[k]), 4), "text": text[s:e],
            })  # fmt: skip
        return out

    # -- file format -------------------------------------------------------
    def save(self, path: str | Path) -> None:
        tc = self.tagger.coef
        ti = np.flatnonzero(tc).astype(np.int32)
        cc = self.classifier.coef
        cols = np.flatnonzero(np.abs(cc).sum(axis=0)).astype(np.int32)
        meta = {
            "format": FORMAT, "n_features": N_FEATURES, "hashing": "sklearn FeatureHasher, alternate_sign=False",
            "threshold": self.threshold, "bridge": self.bridge, "lexicon": self.tagger.lexicon,
            "tagger_intercept": self.tagger.intercept, "classes": self.classifier.classes, **self.meta,
        }  # fmt: skip
        np.savez_compressed(
            path, meta=np.array(json.dumps(meta, sort_keys=True)),
            tag_idx=ti, tag_w=tc[ti].astype(np.float16),
            cls_cols=cols, cls_w=cc[:, cols].astype(np.float16),
            cls_b=self.classifier.intercept.astype(np.float32),
        )  # fmt: skip

    @classmethod
    def load(cls, path: str | Path) -> PropagandaModel:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != FORMAT or meta.get("n_features") != N_FEATURES:
                raise ValueError(f"{path}: not a {FORMAT} model with {N_FEATURES} features")
            tcoef = np.zeros(N_FEATURES, dtype=np.float32)
            tcoef[z["tag_idx"]] = z["tag_w"]
            ccoef = np.zeros((len(meta["classes"]), N_FEATURES), dtype=np.float32)
            ccoef[:, z["cls_cols"]] = z["cls_w"]
            cls_b = z["cls_b"].astype(np.float64)
        tagger = TokenTagger(meta.pop("lexicon"), tcoef, float(meta.pop("tagger_intercept")))
        clf = SpanClassifier(list(meta.pop("classes")), ccoef, cls_b)
        return cls(tagger, clf, float(meta.pop("threshold")), float(meta.pop("bridge")), meta)
