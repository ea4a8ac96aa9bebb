"""Contextual token model: a small bidirectional GRU over each sentence, run with NumPy only.

The linear tagger (:mod:`.model`) sees two words either side; this model reads the
whole sentence in both directions, so "a loaded word used as a label" and "the same
word in a neutral quote" can get different scores. Inputs per token: the static word
vector (:mod:`claimgraph.embeddings`, 128-d, unit length) and ``N_EXTRA`` cheap
features (:func:`token_inputs`). Output: P(token inside a gold span).

Trained with torch at build time only (``train.fit_context``); at run time the
weights are plain arrays and :meth:`ContextTagger.logits` is the forward pass in
NumPy (torch is never imported here). The GRU equations and gate order (r, z, n)
are PyTorch's ``nn.GRU``; the backward direction is a second GRU run over each
sentence reversed. All sentences of an article are one padded batch, sorted by
length so that step t only updates the sentences that are longer than t.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .text import Token, sentence_ids, sentence_runs

_QUOTES = set("\"“”‘’'«»")
N_EXTRA = 11  # columns after the word vector, see token_inputs


def token_inputs(tokens: Sequence[Token], vectors: np.ndarray, lex: Mapping[str, float]) -> np.ndarray:
    """(n_tokens, dim + N_EXTRA) float32 inputs: word vector, then lexicon score / 2, lexicon hit, capitalised,
    ALL-CAPS, punctuation, inside quotes, relative position in the sentence, first-of-sentence, title
    sentence, log(1 + sentence length) / 4, ``!``/``?``."""
    n = len(tokens)
    extra = np.zeros((n, N_EXTRA), dtype=np.float32)
    if n:
        words = [t.word for t in tokens]
        sent = sentence_ids(tokens)
        lx = [lex.get(w.lower()) for w in words]
        extra[:, 0] = [0.0 if v is None else v / 2.0 for v in lx]
        extra[:, 1] = [v is not None for v in lx]
        extra[:, 2] = [w[:1].isupper() for w in words]
        extra[:, 3] = [w.isupper() and len(w) > 1 for w in words]
        extra[:, 4] = [not w[:1].isalnum() for w in words]
        quote = np.fromiter((w in _QUOTES for w in words), dtype=np.int64, count=n)
        first, lengths = sentence_runs(sent)
        start = np.repeat(first, lengths)
        cq = np.cumsum(quote)
        extra[:, 5] = (cq - (cq[start] - quote[start])) % 2  # quote marks so far in the sentence, odd: inside
        k = np.arange(n) - start
        m = np.repeat(lengths, lengths)
        extra[:, 6] = k / m
        extra[:, 7] = k == 0
        extra[:, 8] = sent == 0
        extra[:, 9] = np.log1p(m) / 4.0
        extra[:, 10] = [w in ("!", "?") for w in words]
    return np.hstack([np.asarray(vectors, dtype=np.float32), extra])


def sentence_index(sent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Padded token indices per sentence, longest first: (idx (S, T) with -1 for padding, lengths (S,))."""
    if not len(sent):
        return np.zeros((0, 0), dtype=np.int64), np.zeros(0, dtype=np.int64)
    first, lengths = sentence_runs(sent)
    order = np.argsort(-lengths, kind="stable")
    first, lengths = first[order], lengths[order]
    T = int(lengths[0])
    steps = np.arange(T)
    idx = first[:, None] + steps[None, :]
    idx[steps[None, :] >= lengths[:, None]] = -1
    return idx, lengths


