"""The document as it came in and the article found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..vocab import Format


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawDocument:
    """One input document before any article extraction.

    ``text`` is already decoded; ``format`` is a hint; ``metadata`` carries what a corpus record already
    knows (title, authors, published, publisher, url ...), applied by ``article.build_article``.
    """

    text: str
    source: str = "<string>"
    format: Format = "auto"
    url: str | None = None
    fetched_at: str | None = None
    position: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """Where a record came from: ``id`` is a hash of the normalised body and the source."""

    id: str
    source: str
    format: Format
    encoding: str | None = None
    url: str | None = None
    fetched_at: str | None = None
    position: str | None = None


@dataclass(slots=True)
class Removed:
    """A line or block taken out of the body, kept so a user can audit it."""

    kind: str  # byline, dateline, tags, copyright, share, membership, disclaimer, ...
    text: str


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
    format: Format = "text"  # the format the body was extracted from
