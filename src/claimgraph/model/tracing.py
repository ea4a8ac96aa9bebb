"""One claim traced across outlets: a cluster of claim units, its first appearance, and how each repeat changed.

A cluster is the ``claim-clusters`` export's JSON Lines record; field names are the JSON names. ``first`` is the
earliest published member (ties by ingest order) and every member's ``changes`` compare it with that first one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import AttributionKind, ChangeLabel, Stance


@dataclass(slots=True)
class ClaimChange:
    """One difference from the first appearance, with its evidence.

    ``before``/``after`` hold the two numbers (``number_changed``), the two speakers (``speaker_changed``) or the
    two stances (``stance_changed``); ``speaker``/``cue`` the attribution dropped or added; ``words`` the hedge or
    negation words added or removed, or the words a truncated copy left out. ``similarity`` (0..1) says how close
    the two claims' words are.
    """

    label: ChangeLabel
    before: str | None = None
    after: str | None = None
    speaker: str | None = None
    cue: str | None = None
    words: list[str] = field(default_factory=list)
    similarity: float | None = None


@dataclass(slots=True)
class MemberAttribution:
    """Who a member puts its claim on (the attribution covering its words), as that article says it."""

    speaker: str | None
    cue: str | None
    stance: Stance
    kind: AttributionKind
    speaker_text: str | None = None  # the words used for the speaker ("he", "the Russian general")


@dataclass(slots=True)
class ClusterFirst:
    """The first sighting of a claim in this knowledge base."""

    article: str
    url: str | None
    publisher: str | None
    published: str | None
    speaker: str | None


@dataclass(slots=True)
class ClusterMember:
    """One appearance of the claim: a claim unit of one article with its offsets in that article's body."""

    article: str
    url: str | None
    publisher: str | None
    published: str | None
    text: str
    start: int
    end: int
    speaker: str | None
    attributed: bool
    attribution: MemberAttribution | None
    changes: list[ClaimChange] = field(default_factory=list)


@dataclass(slots=True)
class ClaimCluster:
    """The same claim across articles; ``members[0]`` is ``first``'s own member."""

    id: str
    size: int
    first: ClusterFirst
    members: list[ClusterMember] = field(default_factory=list)
