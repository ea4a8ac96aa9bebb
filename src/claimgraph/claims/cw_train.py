"""Training and cross-validation of the check-worthiness model (needs scikit-learn; not used at run time).

Shared by ``scripts/train_checkworthy.py`` (fits and writes the JSON model) and
``bench/checkworthy.py`` (5-fold CV of the baseline and of this model in one run),
so the benchmark measures exactly the procedure that produced the shipped file.

Everything that is learnt - vocabularies, idf, weights, the decision threshold and
the slope of the score - is learnt on the training part of a fold only.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .cw_features import GROUPS, hand_features, raw_groups

HAND_KEYS = tuple(sorted(hand_features("x", [])))
# Relative weight of each block after per-block L2 normalisation (set by hand before the first
# CV run and not tuned since, so they leak nothing from any fold).
BLOCK_WEIGHTS = {"w": 1.0, "c": 1.0, "p": 0.6, "h": 0.35}
MIN_DF = 2
C_GRID = (0.5, 1.0, 2.0)
SEED = 20202


@dataclass
class Example:
    """One sentence as the model sees it: raw n-gram counts per group plus hand features."""

    groups: dict[str, Counter[str]]
    hand: dict[str, float]


@dataclass
class Featurizer:
    """Vocabulary and idf per group, learnt from training sentences only."""

    vocab: dict[str, dict[str, int]] = field(default_factory=dict)
    idf: dict[str, list[float]] = field(default_factory=dict)

    @classmethod
    def fit(cls, examples: Sequence[Example]) -> Featurizer:
        feat = cls()
        n = len(examples)
        for g in GROUPS:
            df: Counter[str] = Counter()
            for ex in examples:
                df.update(ex.groups[g].keys())
            kept = sorted(t for t, c in df.items() if c >= MIN_DF)
            feat.vocab[g] = {t: i for i, t in enumerate(kept)}
            feat.idf[g] = [math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept]
        return feat

    def transform(self, examples: Sequence[Example]) -> sparse.csr_matrix:
        blocks = []
        for g in GROUPS:
            vocab, idf = self.vocab[g], np.asarray(self.idf[g])
            rows, cols, vals = [], [], []
            for i, ex in enumerate(examples):
                for t, c in ex.groups[g].items():
                    j = vocab.get(t)
                    if j is not None:
                        rows.append(i)
                        cols.append(j)
                        vals.append((1.0 + math.log(c)) * idf[j])
            m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(examples), len(vocab)))
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            blocks.append(sparse.diags(BLOCK_WEIGHTS[g] / norms) @ m)
        hand = np.array([[ex.hand[k] for k in HAND_KEYS] for ex in examples]) * BLOCK_WEIGHTS["h"]
        blocks.append(sparse.csr_matrix(hand))
        return sparse.hstack(blocks, format="csr")


def featurize(texts: Sequence[str], nlp: Any, batch_size: int = 256) -> list[Example]:
    """Parse sentences (tagger + NER; the parser is not needed) and extract every feature group."""
    disable = [p for p in ("parser",) if p in nlp.pipe_names]
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size, disable=disable), strict=True):
        out.append(Example(groups=raw_groups(text, list(doc)), hand=hand_features(text, list(doc))))
    return out


def _fit_lr(x: sparse.csr_matrix, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000).fit(x, y)


def best_threshold(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The decision-value cut that maximises F1 of class 1 (midpoint between neighbouring scores)."""
    order = np.argsort(-scores)
    s, t = scores[order], y[order]
    tp = np.cumsum(t)
    k = np.arange(1, len(t) + 1)
    f1 = 2 * tp / (k + t.sum())
    i = int(np.argmax(f1))
    cut = (s[i] + s[i + 1]) / 2 if i + 1 < len(s) else s[i] - 1e-6
    return float(cut), float(f1[i])


