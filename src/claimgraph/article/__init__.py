"""Article stage: a RawDocument becomes clean body text plus metadata."""

from __future__ import annotations

from .build import build_article, sniff_format

__all__ = ["build_article", "sniff_format"]
