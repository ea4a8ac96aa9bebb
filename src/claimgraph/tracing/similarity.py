"""Is this the same claim? Meaning vectors, word overlap and names, and the pairwise decision.

Names and predicate are compared apart: political news names the same few people in thousands of different
claims, so word overlap and vectors are computed on what is said (content words other than names), and the
names must agree (two claims that both name someone and share no name are never one claim: "X won the
primary", "Y won the primary"). The meaning vector is the mean of the shipped static MiniLM-distilled word
vectors over those words: a synonym swap or a moved clause leaves it almost where it was, while word overlap
would fall. Overlap still decides most pairs, because it is what a copy keeps; the vector admits a rewording
only when enough words are shared too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein

from ..embeddings import StaticEmbeddings
from .text import contiguous_in, is_number, meaning_words
from .units import ClaimUnit

SAME_JACCARD = 0.55  # share of content words in common: a copy with a changed number or a hedge keeps more
CUT_CONTAINMENT = 0.9  # a truncated copy keeps nearly all its words from the longer claim ...
CUT_JACCARD = 0.4  # ... and not a small part of it ...
CUT_MIN_WORDS = 6  # ... and enough of them not to be a commonplace phrase
CUT_COSINE = 0.75
RUN_MIN_TOKENS = 8  # a claim printed whole inside a longer one
REWORD_COSINE = 0.88  # a rewording keeps the meaning vector close ...
REWORD_JACCARD = 0.35  # ... and a good part of the words ...
REWORD_MIN_SHARED = 4  # ... at least this many of them
NEAR_EDITS = 2  # word insertions, deletions or swaps that keep a sentence the same sentence
SHORT = 5  # a claim with fewer content words, or whose numbers differ, is a weak match on its own
DRIFT_COSINE = 0.7  # a new member must stay this close to the cluster's first appearance too


def meaning_vectors(emb: StaticEmbeddings, units: list[ClaimUnit]) -> np.ndarray:
    """(len(units), dim) unit-length means of each claim's content-word vectors (zeros for a claim with none),
    looked up in one batch for the article."""
    words = [[w for w in meaning_words(u.core) if w not in u.names] for u in units]
    flat = [w for ws in words for w in ws]
    out = np.zeros((len(units), emb.dim), dtype=np.float32)
    if not flat:
        return out
    table = emb.words(flat)
    pos = 0
    for i, ws in enumerate(words):
        if ws:
            out[i] = table[pos : pos + len(ws)].mean(axis=0)
            pos += len(ws)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=out, where=norms > 0)


@dataclass(frozen=True, slots=True)
class PairScore:
    jaccard: float
    containment: float
    cosine: float
    name_conflict: bool

    @property
    def score(self) -> float:
        """How strongly two units are one claim, for choosing among several that qualify."""
        return 0.6 * self.jaccard + 0.4 * self.cosine


def name_conflict(a: ClaimUnit, b: ClaimUnit) -> bool:
    """Both claims name someone or somewhere and they share no name at all: a different story."""
    return bool(a.names) and bool(b.names) and not (a.names & b.names)


def _overlap(x: frozenset[str], y: frozenset[str]) -> tuple[float, float]:
    inter = len(x & y)
    return inter / (len(x | y) or 1), inter / (min(len(x), len(y)) or 1)


def pair_score(a: ClaimUnit, b: ClaimUnit, va: np.ndarray, vb: np.ndarray) -> PairScore:
    """Word overlap of the two claims proper, or of the two whole sentences when that is higher (two parses of
    one sentence can disagree on where an attribution's content starts)."""
    jac, cont = _overlap(a.content, b.content)
    s_jac, s_cont = _overlap(a.sentence_content, b.sentence_content)
    return PairScore(
        jaccard=max(jac, s_jac),
        containment=max(cont, s_cont),
        cosine=float(np.dot(va, vb)),
        name_conflict=name_conflict(a, b),
    )


def same_claim(a: ClaimUnit, b: ClaimUnit, p: PairScore) -> bool:
    """The pairwise decision: a copy (most words shared), a cut (one inside the other) or a rewording."""
    if a.core == b.core:
        return True
    if p.name_conflict:
        return False
    if p.jaccard >= SAME_JACCARD:
        return True
    smaller = min(len(a.content), len(b.content))
    cut = p.containment >= CUT_CONTAINMENT and p.jaccard >= CUT_JACCARD and p.cosine >= CUT_COSINE
    if cut and smaller >= CUT_MIN_WORDS:
        return True
    for x, y in ((a.core, b.core), (a.words, b.words)):
        short, long = (x, y) if len(x) <= len(y) else (y, x)
        if len(short) >= RUN_MIN_TOKENS and contiguous_in(short, long):
            return True
    shared = len(a.content & b.content)
    reworded = p.cosine >= REWORD_COSINE and p.jaccard >= REWORD_JACCARD and shared >= REWORD_MIN_SHARED
    return reworded


def numbers_differ(a: ClaimUnit, b: ClaimUnit) -> bool:
    old, new = {q.value for q in a.quantities}, {q.value for q in b.quantities}
    return bool(old) and bool(new) and old != new


def _masked(core: tuple[str, ...]) -> list[str]:
    return ["#" if is_number(t) else t for t in core]


def weak(a: ClaimUnit, b: ClaimUnit) -> bool:
    """A match that words alone cannot carry: a short claim or one whose numbers differ, told in other words
    ("Trump leads the race with 61 delegates" / "Overall, Trump leads with 182 delegates"), reads the same as
    stock sentences of many other stories; it needs the two articles to share another claim as well. The same
    sentence with one or two words changed (a number, a "not", a hedge) is not weak."""
    if not (numbers_differ(a, b) or min(len(a.content), len(b.content)) < SHORT):
        return False
    return Levenshtein.distance(_masked(a.core), _masked(b.core)) > NEAR_EDITS
