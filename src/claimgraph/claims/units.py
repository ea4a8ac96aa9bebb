"""Claim units: the sentences of the body, trimmed, with character offsets.

A sentence is the smallest unit a reader can check or quote, and the one the
check-worthiness model was trained on. A blank line always ends a unit (the small
spaCy parser sometimes runs a subheading into the next sentence), parts inside
``exclude`` spans (headings from the article stage) are dropped, and pieces with no
letter or digit state nothing and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..nlp.arrays import doc_text
from ..spans import trimmed_spans

_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text[start:end]`` between blank lines, whitespace-trimmed."""
    out, pos = [], start
    for m in _BREAK.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return trimmed_spans(text, out)


def claim_units(doc: Any, exclude: Iterable[tuple[int, int]] = ()) -> list[Any]:
    """spaCy Spans, one per sentence (split at blank lines), trimmed; pieces inside ``exclude`` dropped."""
    excluded = [(int(s), int(e)) for s, e in exclude]
    text = doc_text(doc)
    units = []
    for sent in doc.sents:
        for s, e in _pieces(text, sent.start_char, sent.end_char):
            if any(xs <= s and e <= xe for xs, xe in excluded):
                continue
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is None or not any(ch.isalnum() for ch in span.text):
                continue
            units.append(span)
    return units
