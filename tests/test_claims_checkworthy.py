"""Check-worthiness scores: shape, range, the bundled model, and a factual/opinion ordering."""

from __future__ import annotations

from claimgraph.claims import check_worthiness
from claimgraph.claims.checkworthy import MODEL_PATH, load_model, score_spans


def test_model_file_is_small_json():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size <= 20_000_000
    model = load_model()
    assert model["format"] == "claimgraph-checkworthy/1"
    assert set(model["groups"]) == {"w", "c", "p"}


def test_statistic_beats_opinion(nlp):
    factual = "Unemployment rose to 9.8 percent last year, the highest level since 1983."
    opinion = "I think she is a wonderful person and I like her a lot."
    scores = check_worthiness([factual, opinion, "What do you want?"], nlp=nlp)
    assert len(scores) == 3
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[0] >= 0.5 > scores[1]
    assert scores[0] > scores[2]


def test_empty_and_batch_order(nlp):
    assert check_worthiness([], nlp=nlp) == []
    sents = ["The plant employs 4,000 workers.", "Thank you very much."]
    single = [check_worthiness([s], nlp=nlp)[0] for s in sents]
    batch = check_worthiness(sents, nlp=nlp)
    assert [round(x, 6) for x in batch] == [round(x, 6) for x in single]


def test_scores_on_parsed_spans_match_plain_sentences(nlp):
    doc = nlp("The plant employs 4,000 workers.")
    assert abs(score_spans([doc[:]])[0] - check_worthiness([doc.text], nlp=nlp)[0]) < 0.05
