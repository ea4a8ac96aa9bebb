"""A small learned event typer that re-ranks the rules' PLOVER type of each event.

Why: the trigger rules were written while reading part of the PLOVER gold and score far lower on the
part never read; a multinomial logistic regression over the trigger's context (trigger and head
lemmas, dependents, object head, modality, static word vectors of trigger and clause, and the rules'
own proposal) generalises from the same examples instead of memorising words. The type chosen is
``argmax_t log p(t) + rule_bonus * [t == rule type]``: the bonus (chosen in cross-validation by
``scripts/train_event_types.py``) keeps the rules where the model is unsure.

The model ships as plain JSON (feature -> per-class weights, a dense matrix for the vectors) and is
scored with NumPy here, so no scikit-learn is needed at run time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np

from ..config import ENV_EVENT_TYPES_MODEL, env
from ..datafiles import BUILT_BY, DATA_DIR, require

MODEL_PATH = DATA_DIR / "event_types.json"
SKIP_DEPS = frozenset({"punct", "det", "case", "cc", "aux", "auxpass"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV"})


def sparse_features(cand: Any, event: Any, future: bool) -> list[str]:
    """Symbolic features of one candidate trigger and the event the rules made of it."""
    rule = [f"w:{cand.word}", f"r:{event.type}", f"rm:{event.type}/{event.mode}", f"k:{cand.kind}"]
    return rule + context_features(cand, event.negated, event.hypothetical, future)


def context_features(cand: Any, negated: bool, hypothetical: bool, future: bool) -> list[str]:
    """The features that do not depend on the rules' reading (the fallback model uses only these)."""
    tok = cand.tok
    feats = [f"l:{tok.lemma_.lower()}", f"h:{tok.dep_}:{tok.head.lemma_.lower()}"]
    if cand.anchor is not tok:
        feats.append(f"a:{cand.anchor.lemma_.lower()}")
    for ch in tok.children:
        if ch.dep_ in SKIP_DEPS:
            continue
        feats.append(f"d:{ch.dep_}:{ch.lemma_.lower()}")
        feats.append(f"c:{ch.lemma_.lower()}")
        if ch.dep_ == "prep":
            feats += [f"p:{ch.lemma_.lower()}:{g.lemma_.lower()}" for g in ch.children if g.dep_ == "pobj"]
        if ch.dep_ in ("dobj", "nsubjpass", "attr"):
            feats.append(f"o:{ch.lemma_.lower()}")
    flags = {"neg": negated, "hyp": hypothetical, "fut": future, "amb": cand.ambiguous}
    feats += [k for k, on in flags.items() if on]
    if cand.source is not None and cand.source.sector:
        feats.append(f"ss:{cand.source.sector}")
    feats.append("src" if cand.source is not None else "nosrc")
    feats.append("tgt" if cand.target is not None else "notgt")
    return feats


def clause_words(cand: Any) -> list[str]:
    """Content lemmas of the trigger's clause (the anchor's subtree), for the clause vector."""
    return [t.lemma_.lower() for t in cand.anchor.subtree if t.pos_ in CONTENT_POS and t.i != cand.tok.i]


def dense_features(cand: Any, emb: Any) -> np.ndarray:
    """Trigger vector and mean clause vector, concatenated (2 * dim)."""
    trig = emb.word(cand.tok.lemma_.lower())
    words = clause_words(cand)
    clause = emb.words(words).mean(axis=0) if words else np.zeros(emb.dim, dtype=np.float32)
    n = float(np.linalg.norm(clause))
    return np.concatenate([trig, clause / n if n > 0 else clause])


@lru_cache(maxsize=2)
def load_models(path: str | None = None) -> dict[str, dict[str, Any]]:
    """The JSON file's two models: ``retype`` (with the rules' reading) and ``fallback`` (without)."""
    target = require(path or env(ENV_EVENT_TYPES_MODEL) or MODEL_PATH, BUILT_BY[MODEL_PATH.name])
    with open(target, encoding="utf-8") as fh:
        raw = json.load(fh)
    return {name: prepare(m) for name, m in raw.items()}


def load_model(path: str | None = None, name: str = "retype") -> dict[str, Any]:
    """One of the two models."""
    return load_models(path)[name]


def prepare(model: dict[str, Any]) -> dict[str, Any]:
    """Weights as NumPy arrays, for scoring."""
    model["dense_w"] = np.asarray(model["dense"], dtype=np.float32)
    model["bias"] = np.asarray(model["intercept"], dtype=np.float32)
    model["sparse_w"] = {k: np.asarray(v, dtype=np.float32) for k, v in model["sparse"].items()}
    return model


def log_probs(model: dict[str, Any], sparse: list[str], dense: np.ndarray) -> np.ndarray:
    """Per-class log probabilities of one candidate (classes in ``model['classes']`` order)."""
    z = model["bias"] + model["dense_scale"] * (model["dense_w"] @ dense)
    for f in set(sparse):
        w = model["sparse_w"].get(f)
        if w is not None:
            z = z + w
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def choose(model: dict[str, Any], lp: np.ndarray, rule_type: str) -> tuple[str, float]:
    """The type (and its model probability) after the rule bonus."""
    classes = model["classes"]
    bonus = np.array([model["rule_bonus"] if c == rule_type else 0.0 for c in classes])
    k = int(np.argmax(lp + bonus))
    return classes[k], float(np.exp(lp[k]))
