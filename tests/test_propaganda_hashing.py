"""The run-time feature hashing and row normalisation equal scikit-learn's, which trained the model."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from claimgraph.credibility.propaganda import MODEL_PATH, PropagandaModel
from claimgraph.credibility.propaganda.features import sentence_summaries, span_features, token_features
from claimgraph.credibility.propaganda.hashing import Hasher
from claimgraph.credibility.propaganda.model import N_FEATURES, _l2_rows, _select_columns
from claimgraph.credibility.propaganda.text import tokenize

sklearn = pytest.importorskip("sklearn")
from sklearn.feature_extraction import FeatureHasher  # noqa: E402
from sklearn.preprocessing import normalize  # noqa: E402

TEXT = (
    "The corrupt elites and their lapdog media are destroying our great nation! Wake up, America.\n"
    "The committee met on Tuesday and approved a budget of 2.1 million euros — «très bien», said Zoë.\n"
    "Ünïcödé, emoji 🙂 and a very long token " + "x" * 300 + " must hash like scikit-learn's."
)


def _rows() -> list[list[str]]:
    tokens, sents = tokenize(TEXT)
    return token_features(tokens, {"corrupt": 1.0}) + sentence_summaries(tokens, len(sents), {"corrupt": 1.0})


def _same(a, b) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


@pytest.mark.parametrize("n_features", [N_FEATURES, 97])  # 97: many collisions, duplicates summed
def test_hasher_builds_scikit_learns_matrix(n_features):
    rows = _rows() + [[], ["dup", "dup", "dup"]]
    sk = FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False, dtype=np.float32)
    _same(Hasher(n_features).transform(rows), sk.transform(rows))
    _same(Hasher(n_features).transform(rows), Hasher(n_features).transform(rows))  # the column cache changes nothing


def test_hasher_rejects_an_empty_batch():
    with pytest.raises(ValueError):
        Hasher(16).transform([])


def test_l2_rows_is_scikit_learns_normalize_to_the_bit():
    X = Hasher(N_FEATURES).transform(_rows() + [[]])
    _same(_l2_rows(X), normalize(X))
    assert X.data.max() >= 1.0  # the input is left as it was (normalize copies too)


def test_selecting_the_weighted_columns_gives_the_full_product():
    rng = np.random.default_rng(18)
    X = _l2_rows(Hasher(512).transform(_rows()))
    cols = np.sort(rng.choice(512, size=60, replace=False))
    W = np.zeros((512, 3), dtype=np.float32)
    W[cols] = rng.normal(size=(60, 3)).astype(np.float32)
    assert np.array_equal(np.asarray(_select_columns(X, cols) @ W[cols]), np.asarray(X @ W))
    empty = _select_columns(csr_matrix((2, 512), dtype=np.float32), cols)
    assert empty.shape == (2, 60) and empty.nnz == 0


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="propaganda model not built")
def test_loaded_span_classifier_keeps_only_weighted_rows_and_scores_as_before():
    model = PropagandaModel.load(MODEL_PATH)
    clf = model.classifier
    assert clf.cols is not None and clf.coef_t.shape == (len(clf.cols), len(clf.classes)) and len(clf.cols) < N_FEATURES
    full = np.zeros((N_FEATURES, len(clf.classes)), dtype=np.float32)
    full[clf.cols] = clf.coef_t
    low = TEXT.lower()
    _, sents = tokenize(TEXT)
    feats = [span_features(TEXT, s, e, sents[0], low) for s, e in [(4, 30), (40, 80), (100, 160)]]
    z = np.asarray(normalize(FeatureHasher(N_FEATURES, input_type="string", alternate_sign=False,
                                           dtype=np.float32).transform(feats)) @ full) + clf.intercept  # fmt: skip
    e = np.exp(z - z.max(axis=1, keepdims=True))
    assert np.array_equal(clf.proba(feats), e / e.sum(axis=1, keepdims=True))
