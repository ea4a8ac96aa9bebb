"""Quotation-mark pairing over the raw body text.

Why text and not tokens: quotation marks are the strongest evidence of direct
speech and a tokenizer may glue them to words (``''We``) or split the NYT
two-apostrophe form, so pairing is done on characters.  Rules:

* curly marks pair by direction (``“`` opens, ``”`` closes); straight ``"`` and
  the NYT ``''`` toggle;
* the state resets at each newline (a paragraph), like the gold conversion;
* a paragraph that ends with a quote still open, followed by a paragraph that
  opens a quote, is the classic multi-paragraph quotation: the open quote runs
  to the paragraph end and is flagged ``continues`` so the extractor gives the
  next paragraph's quote the same speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"''|[\"“”„«»]")
_OPEN = {"“", "„", "«"}
_CLOSE = {"”", "»"}


@dataclass(slots=True)
class Quote:
    """One quoted stretch; ``start``/``end`` include the marks."""

    start: int
    end: int
    closed: bool = True  # False: ran to the paragraph end without a closing mark
    continues: bool = False  # the next paragraph carries on this quotation
    continued: bool = False  # this quote carries on the previous paragraph's quotation

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets without the marks and surrounding spaces."""
        return self.start + 1, self.end - (1 if self.closed else 0)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def find_quotes(text: str, min_chars: int = 2) -> list[Quote]:
    """All quotations in ``text`` in order (see the module docstring for the rules)."""
    quotes: list[Quote] = []
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        open_at: int | None = None
        for m in _MARK.finditer(para):
            mark, pos = m.group(), p_start + m.start()
            if mark == "''" and _is_word(text, pos - 1) and _is_word(text, pos + 2):
                continue  # an apostrophe pair inside a word, not a quotation
            if mark in _OPEN:
                is_open = True
            elif mark in _CLOSE:
                is_open = False
            else:  # straight or NYT marks toggle
                is_open = open_at is None
            if is_open:
                if open_at is None:
                    open_at = pos
            elif open_at is not None:
                end = pos + len(mark)
                if end - open_at - 2 >= min_chars:
                    quotes.append(Quote(open_at, end))
                open_at = None
        if open_at is not None:
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end - open_at > min_chars + 1:
                quotes.append(Quote(open_at, end, closed=False))
    # link unclosed quotes to a following paragraph that opens with a quote mark
    for prev, nxt in zip(quotes, quotes[1:], strict=False):
        if prev.closed:
            continue
        gap = text[prev.end : nxt.start]
        if gap.strip() == "" and "\n" in gap:
            prev.continues = True
            nxt.continued = True
    return quotes


def quoted_ratio(text: str, start: int, end: int, quotes: list[Quote]) -> float:
    """Share of alphanumeric characters of ``text[start:end]`` that lie inside quotations."""
    total = inside = 0
    spans = [(q.start, q.end) for q in quotes if q.end > start and q.start < end]
    for i in range(start, end):
        if text[i].isalnum():
            total += 1
            if any(s <= i < e for s, e in spans):
                inside += 1
    return inside / total if total else 0.0
