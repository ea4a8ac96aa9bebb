"""Features of the check-worthiness model, shared by training and scoring.

The same functions turn a sentence (its text plus its spaCy tokens) into sparse
feature groups both in ``scripts/train_checkworthy.py`` and at run time, so the
model file only has to store vocabularies and weights (plain JSON, no pickle):

* ``w``: lower-cased word 1-2grams (digits folded to ``0``) - what is talked about;
* ``c``: character 3-5grams inside word boundaries - robust to inflection and typos;
* ``p``: fine POS tag 1-3grams with entity types folded in - the *shape* of a factual
  statement (``CD NNS``, ``VBD``, ``ENT:MONEY``) independent of topic;
* ``h``: a few hand-made cues: numbers, money/percent, named entities, past tense,
  comparatives, first-person opinion markers, questions, length.

Each text group is TF-IDF weighted (sublinear tf) and L2-normalised on its own;
hand features are 0/1 (or small counts squashed into 0..1) and not normalised.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

GROUPS = ("w", "c", "p")

_WORD = re.compile(r"\b\w+\b")
_DIGIT = re.compile(r"\d")
_OPINION = re.compile(
    r"\b(i|we)\s+(?:really\s+|do\s+|don'?t\s+|strongly\s+)?"
    r"(think|believe|feel|hope|want|wish|guess|suppose|say|know|mean|would|will|am going to|'m going to)\b",
    re.I,
)
_MODAL_FUTURE = re.compile(r"\b(will|would|should|must|ought|gonna|going to|need to|have to)\b", re.I)
_NUMBER_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundred|hundreds|thousand|thousands|"
    r"million|millions|billion|billions|trillion|percent|half|twice|double|triple)\b",
    re.I,
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens with every digit folded to ``0`` (so 1,000 and 5,000 share features)."""
    return [_DIGIT.sub("0", w) for w in _WORD.findall(text.lower())]


def word_ngrams(text: str) -> Counter[str]:
    toks = words(text)
    grams = Counter(toks)
    grams.update(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    return grams


@lru_cache(maxsize=65536)
def _word_char_ngrams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        if len(padded) < n:
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def char_ngrams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """Character n-grams of each padded word (like scikit-learn's ``char_wb``), digits folded."""
    grams: Counter[str] = Counter()
    for w in words(text):
        grams.update(_word_char_ngrams(w, low, high))
    return grams


def tag_sequence(tokens: Iterable[Any]) -> list[str]:
    """One symbol per token: the entity type for entity tokens (one symbol per entity), else the fine POS tag."""
    seq: list[str] = []
    for tok in tokens:
        if tok.is_space:
            continue
        if tok.ent_type_:
            if tok.ent_iob_ == "B" or not seq or seq[-1] != f"ENT:{tok.ent_type_}":
                seq.append(f"ENT:{tok.ent_type_}")
            continue
        seq.append(tok.tag_ or tok.pos_ or "X")
    return seq


def tag_ngrams(seq: Sequence[str], high: int = 3) -> Counter[str]:
    grams: Counter[str] = Counter()
    for n in range(1, high + 1):
        grams.update(" ".join(seq[i : i + n]) for i in range(len(seq) - n + 1))
    return grams


def hand_features(text: str, tokens: Sequence[Any]) -> dict[str, float]:
    """Cues that separate verifiable statements from opinion, promise and small talk."""
    toks = [t for t in tokens if not t.is_space]
    ents = {t.ent_type_ for t in toks if t.ent_type_}
    tags = [t.tag_ for t in toks]
    n_num = sum(1 for t in toks if t.like_num or t.tag_ == "CD")
    feats = {
        "has_number": float(n_num > 0),
        "many_numbers": float(n_num > 2),
        "number_word": float(bool(_NUMBER_WORD.search(text))),
        "has_percent": float("%" in text or "percent" in text.lower() or "PERCENT" in ents),
        "has_money": float("$" in text or "MONEY" in ents),
        "has_date": float("DATE" in ents),
        "has_gpe": float("GPE" in ents or "NORP" in ents),
        "has_org": float("ORG" in ents),
        "has_person": float("PERSON" in ents),
        "n_ents": min(len([t for t in toks if t.ent_iob_ == "B"]), 5) / 5,
        "past_tense": float("VBD" in tags or "VBN" in tags),
        "present_perfect": float(any(t.lemma_ == "have" for t in toks) and "VBN" in tags),
        "comparative": float(any(t in ("JJR", "RBR", "JJS", "RBS") for t in tags)),
        "opinion": float(bool(_OPINION.search(text))),
        "modal_future": float(bool(_MODAL_FUTURE.search(text))),
        "first_person": float(any(t.lower_ in ("i", "me", "my", "we", "our", "us") for t in toks)),
        "second_person": float(any(t.lower_ in ("you", "your") for t in toks)),
        "question": float(text.rstrip().endswith("?")),
        "short": float(len(toks) < 8),
        "long": float(len(toks) > 30),
    }
    return feats


def raw_groups(text: str, tokens: Sequence[Any]) -> dict[str, Counter[str]]:
    """Raw counts of every text group for one sentence."""
    return {"w": word_ngrams(text), "c": char_ngrams(text), "p": tag_ngrams(tag_sequence(tokens))}


def tfidf(counts: Counter[str], vocab: dict[str, int], idf: Sequence[float]) -> dict[int, float]:
    """Sublinear tf x idf over the known vocabulary, L2-normalised (unknown n-grams dropped)."""
    vec: dict[int, float] = {}
    for gram, n in counts.items():
        j = vocab.get(gram)
        if j is not None:
            vec[j] = (1.0 + math.log(n)) * idf[j]
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm > 0:
        for j in vec:
            vec[j] /= norm
    return vec
