"""Long bodies parsed in pieces, joined back into one ``Doc`` whose offsets index the whole body.

spaCy refuses texts over ``nlp.max_length`` (E088) and its parser's memory grows with the text, so a
body longer than :data:`PIECE_CHARS` is cut at block boundaries (a blank line), else at a line end,
else after a sentence's final punctuation, else at a space, parsed piece by piece and joined with
``Doc.from_docs``: the joined text is the body character for character, so every span a later stage
reads is an offset into the whole body. Entities and coreference then run over the joined ``Doc``
as over any other, so a name first seen in one piece resolves a mention in another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

PIECE_CHARS = 100_000  # parse cost is flat per character up to here; well under spaCy's max_length

# Cut points in order of preference: after a blank line, after a line end, after a sentence end, at a space.
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def _cut(text: str, start: int, limit: int) -> int:
    """The offset where the piece starting at ``start`` ends: the best cut point at or before ``start + limit``."""
    if len(text) - start <= limit:
        return len(text)
    window = text[start : start + limit]
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(window, limit // 2)]
        ends = [e for e in ends if e < limit]
        if ends:
            return start + ends[-1]
    return start + limit  # no space in half a piece: not prose; cut anywhere


def piece_bounds(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``, each at most ``limit`` characters."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        bounds.append((start, end))
        start = end
    return bounds or [(0, 0)]


def parse_pieces(nlp: Any, text: str, limit: int = PIECE_CHARS, check: Callable[[], None] | None = None) -> Any:
    """Parse ``text`` piece by piece and join the pieces into one ``Doc`` (``check()`` runs after each piece)."""
    from spacy.tokens import Doc

    docs = []
    for doc in nlp.pipe((text[start:end] for start, end in piece_bounds(text, limit)), batch_size=1):
        docs.append(doc)
        if check is not None:
            check()
    joined = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # from_docs keeps every character; this would be a spaCy change
        raise RuntimeError("the parsed pieces do not join back into the body")
    return joined