def reverse_index(idx: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row of ``idx`` reversed within its length (padding stays at the end)."""
    T = idx.shape[1]
    steps = np.arange(T)
    src = lengths[:, None] - 1 - steps[None, :]
    valid = src >= 0
    out = np.full_like(idx, -1)
    rows = np.broadcast_to(np.arange(len(idx))[:, None], idx.shape)
    out[valid] = idx[rows[valid], src[valid]]
    return out


@lru_cache(maxsize=1)
def _blas_controller():
    try:  # threadpoolctl comes with scikit-learn, which the model needs anyway
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController()
    except Exception:  # pragma: no cover - run unlimited rather than fail
        return None


def one_blas_thread():
    """Context: BLAS on one thread. The GRU steps are many tiny matrix products; OpenBLAS threads for
    them cost far more in synchronisation than they save (measured: 11 vs 27 articles/s)."""
    ctl = _blas_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def gru_run(proj: np.ndarray, ix: np.ndarray, lengths: np.ndarray, w_hh: np.ndarray, b_hh: np.ndarray) -> np.ndarray:
    """All GRU directions at once over a batch of sentences sorted by decreasing length.

    ``proj`` (D, n + 1, 3H): per direction, the input projection ``x @ W_ih.T + b_ih`` of every token
    (row n: padding); ``ix`` (D, T, S): the token read by each direction at each time step of each
    sentence (-1 past its length; the backward direction reads each sentence reversed, so both
    directions have the same lengths; D is 2 per GRU, see :func:`joint_states`); ``w_hh`` (D, 3H, H),
    ``b_hh`` (D, 3H). Returns the hidden state of every token per direction (D, n + 1, H; row n is
    scratch). Each step gathers only its active rows, so no padded (T, S) tensor is ever built (a long
    article with one very long sentence made that tensor tens of MB). sigmoid(x) is computed as
    (1 + tanh(x / 2)) / 2 (one ufunc, no overflow).
    """
    D, T = ix.shape[:2]
    H = w_hh.shape[2]
    out = np.zeros((D, proj.shape[1], H), dtype=np.float32)
    h = np.zeros((D, ix.shape[2], H), dtype=np.float32)
    w = np.ascontiguousarray(np.transpose(w_hh, (0, 2, 1)))  # (D, H, 3H)
    b = b_hh[:, None, :].astype(np.float32)
    dirs = np.arange(D)[:, None]
    active = np.searchsorted(-lengths, -np.arange(T), side="left")  # rows with length > t
    for t in range(T):
        k = int(active[t])
        rows = ix[:, t, :k]
        hk = h[:, :k]
        gh = np.matmul(hk, w) + b
        gx = proj[dirs, rows]
        rz = np.tanh(0.5 * (gx[..., : 2 * H] + gh[..., : 2 * H]))
        rz += 1.0
        rz *= 0.5
        n = np.tanh(gx[..., 2 * H :] + rz[..., :H] * gh[..., 2 * H :])
        z = rz[..., H:]
        hk = n + z * (hk - n)  # (1 - z) * n + z * h
        h[:, :k] = hk
        out[dirs, rows] = hk
    return out


@dataclass(slots=True)
class ContextTagger:
    """Bidirectional 1-layer GRU + linear output over [forward state, backward state, inputs].

    Optional second head (``w_sent``): P(sentence overlaps a span) from the max and the mean of the
    sentence's [forward, backward] states.
    """

    w_ih: np.ndarray  # (2, 3H, D): forward, backward
    w_hh: np.ndarray  # (2, 3H, H)
    b_ih: np.ndarray  # (2, 3H)
    b_hh: np.ndarray  # (2, 3H)
    w_out: np.ndarray  # (2H + D,)
    b_out: float
    w_sent: np.ndarray | None = None  # (4H,): [max, mean] of the states
    b_sent: float = 0.0

    def states(self, X: np.ndarray, sent: np.ndarray) -> np.ndarray:
        """(n, 2H) forward and backward GRU states of every token (``sent``: sentence index, non-decreasing)."""
        return joint_states([self], X, sent)[0]

    def logits(self, X: np.ndarray, sent: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Logits of P(token in span) for every row of ``X`` (token inputs) and, with the sentence head,
        of P(sentence overlaps a span) for sentences 0 .. sent[-1] (0 for a sentence without tokens)."""
        return joint_logits([self], X, sent)[0]

    def heads(self, hs: np.ndarray, X: np.ndarray, sent: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """The token and sentence logits of :meth:`logits` from the GRU states ``hs`` of :meth:`states`."""
        zt = np.hstack([hs, X]) @ self.w_out + self.b_out
        if self.w_sent is None:
            return zt, None
        first, lengths = sentence_runs(sent)
        pooled = np.hstack(
            [np.maximum.reduceat(hs, first, axis=0), np.add.reduceat(hs, first, axis=0) / lengths[:, None]]
        )
        zs = np.zeros(int(sent[-1]) + 1)
        zs[sent[first]] = pooled @ self.w_sent + self.b_sent
        return zt, zs

    def proba(self, X: np.ndarray, sent: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        return joint_proba([self], X, sent)[0]

    def arrays(self, prefix: str = "ctx_") -> dict[str, np.ndarray]:
        """Weights as float32 arrays for the model file."""
        out = {
            prefix + "w_ih": self.w_ih.astype(np.float32), prefix + "w_hh": self.w_hh.astype(np.float32),
            prefix + "b_ih": self.b_ih.astype(np.float32), prefix + "b_hh": self.b_hh.astype(np.float32),
            prefix + "w_out": self.w_out.astype(np.float32),
            prefix + "b_out": np.array([self.b_out], dtype=np.float32),
        }  # fmt: skip
        if self.w_sent is not None:
            out[prefix + "w_sent"] = self.w_sent.astype(np.float32)
            out[prefix + "b_sent"] = np.array([self.b_sent], dtype=np.float32)
        return out

    @classmethod
    def from_arrays(cls, z: Mapping[str, np.ndarray], prefix: str = "ctx_") -> ContextTagger | None:
        if prefix + "w_ih" not in z:
            return None
        f = {k: np.asarray(z[prefix + k], dtype=np.float32) for k in ("w_ih", "w_hh", "b_ih", "b_hh", "w_out")}
        sent = (
            (np.asarray(z[prefix + "w_sent"], dtype=np.float32), float(z[prefix + "b_sent"][0]))
            if prefix + "w_sent" in z
            else (None, 0.0)
        )
        return cls(f["w_ih"], f["w_hh"], f["b_ih"], f["b_hh"], f["w_out"], float(z[prefix + "b_out"][0]), *sent)


def joint_states(taggers: Sequence[ContextTagger], X: np.ndarray, sent: np.ndarray) -> list[np.ndarray]:
    """:meth:`ContextTagger.states` of several taggers of the same width over the same inputs, in one time loop.

    The loop over time steps is many tiny products whose cost is mostly per step, so running the
    directions of all taggers as one batch costs little more than running one tagger.
    """
    n = len(X)
    idx, lengths = sentence_index(sent)
    Xp = np.vstack([X, np.zeros((1, X.shape[1]), dtype=np.float32)])  # row -1: padding
    ixs = (idx.T, reverse_index(idx, lengths).T)  # (T, S) each
    ix = np.stack([ixs[d] for _ in taggers for d in range(2)])  # (D, T, S)
    ix[ix < 0] = n  # padding reads and writes row n of Xp / the output (discarded)
    # input projections once per token, not per step: (direction, token, 3H)
    proj = np.stack([Xp @ c.w_ih[d].T + c.b_ih[d] for c in taggers for d in range(2)])
    w_hh = np.concatenate([c.w_hh for c in taggers])
    b_hh = np.concatenate([c.b_hh for c in taggers])
    hs = gru_run(proj, ix, lengths, w_hh, b_hh)
    return [np.hstack([hs[2 * m, :n], hs[2 * m + 1, :n]]) for m in range(len(taggers))]


def joint_logits(
    taggers: Sequence[ContextTagger], X: np.ndarray, sent: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """:meth:`ContextTagger.logits` of each tagger (one shared time loop, :func:`joint_states`)."""
    if not len(X):
        return [(np.zeros(0), (np.zeros(0) if c.w_sent is not None else None)) for c in taggers]
    with one_blas_thread():
        return [c.heads(hs, X, sent) for c, hs in zip(taggers, joint_states(taggers, X, sent), strict=True)]


def joint_proba(
    taggers: Sequence[ContextTagger], X: np.ndarray, sent: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """(P_token, P_sentence or None) of each tagger."""
    return [(sigmoid(zt), None if zs is None else sigmoid(zs)) for zt, zs in joint_logits(taggers, X, sent)]
