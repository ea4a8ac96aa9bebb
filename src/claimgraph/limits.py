"""Per-document limits: a size cap checked before the parse and a time budget checked as the work goes.

Both turn a document that would hold up a batch (a 50 MB log pasted as one "article", a text whose
analysis runs for an hour) into a per-document error, so the batch goes on. Python cannot stop a
running stage safely, so the budget is checked after every parse piece and every stage: a document
stops at most one stage past its budget (each stage is linear in the body, and the body is capped).
"""

from __future__ import annotations

import time

from .config import ENV_MAX_CHARS, ENV_TIME_BUDGET, Options
from .errors import DocumentError
from .model import RawDocument


def check_size(body: str, raw: RawDocument, options: Options) -> None:
    """Refuse a body longer than ``options.max_chars`` with a ``too_large`` error."""
    if len(body) > options.max_chars:
        raise DocumentError(
            "too_large",
            f"article body of {len(body):,} characters is over the limit of {options.max_chars:,} "
            f"(raise it with {ENV_MAX_CHARS}, or split the document)",
            raw.source,
            raw.position,
        )


class Budget:
    """The time one document may still take; ``check`` raises a ``timeout`` DocumentError once it is spent."""

    def __init__(self, seconds: float | None, raw: RawDocument) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.raw = raw

    def check(self, stage: str) -> None:
        if self.seconds is None:
            return
        spent = time.monotonic() - self.started
        if spent > self.seconds:
            raise DocumentError(
                "timeout",
                f"analysis stopped after {stage}: {spent:,.0f} s is over the budget of {self.seconds:g} s "
                f"per document (raise it with {ENV_TIME_BUDGET}; 0 for none)",
                self.raw.source,
                self.raw.position,
            )
