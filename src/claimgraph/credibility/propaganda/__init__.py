"""Propaganda techniques (SemEval-2020 Task 11): which stretches of an article use which technique.

Entry points: :func:`propaganda_spans` for one text and :func:`propaganda_spans_many`
for a batch. The model (``claimgraph/data/propaganda.npz``) is trained by
``scripts/train_propaganda.py`` on the PTC dev articles and loaded once per process.
Method, figures and limits: ``docs/propaganda.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ...config import ENV_PROPAGANDA_MODEL, env
from ...datafiles import BUILT_BY, DATA_DIR, require
from ...model import PropagandaSpan
from .metrics import merge_overlapping, si_scores, tc_micro_f1
from .model import PropagandaModel

MODEL_PATH = DATA_DIR / "propaganda.npz"

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
    """
    return (model or load_model()).spans(text)


def propaganda_spans_many(texts: Iterable[str], model: PropagandaModel | None = None) -> list[list[PropagandaSpan]]:
    """:func:`propaganda_spans` of each text, loading the model once."""
    m = model or load_model()
    return [m.spans(t) for t in texts]
