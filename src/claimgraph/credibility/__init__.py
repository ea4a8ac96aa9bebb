"""Credibility signals about the source of an article: ratings of its outlets and its provenance chain.

Entry point :func:`assess`; output shape documented in ``docs/claims.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .outlets import outlets_in_doc
from .provenance import known_domains, provenance_chain
from .ratings import NOT_CONFIGURED, Ratings, load_ratings, read_ratings

__all__ = [
    "NOT_CONFIGURED",
    "Ratings",
    "assess",
    "known_domains",
    "load_ratings",
    "outlets_in_doc",
    "provenance_chain",
    "read_ratings",
]


def _resolve(ratings: Ratings | str | Path | None) -> Ratings | None:
    if isinstance(ratings, Ratings):
        return ratings
    return load_ratings(ratings)


def assess(
    article: Any,
    attributions: Sequence[Any] = (),
    ratings: Ratings | str | Path | None = None,
    entities: Iterable[Any] | None = None,
    doc: Any = None,
) -> dict[str, Any]:
    """Source signals of one article.

    ``ratings`` is a :class:`Ratings`, a CSV path, or None for ``$CLAIMGRAPH_RATINGS``;
    with none configured every rating says ``"no ratings configured"`` (not an error).
    ``entities`` lets ``via`` entity ids be shown as names with a mention span; with the
    body's spaCy ``doc``, outlets named in the text are listed too.
    Returns ``{"ratings", "source_rating", "provenance", "outlets_mentioned", "weakest_link"}``.
    """
    table = _resolve(ratings)
    prov = provenance_chain(article, attributions, table, entities)
    status: dict[str, Any] = dict(NOT_CONFIGURED) if table is None else {
        "status": "configured", "source": table.source, "column": table.main, "domains": len(table.scores)
    }  # fmt: skip
    publisher = next((link for link in prov["chain"] if link["role"] == "publisher"), None)
    rated = [link for link in prov["chain"] if "score" in link["rating"]]
    weakest = min(rated, key=lambda link: link["rating"]["score"]) if rated else None
    return {
        "ratings": status,
        "source_rating": publisher["rating"] if publisher else (dict(NOT_CONFIGURED) if table is None else None),
        "provenance": prov,
        "outlets_mentioned": outlets_in_doc(doc, table, prov["known_domains"]) if doc is not None else [],
        "weakest_link": (
            {
                "role": weakest["role"],
                "name": weakest["name"],
                "domain": weakest["domain"],
                "score": weakest["rating"]["score"],
            }
            if weakest
            else None
        ),
    }
