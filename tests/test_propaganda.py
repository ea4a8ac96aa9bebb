"""Propaganda spans: the task metrics on hand-made cases, tokenisation offsets, and the shipped model's behaviour."""

from __future__ import annotations

import pytest

from claimgraph.credibility.propaganda import MODEL_PATH, PropagandaModel, propaganda_spans, propaganda_spans_many
from claimgraph.credibility.propaganda.metrics import merge_overlapping, si_counts, si_scores, tc_micro_f1
from claimgraph.credibility.propaganda.text import sentence_bounds, tokenize
from claimgraph.vocab import TECHNIQUES

LOADED = (
    "The corrupt globalist elites and their lapdog media are destroying our great nation!\n"
    "These traitors and radical Islamist terrorists will stop at nothing to silence true patriots.\n"
    "Wake up, America: the evil, treasonous deep state is a disgrace and a threat to every one of us."
)
DRY = (
    "The committee met on Tuesday and approved a budget of 2.1 million euros for road maintenance.\n"
    "The work will begin in March and is expected to take about six months.\n"
    "A spokesperson said the schedule depends on the weather and on the delivery of materials."
)


# -- metrics -------------------------------------------------------------------------------


def test_merge_overlapping_joins_only_shared_characters():
    assert merge_overlapping([(5, 15), (0, 10), (20, 25), (25, 30)]) == [(0, 15), (20, 25), (25, 30)]
    assert merge_overlapping([(3, 3)]) == []


def test_si_partial_overlap_by_hand():
    # |s ∩ t| = 5: P = 5/10, R = 5/20.
    assert si_counts([(0, 10)], [(5, 25)]) == (0.5, 1, 0.25, 1)
    # Two predictions inside one gold span: each fully precise, recall adds up to 0.5.
    p_num, n_p, r_num, n_g = si_counts([(0, 5), (10, 15)], [(0, 20)])
    assert (p_num, n_p, r_num, n_g) == (2.0, 2, 0.5, 1)


def test_si_merges_overlapping_gold_spans():
    # Same text with two techniques counts once: a perfect prediction scores 1, not recall 2 / |T| 2.
    r = si_scores({"a": [(0, 10)]}, {"a": [(0, 10), (0, 10), (2, 8)]})
    assert r["precision"] == pytest.approx(1.0) and r["recall"] == pytest.approx(1.0) and r["gold_spans"] == 1


def test_si_corpus_level_and_empty_cases():
    r = si_scores({"a": [(0, 10)], "b": [(100, 110)]}, {"a": [(0, 10)], "b": [(0, 10)]})
    assert r["precision"] == pytest.approx(0.5) and r["recall"] == pytest.approx(0.5) and r["f1"] == pytest.approx(0.5)
    none = si_scores({}, {"a": [(0, 10)]})
    assert none["precision"] == 0.0 and none["recall"] == 0.0 and none["f1"] == 0.0


def test_tc_micro_f1_is_accuracy_with_multiset_offsets():
    gold = [("a", 0, 5, "Doubt"), ("a", 0, 5, "Repetition"), ("a", 9, 12, "Slogans"), ("b", 1, 2, "Doubt")]
    pred = [("a", 0, 5, "Repetition"), ("a", 0, 5, "Repetition"), ("a", 9, 12, "Slogans"), ("b", 1, 2, "Slogans")]
    assert tc_micro_f1(pred, gold) == pytest.approx(0.5)
    assert tc_micro_f1(gold, gold) == pytest.approx(1.0)
    assert tc_micro_f1([], gold) == 0.0


# -- tokens ---------------------------------------------------------------------------------


def test_sentences_and_tokens_point_into_the_text():
    text = "  Title here\n\nFirst sentence. Second one! “Third?” he asked.\n"
    sents = sentence_bounds(text)
    assert [text[s:e] for s, e in sents] == ["Title here", "First sentence.", "Second one!", "“Third?” he asked."]
    tokens, _ = tokenize(text)
    assert all(text[t.start : t.end] == t.word for t in tokens)
    assert [t.word for t in tokens[:4]] == ["Title", "here", "First", "sentence"]


# -- shipped model --------------------------------------------------------------------------

