"""Training of the span tagger and the technique classifier (used by the script and the benchmark).

Kept separate from inference (:mod:`.model`) so ``propaganda_spans`` imports no
training code. Everything here is deterministic for a given seed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import learn_lexicon, span_features, token_features
from .model import N_FEATURES, PropagandaModel, SpanClassifier, TokenTagger, hasher
from .text import Token, tokenize

TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
    "Thought-terminating_Cliches",
)


@dataclass(slots=True)
class Doc:
    """One gold article, tokenised, with per-token in-span labels."""

    id: str
    text: str
    spans: list[tuple[int, int, str]]
    tokens: list[Token] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)


def load_gold(path: str | Path) -> list[Doc]:
    """Read the PTC JSONL (see the gold README) and tokenise every article."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            spans = [(s["start"], s["end"], s["technique"]) for s in rec["spans"]]
            doc = Doc(rec["id"], rec["text"], spans)
            doc.tokens, doc.sents = tokenize(doc.text)
            doc.labels = token_labels(doc.tokens, spans)
            docs.append(doc)
    return docs


def token_labels(tokens: Sequence[Token], spans: Sequence[tuple[int, int, Any]]) -> list[bool]:
    """True for a token with at least half its characters inside some gold span."""
    cover = np.zeros(max([t.end for t in tokens] + [e for _, e, _ in spans] + [0]) + 1, dtype=bool)
    for s, e, _ in spans:
        cover[s:e] = True
    return [bool(cover[t.start : t.end].mean() >= 0.5) for t in tokens]


def fit_tagger(docs: Sequence[Doc], alpha: float = 2e-6, epochs: int = 8, seed: int = 0) -> TokenTagger:
    """Logistic-loss SGD over hashed token features; the lexicon comes from ``docs`` only."""
    from sklearn.linear_model import SGDClassifier

    lex = learn_lexicon((d.tokens, d.labels) for d in docs)
    feats: list[list[str]] = []
    y: list[bool] = []
    for d in docs:
        feats.extend(token_features(d.tokens, lex))
        y.extend(d.labels)
    X = hasher().transform(feats)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, average=True, random_state=seed)
    clf.fit(X, np.asarray(y))
    return TokenTagger(lexicon=lex, coef=clf.coef_[0].astype(np.float32), intercept=float(clf.intercept_[0]))


def tc_examples(docs: Sequence[Doc]) -> tuple[list[list[str]], list[str], list[tuple[str, int, int, str]]]:
    """Feature lists, labels and (article, start, end, label) keys of every gold span."""
    feats, labels, keys = [], [], []
    for d in docs:
        low = d.text.lower()
        for s, e, lab in d.spans:
            feats.append(span_features(d.text, s, e, sentence_of(d.sents, s), low))
            labels.append(lab)
            keys.append((d.id, s, e, lab))
    return feats, labels, keys


def sentence_of(sents: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding character ``pos`` (or the nearest one before it)."""
    import bisect

    i = bisect.bisect_right([s for s, _ in sents], pos) - 1
    return sents[max(0, i)] if sents else (0, 0)


def fit_classifier(docs: Sequence[Doc], C: float = 1.0) -> SpanClassifier:
    """Multinomial logistic regression over hashed span features, balanced-ish class weights."""
    from sklearn.linear_model import LogisticRegression

    feats, labels, _ = tc_examples(docs)
    X = hasher().transform(feats)
    counts = {t: labels.count(t) for t in set(labels)}
    # Square-root balancing: rare techniques get more weight, without the full
    # inverse-frequency weights that cost accuracy on the frequent ones.
    mean = np.mean([np.sqrt(c) for c in counts.values()])
    weights = {t: float(mean / np.sqrt(c)) for t, c in counts.items()}
    clf = LogisticRegression(C=C, max_iter=300, class_weight=weights)
    clf.fit(X, labels)
    return SpanClassifier(classes=list(clf.classes_), coef=clf.coef_.astype(np.float32), intercept=clf.intercept_)


def fit(docs: Sequence[Doc], threshold: float = 0.5, **kw: Any) -> PropagandaModel:
    """Both models on ``docs``."""
    return PropagandaModel(tagger=fit_tagger(docs, **kw), classifier=fit_classifier(docs), threshold=threshold)


__all__ = ["N_FEATURES", "TECHNIQUES", "Doc", "fit", "fit_classifier", "fit_tagger", "load_gold", "tc_examples"]
