"""Data classes shared by every pipeline stage.

Every span is a pair of character offsets into ``Article.body`` so any stage's
output can be highlighted and checked without re-searching strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "claimgraph/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class RawDocument:
    """One input document before any article extraction.

    ``text`` is already decoded; ``format`` is a hint (``auto``, ``text``,
    ``markdown``, ``html``); ``metadata`` carries fields a corpus record
    already knows (title, authors, published, publisher, url ...).
    """

    text: str
    source: str = "<string>"
    format: str = "auto"
    url: str | None = None
    fetched_at: str | None = None
    position: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "format": self.format}
        for key in ("url", "fetched_at", "position", "encoding"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass(slots=True)
class Removed:
    """A line or block taken out of the body, kept so a user can audit it."""

    kind: str  # byline, dateline, tags, copyright, share, membership, disclaimer, ...
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(slots=True)
class Article:
    """Clean body and metadata of one news article."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or datetime
    publisher: str | None = None
    publisher_domain: str | None = None
    original_source: str | None = None
    republished: bool = False
    url: str | None = None
    language: str | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    format: str = "text"  # the format the body was extracted from

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "publisher": self.publisher,
            "publisher_domain": self.publisher_domain,
            "original_source": self.original_source,
            "republished": self.republished,
            "url": self.url,
            "language": self.language,
            "tags": {k: list(v) for k, v in self.tags.items()},
            "body": self.body,
            "paragraphs": [list(p) for p in self.paragraphs],
            "headings": [list(h) for h in self.headings],
            "removed": [r.to_dict() for r in self.removed],
        }


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the body."""

    start: int
    end: int
    text: str
    kind: str = "name"  # name | alias | description | pronoun | possessive

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}


@dataclass(slots=True)
class Entity:
    """A person, organisation, country or place, with all its mentions in one article."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | LOC | ...
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "roles": list(self.roles),
            "country": self.country,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Content:
    """What is attributed; ``fragments`` excludes an interrupting "he said"."""

    start: int
    end: int
    text: str
    fragments: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        frags = self.fragments or [(self.start, self.end)]
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "fragments": [list(f) for f in frags],
        }


@dataclass(slots=True)
class Attribution:
    """Who said, claimed or believed what, about whom, through whom."""

    id: str
    content: Content
    cue: Cue | None
    speaker: str | None  # entity id, None when the text names no source
    speaker_mention: Span | None
    kind: str  # direct | indirect | mixed
    stance: str = "assert"
    targets: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "stance": self.stance,
            "targets": list(self.targets),
            "via": list(self.via),
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class AnalysisResult:
    """Everything claimgraph knows about one document."""

    document: dict[str, Any]
    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    signals: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": dict(self.document),
            "article": self.article.to_dict(),
            "sentences": [list(s) for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict() for a in self.attributions],
            "claims": list(self.claims),
            "quantities": list(self.quantities),
            "signals": dict(self.signals),
        }
