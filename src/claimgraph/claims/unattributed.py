"""Unattributed assertions: check-worthy sentences the text states as fact on its own authority.

A factual claim with a source can be checked against that source; one with none rests
on the writer alone. A unit is reported when it is check-worthy, no attribution's
content, cue or speaker covers most of it, it is not a question, and it carries no
hedge or unnamed source (those are reported as their own signals).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Attribution, Claim, Hedge, UnattributedAssertion
from ..spans import SpanIndex

COVER_SHARE = 0.5  # share of a unit's non-space characters inside attribution spans


def coverage(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> float:
    """Share of non-space characters of ``text[start:end]`` that fall inside ``spans``."""
    inside = [False] * (end - start)
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            inside[i - start] = True
    chars = [i for i in range(end - start) if not text[start + i].isspace()]
    return sum(inside[i] for i in chars) / len(chars) if chars else 0.0


def attribution_index(attributions: Sequence[Attribution]) -> SpanIndex[int]:
    """Every span of every attribution, filed by position, with the attribution's place in the list."""
    return SpanIndex((s, e, n) for n, a in enumerate(attributions) for s, e in a.spans())


def covering_attributions(start: int, end: int, attributions: Sequence[Attribution],
                          index: SpanIndex[int] | None = None) -> list[Attribution]:  # fmt: skip
    """Attributions whose spans overlap the unit at all (for ``attributed_to``), in their order."""
    index = index or attribution_index(attributions)
    return [attributions[n] for n in sorted({n for _, _, n in index.overlapping(start, end)})]


def unattributed_assertions(
    text: str,
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
    hedges: Sequence[Hedge] = (),
    threshold: float = 0.5,
) -> list[UnattributedAssertion]:
    """Claims that are check-worthy, unsourced, unhedged statements."""
    spans = attribution_index(attributions)
    hedged = SpanIndex((h.start, h.start + 1, h) for h in hedges)
    out = []
    for claim in claims:
        start, end = claim.start, claim.end
        if claim.check_worthiness < threshold or claim.question:
            continue
        if hedged.starting_in(start, end):
            continue
        share = coverage(text, start, end, [(s, e) for s, e, _ in spans.overlapping(start, end)])
        if share >= COVER_SHARE:
            continue
        out.append(UnattributedAssertion(claim.id, start, end, claim.text, claim.check_worthiness, round(share, 3)))
    return out
