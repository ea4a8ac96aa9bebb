"""Dispatch a RawDocument to the right extractor by format.

``text`` is the body itself, byte for byte; ``html`` goes to trafilatura (:mod:`.html_page`);
``markdown`` (and anything ``auto`` finds to be a scraped page) goes to the line-based
extractor (:mod:`.scraped`). Metadata a corpus record already carries
(``RawDocument.metadata``) fills whatever the page itself did not say.
"""

from __future__ import annotations

import re

from ..errors import DocumentError
from ..model import Article, RawDocument
from ..spans import trimmed_spans
from .assemble import too_thin
from .domains import domain_from_url, registered_domain
from .html_page import extract_html
from .scraped import extract_scraped, scraped_body
from .sniff import sniff_format

__all__ = ["build_article", "fill_article", "paragraphs_of", "sniff_format"]


def paragraphs_of(body: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank blocks separated by blank lines."""
    blocks = re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", body)
    return trimmed_spans(body, ((m.start(), m.end()) for m in blocks))


def _from_markdown(raw: RawDocument) -> Article:
    page = extract_scraped(raw.text)
    body, paragraphs, headings = scraped_body(page)
    if not body or too_thin(page.blocks):
        raise DocumentError("no_article", "no article text found on the page", raw.source, raw.position)
    return Article(
        body=body,
        title=page.title,
        authors=page.authors,
        published=page.published,
        publisher=page.publisher,
        publisher_domain=domain_from_url(raw.url) or page.publisher_domain,
        original_source=page.original_source,
        republished=page.republished,
        url=raw.url,
        tags=page.tags,
        paragraphs=paragraphs,
        headings=headings,
        removed=page.removed,
        format="markdown",
    )


def fill_article(article: Article, raw: RawDocument) -> Article:
    """Fill the fields extraction left empty from what the corpus record already said (the one place this is done).

    The record's metadata is the corpus's own claim (NELA/FakeNewsCorpus fields, WARC headers), so it
    only fills gaps: whatever the page itself said wins. Applying it twice changes nothing.
    """
    meta = raw.metadata or {}
    for key in ("title", "published", "publisher", "publisher_domain", "original_source", "language"):
        if not getattr(article, key) and meta.get(key):
            setattr(article, key, str(meta[key]))
    if not article.authors and meta.get("authors"):
        authors = meta["authors"]
        article.authors = [authors] if isinstance(authors, str) else [str(a) for a in authors]
    article.url = article.url or raw.url
    if not article.publisher_domain:
        article.publisher_domain = (
            domain_from_url(raw.url or meta.get("url"))
            or _domain_as_name(article.publisher)
            or domain_from_url(article.url)
        )
    return article


def _domain_as_name(publisher: str | None) -> str | None:
    """A publisher named by its host ("beforeitsnews.com", as corpora often do) is that domain."""
    if not publisher or not re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+", publisher.strip(), re.I):
        return None
    return registered_domain(publisher)


def build_article(raw: RawDocument) -> Article:
    """Extract the article; ``format="text"`` keeps the input as the body, byte for byte."""
    if not raw.text.strip():
        raise DocumentError("empty", "document has no text", raw.source, raw.position)
    fmt = raw.format if raw.format != "auto" else sniff_format(raw.text)
    if fmt == "text":
        article = Article(body=raw.text, paragraphs=paragraphs_of(raw.text), url=raw.url, format="text")
    elif fmt == "html":
        article = extract_html(raw)
    elif fmt == "markdown":
        article = _from_markdown(raw)
    else:
        raise DocumentError("internal", f"unknown format {fmt!r}", raw.source, raw.position)
    return fill_article(article, raw)