needs_model = pytest.mark.skipif(not MODEL_PATH.exists(), reason="run scripts/train_propaganda.py")


@needs_model
def test_empty_and_blank_text():
    assert propaganda_spans("") == []
    assert propaganda_spans("  \n\t ") == []


@needs_model
def test_loaded_paragraph_gets_more_and_stronger_spans_than_dry_one():
    loaded, dry = propaganda_spans_many([LOADED, DRY])
    assert loaded, "obvious loaded language and name calling found nothing"
    assert len(loaded) > len(dry)
    assert max(s.score for s in loaded) > max((s.score for s in dry), default=0.0)
    covered = sum(s.end - s.start for s in loaded) / len(LOADED)
    assert covered > 0.2


@needs_model
def test_span_offsets_and_fields():
    for text in (LOADED, DRY, "Title\n\n" + LOADED + "\n" + DRY):
        for s in propaganda_spans(text):
            assert text[s.start : s.end] == s.text and s.text.strip() == s.text
            assert 0.0 <= s.score <= 1.0 and 0.0 <= s.technique_score <= 1.0
            assert s.technique in TECHNIQUES
        spans = propaganda_spans(text)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))  # ordered, disjoint


@needs_model
def test_file_round_trip(tmp_path):
    model = PropagandaModel.load(MODEL_PATH)
    model.save(tmp_path / "p.npz")
    again = PropagandaModel.load(tmp_path / "p.npz")
    assert again.spans(LOADED) == model.spans(LOADED)
    assert again.peak == model.peak
    if model.clauses is not None:  # the second channel's tagger, GRU and decoding survive the round trip
        assert again.clauses is not None and again.clauses.decoding == model.clauses.decoding
        assert (again.clauses.context is None) == (model.clauses.context is None)


# -- training helpers and decoding ------------------------------------------------------------


def test_crossfit_lexicons_never_use_an_articles_own_labels():
    from claimgraph.credibility.propaganda.train import Doc, crossfit_lexicons, token_labels

    docs = []
    for i in range(6):
        # article i has its own word "uniqueNNN" inside a span, repeated so it passes min_count
        text = " ".join([f"unique{i}"] * 4 + ["plain", "words", "here"] * 3)
        tokens, sents = tokenize(text)
        spans = [(0, len(f"unique{i}"), "Loaded_Language")]
        d = Doc(f"a{i}", text, spans)
        d.tokens, d.sents = tokens, sents
        d.labels = token_labels(tokens, spans)
        docs.append(d)
    for i, lex in enumerate(crossfit_lexicons(docs, k=3)):
        assert f"unique{i}" not in lex  # learned only from the other parts
        assert "plain" in lex


def _gold_doc(text: str, spans: list[tuple[int, int, str]]):
    from claimgraph.credibility.propaganda.train import Doc, token_labels

    d = Doc("x", text, spans)
    d.tokens, d.sents = tokenize(text)
    d.labels = token_labels(d.tokens, spans)
    return d


def test_span_balanced_weights_give_every_gold_span_the_same_total_weight():
    import numpy as np

    from claimgraph.credibility.propaganda.train import balanced_weights, token_weights

    text = "The traitors lied. " + "Experts fear the plan will certainly ruin every family in the whole region."
    clause = text.index("Experts")
    d = _gold_doc(text, [(4, 12, "Name_Calling,Labeling"), (clause, len(text) - 1, "Appeal_to_fear-prejudice")])
    lab = np.asarray(d.labels)
    assert lab.sum() == 1 + 13  # "traitors", then the 13-token clause
    w = token_weights(d, balance=1.0)
    assert np.allclose(w[~lab], 1.0)
    word, clause_w = w[lab][0], w[lab][1:]
    assert np.isclose(word, 1.0) and np.allclose(clause_w, 1 / 13)
    assert np.isclose(word, clause_w.sum())  # one word and one clause weigh the same
    assert np.allclose(token_weights(d, balance=0.0), 1.0)  # balance 0: the plain token loss
    (b,) = balanced_weights([d], balance=1.0)
    assert np.isclose(b[lab].sum(), lab.sum()) and np.allclose(b[~lab], 1.0)  # positives keep their total


