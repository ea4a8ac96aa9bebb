"""The cue lexicon: how likely a token is to introduce an attribution.

Why two layers: a learned table (``data/attribution_cues.json``, rebuilt by
``scripts/train_attribution_cues.py`` from the PolNeAR train part) gives
calibrated probabilities for the long tail of cue words, and a small hand list
of unambiguous communication, belief and accusation words keeps the stage
useful for words the training part never saw and when the file is missing.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..datafiles import read_data_text
from .scorer import LinearScorer

# Words that introduce attributed speech or inner states whatever the corpus says.
SEED_VERBS = frozenset(
    [
        "say",
        "tell",
        "state",
        "claim",
        "assert",
        "argue",
        "add",
        "note",
        "explain",
        "insist",
        "maintain",
        "contend",
        "declare",
        "announce",
        "report",
        "write",
        "tweet",
        "post",
        "reply",
        "respond",
        "answer",
        "ask",
        "acknowledge",
        "admit",
        "concede",
        "confirm",
        "deny",
        "reject",
        "dispute",
        "refute",
        "dismiss",
        "accuse",
        "blame",
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "slam",
        "blast",
        "attack",
        "charge",
        "allege",
        "lash",
        "praise",
        "commend",
        "applaud",
        "hail",
        "laud",
        "thank",
        "warn",
        "caution",
        "threaten",
        "predict",
        "forecast",
        "expect",
        "anticipate",
        "estimate",
        "believe",
        "think",
        "suspect",
        "doubt",
        "fear",
        "hope",
        "feel",
        "suggest",
        "recommend",
        "urge",
        "demand",
        "insist",
        "propose",
        "promise",
        "pledge",
        "vow",
        "vowed",
        "mention",
        "remark",
        "comment",
        "observe",
        "point",
        "recall",
        "reveal",
        "disclose",
        "testify",
        "affirm",
        "reiterate",
        "repeat",
        "echo",
        "stress",
        "emphasize",
        "emphasise",
        "conclude",
        "find",
        "show",
        "indicate",
        "estimate",
        "question",
        "complain",
        "lament",
        "concede",
        "agree",
        "disagree",
        "acknowledge",
        "speculate",
        "wonder",
        "worry",
        "guess",
        "imagine",
        "assume",
        "reckon",
        "know",
        "realize",
        "realise",
        "understand",
        "figure",
    ]
)
SEED_NOUNS = frozenset(
    [
        "statement",
        "claim",
        "allegation",
        "accusation",
        "assertion",
        "charge",
        "criticism",
        "remark",
        "comment",
        "belief",
        "view",
        "opinion",
        "position",
        "argument",
        "warning",
        "prediction",
        "suggestion",
        "announcement",
        "report",
        "poll",
        "survey",
        "study",
        "finding",
        "findings",
        "testimony",
        "interview",
        "speech",
        "letter",
        "tweet",
        "post",
        "memo",
        "editorial",
        "op-ed",
        "column",
        "complaint",
        "denial",
        "insistence",
        "suspicion",
        "doubt",
        "fear",
        "hope",
        "promise",
        "pledge",
        "vow",
        "demand",
        "proposal",
        "concern",
        "assessment",
        "estimate",
    ]
)
_CLAUSAL = frozenset({"ccomp", "parataxis"})


def has_clause(tok) -> bool:
    """Does ``tok`` govern a clausal complement (the usual shape of reported speech)?"""
    return any(c.dep_ in _CLAUSAL for c in tok.children)


def lexicon_key(tok) -> list[str]:
    """Lexicon keys of a token: ``lemma/POS`` and the same with the clause flag (``+c``/``-c``)."""
    pos = tok.pos_
    if pos not in {"VERB", "NOUN", "ADJ", "AUX", "ADP", "PROPN", "PUNCT", "ADV"}:
        return []
    lemma = tok.lemma_.lower()
    prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    if prt:  # "lash out", "show up", "rule out" are other words than "lash", "show", "rule"
        lemma = f"{lemma}_{prt[0]}"
    base = f"{lemma}/{pos}"
    return [base, base + ("+c" if has_clause(tok) else "-c")]


@lru_cache(maxsize=1)
def learned() -> dict[str, tuple[int, int]]:
    """The learned table (ModelMissing when its data file is absent)."""
    raw = read_data_text("attribution_cues.json")
    return {k: (v[0], v[1]) for k, v in json.loads(raw)["cues"].items()}


@lru_cache(maxsize=1)
def never_cues() -> frozenset[str]:
    """``lemma/POS`` keys frequent in training and never a cue head."""
    raw = read_data_text("attribution_cues.json")
    return frozenset(json.loads(raw).get("never", []))


def worth_scoring(tok) -> bool:
    """Cheap filter before the scorer: frequent never-cue words without a clause are skipped."""
    keys = lexicon_key(tok)
    if not keys:
        return False
    return keys[0] not in never_cues() or has_clause(tok)


def cue_probability(tok) -> float:
    """Smoothed probability that ``tok`` heads an attribution cue."""
    keys = lexicon_key(tok)
    if not keys:
        return 0.0
    table = learned()
    base, ctx = keys
    lemma = tok.lemma_.lower()
    seed = 0.0
    if tok.pos_ in {"VERB", "AUX"} and lemma in SEED_VERBS:
        seed = 0.5 if has_clause(tok) else 0.2
    elif tok.pos_ == "NOUN" and lemma in SEED_NOUNS:
        seed = 0.15
    if (
        tok.pos_ == "NOUN"
        and lemma in SEED_NOUNS
        and tok.dep_ in {"dobj", "obj"}
        and tok.head.lemma_.lower() in {"express", "voice", "air", "raise", "level", "issue", "cast"}
    ):
        seed = 0.6  # "aired suspicion that", "expressed doubts about", "levelled accusations"
        return seed
    for key in (ctx, base):
        hit, total = table.get(key, (0, 0))
        if total >= 3:
            return (hit + 2 * seed) / (total + 2)
    return seed


@lru_cache(maxsize=1)
def cue_model() -> LinearScorer:
    """The learned cue scorer (ModelMissing when its data file is absent, never a lexicon fallback)."""
    raw = read_data_text("attribution_cue_model.json")
    return LinearScorer.from_json(json.loads(raw))


def cue_score(tok, near_quote: bool) -> float:
    """Probability that ``tok`` heads a cue, from the learned scorer."""
    from .features import token_features

    return cue_model().prob(token_features(tok, near_quote), tok.lemma_.lower())


@lru_cache(maxsize=1)
def _candidate_file() -> dict:
    """``attribution_cand_model.json``, read and parsed once (both candidate gates live in it)."""
    return json.loads(read_data_text("attribution_cand_model.json"))


@lru_cache(maxsize=1)
def candidate_model() -> tuple[LinearScorer, float, float] | None:
    """The learned candidate scorer, its threshold and prefilter (ModelMissing when its data file is absent).

    ``prefilter`` is the first-stage cue score a token needs to be offered to this scorer; it is
    stored with the model because the scorer was trained on the candidates that passed it."""
    data = _candidate_file()
    return LinearScorer.from_json(data), float(data.get("threshold", 0.5)), float(data.get("prefilter", 0.1))


@lru_cache(maxsize=1)
def overlap_model() -> tuple[LinearScorer, float] | None:
    """The second candidate gate and its threshold, or None when the model file has none.

    The candidate scorer estimates whether a candidate's content *matches* a gold content; this one,
    trained on the same candidates, whether it overlaps one at all. A candidate the first rejects is
    still kept when this one is confident: it very likely reports something, even if its boundaries
    are off ("called for X" where the annotation takes a longer or shorter stretch)."""
    data = _candidate_file()
    if "overlap_weights" not in data:
        return None
    return LinearScorer.from_json(data, "overlap_"), float(data["overlap_threshold"])
