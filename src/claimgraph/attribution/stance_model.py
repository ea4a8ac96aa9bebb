"""The learned stance classifier: multinomial logistic regression read from plain JSON, scored with NumPy.

Why: word lists see an accusation only when it holds a judgement word; "produced nothing of value"
or "used the claims to enact ..." need the content's words weighed together. The classifier
(``scripts/train_stance.py``, fitted on the hand labels of ``bench/data/stance_train.jsonl`` and
``stance_dev.jsonl``) is asked only when the cue names no act. It puts a stance when its probability
reaches the per-stance threshold chosen by cross-validation for precision, and it can drop a content
rule's guess it gives almost no chance. Its evidence is the content word (or word pair) that weighs most
for the stance it chose. A missing model file is a ``ModelMissing`` error, never a silent fallback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..datafiles import data_file, require
from .stance_features import StanceInput, stance_input, word_key

MODEL_NAME = "stance_model.json"


def choose(
    probs: Mapping[str, float],
    rule: str,
    origin: str,
    cue_stance: str,
    thresholds: Mapping[str, float],
    veto: float,
) -> tuple[str, bool]:
    """(stance, whether the classifier put it) from the rules' verdict and the class probabilities.

    Shared by the run-time scorer and the training script's cross-validation, so the thresholds are
    chosen for exactly this rule.
    """
    if origin == "content":
        return (cue_stance, False) if probs.get(rule, 0.0) < veto else (rule, False)
    best = max(thresholds, key=lambda c: probs.get(c, 0.0), default=None)
    if best is not None and probs.get(best, 0.0) >= thresholds[best]:
        return best, True
    return rule, False


class StanceModel:
    """Weights per feature and class, a dense block for the word vectors, thresholds and the veto."""

    def __init__(self, data: dict):
        self.classes: list[str] = list(data["classes"])
        self.index = {f: n for n, f in enumerate(data["features"])}
        self.weights = np.asarray(data["weights"], dtype=np.float32).reshape(len(self.index), len(self.classes))
        self.dense = np.asarray(data["dense"], dtype=np.float32)
        self.bias = np.asarray(data["bias"], dtype=np.float32)
        self.vec_scale = float(data["vec_scale"])
        self.thresholds: dict[str, float] = dict(data["thresholds"])
        self.veto = float(data["veto"])

    def probs(self, inp: StanceInput) -> dict[str, float]:
        """Class probabilities (softmax of the linear scores)."""
        rows = [self.index[f] for f in inp.features if f in self.index]
        z = self.bias + self.weights[rows].sum(axis=0)
        if self.vec_scale and len(inp.dense):
            z = z + self.vec_scale * (inp.dense @ self.dense)
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def decide(self, doc: Doc, cue_ids: Sequence[int], found):  # found: stance.RuleStance
        """The final stance and evidence for a neutral cue (``found.origin`` is "content" or "none")."""
        from .stance import StanceResult, span_of

        rule = found.result
        vectors = bool(self.vec_scale)
        inp = stance_input(doc, cue_ids, found.tokens, rule.stance, found.origin, vectors)
        stance, by_model = choose(
            self.probs(inp), rule.stance, found.origin, found.cue_stance, self.thresholds, self.veto
        )
        if not by_model:
            return rule if stance == rule.stance else StanceResult(stance)
        return StanceResult(stance, span_of(doc, self.evidence(inp.tokens, stance)))

    def evidence(self, tokens: Sequence[Token], stance: str) -> list[Token]:
        """The content word (not a stop word), or pair ending in one, weighing most for ``stance`` over the rest."""
        k = self.classes.index(stance)
        best: tuple[float, list[Token]] = (float("-inf"), [])
        words = [word_key(t) for t in tokens]
        for n, t in enumerate(tokens):
            if t.is_punct or t.is_space or t.is_stop:  # a function word is no evidence of a stance
                continue
            pair = n and not (tokens[n - 1].is_punct or tokens[n - 1].is_space)
            for name, toks in (
                (f"w={words[n]}", [t]),
                (f"b={words[n - 1]}_{words[n]}" if pair else "", tokens[n - 1 : n + 1]),
            ):
                row = self.index.get(name)
                if row is None:
                    continue
                w = self.weights[row]
                margin = float(w[k] - (w.sum() - w[k]) / (len(w) - 1))
                if margin > best[0]:
                    best = (margin, toks)
        return [t for t in best[1] if not t.is_space] or list(tokens[:1])


@lru_cache(maxsize=2)
def load_stance_model(path: str | None = None) -> StanceModel:
    """The packaged classifier, read once per process; ``ModelMissing`` when the file is absent."""
    target = require(Path(path), "scripts/train_stance.py") if path else data_file(MODEL_NAME)
    return StanceModel(json.loads(target.read_text(encoding="utf-8")))