def test_group_bridges_gaps_and_drops_spans_without_a_peak():
    import numpy as np

    from claimgraph.credibility.propaganda.model import group

    tokens, _ = tokenize("one two three four five six seven eight")
    q = np.array([0.5, 0.0, 0.4, 0.0, 0.0, 0.0, 0.26, 0.27])
    on = q >= 0.25
    assert [(s, e) for s, e, _ in group(tokens, on, q, gap=1)] == [(0, 13), (28, 39)]
    assert [(s, e) for s, e, _ in group(tokens, on, q, gap=1, peak=0.3)] == [(0, 13)]


def test_decode_merges_the_channels_spans_that_share_a_character():
    import numpy as np

    from claimgraph.credibility.propaganda.model import decode

    text = "alpha beta gamma delta epsilon zeta"
    tokens, _ = tokenize(text)
    ones = np.ones(len(tokens))
    word = np.array([0.0, 0.9, 0.0, 0.0, 0.0, 0.0])  # main channel: "beta"
    clause = np.array([0.0, 0.0, 0.6, 0.6, 0.0, 0.7])  # clause channel: "gamma delta", then "zeta"
    main = (word, ones, (1.0, 0.5, 0, 0.0))
    found = decode(tokens, [main, (clause, ones, (1.0, 0.5, 0, 0.0))])
    assert [text[s:e] for s, e, _ in found] == ["beta", "gamma delta", "zeta"]  # touching is not overlapping
    wide = np.array([0.0, 0.6, 0.6, 0.6, 0.0, 0.0])  # "beta gamma delta" overlaps "beta": one span, best score
    (merged,) = decode(tokens, [main, (wide, ones, (1.0, 0.5, 0, 0.0))])
    assert text[merged[0] : merged[1]] == "beta gamma delta" and merged[2] == 0.9
    assert decode(tokens, [main]) == [(6, 10, 0.9)]


def test_dense_columns_follow_the_hashed_ones_and_are_unit_scaled():
    import numpy as np

    from claimgraph.credibility.propaganda.model import DENSE_SCALE, N_FEATURES, token_dense, token_matrix

    tokens, sents = tokenize("Corrupt elites lie.\nThe weather is mild today.")
    D = token_dense(tokens)
    assert D.shape[0] == len(tokens) and D.shape[1] % 3 == 0
    norms = np.linalg.norm(D, axis=1)
    assert np.all(norms <= np.sqrt(3) * DENSE_SCALE + 1e-4)
    X = token_matrix(tokens, [[] for _ in sents], {}, dense=True)
    assert X.shape == (len(tokens), N_FEATURES + D.shape[1])
    assert np.allclose(X[:, N_FEATURES:].toarray(), D, atol=1e-5)
    # window and sentence means stay within the sentence: the last word of sentence 0
    # and the first of sentence 1 share no sentence column block
    d = D.shape[1] // 3
    assert not np.allclose(D[2, 2 * d :], D[4, 2 * d :])


def test_inference_shortcut_equals_the_training_matrices():
    import numpy as np

    from claimgraph.credibility.propaganda.model import sentence_dense, sentence_words, token_dense

    tokens, sents = tokenize("Corrupt elites lie!\nThe weather is mild today. Rain is likely.")
    td, sd = token_dense(tokens, with_sentences=True)
    assert np.allclose(td, token_dense(tokens), atol=1e-6)
    assert np.allclose(sd, sentence_dense(sentence_words(tokens, len(sents))), atol=1e-5)


def _gru_reference(x, w_ih, w_hh, b_ih, b_hh):
    """One GRU direction over one sequence, written out step by step (PyTorch's equations, gates r, z, n)."""
    import numpy as np

    H = w_hh.shape[1]
    h = np.zeros(H)
    out = []
    for xt in x:
        gx, gh = w_ih @ xt + b_ih, w_hh @ h + b_hh
        r = 1 / (1 + np.exp(-(gx[:H] + gh[:H])))
        z = 1 / (1 + np.exp(-(gx[H : 2 * H] + gh[H : 2 * H])))
        n = np.tanh(gx[2 * H :] + r * gh[2 * H :])
        h = (1 - z) * n + z * h
        out.append(h)
    return np.array(out)


