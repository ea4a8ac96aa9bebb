"""What the stance classifier reads: the cue, the content's words, the rules' verdict and word vectors.

Why one module: the training script (``scripts/train_stance.py``) and the run-time scorer
(``stance_model``) must build exactly the same features from a parse, or the shipped weights would
score other inputs than the ones they were fitted on. Everything here comes from the parse the
attribution stage already has; the word vectors are the packaged static ones (``claimgraph.embeddings``),
looked up once per distinct word and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

MAX_CONTENT_TOKENS = 120  # a long quotation's first sentences carry its act; the cost stays bounded
_NEG = {"not", "n't", "never", "no", "nothing", "nobody", "none", "neither", "nor"}
_SKIP_POS = {"PUNCT", "SPACE", "SYM", "NUM", "X"}


@dataclass(frozen=True, slots=True)
class StanceInput:
    """The sparse feature names, the dense vector and the content tokens (for the evidence span)."""

    features: list[str]
    dense: np.ndarray
    tokens: list[Token]


def word_key(tok: Token) -> str:
    """The form a content word is counted under: its lower-case lemma (the text for pronouns)."""
    lemma = tok.lemma_.lower()
    return tok.lower_ if lemma.startswith("-") or not lemma else lemma


def stance_input(
    doc: Doc, cue_ids: Sequence[int], tokens: Sequence[Token], rule: str, origin: str, vectors: bool = True
) -> StanceInput:
    """Features of one attribution: cue lemma(s), content unigrams/bigrams, rule verdict, vectors."""
    from claimgraph.embeddings import load_embeddings

    toks = list(tokens[:MAX_CONTENT_TOKENS])
    cue = [doc[i] for i in sorted(cue_ids)]
    head = cue[0].lemma_.lower() if cue else "(none)"
    feats = [f"cue={head}", f"rule={rule}", f"rule={rule}|{origin}", f"rule={rule}|cue={head}"]
    feats += [f"cuew={t.lemma_.lower()}" for t in cue[1:]]
    words = [word_key(t) for t in toks]
    seen: set[str] = set()
    for n, w in enumerate(words):
        for f in (f"w={w}", f"b={words[n - 1]}_{w}" if n else f"b=^_{w}"):
            if f not in seen:
                seen.add(f)
                feats.append(f)
    feats += _shape(toks)
    if not vectors:  # a model that gives the vectors no weight: skip the lookups (the cost of the stage)
        return StanceInput(feats, np.zeros(0, dtype=np.float32), toks)
    emb = load_embeddings()
    content_words = [t.lower_ for t in toks if t.pos_ not in _SKIP_POS and not t.is_stop]
    content_vec = emb.words(content_words).mean(axis=0) if content_words else np.zeros(emb.dim, dtype=np.float32)
    cue_vec = emb.word(head) if cue else np.zeros(emb.dim, dtype=np.float32)
    return StanceInput(feats, np.concatenate([content_vec, cue_vec]).astype(np.float32), toks)


def _shape(toks: list[Token]) -> list[str]:
    """Negation, a question, quotation marks, first person and the content's length bucket."""
    out = []
    lower = {t.lower_ for t in toks}
    if lower & _NEG:
        out.append("has_neg")
    if "?" in lower:
        out.append("has_q")
    if lower & {'"', "“", "”", "''", "``"}:
        out.append("has_quote")
    if lower & {"i", "we", "my", "our", "me", "us"}:
        out.append("first_person")
    n = len(toks)
    out.append("len=" + ("1-3" if n <= 3 else "4-10" if n <= 10 else "11-30" if n <= 30 else "31+"))
    return out
