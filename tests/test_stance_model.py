"""The learned stance classifier: what it adds to the word lists, its file, and its rebuild.

The sentences are written for these tests (none is a labelled corpus item). The classifier must
back the rules on clear criticism (else its veto would drop it) and leave neutral statements alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.attribution import extract_attributions
from claimgraph.attribution.stance import rule_stance, stance_of
from claimgraph.attribution.stance_model import MODEL_NAME, choose, load_stance_model
from claimgraph.datafiles import DATA_DIR, ModelMissing
from claimgraph.entities import resolve_entities

ROOT = Path(__file__).resolve().parents[1]


def _first(nlp, text: str):
    doc = nlp(text)
    atts = extract_attributions(doc, resolve_entities(doc))
    assert atts, "no attribution found"
    return doc, atts[0]


def _cue_ids(doc, att) -> list[int]:
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
    return [t.i for t in span]


def test_choose_follows_thresholds_and_veto() -> None:
    probs = {"accuse": 0.7, "assert": 0.2, "deny": 0.1}
    assert choose(probs, "assert", "none", "assert", {"accuse": 0.6}, 0.1) == ("accuse", True)
    assert choose(probs, "assert", "none", "assert", {"accuse": 0.75}, 0.1) == ("assert", False)
    # a content rule's guess the classifier gives less than the veto is dropped, else kept
    assert choose(probs, "deny", "content", "assert", {"accuse": 0.6}, 0.2) == ("assert", False)
    assert choose(probs, "deny", "content", "assert", {"accuse": 0.6}, 0.05) == ("deny", False)


def test_model_file_is_plain_json_with_chosen_thresholds() -> None:
    data = json.loads((DATA_DIR / MODEL_NAME).read_text(encoding="utf-8"))
    assert len(data["weights"]) == len(data["features"]) * len(data["classes"])
    assert all(0.0 < t < 1.0 for t in data["thresholds"].values())
    assert set(data["thresholds"]) <= set(data["classes"]) - {"assert", "other"}
    assert data["trained_on"]["files"] == ["stance_train.jsonl", "stance_dev.jsonl"]


def test_missing_model_is_an_error(tmp_path) -> None:
    with pytest.raises(ModelMissing, match="train_stance.py"):
        load_stance_model(str(tmp_path / "nothing.json"))


# Clear criticism: the rules find it, and the classifier, reading words and vectors, agrees strongly
# enough that the veto keeps it and its own threshold would have put it.
CLEAR = [
    "The candidate said his rival is a corrupt politician.",
    "She said the senator lied about the budget.",
    "The mayor said the governor has failed the people of this state.",
]


@pytest.mark.parametrize("text", CLEAR, ids=[t[:40] for t in CLEAR])
def test_classifier_agrees_with_clear_criticism(nlp, text) -> None:
    from claimgraph.attribution.stance_features import stance_input

    doc, att = _first(nlp, text)
    frags = [tuple(f) for f in att.content.fragments]
    found = rule_stance(doc, _cue_ids(doc, att), frags)
    model = load_stance_model()
    probs = model.probs(stance_input(doc, _cue_ids(doc, att), found.tokens, found.result.stance, found.origin))
    assert found.origin == "content" and probs["accuse"] >= model.thresholds["accuse"], probs
    judged = stance_of(doc, _cue_ids(doc, att), frags)
    assert judged.stance == "accuse" and judged.evidence is not None
    assert text[judged.evidence.start : judged.evidence.end] == judged.evidence.text


def test_classifier_evidence_is_a_weighted_content_word(nlp) -> None:
    doc, att = _first(nlp, CLEAR[0])
    found = rule_stance(doc, _cue_ids(doc, att), [tuple(f) for f in att.content.fragments])
    toks = load_stance_model().evidence(found.tokens, "accuse")
    assert toks and all(t.text in att.content.text for t in toks)
    assert not toks[-1].is_stop and not toks[-1].is_punct, [t.text for t in toks]
    # the rules found the criticism here, so their evidence is kept over the classifier's word
    assert stance_of(doc, _cue_ids(doc, att), [tuple(f) for f in att.content.fragments]).evidence.text == "corrupt"


NEUTRAL = [
    "The company said it would open two new factories in Ohio next year.",
    "Officials said the bridge carries about 40,000 cars a day.",
    "The coach said the team will travel to Denver on Sunday.",
]


@pytest.mark.parametrize("text", NEUTRAL, ids=[t[:40] for t in NEUTRAL])
def test_neutral_statements_stay_neutral(nlp, text) -> None:
    _, att = _first(nlp, text)
    assert att.stance in {"assert", "predict"} and att.stance_evidence is None


def test_cost_per_attribution_is_small(nlp) -> None:
    """The classifier is a sparse sum and one small matrix product: well under a millisecond."""
    import time

    doc, att = _first(nlp, CLEAR[0])
    cue, frags = _cue_ids(doc, att), [tuple(f) for f in att.content.fragments]
    stance_of(doc, cue, frags)  # warm the caches
    t0 = time.perf_counter()
    for _ in range(200):
        stance_of(doc, cue, frags)
    assert (time.perf_counter() - t0) / 200 < 0.005  # 5 ms: a generous bound on a loaded shared machine


@pytest.mark.slow
def test_training_script_reproduces_the_shipped_model(tmp_path, shared_dir) -> None:
    gold = shared_dir / "gold" / "attribution" / "dev.jsonl"
    if not gold.exists():
        pytest.skip("PolNeAR dev file not available")
    import sys

    sys.path.insert(0, str(ROOT))
    from scripts.train_stance import main

    out = tmp_path / "stance_model.json"
    assert main(["--gold", str(gold), "--out", str(out)]) == 0
    assert out.read_bytes() == (DATA_DIR / MODEL_NAME).read_bytes()
