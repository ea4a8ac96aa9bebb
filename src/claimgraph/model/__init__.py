"""The data classes of a ``claimgraph/1`` record, shared by every stage, the store and every view.

Every span is a pair of character offsets into ``Article.body`` so any stage's output can be
highlighted and checked without re-searching strings. Field names here are the JSON field names.
"""

from __future__ import annotations

from ..vocab import SCHEMA
from .attribution import Attribution, Content, Cue
from .claims import Claim, CountedObject, Quantity
from .document import Article, Document, RawDocument, Removed, Span
from .entities import Entity, Mention
from .events import Actor, Event, Trigger
from .places import Place
from .result import AnalysisResult, ErrorDocument, ErrorInfo, ErrorRecord
from .signals import (
    Hedge,
    LinkEvidence,
    OutletMention,
    PropagandaSpan,
    Provenance,
    ProvenanceLink,
    Rating,
    RatingsInfo,
    Signals,
    SignalSummary,
    SourceAssessment,
    UnattributedAssertion,
    WeakestLink,
)
from .tracing import ClaimChange, ClaimCluster, ClusterFirst, ClusterMember, MemberAttribution

__all__ = [
    "SCHEMA", "Actor", "AnalysisResult", "Article", "Attribution", "Claim", "ClaimChange", "ClaimCluster",
    "ClusterFirst", "ClusterMember", "Content", "CountedObject", "Cue", "Document", "Entity", "ErrorDocument",
    "ErrorInfo", "ErrorRecord", "Event", "Hedge", "LinkEvidence", "MemberAttribution", "Mention", "OutletMention",
    "Place", "PropagandaSpan", "Provenance", "ProvenanceLink", "Quantity", "Rating", "RatingsInfo", "RawDocument",
    "Removed", "SignalSummary", "Signals", "SourceAssessment", "Span", "Trigger", "UnattributedAssertion",
    "WeakestLink",
]  # fmt: skip
