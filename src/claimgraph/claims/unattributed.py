"""Unattributed assertions: check-worthy sentences the text states as fact on its own authority.

A factual claim with a source can be checked against that source; one with none rests
on the writer alone. A unit is reported when it is check-worthy, no attribution's
content, cue or speaker covers most of it, it is not a question, and it carries no
hedge or unnamed source (those are reported as their own signals).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Attribution, Claim, Hedge, UnattributedAssertion

COVER_SHARE = 0.5  # share of a unit's non-space characters inside attribution spans


def coverage(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> float:
    """Share of non-space characters of ``text[start:end]`` that fall inside ``spans``."""
    inside = [False] * (end - start)
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            inside[i - start] = True
    chars = [i for i in range(end - start) if not text[start + i].isspace()]
    return sum(inside[i] for i in chars) / len(chars) if chars else 0.0


def covering_attributions(start: int, end: int, attributions: Sequence[Attribution]) -> list[Attribution]:
    """Attributions whose spans overlap the unit at all (for ``attributed_to``)."""
    return [a for a in attributions if any(s < end and start < e for s, e in a.spans())]


def unattributed_assertions(
    text: str,
    claims: Sequence[Claim],
    attributions: Sequence[Attribution],
    hedges: Sequence[Hedge] = (),
    threshold: float = 0.5,
) -> list[UnattributedAssertion]:
    """Claims that are check-worthy, unsourced, unhedged statements."""
    all_spans = [s for a in attributions for s in a.spans()]
    out = []
    for claim in claims:
        start, end = claim.start, claim.end
        if claim.check_worthiness < threshold or claim.question:
            continue
        if any(start <= h.start < end for h in hedges):
            continue
        share = coverage(text, start, end, all_spans)
        if share >= COVER_SHARE:
            continue
        out.append(UnattributedAssertion(claim.id, start, end, claim.text, claim.check_worthiness, round(share, 3)))
    return out