def test_context_tagger_numpy_forward_matches_a_step_by_step_computation():
    import numpy as np

    from claimgraph.credibility.propaganda.context import ContextTagger

    rng = np.random.RandomState(0)
    D, H = 3, 2
    f32 = lambda *shape: rng.randn(*shape).astype(np.float32)  # noqa: E731
    tagger = ContextTagger(f32(2, 3 * H, D), f32(2, 3 * H, H), f32(2, 3 * H), f32(2, 3 * H), f32(2 * H + D), 0.3,
                           f32(4 * H), -0.2)  # fmt: skip
    sent = np.array([0, 1, 1, 1, 1, 2, 2, 4])  # ragged sentences; sentence 3 has no tokens
    X = f32(len(sent), D)
    zt, zs = tagger.logits(X, sent)
    want_t, want_s = np.zeros(len(sent)), np.zeros(5)
    for s in np.unique(sent):
        rows = np.flatnonzero(sent == s)
        x = X[rows].astype(np.float64)
        fw = _gru_reference(x, *(a[0] for a in (tagger.w_ih, tagger.w_hh, tagger.b_ih, tagger.b_hh)))
        bw = _gru_reference(x[::-1], *(a[1] for a in (tagger.w_ih, tagger.w_hh, tagger.b_ih, tagger.b_hh)))[::-1]
        h = np.hstack([fw, bw])
        for k, r in enumerate(rows):
            want_t[r] = np.concatenate([h[k], x[k]]) @ tagger.w_out + tagger.b_out
        want_s[s] = np.concatenate([h.max(axis=0), h.mean(axis=0)]) @ tagger.w_sent + tagger.b_sent
    assert np.allclose(zt, want_t, atol=1e-5)
    assert np.allclose(zs, want_s, atol=1e-5)
    pt, ps = tagger.proba(X, sent)
    assert np.allclose(pt, 1 / (1 + np.exp(-want_t)), atol=1e-6) and ps.shape == (5,)
    # file round trip of the weights
    again = ContextTagger.from_arrays(tagger.arrays())
    assert np.allclose(again.logits(X, sent)[0], zt)


def test_context_inputs_have_one_row_per_token():
    import numpy as np

    from claimgraph.credibility.propaganda.context import N_EXTRA, token_inputs

    tokens, _ = tokenize('Title\nThey said "traitors" twice. Really!')
    V = np.ones((len(tokens), 4), dtype=np.float32)
    X = token_inputs(tokens, V, {"traitors": 2.0})
    assert X.shape == (len(tokens), 4 + N_EXTRA)
    i = [t.word for t in tokens].index("traitors")
    assert X[i, 4] == 1.0 and X[i, 5] == 1.0 and X[i, 4 + 5] == 1.0  # lexicon score / 2, hit, inside quotes
    assert X[0, 4 + 8] == 1.0 and X[1, 4 + 8] == 0.0  # title sentence flag


def test_context_training_batches_are_padded_by_length_with_reversed_copies():
    """The BiGRU's batches (built without torch): similar lengths together, zero padding masked out."""
    import numpy as np

    from claimgraph.credibility.propaganda.train import padded_batches

    rng = np.random.RandomState(0)
    lengths = [5, 2, 7, 3]
    sents = [(rng.rand(n, 4).astype(np.float32), np.arange(n) % 2, float(n > 4), np.ones(n)) for n in lengths]
    batches = padded_batches(sents, batch=2)
    assert [b[0].shape for b in batches] == [(2, 3, 4), (2, 7, 4)]  # lengths 2,3 then 5,7
    x, xr, back, y, mask, ys, wts = batches[1]
    assert mask[0].tolist() == [1, 1, 1, 1, 1, 0, 0] and ys.tolist() == [1.0, 1.0]
    assert np.array_equal(xr[0, :5], sents[0][0][::-1]) and back[0, :5].tolist() == [4, 3, 2, 1, 0]
    assert np.array_equal(y[1], sents[2][1].astype(np.float32)) and x[0, 5:].sum() == 0
