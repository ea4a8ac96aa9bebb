"""Paragraph and heading boundaries made hard sentence and name boundaries.

The parser does not always start a sentence where a paragraph does: a heading without final
punctuation ("Pressure on the Ministry") runs into the next paragraph as one sentence, and a noun
chunk, an entity or a speaker then spans both ("Ministry Opposition energy spokesman"). Before the
parser runs, the first token of every block (paragraph or heading, as the article stage found them,
or after any blank line) is marked as a sentence start; the parser respects a preset start, so no
dependency arc, noun chunk or clause crosses a block. NER does not look at sentences, so an entity
crossing a block boundary is cut there after the parse.

The article stage joins every block (paragraph, markdown ``#`` heading, HTML ``<h1>``-``<h6>``, a short
title-like line it takes as a heading) with a blank line, and a plain-text body separates paragraphs
the same way, so the components added to the loaded pipeline (:func:`add_block_components`) find the
blocks from the text alone, whoever calls ``nlp``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def block_starts(text: str, blocks: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Sorted offsets where a block begins: the given block starts and every offset after a blank line."""
    starts = {s for s, _ in blocks if 0 < s < len(text)}
    starts.update(m.end() for m in _BLANK_LINE.finditer(text) if m.end() < len(text))
    return sorted(starts)


def block_edges(text: str, blocks: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Sorted offsets where a block begins or ends: a name may touch these but never contain one."""
    blocks = list(blocks)
    edges = set(block_starts(text, blocks))
    edges.update(e for _, e in blocks if 0 < e < len(text))
    edges.update(m.start() for m in _BLANK_LINE.finditer(text) if m.start() > 0)
    return sorted(edges)


def mark_sentence_starts(doc: Any, starts: list[int], offset: int = 0) -> Any:
    """Mark the token beginning at each of ``starts`` (offsets into the text ``doc`` begins at ``offset`` of)."""
    if len(doc) < 2:
        return doc
    idx = [tok.idx + offset for tok in doc]
    for start in starts[bisect.bisect_left(starts, offset + 1) :]:
        i = bisect.bisect_left(idx, start)
        if i >= len(doc):
            break
        if i > 0 and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def _parts(ent: Any, edges: list[int]) -> list[tuple[int, int]]:
    """Token ranges of ``ent`` cut at every edge strictly inside it, without leading or trailing space tokens."""
    doc = ent.doc
    inside = set(edges[bisect.bisect_right(edges, ent.start_char) : bisect.bisect_left(edges, ent.end_char)])
    cuts = [t.i for t in ent[1:] if t.idx in inside]
    parts, start = [], ent.start
    for cut in [*cuts, ent.end]:
        a, b = start, cut
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            parts.append((a, b))
        start = cut
    return parts


def cut_entities_at(doc: Any, edges: list[int]) -> None:
    """Cut every entity of ``doc`` that crosses a block edge (a part keeps the entity's label)."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        lo = bisect.bisect_right(edges, ent.start_char)
        if lo >= len(edges) or edges[lo] >= ent.end_char:
            ents.append(ent)
            continue
        changed = True
        ents.extend(Span(doc, a, b, label=ent.label_) for a, b in _parts(ent, edges))
    if changed:
        doc.ents = ents


def block_sentence_starts(doc: Any) -> Any:
    """spaCy component (before the parser): a sentence starts at every block."""
    return mark_sentence_starts(doc, block_starts(doc.text))


def block_entities(doc: Any) -> Any:
    """spaCy component (after NER): no entity crosses a block edge."""
    cut_entities_at(doc, block_edges(doc.text))
    return doc


def add_block_components(nlp: Any) -> None:
    """Register (once) and add the two components around the parser and the NER of ``nlp``."""
    from spacy.language import Language

    if not Language.has_factory(STARTS):
        Language.component(STARTS, func=block_sentence_starts)
        Language.component(ENTITIES, func=block_entities)
    if "parser" in nlp.pipe_names and STARTS not in nlp.pipe_names:
        nlp.add_pipe(STARTS, before="parser")
    if "ner" in nlp.pipe_names and ENTITIES not in nlp.pipe_names:
        nlp.add_pipe(ENTITIES, after="ner")


STARTS = "claimgraph_block_starts"
ENTITIES = "claimgraph_block_entities"
