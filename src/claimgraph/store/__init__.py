"""Knowledge base: every analysis into one database (SQLite by default, PostgreSQL for teams)."""

from __future__ import annotations

from .kb import KnowledgeBase
from .query import Hit
from .runner import IngestSummary

__all__ = ["Hit", "IngestSummary", "KnowledgeBase"]
