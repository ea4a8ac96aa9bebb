"""Tokens and sentences with character offsets, without spaCy.

The propaganda model needs only surface features (words, shapes, punctuation,
neighbours), so it tokenises with one regular expression: that keeps
:func:`propaganda_spans` fast (no parse needed) and makes training and inference
see exactly the same tokens whatever spaCy pipeline the caller has loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and an
# upper-case letter, digit or opening quote; every newline also ends one (PTC has
# one sentence per line, and most article bodies one paragraph per line).
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


class Token(NamedTuple):
    """One token: ``text[start:end] == word``; ``sent`` is its sentence index (a tuple: cheap to build)."""

    word: str
    start: int
    end: int
    sent: int


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, stripped of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        cut = 0
        pieces = []
        for m in _SENT_END.finditer(line):
            pieces.append((cut, m.start()))
            cut = m.end()
        pieces.append((cut, len(line)))
        for a, b in pieces:
            seg = line[a:b]
            stripped = seg.strip()
            if not stripped:
                continue
            lead = len(seg) - len(seg.lstrip())
            s = line_start + a + lead
            out.append((s, s + len(stripped)))
    return out


def tokenize(text: str) -> tuple[list[Token], list[tuple[int, int]]]:
    """All tokens of ``text`` and the sentence bounds they were grouped by."""
    sents = sentence_bounds(text)
    tokens: list[Token] = []
    for i, (s, e) in enumerate(sents):
        for m in _TOKEN.finditer(text, s, e):
            tokens.append(Token(m.group(), m.start(), m.end(), i))
    return tokens, sents


def sentence_ids(tokens: Sequence[Token]) -> np.ndarray:
    """The sentence index of every token, as an array (non-decreasing)."""
    return np.fromiter((t.sent for t in tokens), dtype=np.int64, count=len(tokens))


def sentence_runs(sent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of each sentence's first token, its number of tokens) for the ``sent`` array of :func:`sentence_ids`."""
    first = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]])
    return first, np.diff(np.r_[first, len(sent)])
