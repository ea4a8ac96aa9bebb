"""Propaganda techniques (SemEval-2020 Task 11): which stretches of an article use which technique.

Entry points: :func:`propaganda_spans` for one text and :func:`propaganda_spans_many`
for a batch. The model (``claimgraph/data/propaganda.npz``) is trained by
``scripts/train_propaganda.py`` on the PTC dev articles and loaded once per process.
Method, figures and limits: ``docs/propaganda.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from ...config import ENV_PROPAGANDA_MODEL, env
from ...datafiles import BUILT_BY, DATA_DIR, require
from ...model import PropagandaSpan
from ...nlp.pieces import PIECE_CHARS, piece_bounds
from .metrics import merge_overlapping, si_scores, tc_micro_f1
from .model import PropagandaModel

MODEL_PATH = DATA_DIR / "propaganda.npz"
WINDOW = PIECE_CHARS  # longer texts are read in windows of about an article's length (see propaganda_spans)

__all__ = [
    "MODEL_PATH", "PropagandaModel", "load_model", "merge_overlapping", "propaganda_spans",
    "propaganda_spans_many", "si_scores", "tc_micro_f1",
]  # fmt: skip


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> PropagandaModel:
    """The trained model (``$CLAIMGRAPH_PROPAGANDA_MODEL`` or the packaged file), once per process."""
    return PropagandaModel.load(require(path or env(ENV_PROPAGANDA_MODEL) or MODEL_PATH, BUILT_BY[MODEL_PATH.name]))


def propaganda_spans(text: str, model: PropagandaModel | None = None) -> list[PropagandaSpan]:
    """Spans of ``text`` that use a propaganda technique, in text order.

    ``text[span.start:span.end] == span.text``: ``score`` (0..1) is how sure the span detector is that
    the stretch is propaganda, ``technique`` the most likely of the 14 PTC techniques and
    ``technique_score`` its probability. The model reads the text only (its own regex tokens), so a
    pipeline passes ``doc.text``. Empty text -> ``[]``.

    A text longer than :data:`WINDOW` is read window by window (cut at paragraph boundaries, offsets
    shifted back): the model was trained on articles and its repetition features count over the
    whole text it is given, which costs spans x length on a book and would compare a book's counts
    with an article's.
    """
    m = model or load_model()
    if len(text) <= WINDOW:
        return m.spans(text)
    out: list[PropagandaSpan] = []
    for start, end in piece_bounds(text, WINDOW):
        out += [replace(s, start=s.start + start, end=s.end + start) for s in m.spans(text[start:end])]
    return out


def propaganda_spans_many(texts: Iterable[str], model: PropagandaModel | None = None) -> list[list[PropagandaSpan]]:
    """:func:`propaganda_spans` of each text, loading the model once."""
    m = model or load_model()
    return [propaganda_spans(t, m) for t in texts]
