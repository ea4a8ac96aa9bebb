"""Claims: sentence-level claim units, check-worthiness, quantities, hedges and unattributed assertions.

Entry point :func:`analyze_claims`; output shapes are documented in ``docs/claims.md``.
Every item carries character offsets into the body (``body[start:end] == text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .checkworthy import THRESHOLD, check_worthiness, score_spans
from .hedges import find_hedges
from .quantities import extract_quantities
from .unattributed import covering_attributions, unattributed_assertions
from .units import claim_units

__all__ = [
    "THRESHOLD",
    "analyze_claims",
    "check_worthiness",
    "claim_units",
    "extract_quantities",
    "find_hedges",
    "unattributed_assertions",
]


def _att_id(att: Any) -> str | None:
    return att.get("id") if isinstance(att, dict) else getattr(att, "id", None)


def _att_speaker(att: Any) -> str | None:
    return att.get("speaker") if isinstance(att, dict) else getattr(att, "speaker", None)


def analyze_claims(
    doc: Any,
    attributions: Sequence[Any] = (),
    exclude: Iterable[tuple[int, int]] = (),
    threshold: float = THRESHOLD,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Claims, quantities and claim-level signals of one parsed body.

    ``doc`` is the spaCy Doc of ``Article.body``; ``attributions`` are ``model.Attribution``
    objects (or their dicts); ``exclude`` are spans that are not sentences (headings).
    Returns ``(claims, quantities, signals)`` ready for ``AnalysisResult``.
    """
    text = doc.text
    units = claim_units(doc, exclude)
    scores = score_spans(units)
    quantities = extract_quantities(doc)
    hedges = find_hedges(doc)
    for i, q in enumerate(quantities, 1):
        q["id"] = f"q{i}"
    for i, h in enumerate(hedges, 1):
        h["id"] = f"h{i}"
    claims: list[dict[str, Any]] = []
    for i, (span, score) in enumerate(zip(units, scores, strict=True), 1):
        start, end = span.start_char, span.end_char
        atts = covering_attributions(text, start, end, attributions)
        in_unit = [q for q in quantities if start <= q["start"] < end]
        unit_hedges = [h for h in hedges if start <= h["start"] < end]
        claim = {
            "id": f"c{i}",
            "start": start,
            "end": end,
            "text": text[start:end],
            "check_worthiness": round(score, 4),
            "check_worthy": score >= threshold,
            "question": span.text.rstrip(" \"'”’)").endswith("?"),
            "attributed_to": [a for a in (_att_id(x) for x in atts) if a],
            "speakers": sorted({s for s in (_att_speaker(x) for x in atts) if s}),
            "quantities": [q["id"] for q in in_unit],
            "hedges": [h["id"] for h in unit_hedges],
        }
        for q in in_unit:
            q["claim"] = claim["id"]
        claims.append(claim)
    unattributed = unattributed_assertions(text, claims, attributions, hedges, threshold)
    flagged = {u["claim"] for u in unattributed}
    for claim in claims:
        claim["unattributed"] = claim["id"] in flagged
    signals = {
        "hedges": [h for h in hedges if h["category"] == "hedge"],
        "anonymous_sources": [h for h in hedges if h["category"] == "anonymous_source"],
        "vague_sources": [h for h in hedges if h["category"] == "vague_source"],
        "unattributed_assertions": unattributed,
        "summary": {
            "claims": len(claims),
            "check_worthy": sum(c["check_worthy"] for c in claims),
            "unattributed_check_worthy": len(unattributed),
            "quantities": len(quantities),
            "hedges": sum(h["category"] == "hedge" for h in hedges),
            "anonymous_sources": sum(h["category"] == "anonymous_source" for h in hedges),
            "vague_sources": sum(h["category"] == "vague_source" for h in hedges),
        },
    }
    return claims, quantities, signals
