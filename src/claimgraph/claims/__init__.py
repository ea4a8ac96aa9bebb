"""Claims: sentence-level claim units, check-worthiness, quantities, hedges and unattributed assertions.

Entry point :func:`analyze_claims`; output shapes are the ``Claim``, ``Quantity``, ``Hedge`` and
``UnattributedAssertion`` data classes (``docs/claims.md``). Every item carries character offsets
into the body (``body[start:end] == text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Attribution, Claim, Hedge, Quantity, UnattributedAssertion
from ..nlp.arrays import doc_text
from ..spans import SpanIndex
from .checkworthy import THRESHOLD, check_worthiness, score_spans
from .hedges import find_hedges
from .quantities import extract_quantities
from .unattributed import attribution_index, covering_attributions, unattributed_assertions
from .units import claim_units

__all__ = [
    "THRESHOLD",
    "ClaimAnalysis",
    "analyze_claims",
    "check_worthiness",
    "claim_units",
    "extract_quantities",
    "find_hedges",
    "unattributed_assertions",
]


@dataclass(slots=True)
class ClaimAnalysis:
    """What the claims stage finds in one body."""

    claims: list[Claim]
    quantities: list[Quantity]
    hedges: list[Hedge]  # all three categories, in text order
    unattributed: list[UnattributedAssertion]


def _is_question(text: str) -> bool:
    return text.rstrip(" \"'”’)").endswith("?")


def _claim(i: int, text: str, start: int, end: int, score: float, threshold: float, atts: list[Attribution],
           quantities: list[Quantity], hedges: list[Hedge]) -> Claim:  # fmt: skip
    return Claim(
        id=f"c{i}", start=start, end=end, text=text[start:end], check_worthiness=round(score, 4),
        check_worthy=score >= threshold, question=_is_question(text[start:end]),
        attributed_to=[a.id for a in atts], speakers=sorted({a.speaker for a in atts if a.speaker}),
        quantities=[q.id for q in quantities], hedges=[h.id for h in hedges],
    )  # fmt: skip


def analyze_claims(
    doc: Any,
    attributions: Sequence[Attribution] = (),
    exclude: Iterable[tuple[int, int]] = (),
    threshold: float = THRESHOLD,
) -> ClaimAnalysis:
    """Claims, quantities, hedges and unattributed assertions of one parsed body.

    ``doc`` is the spaCy Doc of ``Article.body``; ``exclude`` are spans that are not sentences (headings).
    """
    text = doc_text(doc)
    units = claim_units(doc, exclude)
    scores = score_spans(units)
    quantities = extract_quantities(doc)
    hedges = find_hedges(doc)
    claims: list[Claim] = []
    by_quantity = SpanIndex((q.start, q.start + 1, q) for q in quantities)
    by_hedge = SpanIndex((h.start, h.start + 1, h) for h in hedges)
    by_attribution = attribution_index(attributions)
    for i, (span, score) in enumerate(zip(units, scores, strict=True), 1):
        start, end = span.start_char, span.end_char
        in_unit = by_quantity.starting_in(start, end)
        unit_hedges = by_hedge.starting_in(start, end)
        atts = covering_attributions(start, end, attributions, by_attribution)
        claim = _claim(i, text, start, end, score, threshold, atts, in_unit, unit_hedges)
        for q in in_unit:
            q.claim = claim.id
        claims.append(claim)
    unattributed = unattributed_assertions(text, claims, attributions, hedges, threshold)
    flagged = {u.claim for u in unattributed}
    for claim in claims:
        claim.unattributed = claim.id in flagged
    return ClaimAnalysis(claims, quantities, hedges, unattributed)
