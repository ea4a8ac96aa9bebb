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

from .features import learn_lexicon, sentence_summaries, span_features
from .metrics import merge_overlapping
from .model import (
    Binary,
    ClauseChannel,
    PropagandaModel,
    SpanClassifier,
    _l2_rows,
    hasher,
    sentence_matrix,
    sentence_of,
    sentence_words,
    token_matrix,
)
from .text import Token, sentence_ids, sentence_runs, tokenize

# Decision settings of the SI step (see .model.PropagandaModel and .model.decode). Chosen by
# bench/propaganda.py on the pooled out-of-fold token probabilities of its 5-fold article CV
# (bench.propaganda.GRID: main channel mix {0.6, 0.8} x threshold {0.2, 0.25, 0.3} x gap {5, 20}
# x peak {0, 0.3, 0.35, 0.4}, clause channel mix {0.2, 0.4, 0.6} x threshold {0.3, ... 0.45} at
# gap 20, or no clause channel); the bench also reports the nested figure where each fold is
# decoded with the setting that is best on the other four folds, which is the unbiased estimate.
# The main channel's models are trained with the span-balanced loss (SPAN_BALANCE, chosen on CV
# folds 0-1 among 0.5, 1, 1.5; docs/propaganda.md), which makes its probabilities favour short
# spans: its best setting is a short gap and a peak. The clause channel (plain token loss)
# adds the long spans it is confident about. Best on all five folds: main 0.8 / 0.3 / 5 /
# peak 0.4, clauses 0.4 / 0.35 / 20 / no peak (one channel, plain loss: 0.6 / 0.3 / 20 / no peak).
THRESHOLD = 0.3
GAP = 5
MIX = 0.8
PEAK = 0.4
SPAN_BALANCE = 1.0  # loss weight of a token inside a span ∝ (its span's length in tokens) ** -SPAN_BALANCE
CLAUSE_CHANNEL = True  # train the second, plain-loss channel (.model.ClauseChannel)
CLAUSE_THRESHOLD = 0.35
CLAUSE_GAP = 20
CLAUSE_MIX = 0.4
CLAUSE_PEAK = 0.0
LEX_FOLDS = 5  # cross-fitting of the training lexicon features (crossfit_lexicons)
DENSE_TAG = True  # static word vectors (claimgraph.embeddings) as tagger columns
DENSE_SENT = True  # and the sentence's mean vector as sentence-classifier columns


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


def token_weights(doc: Doc, balance: float = SPAN_BALANCE) -> np.ndarray:
    """Loss weight of every token: 1 outside spans, ``(span length in tokens) ** -balance`` inside.

    The SI metric counts every gold span once in recall whatever its length, while a token loss counts a
    40-token clause 40 times and a one-word label once; ``balance`` 1 gives every span the same total weight.
    A token in several spans takes the shortest one's length.
    """
    w = np.ones(len(doc.tokens))
    if not balance or not doc.tokens:
        return w
    starts = np.fromiter((t.start for t in doc.tokens), dtype=np.int64, count=len(doc.tokens))
    ends = np.fromiter((t.end for t in doc.tokens), dtype=np.int64, count=len(doc.tokens))
    lab = np.asarray(doc.labels, dtype=bool)
    shortest = np.full(len(w), np.inf)
    for s, e, _ in doc.spans:
        inside = lab & (starts < e) & (ends > s)
        if inside.any():
            shortest[inside] = np.minimum(shortest[inside], inside.sum())
    pos = np.isfinite(shortest)
    w[pos] = shortest[pos] ** -balance
    return w


def balanced_weights(docs: Sequence[Doc], balance: float = SPAN_BALANCE) -> list[np.ndarray]:
    """:func:`token_weights` of every article, positives rescaled so that their total equals their count."""
    ws = [token_weights(d, balance) for d in docs]
    pos = np.concatenate([w[np.asarray(d.labels, dtype=bool)] for d, w in zip(docs, ws, strict=True)] + [np.zeros(0)])
    scale = len(pos) / pos.sum() if pos.sum() else 1.0
    return [np.where(np.asarray(d.labels, dtype=bool), w * scale, 1.0) for d, w in zip(docs, ws, strict=True)]


def crossfit_lexicons(docs: Sequence[Doc], k: int = LEX_FOLDS) -> list[dict[str, float]]:
    """For each training article, the lexicon learned from the other ``k - 1`` parts of ``docs``.

    The lexicon features of a training article must not come from that article's own
    labels: a lexicon learned on all of ``docs`` is optimistic on them (a word seen
    inside a span 3 times of 3 looks certain), so the tagger would learn to trust
    lexicon buckets more than they deserve on unseen text. Part j = articles
    ``j, j + k, ...`` in the given order (deterministic). Inference uses the lexicon
    of all of ``docs``.
    """
    lexs: list[dict[str, float]] = [{} for _ in docs]
    for j in range(k):
        lx = learn_lexicon((d.tokens, d.labels) for i, d in enumerate(docs) if i % k != j)
        for i in range(j, len(docs), k):
            lexs[i] = lx
    return lexs


