"""A small KB of written articles that repeat one claim with changes (claim tracing tests)."""

from __future__ import annotations

from pathlib import Path

from claimgraph import analyze_many
from claimgraph.model import RawDocument
from claimgraph.store import KnowledgeBase

CLAIM = (
    "Chief inspector Maria Lopez said that the bridge collapsed because two steel cables had rusted through over "
    "many years."
)
OTHER = "The city council voted on Tuesday to close two public libraries after next year's budget was cut by a third."
ARTICLES = [
    ("first.example/a", "2025-05-01", "First Post", f"{CLAIM} {OTHER}"),
    ("copy.example/b", "2025-05-03", "Copy Daily", "The bridge collapsed because two steel cables had rusted "
     "through over many years. Traffic was diverted to the northern ring road for the rest of the week."),
]  # fmt: skip
LATE = ("late.example/c", "2025-05-06", "Late Wire", "Chief inspector Maria Lopez said that the bridge collapsed "
        "because three steel cables had rusted through over many years.")  # fmt: skip


def raw(source: str, published: str, publisher: str, text: str) -> RawDocument:
    return RawDocument(text=text, source=source, format="text", url=f"https://{source}",
                       metadata={"published": published, "publisher": publisher})  # fmt: skip


def build_tracing_kb(path: Path | str) -> tuple[int, int, int]:
    """Ingest the first two articles, trace, ingest the late one, trace, trace again; the three counts."""
    with KnowledgeBase(str(path)) as kb:
        kb.ingest(analyze_many([raw(*a) for a in ARTICLES]))
        first = kb.trace_claims()
        kb.ingest(analyze_many([raw(*LATE)]))
        second = kb.trace_claims()
        again = kb.trace_claims()
    return first.articles, second.articles, again.articles
