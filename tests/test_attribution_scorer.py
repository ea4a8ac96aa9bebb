"""The learned attribution scorers: JSON round trip, the arithmetic, and what the lemma vectors add."""

from __future__ import annotations

import math

import pytest

from claimgraph.attribution.cues import candidate_model, cue_model, overlap_model
from claimgraph.attribution.scorer import LinearScorer


def test_probability_is_the_logistic_of_the_summed_weights():
    scorer = LinearScorer({"l=say": 1.5, "dep=ROOT": -0.5}, bias=-0.25)
    assert scorer.prob(["l=say", "dep=ROOT", "unseen"]) == pytest.approx(1 / (1 + math.exp(-0.75)))
    assert scorer.prob([], "say") == pytest.approx(1 / (1 + math.exp(0.25)))  # no dense part: lemma ignored


def test_json_round_trip_keeps_the_dense_part():
    scorer = LinearScorer({"a": 0.5}, 0.1, dense=[0.01] * 128)
    again = LinearScorer.from_json(scorer.to_json("overlap_"), "overlap_")
    assert again.weights == {"a": 0.5} and again.bias == pytest.approx(0.1)
    assert again.prob(["a"], "said") == pytest.approx(scorer.prob(["a"], "said"))
    assert again.lemma_term("said") != 0.0


def test_shipped_scorers_load_with_their_vectors():
    assert cue_model().dense is not None
    scorer, threshold, prefilter = candidate_model()
    gate, gate_threshold = overlap_model()
    assert scorer.dense is not None and gate.dense is not None
    assert 0 < prefilter < threshold < 1 and 0 < gate_threshold <= 1


def test_rare_speech_verbs_lean_towards_cues_through_their_vectors():
    # speech verbs (the first three have no weight of their own: never a cue in PolNeAR's train part)
    # against everyday action verbs
    model = cue_model()
    assert not any(f"l={w}" in model.weights for w in ("grouse", "mutter", "insinuate"))
    speech = [model.lemma_term(w) for w in ("grouse", "mutter", "insinuate", "scoff", "bemoan")]
    action = [model.lemma_term(w) for w in ("eat", "swim", "paint", "cook", "park")]
    assert sum(speech) / len(speech) > sum(action) / len(action) + 0.5
