"""Is this the same claim? Meaning vectors, word overlap and names, and the pairwise decision.

The meaning vector is the mean of the shipped static MiniLM-distilled word vectors over the claim's content
words: a synonym swap or a moved clause leaves it almost where it was, while word overlap alone would fall.
Overlap still decides most pairs, because it is what a copy keeps; the vector admits a rewording only when
enough words are shared too and the two claims name no different people or places, so that two stories
told in similar words ("X won the primary", "Y won the primary") are not merged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..embeddings import StaticEmbeddings
from .text import meaning_words, ordered_subsequence
from .units import ClaimUnit

SAME_JACCARD = 0.55  # share of content words in common: a copy with a changed number or a hedge keeps more
CUT_CONTAINMENT = 0.8  # a truncated copy keeps nearly all its words from the longer claim ...
CUT_MIN_WORDS = 5  # ... and enough of them not to be a commonplace phrase
CUT_COSINE = 0.65  # a cut moves the mean vector (half the words gone), yet not far
REWORD_COSINE = 0.88  # a rewording keeps the meaning vector close ...
REWORD_JACCARD = 0.3  # ... and a good part of the words
DRIFT_COSINE = 0.7  # a new member must stay this close to the cluster's first appearance too


def meaning_vector(emb: StaticEmbeddings, unit: ClaimUnit) -> np.ndarray:
    """Unit-length mean of the content words' vectors (zeros when none is in the vocabulary)."""
    words = meaning_words(unit.core)
    if not words:
        return np.zeros(emb.dim, dtype=np.float32)
    v = emb.words(words).mean(axis=0)
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n > 0 else v.astype(np.float32)


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


def pair_score(a: ClaimUnit, b: ClaimUnit, va: np.ndarray, vb: np.ndarray) -> PairScore:
    inter = len(a.content & b.content)
    union = len(a.content | b.content) or 1
    smaller = min(len(a.content), len(b.content)) or 1
    return PairScore(
        jaccard=inter / union,
        containment=inter / smaller,
        cosine=float(np.dot(va, vb)),
        name_conflict=name_conflict(a, b),
    )


def same_claim(a: ClaimUnit, b: ClaimUnit, p: PairScore) -> bool:
    """The pairwise decision: a copy (most words shared), a cut (one inside the other) or a rewording."""
    if a.core == b.core or p.jaccard >= SAME_JACCARD:
        return True
    smaller = min(len(a.content), len(b.content))
    if p.containment >= CUT_CONTAINMENT and smaller >= CUT_MIN_WORDS and p.cosine >= CUT_COSINE:
        return True
    short, long = (a.core, b.core) if len(a.core) <= len(b.core) else (b.core, a.core)
    if smaller >= CUT_MIN_WORDS and len(short) >= 8 and ordered_subsequence(short, long):
        return True
    return p.cosine >= REWORD_COSINE and p.jaccard >= REWORD_JACCARD and not p.name_conflict
