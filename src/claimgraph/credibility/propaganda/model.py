"""Inference: token tagger + sentence classifier (SI), span classifier (TC), and the model file.

SI combines two granularities. The token tagger gives P(token inside a span) from
a window of words; the sentence classifier gives P(sentence holds any span) from
its whole bag of words. A token is "on" when the geometric mean of the two is at
least ``threshold``; "on" tokens of one sentence separated by at most ``gap`` other
tokens form one span (a Doubt or Appeal-to-fear span is a clause, not a set of
scattered words). Edge punctuation is trimmed, and a span is kept only if its best
token reaches ``peak``.

File format (``src/claimgraph/data/propaganda.npz``, written by
``scripts/train_propaganda.py``): a NumPy ``.npz`` of the non-zero weights of the
three linear models as (index, float16 value) arrays plus one JSON string
(``meta``: lexicon, class names, threshold, gap, mix, peak, hashing configuration). Features
are hashed with scikit-learn's ``FeatureHasher`` (MurmurHash3 32-bit, seed 0,
``alternate_sign=False``, 2**20 columns), which does not change between
scikit-learn releases, so the file is no pickle and loads with ``allow_pickle=False``.

Dense columns: the tagger and the sentence classifier also see static word vectors
(:mod:`claimgraph.embeddings`, MiniLM distilled by model2vec, NumPy-only at run time),
appended after the ``N_FEATURES`` hashed columns (``token_dense``, ``sentence_dense``).
A model's weight vector longer than ``N_FEATURES`` (``tag_n`` / ``sent_n`` in ``meta``)
is what switches them on, so files without them still load and run as before.

Contextual tagger: the ``ctx_*`` float32 arrays, when present, are a bidirectional GRU
(:mod:`.context`, NumPy forward pass) whose token and sentence probabilities are averaged
with the linear ones (``ctx_weight``, ``ctx_sent_weight`` in ``meta``) before decoding.

Clause channel: the main tagger and GRU are trained with a span-balanced loss (every gold span
weighs the same, so one-word labels count as much as 30-word clauses, as in the SI metric); a
second tagger and GRU (``tag2_*``, ``ctx2_*``; :class:`ClauseChannel`) keep the plain token loss,
which favours long clauses. Each channel is decoded with its own settings (``clause_*`` in
``meta``) and the spans of both are merged (:func:`decode`). A file without them has one channel.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ...model import PropagandaSpan
from .context import ContextTagger, joint_proba, one_blas_thread, sigmoid, token_inputs
from .features import sentence_features, sentence_summaries, span_features, token_features
from .hashing import Hasher
from .metrics import merge_scored
from .text import Token, sentence_ids, sentence_runs, tokenize

N_FEATURES = 2**20
FORMAT = "claimgraph-propaganda/1"
_PUNCT_EDGE = set(",.;:!?-—–()[]")


@lru_cache(maxsize=2)
def hasher(n_features: int = N_FEATURES) -> Hasher:
    """The one feature hasher used for training and inference (scikit-learn's FeatureHasher, see .hashing)."""
    return Hasher(n_features)


def _row_ids(X) -> np.ndarray:
    """The row of each stored value of a CSR matrix."""
    return np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))


def _l2_rows(X):
    """Row-normalise a CSR matrix (the span classifier is trained on unit rows).

    Scikit-learn's ``normalize`` to the bit (squares summed in float64, each value divided in float64
    and stored as float32) without importing scikit-learn.
    """
    X = X.copy()
    rows = _row_ids(X)
    norms = np.sqrt(np.bincount(rows, weights=np.square(X.data).astype(np.float64), minlength=X.shape[0]))
    norms[norms == 0.0] = 1.0
    X.data = (X.data.astype(np.float64) / norms[rows]).astype(X.data.dtype)
    return X


def _select_columns(X, cols: np.ndarray):
    """The columns ``cols`` (sorted) of a CSR matrix with sorted indices, stored values kept in order.

    ``X[:, cols] @ W == X @ W_full`` to the bit when ``W_full`` is zero outside ``cols``: the products
    left out are exact zeros and the others are summed in the same order.
    """
    from scipy.sparse import csr_matrix

    pos = np.searchsorted(cols, X.indices)
    keep = cols[np.minimum(pos, len(cols) - 1)] == X.indices
    counts = np.bincount(_row_ids(X)[keep], minlength=X.shape[0])
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return csr_matrix((X.data[keep], pos[keep].astype(np.int32), indptr), shape=(X.shape[0], len(cols)))