def _platt_slope(scores: np.ndarray, y: np.ndarray, cut: float) -> float:
    """Slope a of sigmoid(a * (score - cut)) fitted by 1-D logistic regression (offset fixed at the cut)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, fit_intercept=False).fit((scores - cut).reshape(-1, 1), y)
    return float(max(lr.coef_[0][0], 1e-3))


def inner_select(examples: Sequence[Example], y: np.ndarray, folds: int = 3) -> dict[str, float]:
    """Choose C, the threshold and the score slope by an inner CV on training data only."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    oof = {c: np.zeros(len(y)) for c in C_GRID}
    for tr, te in skf.split(np.zeros(len(y)), y):
        feat = Featurizer.fit([examples[i] for i in tr])
        xtr, xte = feat.transform([examples[i] for i in tr]), feat.transform([examples[i] for i in te])
        for c in C_GRID:
            oof[c][te] = _fit_lr(xtr, y[tr], c).decision_function(xte)
    best = max(C_GRID, key=lambda c: best_threshold(oof[c], y)[1])
    cut, _ = best_threshold(oof[best], y)
    return {"C": best, "threshold": cut, "slope": _platt_slope(oof[best], y, cut)}


def fit_model(examples: Sequence[Example], y: np.ndarray) -> dict[str, Any]:
    """Fit the full model: inner-CV selection, then vocabulary, idf and weights on all of ``examples``."""
    sel = inner_select(examples, y)
    feat = Featurizer.fit(examples)
    lr = _fit_lr(feat.transform(examples), y, sel["C"])
    coef = lr.coef_[0]
    model: dict[str, Any] = {
        "format": "claimgraph-checkworthy/1",
        "block_weights": BLOCK_WEIGHTS,
        "intercept": float(lr.intercept_[0]),
        "threshold": sel["threshold"],
        "slope": sel["slope"],
        "C": sel["C"],
        "groups": {},
        "hand": {},
    }
    offset = 0
    for g in GROUPS:
        vocab = feat.vocab[g]
        terms = sorted(vocab, key=vocab.get)
        w = coef[offset : offset + len(terms)]
        offset += len(terms)
        # Every term is kept (even near-zero weights): it still counts in the L2 norm of its block.
        model["groups"][g] = {
            t: [round(float(feat.idf[g][vocab[t]]), 5), round(float(wt), 5)] for t, wt in zip(terms, w, strict=True)
        }
    model["hand"] = {k: round(float(coef[offset + i]), 5) for i, k in enumerate(HAND_KEYS)}
    return model


def decision(model_examples: Sequence[Example], model: dict[str, Any]) -> np.ndarray:
    """Raw decision values of a fitted JSON model (same arithmetic as the run-time scorer)."""
    from .checkworthy import _decision

    return np.array([_decision(model, ex.groups, ex.hand) for ex in model_examples])


def cross_validate(examples: Sequence[Example], y: np.ndarray, folds: int = 5) -> dict[str, Any]:
    """Outer k-fold CV of the whole procedure; returns P/R/F1 of class 1 and the per-fold F1."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    pred = np.zeros(len(y), dtype=int)
    per_fold = []
    for tr, te in skf.split(np.zeros(len(y)), y):
        model = fit_model([examples[i] for i in tr], y[tr])
        p = (decision([examples[i] for i in te], model) >= model["threshold"]).astype(int)
        pred[te] = p
        per_fold.append(_prf(y[te], p)[2])
    return {**dict(zip(("precision", "recall", "f1"), _prf(y, pred), strict=True)), "per_fold": per_fold}


def baseline_cv(texts: Sequence[str], y: np.ndarray, folds: int = 5, balanced: bool = False) -> dict[str, Any]:
    """Plain scikit-learn TfidfVectorizer + LogisticRegression with defaults, threshold 0.5.

    ``balanced=True`` only adds ``class_weight="balanced"`` (a fairer reference: it shows how
    much of the gain is class weighting alone).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline

    skf = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    pred = np.zeros(len(y), dtype=int)
    per_fold = []
    arr = np.asarray(texts, dtype=object)
    for tr, te in skf.split(np.zeros(len(y)), y):
        lr = LogisticRegression(max_iter=1000, class_weight="balanced" if balanced else None)
        pipe = make_pipeline(TfidfVectorizer(), lr).fit(arr[tr], y[tr])
        pred[te] = pipe.predict(arr[te])
        per_fold.append(_prf(y[te], pred[te])[2])
    return {**dict(zip(("precision", "recall", "f1"), _prf(y, pred), strict=True)), "per_fold": per_fold}


def _prf(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = int(((p == 1) & (y == 1)).sum())
    prec = tp / max(int(p.sum()), 1)
    rec = tp / max(int(y.sum()), 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def load_gold(path: str | Path) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of a ClaimBuster JSONL file."""
    texts, labels = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                texts.append(rec["text"])
                labels.append(int(rec["label"]))
    return texts, np.asarray(labels)
