"""Dispatch a RawDocument to the right extractor by format (placeholder)."""

from __future__ import annotations

import re

from ..errors import DocumentError
from ..model import Article, RawDocument

_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article)\b", re.I)


def sniff_format(text: str) -> str:
    """Guess ``html``, ``markdown`` or ``text`` from the first part of a document."""
    head = text[:4096]
    if _HTML_HINT.search(head):
        return "html"
    if re.search(r"\[[^\]\n]+\]\([^)\s]*\)", text[:20000]):
        return "markdown"
    return "text"


def paragraphs_of(body: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank blocks separated by blank lines (or single newlines)."""
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", body):
        s, e = m.start(), m.end()
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def build_article(raw: RawDocument) -> Article:
    """Extract the article; ``format="text"`` keeps the input as the body, byte for byte."""
    fmt = raw.format if raw.format != "auto" else sniff_format(raw.text)
    if fmt == "text" or raw.format == "text":
        if not raw.text.strip():
            raise DocumentError("empty", "document has no text", raw.source, raw.position)
        return Article(body=raw.text, paragraphs=paragraphs_of(raw.text), url=raw.url, format="text")
    raise DocumentError("internal", f"format {fmt!r} not yet supported", raw.source, raw.position)
