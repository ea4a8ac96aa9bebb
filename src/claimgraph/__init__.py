"""claimgraph: who claims what, about whom, on whose word, and how far to trust it."""

from __future__ import annotations

from .claims import check_worthiness
from .credibility.propaganda import propaganda_spans
from .errors import ClaimgraphError, DocumentError
from .model import SCHEMA, AnalysisResult, Article, Attribution, Entity, RawDocument
from .pipeline import analyze, analyze_many

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "AnalysisResult",
    "Article",
    "Attribution",
    "ClaimgraphError",
    "DocumentError",
    "Entity",
    "RawDocument",
    "analyze",
    "analyze_many",
    "check_worthiness",
    "propaganda_spans",
]