def sentence_of(sents: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding character ``pos`` (or the nearest one before it)."""
    i = bisect.bisect_right([s for s, _ in sents], pos) - 1
    return sents[max(0, i)] if sents else (0, 0)


def sentence_words(tokens: Sequence[Token], n_sents: int) -> list[list[str]]:
    """Words of each sentence, by sentence index."""
    out: list[list[str]] = [[] for _ in range(n_sents)]
    for t in tokens:
        out[t.sent].append(t.word)
    return out


def _embeddings():
    from claimgraph.embeddings import load_embeddings

    return load_embeddings()


def token_dense(tokens: Sequence[Token], with_sentences: bool = False, vectors: np.ndarray | None = None):
    """Dense tagger columns: the word's static vector, the mean over its ±2 window, its sentence's mean.

    Vectors are the unit word vectors of :mod:`claimgraph.embeddings` (MiniLM distilled
    by model2vec); the window and sentence means are re-normalised to unit length. ``vectors``: the
    tokens' word vectors if already looked up.
    """
    V = _embeddings().words([t.word for t in tokens]) if vectors is None else vectors
    n = len(tokens)
    sent = sentence_ids(tokens)
    # window mean within the sentence: cumulative sums over positions, clipped to sentence bounds
    starts = np.searchsorted(sent, sent, side="left")
    ends = np.searchsorted(sent, sent, side="right")
    idx = np.arange(n)
    lo = np.maximum(idx - WINDOW, starts)
    hi = np.minimum(idx + WINDOW + 1, ends)
    cs = np.vstack([np.zeros((1, V.shape[1]), dtype=np.float32), np.cumsum(V, axis=0)])
    win = cs[hi] - cs[lo]
    sm = cs[ends] - cs[starts]
    out = np.hstack([V, _unit(win), _unit(sm)]) * DENSE_SCALE
    if with_sentences:  # sentence_dense of the same sentences, from the same sums (inference shortcut)
        first, _ = sentence_runs(sent)
        S = np.zeros((int(sent[-1]) + 1 if n else 0, V.shape[1]), dtype=np.float32)
        S[sent[first]] = sm[first]
        return out, _unit(S) * DENSE_SCALE
    return out


def sentence_dense(words: list[list[str]]) -> np.ndarray:
    """Dense sentence-classifier columns: the unit mean static vector of each sentence's words."""
    emb = _embeddings()
    M = np.stack([emb.words(w).sum(axis=0) if w else np.zeros(emb.dim, dtype=np.float32) for w in words])
    return _unit(M) * DENSE_SCALE


def _unit(M: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(M, axis=1, keepdims=True)
    return M / np.where(n > 0, n, 1.0)


WINDOW = 2
DENSE_SCALE = 2.0  # chosen on CV folds 0-1 among 1, 2, 4 (see docs/propaganda.md)


def token_matrix(tokens: Sequence[Token], summaries: list[list[str]], lex: dict[str, float], dense: bool = False):
    """Hashed tagger features: token-local part plus its sentence's summary row (+ dense columns).

    Equal to hashing the concatenated feature lists of each token (FeatureHasher
    sums), but the sentence part is built and hashed once per sentence. With
    ``dense``, the static-embedding columns of :func:`token_dense` follow the
    ``N_FEATURES`` hashed ones.
    """
    local = hasher().transform(token_features(tokens, lex))
    summary = hasher().transform(summaries)
    X = (local + summary[[t.sent for t in tokens]]).tocsr()
    return _append_dense(X, token_dense(tokens)) if dense else X


def sentence_matrix(words: list[list[str]], summaries: list[list[str]], dense: bool = False):
    """Sentence-classifier rows: hashed summary + bag of words/bigrams (+ the sentence's mean vector)."""
    X = hasher().transform([sentence_features(w, s) for w, s in zip(words, summaries, strict=True)])
    return _append_dense(X, sentence_dense(words)) if dense else X


def _append_dense(X, block: np.ndarray):
    """The hashed matrix with the dense static-vector columns after its ``N_FEATURES`` columns (training layout)."""
    from scipy.sparse import csr_matrix, hstack

    return hstack([X, csr_matrix(block)], format="csr")


@dataclass(slots=True)
class Binary:
    """A hashed-feature logistic model: P = sigmoid(w · x + b)."""

    coef: np.ndarray
    intercept: float

    def proba(self, feats: list[list[str]]) -> np.ndarray:
        if not feats:
            return np.zeros(0)
        return self.proba_matrix(hasher().transform(feats))

    def proba_matrix(self, X) -> np.ndarray:
        return sigmoid(X @ self.coef + self.intercept)


@dataclass(slots=True)
class SpanClassifier:
    """Multinomial logistic regression over L2-normalised hashed span features.

    Weights are one C-contiguous (rows, n_classes) float32 array, the layout sparse @ dense needs
    without a per-call copy. Training gives all N_FEATURES rows (58 MB); a loaded model keeps only the
    rows of the columns with a weight (``cols``, about 6 MB), and :meth:`proba` drops the other columns.
    """

    classes: list[str]
    coef_t: np.ndarray  # (N_FEATURES, n_classes), or (len(cols), n_classes)
    intercept: np.ndarray
    cols: np.ndarray | None = None  # sorted hashed columns of coef_t's rows; None: all N_FEATURES

    def proba(self, feats: list[list[str]]) -> np.ndarray:
        if not feats:
            return np.zeros((0, len(self.classes)))
        X = _l2_rows(hasher().transform(feats))
        if self.cols is not None:
            X = _select_columns(X, self.cols)
        z = np.asarray(X @ self.coef_t) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def group(
    tokens: Sequence[Token], on: np.ndarray, q: np.ndarray, gap: int, peak: float = 0.0
) -> list[tuple[int, int, float]]:
    """Spans of "on" tokens within one sentence, bridging gaps of ≤ ``gap`` tokens → (start, end, mean q).

    A span is kept only if its highest token score reaches ``peak`` (hysteresis: a
    stretch of middling scores with no confident token in it is dropped).
    """
    out: list[tuple[int, int, float]] = []
    idx = np.flatnonzero(on)
    if not len(idx):
        return out
    groups: list[list[int]] = [[int(idx[0])]]
    for j in idx[1:]:
        last = groups[-1][-1]
        if j - last <= gap + 1 and tokens[j].sent == tokens[last].sent:
            groups[-1].append(int(j))
        else:
            groups.append([int(j)])
    for g in groups:
        a, b = g[0], g[-1] + 1
        while a < b and tokens[a].word in _PUNCT_EDGE:
            a += 1
        while b > a and tokens[b - 1].word in _PUNCT_EDGE:
            b -= 1
        if b > a and q[a:b].max() >= peak:
            out.append((tokens[a].start, tokens[b - 1].end, float(q[a:b].mean())))
    return out


Decoding = tuple[float, float, int, float]  # mix, threshold, gap, peak


def decode(
    tokens: Sequence[Token], channels: Sequence[tuple[np.ndarray, np.ndarray, Decoding]]
) -> list[tuple[int, int, float]]:
    """Spans of every channel (P_token, P_sentence, its decoding settings), merged: (start, end, score)."""
    found: list[tuple[int, int, float]] = []
    for pt, ps, (mix, threshold, gap, peak) in channels:
        q = pt**mix * ps ** (1.0 - mix)
        found += group(tokens, q >= threshold, q, gap, peak)
    return merge_scored(found) if len(channels) > 1 else found


@dataclass(slots=True)
class ClauseChannel:
    """Second SI channel: a token tagger and GRU trained with the plain token loss (long spans weigh more).

    It shares the features and the linear sentence classifier of the main channel; its spans are added to
    the main channel's (see the module docstring).
    """

    tagger: Binary
    context: ContextTagger | None
    threshold: float
    mix: float
    gap: int
    peak: float

    @property
    def decoding(self) -> Decoding:
        return self.mix, self.threshold, self.gap, self.peak


@dataclass(slots=True)
class PropagandaModel:
    """Everything :func:`propaganda_spans` needs, with the decision settings chosen in training."""

    lexicon: dict[str, float]
    tagger: Binary
    sentences: Binary
    classifier: SpanClassifier
    threshold: float = 0.25
    gap: int = 20
    mix: float = 0.6
    peak: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    context: ContextTagger | None = None  # contextual (BiGRU) tagger, see .context
    ctx_weight: float = 1.0  # P_token = ctx_weight * P_linear + (1 - ctx_weight) * P_context
    ctx_sent_weight: float = 1.0  # same for P_sentence and the context model's sentence head
    clauses: ClauseChannel | None = None  # second SI channel, see the module docstring

    @property
    def decoding(self) -> Decoding:
        return self.mix, self.threshold, self.gap, self.peak

    def channel_probs(
        self, tokens: Sequence[Token], sents: Sequence[tuple[int, int]]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """(P_token, P_sentence of each token's sentence) of the main channel, then of the clause channel if any."""
        if not tokens:
            return [(np.zeros(0), np.zeros(0))] * (1 + (self.clauses is not None))
        with one_blas_thread():  # small products: BLAS threads cost more than they save (see .context)
            return self._channel_probs(tokens, sents)

    def token_probs(self, tokens: Sequence[Token], sents: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """(P_token, P_sentence of each token's sentence) of the main channel, one value per token."""
        return self.channel_probs(tokens, sents)[0]

    def _channel_probs(
        self, tokens: Sequence[Token], sents: Sequence[tuple[int, int]]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        # Same as proba_matrix over the hstacked matrices of training, but the dense columns are
        # multiplied as a dense block (building a CSR matrix with 384 stored values a row is slow).
        taggers = [(self.tagger, self.context)]
        if self.clauses is not None:
            taggers.append((self.clauses.tagger, self.clauses.context))
        summaries = sentence_summaries(tokens, len(sents), self.lexicon)
        sw = self.sentences.coef
        X = token_matrix(tokens, summaries, self.lexicon)
        words = sentence_words(tokens, len(sents))
        zs = sentence_matrix(words, summaries) @ sw[:N_FEATURES] + self.sentences.intercept
        dense = len(sw) > N_FEATURES or any(len(t.coef) > N_FEATURES for t, _ in taggers)
        V = td = None
        if dense or any(c is not None for _, c in taggers):
            V = _embeddings().words([t.word for t in tokens])
        if dense:
            td, sd = token_dense(tokens, with_sentences=True, vectors=V)
            if len(sw) > N_FEATURES:
                zs[: len(sd)] += sd @ sw[N_FEATURES:]
        ps_linear = sigmoid(zs)
        sent = sentence_ids(tokens)
        contexts = [c for _, c in taggers if c is not None]
        ctx_probs = iter(joint_proba(contexts, token_inputs(tokens, V, self.lexicon), sent) if contexts else [])
        out = []
        for tagger, context in taggers:
            zt = X @ tagger.coef[:N_FEATURES] + tagger.intercept
            if td is not None and len(tagger.coef) > N_FEATURES:
                zt += td @ tagger.coef[N_FEATURES:]
            pt, ps = sigmoid(zt), ps_linear.copy()
            if context is not None:
                pc, psc = next(ctx_probs)
                pt = self.ctx_weight * pt + (1.0 - self.ctx_weight) * pc
                if psc is not None and self.ctx_sent_weight < 1.0:
                    v = self.ctx_sent_weight
                    ps[: len(psc)] = v * ps[: len(psc)] + (1.0 - v) * psc
            out.append((pt, ps[sent]))
        return out

    def find(self, text: str) -> list[tuple[int, int, float]]:
        """SI only: (start, end, score) of every predicted span, both channels merged."""
        tokens, sents = tokenize(text)
        return self._find(tokens, sents)

    def _find(self, tokens: Sequence[Token], sents: Sequence[tuple[int, int]]) -> list[tuple[int, int, float]]:
        if not tokens:
            return []
        settings = [self.decoding] + ([self.clauses.decoding] if self.clauses is not None else [])
        probs = self.channel_probs(tokens, sents)
        return decode(tokens, [(pt, ps, d) for (pt, ps), d in zip(probs, settings, strict=True)])

    def classify(self, text: str, spans: Sequence[tuple[int, int]], sents=None) -> np.ndarray:
        """TC only: technique probabilities, one row per (start, end) span of ``text``."""
        if sents is None:
            _, sents = tokenize(text)
        low = text.lower()
        return self.classifier.proba([span_features(text, s, e, sentence_of(sents, s), low) for s, e in spans])

    def spans(self, text: str) -> list[PropagandaSpan]:
        """Propaganda spans of ``text``; see :func:`propaganda_spans`."""
        if not text or not text.strip():
            return []
        tokens, sents = tokenize(text)
        found = self._find(tokens, sents)
        if not found:
            return []
        proba = self.classify(text, [(s, e) for s, e, _ in found], sents)
        out = []
        for (s, e, p), row in zip(found, proba, strict=True):
            k = int(row.argmax())
            technique = self.classifier.classes[k]
            out.append(PropagandaSpan(s, e, text[s:e], technique, round(p, 4), round(float(row[k]), 4)))
        return out

    # -- file format -------------------------------------------------------
    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        binaries = [("tag", self.tagger), ("sent", self.sentences)]
        if self.clauses is not None:
            binaries.append(("tag2", self.clauses.tagger))
        for name, model in binaries:
            idx = np.flatnonzero(model.coef).astype(np.int32)
            arrays[name + "_idx"], arrays[name + "_w"] = idx, model.coef[idx].astype(np.float16)
        cc = self.classifier.coef_t.T
        nonzero = np.flatnonzero(np.abs(cc).sum(axis=0))
        known = self.classifier.cols
        cols = (nonzero if known is None else known[nonzero]).astype(np.int32)
        cc = cc[:, nonzero]
        meta = {
            "format": FORMAT, "n_features": N_FEATURES, "hashing": "sklearn FeatureHasher, alternate_sign=False",
            "threshold": self.threshold, "gap": self.gap, "mix": self.mix, "peak": self.peak, "lexicon": self.lexicon,
            "tag_b": self.tagger.intercept, "sent_b": self.sentences.intercept,
            "tag_n": len(self.tagger.coef), "sent_n": len(self.sentences.coef),
            "classes": self.classifier.classes, **self.meta,
        }  # fmt: skip
        if self.context is not None:
            meta["ctx_weight"], meta["ctx_sent_weight"] = self.ctx_weight, self.ctx_sent_weight
            arrays.update(self.context.arrays())
        if self.clauses is not None:
            c = self.clauses
            meta.update({"tag2_b": c.tagger.intercept, "tag2_n": len(c.tagger.coef), "clause_threshold": c.threshold,
                         "clause_mix": c.mix, "clause_gap": c.gap, "clause_peak": c.peak})  # fmt: skip
            if c.context is not None:
                arrays.update(c.context.arrays("ctx2_"))
        np.savez_compressed(
            path, meta=np.array(json.dumps(meta, sort_keys=True)), cls_cols=cols,
            cls_w=cc.astype(np.float16), cls_b=self.classifier.intercept.astype(np.float32), **arrays,
        )  # fmt: skip

    @classmethod
    def load(cls, path: str | Path) -> PropagandaModel:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != FORMAT or meta.get("n_features") != N_FEATURES:
                raise ValueError(f"{path}: not a {FORMAT} model with {N_FEATURES} features")
            binaries = {}
            for name in ("tag", "sent", "tag2"):
                if name + "_idx" not in z:
                    continue
                w = np.zeros(int(meta.pop(name + "_n", N_FEATURES)), dtype=np.float32)
                w[z[name + "_idx"]] = z[name + "_w"]
                binaries[name] = Binary(w, float(meta.pop(name + "_b")))
            cols = z["cls_cols"].astype(np.int64)
            order = np.argsort(cols, kind="stable")
            ccoef = np.ascontiguousarray(z["cls_w"].T[order], dtype=np.float32)
            clf = SpanClassifier(list(meta.pop("classes")), ccoef, z["cls_b"].astype(np.float64), cols[order])
            context = ContextTagger.from_arrays(z)
            ctx_weight = float(meta.pop("ctx_weight", 1.0))
            ctx_sent_weight = float(meta.pop("ctx_sent_weight", 1.0))
            clauses = None
            if "tag2" in binaries:
                clauses = ClauseChannel(
                    binaries["tag2"], ContextTagger.from_arrays(z, "ctx2_"), float(meta.pop("clause_threshold")),
                    float(meta.pop("clause_mix")), int(meta.pop("clause_gap")), float(meta.pop("clause_peak")),
                )  # fmt: skip
        return cls(
            meta.pop("lexicon"), binaries["tag"], binaries["sent"], clf,
            float(meta.pop("threshold")), int(meta.pop("gap")), float(meta.pop("mix")),
            float(meta.pop("peak", 0.0)), meta, context, ctx_weight, ctx_sent_weight, clauses,
        )  # fmt: skip
