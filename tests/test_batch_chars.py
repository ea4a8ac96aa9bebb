"""Batches by characters (issue 18): ``nlp.pipe`` batches end at ``Options.batch_chars`` body characters,
so a worker's memory follows a bounded batch, and the results are the same as with one big batch.

Texts are paragraphs of the shared example article (real news prose), each analysed as its own document.
"""

from __future__ import annotations

import json

import pytest

from claimgraph.config import Options
from claimgraph.pipeline import Pipeline


def _paragraphs(example_path) -> list[str]:
    text = example_path.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 200][:8]


class _Counting:
    """Wraps the loaded model and records the size of every ``pipe`` call (what a batch really was)."""

    def __init__(self, nlp) -> None:
        self.nlp, self.batches = nlp, []

    def pipe(self, texts, **kw):
        texts = list(texts)
        self.batches.append(sum(map(len, texts)))
        return self.nlp.pipe(texts, **kw)

    def __call__(self, text):
        return self.nlp(text)


def _run(texts: list[str], **opts) -> tuple[list[str], list[int]]:
    pipe = Pipeline(Options(format="text", places=False, events=False, **opts))
    pipe.nlp = _Counting(pipe.nlp)
    out = [json.dumps(r.to_dict(), sort_keys=True) for r in pipe.run_many(texts)]
    return out, pipe.nlp.batches


def test_batches_end_at_the_character_budget(example_path) -> None:
    texts = _paragraphs(example_path)
    assert len(texts) >= 4
    budget = 2 * max(map(len, texts))
    small, batches = _run(texts, batch_size=64, batch_chars=budget)
    big, one = _run(texts, batch_size=64, batch_chars=10**9)
    assert len(one) == 1 and len(batches) > 1
    assert all(b < budget + max(map(len, texts)) for b in batches)
    assert small == big  # the parse of a text does not depend on its batch-mates


def test_batch_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="batch_chars"):
        Options(batch_chars=0)
