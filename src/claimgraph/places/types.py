"""The places stage's record, re-exported from the ``claimgraph/1`` model where it lives."""

from __future__ import annotations

from ..model.places import Place

__all__ = ["Place"]
