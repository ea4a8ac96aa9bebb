"""Article body -> safe highlighted HTML, built from character offsets.

The body is cut at every span boundary (quote, speaker, cue, entity mention, and the credibility
layers: unattributed assertion, quantity, hedge, propaganda technique) and at paragraph and heading
limits; each piece is escaped with ``markupsafe.escape`` and wrapped in one flat ``<span>``
whose classes say which layers cover it. Flat pieces never nest, so overlapping spans (a mention
inside a quote, a speaker inside a mixed quote) still give valid HTML, and since every character
of article text goes through ``escape`` a page holding ``<script>`` shows it as text.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from markupsafe import Markup, escape

LAYERS = ("quote", "speaker", "cue", "entity", "unattributed", "quantity", "hedge", "propaganda")


def _pieces(start: int, end: int, spans: list[dict[str, Any]], cuts: list[int]) -> list[tuple[int, int, list]]:
    """(start, end, covering spans) for each stretch of [start, end) between consecutive cut points."""
    points = [start] + cuts[bisect_right(cuts, start) : bisect_right(cuts, end - 1)] + [end]
    out = []
    for lo, hi in zip(points, points[1:], strict=False):
        if hi > lo:
            out.append((lo, hi, [sp for sp in spans if sp["start"] <= lo and hi <= sp["end"]]))
    return out


def _wrap(text: str, covering: list[dict[str, Any]], first: set[str]) -> str:
    if not covering:
        return str(escape(text))
    classes = sorted({sp["type"] for sp in covering})
    classes += sorted({f"stance-{sp['stance']}" for sp in covering if sp["type"] == "quote" and sp.get("stance")})
    quoted = [sp for sp in covering if sp["type"] == "quote"]
    if quoted and all(sp.get("kind") == "indirect" for sp in quoted):  # reported speech: no one's exact words
        classes.append("paraphrase")
    attrs = [f'class="{" ".join(classes)}"']
    labels = list(dict.fromkeys(sp["label"] for sp in covering if sp.get("label")))
    if labels:  # the hover text says why a stretch is marked (technique, hedge kind, what a number counts)
        attrs.append(f'title="{escape("; ".join(labels))}"')
    quotes = [sp["attribution"] for sp in covering if sp["type"] == "quote"]
    owners = sorted({sp["attribution"] for sp in covering if sp.get("attribution")})
    if owners:
        attrs.append(f'data-attribution="{escape(" ".join(owners))}"')
        anchor = next((q for q in quotes if q not in first), None)
        if anchor is not None:  # the first piece of each quote carries its anchor (#q-a3)
            first.add(anchor)
            attrs.append(f'id="q-{escape(anchor)}"')
    entity = next((sp["entity"] for sp in covering if sp.get("entity")), None)
    inner = str(escape(text))
    if entity:
        inner = f'<a href="/entities/{escape(entity)}">{inner}</a>'
    return f"<span {' '.join(attrs)}>{inner}</span>"


def highlight(
    body: str, spans: list[dict[str, Any]], paragraphs: list[list[int]], headings: list[list[int]] | None = None
) -> Markup:
    """The body as ``<p>``/``<h3>`` blocks with highlighted pieces; text outside paragraphs is kept too."""
    spans = [sp for sp in spans if 0 <= sp["start"] < sp["end"] <= len(body)]
    cuts = sorted({sp["start"] for sp in spans} | {sp["end"] for sp in spans})
    heads = {tuple(h) for h in headings or []}
    blocks = sorted(
        {(int(p[0]), int(p[1])) for p in paragraphs or [] if 0 <= p[0] < p[1] <= len(body)}
        | {(int(h[0]), int(h[1])) for h in heads if 0 <= h[0] < h[1] <= len(body)}
    )
    if not blocks:
        blocks = [(0, len(body))]
    first: set[str] = set()
    html = []
    done = 0
    for start, end in blocks:
        start = max(start, done)  # overlapping blocks (a heading inside a paragraph) are shown once
        if start >= end:
            continue
        done = end
        inner = "".join(_wrap(body[lo:hi], cov, first) for lo, hi, cov in _pieces(start, end, spans, cuts))
        tag = "h3" if (start, end) in heads else "p"
        html.append(f"<{tag}>{inner}</{tag}>")
    return Markup("\n".join(html))


def marked(snippet: str, marks: list[list[int]]) -> Markup:
    """A search snippet with its highlight ranges as ``<mark>``, every piece escaped."""
    out, pos = [], 0
    for start, end in sorted(marks):
        if start < pos:
            continue
        out.append(str(escape(snippet[pos:start])))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        pos = end
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))
