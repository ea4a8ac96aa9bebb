"""One ``claimgraph/1`` record: everything claimgraph knows about one document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..vocab import SCHEMA, ErrorKind
from .attribution import Attribution
from .claims import Claim, Quantity
from .document import Article, Document
from .entities import Entity
from .events import Event
from .places import Place
from .signals import Signals


@dataclass(slots=True)
class AnalysisResult:
    """Every span is a pair of character offsets into ``article.body``."""

    document: Document
    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)  # empty when the places stage was switched off
    events: list[Event] = field(default_factory=list)  # empty when the events stage was switched off
    signals: Signals | None = None  # None when claims and credibility were switched off
    schema: Literal["claimgraph/1"] = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (the shape ``claimgraph schema`` publishes)."""
        from .serialize import to_data

        return to_data(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnalysisResult:
        """A record read back from JSON, validated (raises ``ValueError`` on a broken one)."""
        from .serialize import from_data

        return from_data(cls, data)


@dataclass(slots=True)
class ErrorDocument:
    source: str
    position: str | None = None


@dataclass(slots=True)
class ErrorInfo:
    type: ErrorKind
    message: str


@dataclass(slots=True)
class ErrorRecord:
    """What a JSON Lines output holds in place of a document that could not be analysed."""

    document: ErrorDocument
    error: ErrorInfo
    schema: Literal["claimgraph/1"] = SCHEMA
