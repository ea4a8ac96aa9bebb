"""The packaged static word vectors (model2vec distillation of all-MiniLM-L6-v2), loaded without torch."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from claimgraph.embeddings import EMBEDDINGS_PATH, StaticEmbeddings, load_embeddings

needs_file = pytest.mark.skipif(not EMBEDDINGS_PATH.exists(), reason="static embeddings not built")


def _toy() -> StaticEmbeddings:
    tokens = ["[PAD]", "[UNK]", "un", "##believ", "##able", "cat", "!", "cafe"]
    rng = np.random.RandomState(0)
    return StaticEmbeddings(tokens, rng.randn(len(tokens), 4).astype(np.float16))


def test_wordpiece_longest_match_lowercase_accents_and_punctuation():
    e = _toy()
    assert e.pieces("Unbelievable") == [2, 3, 4]
    assert e.pieces("CAT!") == [5, 6]
    assert e.pieces("café") == [7]
    assert e.pieces("dog") == []  # no piece matches: the word has no vector


def test_word_vectors_are_unit_length_cached_and_zero_when_unknown():
    e = _toy()
    v = e.word("Unbelievable")
    assert np.isclose(np.linalg.norm(v), 1.0, atol=1e-5)
    assert e.word("Unbelievable") is v  # cached per word
    assert not e.word("dog").any()
    M = e.words(["cat", "dog"])
    assert M.shape == (2, 4) and M.dtype == np.float32
    assert e.words([]).shape == (0, 4)


@needs_file
def test_packaged_vectors_load_with_numpy_only_and_are_meaningful():
    emb = load_embeddings()
    assert emb.dim >= 64 and len(emb.vocab) > 20_000
    assert load_embeddings() is emb
    cos = lambda a, b: float(emb.word(a) @ emb.word(b))  # noqa: E731
    assert cos("king", "queen") > cos("king", "carrot")
    assert cos("terrible", "awful") > cos("terrible", "table")


@pytest.mark.slow
def test_loader_module_does_not_import_torch():
    import subprocess

    code = "import sys, claimgraph.embeddings as m; m.load_embeddings() if m.EMBEDDINGS_PATH.exists() else None; "
    code += "print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
