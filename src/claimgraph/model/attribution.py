"""Who said, claimed or believed what, about whom, through whom."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import AttributionKind, Stance
from .document import Span


@dataclass(slots=True)
class Cue:
    """The words that mark the attribution ("said", "lashed out at", "according to")."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(slots=True)
class Content:
    """What is attributed; ``fragments`` excludes an interrupting "he said" (one fragment when whole)."""

    start: int
    end: int
    text: str
    fragments: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.fragments:
            self.fragments = [(self.start, self.end)]

    def spans(self) -> list[tuple[int, int]]:
        return list(self.fragments)


@dataclass(slots=True)
class Attribution:
    """One attribution relation; ``speaker``, ``targets`` and ``via`` are entity ids of the same record."""

    id: str  # "a1"
    speaker: str | None  # entity id, None when the text names no source
    speaker_mention: Span | None
    cue: Cue | None
    content: Content
    kind: AttributionKind
    stance: Stance = "assert"
    # the words of the cue or the content that show the stance ("denied", "not true"); None for assert/other
    stance_evidence: Span | None = None
    targets: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    confidence: float = 0.5

    def spans(self) -> list[tuple[int, int]]:
        """Every stretch of the body this attribution accounts for: content fragments, cue, speaker mention."""
        out = list(self.content.spans())
        if self.cue is not None:
            out.append((self.cue.start, self.cue.end))
        if self.speaker_mention is not None:
            out.append((self.speaker_mention.start, self.speaker_mention.end))
        return out
