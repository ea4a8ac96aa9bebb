"""The same claim across outlets: claim units, candidate indexes, the pairwise decision and change labels.

``ClaimTracer.add(result)`` clusters one analysed article's claims into the clusters already built;
``ClaimTracer.records()`` gives each cluster as a :class:`~claimgraph.model.ClaimCluster` (first appearance,
members, and how each member changed from the first).
"""

from __future__ import annotations

from .changes import compare
from .tracer import ClaimTracer
from .units import ClaimUnit, claim_units

__all__ = ["ClaimTracer", "ClaimUnit", "claim_units", "compare"]
