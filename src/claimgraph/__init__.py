"""claimgraph: who claims what, about whom, on whose word, and how far to trust it."""

from __future__ import annotations

from .claims import check_worthiness
from .config import Options
from .credibility.propaganda import propaganda_spans
from .errors import ClaimgraphError, DocumentError
from .model import SCHEMA, AnalysisResult, Article, Attribution, Claim, Entity, Quantity, RawDocument, Signals
from .pipeline import Pipeline, analyze, analyze_many

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "AnalysisResult",
    "Article",
    "Attribution",
    "Claim",
    "ClaimgraphError",
    "DocumentError",
    "Entity",
    "Options",
    "Pipeline",
    "Quantity",
    "RawDocument",
    "Signals",
    "analyze",
    "analyze_many",
    "check_worthiness",
    "propaganda_spans",
]
