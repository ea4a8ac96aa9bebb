"""Per-document errors: one bad document never stops a batch."""

from __future__ import annotations

from typing import Any

from .vocab import SCHEMA, ErrorKind


class ClaimgraphError(Exception):
    """Base class for every error claimgraph raises on purpose."""


class DocumentError(ClaimgraphError):
    """A document that could not be read or analysed, with the reason and where it came from.

    ``kind`` is a stable machine-readable code from ``vocab.ErrorKind``: ``empty``, ``binary``, ``too_large``,
    ``encoding``, ``truncated``, ``malformed``, ``no_article``, ``not_found``, ``timeout`` (over the per-document
    time budget), ``internal``.
    """

    def __init__(self, kind: ErrorKind, message: str, source: str = "<string>", position: str | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.source = source
        self.position = position

    def to_record(self) -> dict[str, Any]:
        """The JSONL record written in place of a result, so a batch loses nothing."""
        return {
            "schema": SCHEMA,
            "document": {"source": self.source, "position": self.position},
            "error": {"type": self.kind, "message": self.message},
        }

    def one_line(self) -> str:
        where = f"{self.source}:{self.position}" if self.position else self.source
        return f"error: {where}: {self.kind}: {self.message}"
