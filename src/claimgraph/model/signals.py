"""Credibility signals: where a text leans on what a reader cannot check, and how good its sources are."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import (
    HedgeCategory,
    OutletEvidence,
    ProvenanceRole,
    RatingMatch,
    RatingsStatus,
    RatingStatus,
    Technique,
)
from .document import Span


@dataclass(slots=True)
class Hedge:
    """A hedge ("reportedly", "may have"), an anonymous source ("sources close to") or a vague one ("experts say")."""

    id: str  # "h1"
    category: HedgeCategory
    kind: str  # how it was found: adverb, modal, impersonal, anonymity, unnamed_group ...
    cue: str  # the matched words, lower-cased
    start: int
    end: int
    text: str
    sentence: tuple[int, int] | None = None


@dataclass(slots=True)
class UnattributedAssertion:
    """A check-worthy claim the text states as fact on its own authority."""

    claim: str  # claim id
    start: int
    end: int
    text: str
    check_worthiness: float
    attributed_share: float  # share of its characters inside attribution spans (below the cover threshold)


@dataclass(slots=True)
class PropagandaSpan:
    """A stretch using a propaganda technique: ``score`` is span confidence, ``technique_score`` the label's."""

    start: int
    end: int
    text: str
    technique: Technique
    score: float
    technique_score: float


@dataclass(slots=True)
class Rating:
    """A source's rating, or why it has none; ``status`` says which fields are filled."""

    status: RatingStatus
    domain: str | None = None  # the rated domain that matched
    query: str | None = None  # what was looked up (a domain, URL or outlet name)
    match: RatingMatch | None = None
    score: float | None = None  # the main 0..1 score (higher is better)
    column: str | None = None
    percentile: float | None = None  # 0..100 among the rated domains
    scores: dict[str, float] = field(default_factory=dict)
    source: str | None = None  # the ratings file
    hint: str | None = None  # what to do when no ratings are configured


@dataclass(slots=True)
class RatingsInfo:
    """Which ratings file rated this record."""

    status: RatingsStatus
    source: str | None = None
    column: str | None = None
    domains: int | None = None
    hint: str | None = None


@dataclass(slots=True)
class LinkEvidence:
    """Where a provenance link was found: an Article field, or attributions and the mention that name it."""

    attributions: list[str] = field(default_factory=list)
    entity: str | None = None
    span: Span | None = None
    field: str | None = None  # "article.publisher_domain", "article.original_source" ... (last: it shadows field())


@dataclass(slots=True)
class ProvenanceLink:
    role: ProvenanceRole
    name: str | None
    domain: str | None
    rating: Rating
    evidence: LinkEvidence


@dataclass(slots=True)
class Provenance:
    """Publisher -> original source -> outlets the attributions came through."""

    republished: bool
    chain: list[ProvenanceLink] = field(default_factory=list)
    known_domains: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OutletMention:
    """A news outlet named in the body, mapped to a rated domain."""

    name: str
    start: int
    end: int
    text: str
    why: OutletEvidence
    domain: str
    rating: Rating


@dataclass(slots=True)
class WeakestLink:
    role: ProvenanceRole
    name: str | None
    domain: str | None
    score: float


@dataclass(slots=True)
class SourceAssessment:
    """How far to trust where the article comes from."""

    ratings: RatingsInfo
    source_rating: Rating | None  # the publisher's
    provenance: Provenance
    outlets_mentioned: list[OutletMention] = field(default_factory=list)
    weakest_link: WeakestLink | None = None


@dataclass(slots=True)
class SignalSummary:
    claims: int = 0
    check_worthy: int = 0
    unattributed_check_worthy: int = 0
    quantities: int = 0
    hedges: int = 0
    anonymous_sources: int = 0
    vague_sources: int = 0


@dataclass(slots=True)
class Signals:
    """Every credibility signal of one article, each with its evidence span."""

    hedges: list[Hedge] = field(default_factory=list)
    anonymous_sources: list[Hedge] = field(default_factory=list)
    vague_sources: list[Hedge] = field(default_factory=list)
    unattributed_assertions: list[UnattributedAssertion] = field(default_factory=list)
    propaganda: list[PropagandaSpan] = field(default_factory=list)
    summary: SignalSummary = field(default_factory=SignalSummary)
    source: SourceAssessment | None = None
