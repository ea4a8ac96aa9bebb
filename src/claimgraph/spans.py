"""Offset helpers shared by the stages."""

from __future__ import annotations


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace; an all-space span comes back empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trimmed_spans(text: str, spans) -> list[tuple[int, int]]:
    """Each span trimmed of surrounding whitespace, dropping those left empty."""
    out = []
    for start, end in spans:
        start, end = trim(text, start, end)
        if end > start:
            out.append((start, end))
    return out
