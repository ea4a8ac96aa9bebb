"""Credibility signals about the source of an article: ratings of its outlets and its provenance chain.

Entry point :func:`assess`; the output is a ``model.SourceAssessment`` (``docs/claims.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, Attribution, Entity, SourceAssessment, WeakestLink
from .outlets import outlets_in_doc
from .provenance import known_domains, provenance_chain
from .ratings import Ratings, load_ratings, no_ratings_info, not_configured, read_ratings

__all__ = [
    "Ratings",
    "assess",
    "known_domains",
    "load_ratings",
    "not_configured",
    "outlets_in_doc",
    "provenance_chain",
    "read_ratings",
]


def assess(
    article: Article,
    attributions: Sequence[Attribution] = (),
    ratings: Ratings | None = None,
    entities: Sequence[Entity] = (),
    doc: Any = None,
) -> SourceAssessment:
    """Source signals of one article: the publisher's rating, the provenance chain and the weakest link.

    With no ``ratings`` every rating says "no ratings configured" (not an error). ``entities`` let
    ``via`` entity ids be shown as names with a mention span; with the body's spaCy ``doc``, outlets
    named in the text are listed too.
    """
    prov = provenance_chain(article, attributions, ratings, entities)
    publisher = next((link for link in prov.chain if link.role == "publisher"), None)
    rated = [link for link in prov.chain if link.rating.score is not None]
    weakest = min(rated, key=lambda link: link.rating.score or 0.0) if rated else None
    source_rating = publisher.rating if publisher else (not_configured() if ratings is None else None)
    return SourceAssessment(
        ratings=no_ratings_info() if ratings is None else ratings.info(),
        source_rating=source_rating,
        provenance=prov,
        outlets_mentioned=outlets_in_doc(doc, ratings, prov.known_domains) if doc is not None else [],
        weakest_link=WeakestLink(weakest.role, weakest.name, weakest.domain, weakest.rating.score or 0.0)
        if weakest
        else None,
    )
