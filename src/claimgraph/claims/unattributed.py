"""Unattributed assertions: check-worthy sentences the text states as fact on its own authority.

A factual claim with a source can be checked against that source; one with none rests
on the writer alone. A unit is reported when it is check-worthy, no attribution's
content, cue or speaker covers most of it, it is not a question, and it carries no
hedge or unnamed source (those are reported as their own signals).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

COVER_SHARE = 0.5  # share of a unit's non-space characters inside attribution spans


def _pairs(value: Any) -> list[tuple[int, int]]:
    if value is None:
        return []
    if isinstance(value, dict):
        frags = value.get("fragments")
        if frags:
            return [(int(s), int(e)) for s, e in frags]
        if "start" in value and "end" in value:
            return [(int(value["start"]), int(value["end"]))]
        return []
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return [(value[0], value[1])]
    frags = getattr(value, "fragments", None)
    if frags:
        return [(int(s), int(e)) for s, e in frags]
    if hasattr(value, "start") and hasattr(value, "end"):
        return [(int(value.start), int(value.end))]
    return []


def attribution_spans(att: Any) -> list[tuple[int, int]]:
    """Character spans an attribution accounts for: content fragments, cue and speaker mention.

    Accepts ``model.Attribution``, its ``to_dict()`` form, or a bare ``(start, end)`` content span.
    """
    if isinstance(att, (tuple, list)) and len(att) == 2 and all(isinstance(x, int) for x in att):
        return [(att[0], att[1])]
    get = att.get if isinstance(att, dict) else lambda key: getattr(att, key, None)
    spans = _pairs(get("content"))
    spans += _pairs(get("cue"))
    spans += _pairs(get("speaker_mention"))
    return spans


def coverage(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> float:
    """Share of non-space characters of ``text[start:end]`` that fall inside ``spans``."""
    inside = [False] * (end - start)
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            inside[i - start] = True
    chars = [i for i in range(end - start) if not text[start + i].isspace()]
    return sum(inside[i] for i in chars) / len(chars) if chars else 0.0


def covering_attributions(text: str, start: int, end: int, attributions: Sequence[Any]) -> list[Any]:
    """Attributions whose spans overlap the unit at all (for ``attributed_to``)."""
    return [a for a in attributions if any(s < end and start < e for s, e in attribution_spans(a))]


def unattributed_assertions(
    text: str,
    units: Sequence[dict[str, Any]],
    attributions: Sequence[Any],
    hedges: Sequence[dict[str, Any]] = (),
    threshold: float = 0.5,
) -> list[dict[str, Any]]:
    """Units (dicts with start/end/text/check_worthiness) that are check-worthy, unsourced, unhedged statements."""
    all_spans = [s for a in attributions for s in attribution_spans(a)]
    out = []
    for unit in units:
        start, end = unit["start"], unit["end"]
        if unit.get("check_worthiness", 0.0) < threshold:
            continue
        if unit["text"].rstrip(" \"'”’)").endswith("?"):
            continue
        if any(start <= h["start"] < end for h in hedges):
            continue
        share = coverage(text, start, end, all_spans)
        if share >= COVER_SHARE:
            continue
        out.append(
            {
                "claim": unit.get("id"),
                "start": start,
                "end": end,
                "text": unit["text"],
                "check_worthiness": unit["check_worthiness"],
                "attributed_share": round(share, 3),
            }
        )
    return out
