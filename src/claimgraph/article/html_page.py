"""HTML pages: trafilatura finds the main text and metadata; we map it onto Article.

trafilatura is run on the string we already hold, so it never fetches anything. The
options were chosen on the extraction dev set (see bench/extraction.py and
BENCHMARKS.md): comments off and ``favor_precision`` on beat the defaults, the fallback
extractors are skipped (``fast``: most of trafilatura's time for little gain), and when
precision mode returns only a short text that the balanced mode more than doubles,
the balanced result is taken (precision mode sometimes keeps only a teaser). Its text
comes one block per line; we rejoin the lines as paragraphs, mark the lines that were
``<h1>``-``<h6>`` in the page as headings, and drop the few boilerplate lines
(share prompts, copyright, newsletter appeals) it lets through, using the same line
classifier as scraped pages.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import DocumentError
from ..model import Article, RawDocument, Removed
from .assemble import Block, assemble, too_thin
from .dates import find_date
from .domains import best_domain, domain_from_url, registered_domain
from .lines import classify
from .markup import Line
from .meta import is_source_label, parse_source

# Which line-classifier kinds are safe to drop from trafilatura's output (measured on the dev set).
HTML_DROP_KINDS = frozenset({"share", "copyright", "newsletter", "membership", "related", "navigation", "image"})

EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    # no readability/jusText fallback: 2.6x faster for -0.006 F1 on the dev set (see BENCHMARKS.md)
    "fast": True,
}
RETRY_BELOW = 1500  # characters: a shorter precision-mode text is checked against the balanced mode


def _text_of(doc: Any) -> str:
    return (getattr(doc, "text", None) or "").strip() if doc is not None else ""


def _headings(body: Any) -> set[str]:
    if body is None:
        return set()
    return {" ".join("".join(el.itertext()).split()) for el in body.iter("head")}


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    """``"Story - Site"`` -> ``"Story"`` when the tail repeats the site name."""
    if not title:
        return None
    title = " ".join(title.split())
    if sitename:
        pattern = rf"\s*[|–—:·•-]\s*{re.escape(sitename)}\s*$"
        stripped = re.sub(pattern, "", title, flags=re.I)
        stripped = re.sub(rf"^{re.escape(sitename)}\s*[|–—:·•-]\s*", "", stripped, flags=re.I)
        if stripped:
            return stripped
    return title


def _split_list(values: Any) -> list[str]:
    out: list[str] = []
    for value in values or []:
        for item in str(value).split(","):
            item = item.strip()
            if item and item not in out:
                out.append(item)
    return out


def _trafilatura(raw: RawDocument) -> tuple[Any, str]:
    """trafilatura's document and main text: precision mode, or balanced mode when it finds over twice as much."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw.text, url=raw.url, with_metadata=True, **EXTRACT_OPTIONS)
        text = _text_of(doc)
        if len(text) < RETRY_BELOW:
            # precision mode sometimes keeps only a teaser; the balanced mode then finds the article
            options = {**EXTRACT_OPTIONS, "favor_precision": False}
            balanced = trafilatura.bare_extraction(raw.text, url=raw.url, with_metadata=True, **options)
            if len(_text_of(balanced)) > 2 * len(text):
                doc, text = balanced, _text_of(balanced)
    except Exception as exc:  # lxml/trafilatura fail on some broken markup
        raise DocumentError("malformed", f"HTML could not be parsed: {exc}", raw.source, raw.position) from exc
    if not text:
        raise DocumentError("no_article", "no article text found in the HTML", raw.source, raw.position)
    return doc, text


def _blocks(
    text: str, title: str | None, heads: set[str], clean: bool
) -> tuple[list[Block], list[Removed], str | None]:
    """trafilatura's lines as body blocks, the lines dropped (with why) and the credited original source."""
    blocks: list[Block] = []
    removed: list[Removed] = []
    original_source = None
    lines = [" ".join(t.split()) for t in text.split("\n")]
    lines = [t for t in lines if t]
    for i, line_text in enumerate(lines):
        if i == 0 and title and line_text == title:
            removed.append(Removed("title", line_text))
            continue
        line = Line(raw=line_text, text=line_text)
        source = parse_source(line)
        # "Source: X" credits the whole article only as its last line; elsewhere it credits a chart or quote
        if source and (not is_source_label(line) or i == len(lines) - 1):
            original_source = original_source or source
            removed.append(Removed("source", line_text))
            continue
        kind = classify(line) if clean else None
        if kind in HTML_DROP_KINDS:
            removed.append(Removed(kind, line_text))
            continue
        blocks.append(Block(line_text, heading=line_text in heads and len(line_text.split()) <= 20))
    while blocks and blocks[-1].heading:
        removed.append(Removed("navigation", blocks.pop().text))
    return blocks, removed, original_source


def _published(doc: Any) -> str | None:
    if not doc.date:
        return None
    found = find_date(doc.date)
    return found.iso if found else doc.date


def _authors(doc: Any) -> list[str]:
    """trafilatura's author field split on ";" and "and", without repeats or the site's own name."""
    authors: list[str] = []
    for name in re.split(r";|\band\b", doc.author or ""):
        name = name.strip()
        if name and name.lower() not in {a.lower() for a in authors} and name.lower() != (doc.sitename or "").lower():
            authors.append(name)
    return authors


def _tags(doc: Any) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    if doc.categories:
        tags["categories"] = _split_list(doc.categories)
    if doc.tags:
        tags["tags"] = _split_list(doc.tags)
    return tags


def extract_html(raw: RawDocument, clean: bool = True) -> Article:
    """Run trafilatura on ``raw.text`` (HTML) and build an Article; DocumentError when there is none."""
    doc, text = _trafilatura(raw)
    title = _clean_title(doc.title, doc.sitename)
    blocks, removed, original_source = _blocks(text, title, _headings(getattr(doc, "body", None)), clean)
    body, paragraphs, headings = assemble(blocks)
    if not body or too_thin(blocks):
        raise DocumentError("no_article", "no article text found in the HTML", raw.source, raw.position)
    domain = domain_from_url(raw.url) or registered_domain(doc.hostname) or best_domain(raw.text[:200_000])
    return Article(
        body=body,
        title=title,
        authors=_authors(doc),
        published=_published(doc),
        publisher=doc.sitename or None,
        original_source=original_source,
        republished=bool(original_source) and original_source.lower() != (doc.sitename or "").lower(),
        publisher_domain=domain,
        url=raw.url or doc.url,
        language=doc.language,
        tags=_tags(doc),
        paragraphs=paragraphs,
        headings=headings,
        removed=removed,
        format="html",
    )
