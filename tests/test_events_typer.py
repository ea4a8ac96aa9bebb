"""The learned event typer: model file handling, probabilities, and its place in find_events."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimgraph.datafiles import ModelMissing
from claimgraph.embeddings import load_embeddings
from claimgraph.entities import resolve_entities
from claimgraph.events import EVENT_TYPES
from claimgraph.events.extract import rule_events
from claimgraph.events.typer import choose, dense_features, load_model, log_probs, sparse_features


def _top_pair(nlp, text: str):
    doc = nlp(text)
    events, mods, _ = rule_events(doc, resolve_entities(doc), None, None)
    c, ev = max(events, key=lambda ce: ce[1].confidence)
    return c, ev, mods[id(c)]


def test_missing_model_file_is_an_error(tmp_path):
    with pytest.raises(ModelMissing, match="train_event_types"):
        load_model(str(tmp_path / "no_such_model.json"))


def test_model_classes_are_plover_types_and_probabilities_sum_to_one(nlp):
    model = load_model()
    assert set(model["classes"]) <= set(EVENT_TYPES)
    c, ev, mod = _top_pair(nlp, "Riot police detained dozens of striking miners outside the ministry.")
    lp = log_probs(model, sparse_features(c, ev, mod.future), dense_features(c, load_embeddings()))
    assert lp.shape == (len(model["classes"]),)
    assert abs(float(np.exp(lp).sum()) - 1.0) < 1e-4


def test_features_read_the_trigger_its_object_and_negation(nlp):
    c, ev, mod = _top_pair(nlp, "The ministry did not expel the Dutch ambassador.")
    feats = sparse_features(c, ev, mod.future)
    assert "l:expel" in feats
    assert "o:ambassador" in feats
    assert "neg" in feats
    assert f"r:{ev.type}" in feats


def test_rule_bonus_decides_between_rules_and_model(tmp_path, nlp):
    c, ev, mod = _top_pair(nlp, "Farmers blocked the motorway to protest against the new fuel tax.")
    model = dict(load_model())
    lp = log_probs(model, sparse_features(c, ev, mod.future), dense_features(c, load_embeddings()))
    other = next(t for t in model["classes"] if t != ev.type)
    model["rule_bonus"] = 1e6
    assert choose(model, lp, other)[0] == other  # a huge bonus always keeps the rules' type
    model["rule_bonus"] = 0.0
    assert choose(model, lp, other)[0] == model["classes"][int(np.argmax(lp))]


def test_bundled_model_is_plain_json():
    from claimgraph.events.typer import MODEL_PATH

    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(raw) == {"retype", "fallback"}
    for model in raw.values():
        assert {"classes", "intercept", "sparse", "dense", "dense_scale", "rule_bonus"} <= set(model)
    assert 0.0 < raw["fallback"]["min_prob"] < 1.0
    assert not any(f.startswith(("r:", "w:")) for f in raw["fallback"]["sparse"])  # no rules' reading


def test_fallback_needs_an_actor_subject_and_a_verb_root(nlp):
    from claimgraph.events.actors import ActorIndex
    from claimgraph.events.fallback import root_candidate

    doc = nlp("The Nigerian army pummelled the rebel positions on Sunday.")
    index = ActorIndex(doc, resolve_entities(doc), None)
    c = root_candidate(doc, index, 0)
    assert c is not None and c.tok.lemma_ == "pummel"
    assert c.source is not None and (c.source.country == "NGA" or c.source.sector == "MIL")
    doc = nlp("The ministry released a statement on Monday.")  # a lexicon verb the rules declined
    assert root_candidate(doc, ActorIndex(doc, resolve_entities(doc), None), 0) is None
    doc = nlp("The weather was mild for the season.")
    assert root_candidate(doc, ActorIndex(doc, resolve_entities(doc), None), 0) is None
