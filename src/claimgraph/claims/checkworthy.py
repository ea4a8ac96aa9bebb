"""Check-worthiness scores: how much a sentence looks like a verifiable factual claim worth checking.

The model is a logistic regression over word, character, POS/entity-type n-grams
and a few hand features (see :mod:`.cw_features`), trained by
``scripts/train_checkworthy.py`` on ClaimBuster debate sentences. It ships as gzipped
JSON (vocabulary -> [idf, weight]) rather than a pickle, so it loads under any
scikit-learn version - or none: scoring here is plain Python.

Scores are ``sigmoid(slope * (z - threshold))`` of the decision value ``z``: the
threshold that maximised F1 in cross-validation maps to 0.5, and the slope is a
Platt fit, so scores are monotone and roughly calibrated around the decision point.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..config import ENV_CHECKWORTHY_MODEL, env
from ..datafiles import BUILT_BY, DATA_DIR, require
from ..nlp.arrays import token_rows
from .cw_features import GROUPS, hand_features, raw_groups

MODEL_PATH = DATA_DIR / "checkworthy.json.gz"
THRESHOLD = 0.5


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> dict[str, Any]:
    """The JSON model (``CLAIMGRAPH_CHECKWORTHY_MODEL`` overrides the bundled file)."""
    target = require(path or env(ENV_CHECKWORTHY_MODEL) or MODEL_PATH, BUILT_BY[MODEL_PATH.name])
    opener = gzip.open if target.suffix == ".gz" else open
    with opener(target, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _decision(model: dict[str, Any], groups: dict[str, Counter[str]], hand: dict[str, float]) -> float:
    """Raw decision value: per-block L2-normalised TF-IDF dot weights, plus hand features and intercept."""
    z = float(model["intercept"])
    weights = model["block_weights"]
    log = math.log
    for g in GROUPS:
        get = model["groups"][g].get
        sq, dot = 0.0, 0.0
        for term, n in groups[g].items():
            entry = get(term)
            if entry is None:
                continue
            v = entry[0] if n == 1 else (1.0 + log(n)) * entry[0]  # tf 1: 1 + log(1) is exactly 1.0
            sq += v * v
            dot += v * entry[1]
        if sq > 0:
            z += weights[g] * dot / math.sqrt(sq)
    for key, w in model["hand"].items():
        z += weights["h"] * hand.get(key, 0.0) * w
    return z


def _score(model: dict[str, Any], text: str, tokens: Sequence[Any]) -> float:
    z = _decision(model, raw_groups(text, tokens), hand_features(text, tokens))
    x = model["slope"] * (z - model["threshold"])
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def score_spans(spans: Sequence[Any]) -> list[float]:
    """Scores for spaCy Spans of an already parsed document (no re-parsing).

    Token attributes come from the document's shared :func:`~claimgraph.nlp.arrays.token_rows`
    (no ``Token`` objects built per sentence)."""
    model = load_model()
    return [_score(model, span.text, token_rows(span.doc)[span.start : span.end]) for span in spans]


def check_worthiness(sentences: list[str], nlp: Any = None, batch_size: int = 64) -> list[float]:
    """Scores in 0..1 for each sentence, in order; >= 0.5 means check-worthy.

    Sentences are tagged in one ``nlp.pipe`` batch (the parser is skipped: only tags
    and entities are features). ``nlp`` defaults to :func:`claimgraph.nlp.load_nlp`.
    """
    if not sentences:
        return []
    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    model = load_model()
    disable = [p for p in ("parser",) if p in nlp.pipe_names]
    docs = nlp.pipe(sentences, batch_size=batch_size, disable=disable)
    return [_score(model, text, list(doc)) for text, doc in zip(sentences, docs, strict=True)]
