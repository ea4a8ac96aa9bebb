"""Knowledge base: every analysis into one database (SQLite by default, PostgreSQL for teams)."""

from __future__ import annotations

from .kb import KnowledgeBase
from .runner import IngestSummary

__all__ = ["IngestSummary", "KnowledgeBase"]
