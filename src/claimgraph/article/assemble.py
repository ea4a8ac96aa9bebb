"""Join extracted blocks into the clean body and record where each one landed.

Every later stage works with offsets into ``Article.body``; building the body and the
offsets in one place guarantees ``body[start:end]`` is exactly each paragraph or heading.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "\n\n"


@dataclass(slots=True)
class Block:
    """One paragraph or heading of the body, as plain text."""

    text: str
    heading: bool = False


def assemble(blocks: list[Block]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """``(body, paragraphs, headings)``: blocks joined by a blank line, with their offsets."""
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    position = 0
    for block in blocks:
        text = " ".join(block.text.split()) if "\n" not in block.text else block.text.strip()
        if not text:
            continue
        if parts:
            position += len(SEPARATOR)
        span = (position, position + len(text))
        (headings if block.heading else paragraphs).append(span)
        parts.append(text)
        position = span[1]
    return SEPARATOR.join(parts), paragraphs, headings


def too_thin(blocks: list[Block], min_words: int = 10) -> bool:
    """A few stray words with no sentence among them (a menu, a lone label) are no article."""
    words = sum(len(b.text.split()) for b in blocks)
    has_sentence = any(len(b.text.split()) >= 4 and b.text.rstrip("\"'”’)").endswith((".", "!", "?")) for b in blocks)
    return words < min_words and not has_sentence
