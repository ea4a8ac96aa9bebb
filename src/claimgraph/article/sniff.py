"""Guess what a document is: an HTML page, a scraped (markdown-like) page, or plain text.

Plain text is taken as the article body unchanged, so we only call something a scraped
page when there is evidence of page chrome: link markup, markdown headings, or at least
two lines that the line classifier recognises as metadata or boilerplate.
"""

from __future__ import annotations

import re

from .lines import classify
from .markup import parse_line
from .meta import parse_byline, parse_dateline, parse_tags

_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|span|meta|section|main|br|table)\b", re.I)
_MD_LINK = re.compile(r"!?\[[^\]\n]+\]\([^)\s]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)


def sniff_format(text: str) -> str:
    """``"html"``, ``"markdown"`` (a scraped or markdown page) or ``"text"``."""
    head = text.lstrip()[:4096]
    if head.startswith("<") and re.match(r"<(?:!doctype|html|\?xml|!--)", head, re.I):
        return "html"
    if len(_HTML_HINT.findall(head)) >= 2 or re.match(r"\s*<(?:html|body|div|article)\b", head, re.I):
        return "html"
    sample = text[:50_000]
    if _MD_LINK.search(sample) or _MD_HEADING.search(sample):
        return "markdown"
    hits = 0
    for raw in sample.splitlines()[:400]:
        if not raw.strip() or len(raw) > 400:
            continue
        line = parse_line(raw)
        if classify(line) or parse_byline(line) or parse_dateline(line) or parse_tags(line):
            hits += 1
            if hits >= 2:
                return "markdown"
    return "text"