def _lexicons(docs: Sequence[Doc], lex: dict[str, float] | Sequence[dict[str, float]]) -> Sequence[dict[str, float]]:
    return [lex] * len(docs) if isinstance(lex, dict) else lex


def tagger_matrix(docs: Sequence[Doc], lex, dense: bool = DENSE_TAG):
    """Training rows of the token tagger: one per token of ``docs`` (CSR), hashed features plus dense columns.

    ``lex`` is one lexicon or one per article (see :func:`crossfit_lexicons`).
    """
    from scipy.sparse import vstack

    return vstack([
        token_matrix(d.tokens, sentence_summaries(d.tokens, len(d.sents), lx), lx, dense)
        for d, lx in zip(docs, _lexicons(docs, lex), strict=True) if d.tokens
    ]).tocsr()  # fmt: skip


def fit_tagger(
    docs: Sequence[Doc], lex, alpha: float = 1e-4, epochs: int = 8, dense: bool = DENSE_TAG,
    balance: float | None = None, X=None,
) -> Binary:  # fmt: skip
    """Token model: logistic-loss SGD (averaged) over hashed token features.

    ``lex`` is one lexicon or one per article (see :func:`crossfit_lexicons`); ``X``, the rows of
    :func:`tagger_matrix` if already built (both channels train on the same rows).
    """
    from sklearn.linear_model import SGDClassifier

    X = tagger_matrix(docs, lex, dense) if X is None else X
    y = [lab for d in docs for lab in d.labels]
    balance = SPAN_BALANCE if balance is None else balance
    sw = np.concatenate([w for d, w in zip(docs, balanced_weights(docs, balance), strict=True) if d.tokens])
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, average=True, random_state=0)
    clf.fit(X, np.asarray(y), sample_weight=sw if balance else None)
    return Binary(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


def sentence_labels(doc: Doc) -> list[bool]:
    """True for a sentence that overlaps any gold span."""
    spans = merge_overlapping((s, e) for s, e, _ in doc.spans)
    return [any(s < b and e > a for s, e in spans) for a, b in doc.sents]


def fit_sentences(docs: Sequence[Doc], lex, C: float = 0.3, dense: bool = DENSE_SENT) -> Binary:
    """Sentence model: L2 logistic regression over the bag of words/bigrams of each sentence."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    mats = []
    y: list[bool] = []
    for d, lx in zip(docs, _lexicons(docs, lex), strict=True):
        if not d.sents:
            continue
        words = sentence_words(d.tokens, len(d.sents))
        summaries = sentence_summaries(d.tokens, len(d.sents), lx)
        mats.append(sentence_matrix(words, summaries, dense))
        y.extend(sentence_labels(d))
    clf = LogisticRegression(C=C, max_iter=500)
    clf.fit(vstack(mats).tocsr(), np.asarray(y))
    return Binary(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


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


def fit_classifier(docs: Sequence[Doc], C: float = 10.0, max_iter: int = 40) -> SpanClassifier:
    """Multinomial logistic regression (saga) over L2-normalised hashed span features.

    saga with a few dozen epochs reaches the accuracy of a converged lbfgs fit in
    seconds instead of minutes on 14 x 2**20 weights; no class weights (they
    lowered micro-F1 in cross-validation).
    """
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    feats, labels, _ = tc_examples(docs)
    X = _l2_rows(hasher().transform(feats))
    clf = LogisticRegression(C=C, solver="saga", max_iter=max_iter, tol=1e-3, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, labels)
    coef_t = np.ascontiguousarray(clf.coef_.T, dtype=np.float32)
    return SpanClassifier(list(clf.classes_), coef_t, clf.intercept_.astype(np.float64))


def fit(
    docs: Sequence[Doc],
    threshold: float = THRESHOLD,
    gap: int = GAP,
    mix: float = MIX,
    peak: float = PEAK,
    ctx_weight: float | None = None,
    ctx_sent_weight: float | None = None,
    balance: float = SPAN_BALANCE,
    clause_channel: bool = CLAUSE_CHANNEL,
) -> PropagandaModel:
    """All models on ``docs`` (the lexicon too comes from ``docs`` only, cross-fitted for training).

    The contextual taggers (need torch) are trained when ``ctx_weight`` (default ``CTX_WEIGHT``) is below 1.
    The main channel's tagger and GRU use the span-balanced loss ``balance``; with ``clause_channel`` a
    second tagger and GRU with the plain token loss are trained too (:class:`.model.ClauseChannel`).
    """
    ctx_weight = CTX_WEIGHT if ctx_weight is None else ctx_weight
    ctx_sent_weight = CTX_SENT_WEIGHT if ctx_sent_weight is None else ctx_sent_weight
    lex = learn_lexicon((d.tokens, d.labels) for d in docs)
    lexs = crossfit_lexicons(docs)
    contextual = ctx_weight < 1.0
    context = fit_context(docs, lexs, balance=balance) if contextual else None
    X = tagger_matrix(docs, lexs)
    clauses = None
    if clause_channel:
        clauses = ClauseChannel(
            fit_tagger(docs, lexs, balance=0.0, X=X), fit_context(docs, lexs, balance=0.0) if contextual else None,
            CLAUSE_THRESHOLD, CLAUSE_MIX, CLAUSE_GAP, CLAUSE_PEAK,
        )  # fmt: skip
    return PropagandaModel(
        lexicon=lex, tagger=fit_tagger(docs, lexs, balance=balance, X=X), sentences=fit_sentences(docs, lexs),
        classifier=fit_classifier(docs), threshold=threshold, gap=gap, mix=mix, peak=peak,
        context=context, ctx_weight=ctx_weight if context is not None else 1.0,
        ctx_sent_weight=ctx_sent_weight if context is not None else 1.0, clauses=clauses,
    )  # fmt: skip


# -- contextual tagger (torch at build time only) ---------------------------------------------

# Contextual tagger (.context): settings chosen on out-of-fold predictions of CV folds 0-1 only (docs/propaganda.md).
CTX_WEIGHT = 0.5  # P_token = CTX_WEIGHT * P_linear + (1 - CTX_WEIGHT) * P_context (1: no contextual tagger)
CTX_SENT_WEIGHT = 0.5  # P_sentence = CTX_SENT_WEIGHT * P_linear + (1 - CTX_SENT_WEIGHT) * P_context_sentence
CTX_HIDDEN = 32
CTX_EPOCHS = 8
CTX_LR = 3e-3
CTX_BATCH = 32
CTX_DROPOUT = 0.2
CTX_SENT_LOSS = 1.0  # weight of the sentence head's loss (0: no sentence head)
CTX_AVERAGE_FROM = 3  # weight averaging over the epochs from this one on (see fit_context)


def _torch():
    try:
        import torch
    except ImportError as e:  # the run-time install has no torch; only training the GRU needs it
        raise RuntimeError(
            "training the contextual tagger (propaganda.context) needs torch: "
            "pip install -e '.[embeddings-build]' (pins torch==2.13.0, CPU build is enough)"
        ) from e
    return torch


def context_sentences(
    docs: Sequence[Doc], lexs: Sequence[dict[str, float]], balance: float | None = None
) -> list[tuple[np.ndarray, np.ndarray, float, np.ndarray]]:
    """(inputs (L, D), token labels (L,), sentence label, token loss weights (L,)) of each non-empty sentence,
    inputs built as at run time."""
    from .context import token_inputs
    from .model import _embeddings

    emb = _embeddings()
    out = []
    weights = balanced_weights(docs, SPAN_BALANCE if balance is None else balance)
    for d, lx, wt in zip(docs, lexs, weights, strict=True):
        if not d.tokens:
            continue
        X = token_inputs(d.tokens, emb.words([t.word for t in d.tokens]), lx)
        y = np.asarray(d.labels, dtype=np.float32)
        sent = sentence_ids(d.tokens)
        ys = sentence_labels(d)
        first, lengths = sentence_runs(sent)
        wt = wt.astype(np.float32)
        out.extend(
            (X[a : a + n], y[a : a + n], float(ys[sent[a]]), wt[a : a + n]) for a, n in zip(first, lengths, strict=True)
        )
    return out


def _context_net(torch, dim: int, hidden: int, dropout: float):
    """The BiGRU tagger network: forward and backward GRUs, a token head and a pooled sentence head."""
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.f = nn.GRU(dim, hidden, batch_first=True)
            self.b = nn.GRU(dim, hidden, batch_first=True)
            self.out = nn.Linear(2 * hidden + dim, 1)
            self.sent = nn.Linear(4 * hidden, 1)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, xr, back, mask):
            hf, _ = self.f(self.drop(x))
            hr, _ = self.b(self.drop(xr))
            hb = torch.gather(hr, 1, back[:, :, None].expand(-1, -1, hidden))
            h = torch.cat([hf, hb], -1)
            m = mask[:, :, None]
            pooled = torch.cat([h.masked_fill(m == 0, -1e9).amax(1), (h * m).sum(1) / m.sum(1)], -1)
            return self.out(torch.cat([h, x], -1)).squeeze(-1), self.sent(pooled).squeeze(-1)

    return Net()


def padded_batches(sents: Sequence[tuple], batch: int) -> list[tuple[np.ndarray, ...]]:
    """Sentences of similar length, ``batch`` at a time, zero-padded: (x, reversed x, back index, labels, mask,
    sentence labels, weights). Sorting by length keeps padding small and the order deterministic."""
    dim = sents[0][0].shape[1]
    order = sorted(range(len(sents)), key=lambda i: (len(sents[i][1]), i))
    out = []
    for bi in (order[i : i + batch] for i in range(0, len(order), batch)):
        T = len(sents[bi[-1]][1])
        x = np.zeros((len(bi), T, dim), dtype=np.float32)
        xr = np.zeros_like(x)
        y = np.zeros((len(bi), T), dtype=np.float32)
        mask = np.zeros((len(bi), T), dtype=np.float32)
        wts = np.zeros((len(bi), T), dtype=np.float32)
        back = np.zeros((len(bi), T), dtype=np.int64)
        ys = np.array([sents[i][2] for i in bi], dtype=np.float32)
        for r, i in enumerate(bi):
            X, lab, _, wt = sents[i]
            L = len(lab)
            x[r, :L], xr[r, :L], y[r, :L], mask[r, :L], wts[r, :L] = X, X[::-1], lab, 1.0, wt
            back[r, :L] = np.arange(L - 1, -1, -1)
        out.append((x, xr, back, y, mask, ys, wts))
    return out


def _context_tagger(g: dict[str, np.ndarray], sent_loss: float):
    """A :class:`.context.ContextTagger` (NumPy only) from the network's weights by name."""
    from .context import ContextTagger

    return ContextTagger(
        np.stack([g["f.weight_ih_l0"], g["b.weight_ih_l0"]]), np.stack([g["f.weight_hh_l0"], g["b.weight_hh_l0"]]),
        np.stack([g["f.bias_ih_l0"], g["b.bias_ih_l0"]]), np.stack([g["f.bias_hh_l0"], g["b.bias_hh_l0"]]),
        g["out.weight"][0], float(g["out.bias"][0]),
        g["sent.weight"][0] if sent_loss > 0 else None, float(g["sent.bias"][0]) if sent_loss > 0 else 0.0,
    )  # fmt: skip


def _train_epoch(net, opt, tensors, rng, loss_fn, sent_loss: float) -> None:
    """One pass over the batches in a seeded order: masked, weighted token BCE plus the sentence loss."""
    net.train()
    for bi in rng.permutation(len(tensors)):
        x, xr, back, y, mask, ys, wts = tensors[bi]
        opt.zero_grad()
        zt, zs = net(x, xr, back, mask)
        loss = (loss_fn(zt, y) * wts).sum() / mask.sum()
        if sent_loss > 0:
            loss = loss + sent_loss * loss_fn(zs, ys).mean()
        loss.backward()
        opt.step()


def fit_context(
    docs: Sequence[Doc], lex, hidden: int = CTX_HIDDEN, epochs: int = CTX_EPOCHS, lr: float = CTX_LR,
    batch: int = CTX_BATCH, dropout: float = CTX_DROPOUT, seed: int = 0, log=None,
    average_from: int | None = CTX_AVERAGE_FROM, sent_loss: float = CTX_SENT_LOSS, balance: float = SPAN_BALANCE,
):  # fmt: skip
    """Contextual tagger (:class:`.context.ContextTagger`): BiGRU trained with Adam on masked BCE.

    Deterministic: one torch thread, fixed seeds, batches of sentences of similar length
    in a seeded order. ``lex`` as in :func:`fit_tagger` (cross-fitted lexicons for training).
    The weights returned are the mean of the weights after each epoch from ``average_from`` on
    (stochastic weight averaging: one net, less epoch-to-epoch noise), or the last ones if None.
    ``log(epoch, tagger)`` is called after each epoch with the (averaged) tagger so far (experiments).
    """
    torch = _torch()
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    sents = context_sentences(docs, _lexicons(docs, lex), balance)
    net = _context_net(torch, sents[0][0].shape[1], hidden, dropout)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    tensors = [tuple(torch.from_numpy(a) for a in arrays) for arrays in padded_batches(sents, batch)]
    rng = np.random.RandomState(seed)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
    avg: dict[str, np.ndarray] = {}
    n_avg = 0

    def export():
        if n_avg:
            return _context_tagger({k: v.astype(np.float32) for k, v in avg.items()}, sent_loss)
        return _context_tagger({k: v.detach().numpy().copy() for k, v in net.state_dict().items()}, sent_loss)

    for ep in range(epochs):
        _train_epoch(net, opt, tensors, rng, loss_fn, sent_loss)
        if average_from is not None and ep >= average_from:
            n_avg += 1
            for k, v in net.state_dict().items():
                a = v.detach().numpy().astype(np.float64)
                avg[k] = a if n_avg == 1 else avg[k] + (a - avg[k]) / n_avg
        if log is not None:
            log(ep, export())
    return export()
