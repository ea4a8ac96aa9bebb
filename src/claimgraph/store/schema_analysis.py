"""Claims, quantities and credibility signals as tables (schema revision 5, issue #14).

One row per claim, quantity, hedge, unattributed assertion, propaganda span, provenance link,
outlet mention and source rating, with every field a column, so SQL can ask for "unattributed
check-worthy claims of publisher X in March that carry a number" as a plain join. Keys are the
document id plus the analysis's own ids or list positions: deterministic, so a resumed ingest writes
identical rows. ``claims`` carries the article's publisher and date (copied, like ``attributions``)
so the per-publisher and per-month lookups are walks of one index.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from .schema_base import DocId, EntityId, Json, LocalId, metadata


def _doc() -> Column:
    return Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True)


claims = Table(
    "claims",
    metadata,
    _doc(),
    Column("local_id", LocalId, primary_key=True),  # Claim.id ("c1")
    Column("idx", Integer, nullable=False),  # position in the record
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("check_worthiness", Float, nullable=False),
    Column("check_worthy", Boolean, nullable=False),
    Column("question", Boolean, nullable=False),
    Column("unattributed", Boolean, nullable=False),
    Column("publisher_id", String(200)),  # the article's, copied
    Column("published", String(40)),  # the article's, copied
    Index("ix_claims_publisher_published", "publisher_id", "published"),
    Index("ix_claims_worthy_published", "check_worthy", "unattributed", "published"),
)

claim_links = Table(  # Claim.attributed_to / speakers / quantities / hedges, in their order
    "claim_links",
    metadata,
    _doc(),
    Column("claim_id", LocalId, primary_key=True),
    Column("role", String(12), primary_key=True),  # attribution | speaker | quantity | hedge
    Column("ord", Integer, primary_key=True),
    Column("ref", LocalId, nullable=False),  # the attribution, entity, quantity or hedge id in the record
    Column("entity_id", EntityId),  # speakers: the KB entity
    sqlite_with_rowid=False,
)

quantities = Table(
    "quantities",
    metadata,
    _doc(),
    Column("local_id", LocalId, primary_key=True),  # Quantity.id ("q1")
    Column("idx", Integer, nullable=False),
    Column("claim_id", LocalId),  # the claim unit it is in
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("high", Float),  # upper end of a range
    Column("kind", String(20), nullable=False),
    Column("unit", Text),
    Column("approx", Text),  # the hedge as written ("up to")
    Column("approx_kind", String(20)),  # upper_bound | lower_bound | approximate | margin | range | vague
    Column("mention_start", Integer, nullable=False),
    Column("mention_end", Integer, nullable=False),
    Column("mention_text", Text, nullable=False),
    Column("approx_start", Integer),
    Column("approx_end", Integer),
    Column("approx_text", Text),
    Column("object_start", Integer),
    Column("object_end", Integer),
    Column("object_text", Text),
    Column("object_head", Text),
    Column("object_lemma", Text),  # what it counts ("militant")
    Index("ix_quantities_claim", "document_id", "claim_id"),
    Index("ix_quantities_object", "object_lemma"),
)

hedges = Table(  # Signals.hedges, anonymous_sources and vague_sources, told apart by category
    "hedges",
    metadata,
    _doc(),
    Column("category", String(20), primary_key=True),  # hedge | anonymous_source | vague_source
    Column("idx", Integer, primary_key=True),  # position in that category's list
    Column("local_id", LocalId, nullable=False),  # Hedge.id ("h1")
    Column("kind", String(30), nullable=False),
    Column("cue", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Index("ix_hedges_category_cue", "category", "cue"),
)

unattributed_assertions = Table(
    "unattributed_assertions",
    metadata,
    _doc(),
    Column("idx", Integer, primary_key=True),
    Column("claim_id", LocalId, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("check_worthiness", Float, nullable=False),
    Column("attributed_share", Float, nullable=False),
)

propaganda_spans = Table(
    "propaganda_spans",
    metadata,
    _doc(),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("technique", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("technique_score", Float, nullable=False),
    Index("ix_propaganda_spans_technique", "technique", "score"),
)

article_signals = Table(  # one row per article analysed with signals on: the summary and the source assessment
    "article_signals",
    metadata,
    _doc(),
    Column("claims", Integer, nullable=False),
    Column("check_worthy", Integer, nullable=False),
    Column("unattributed_check_worthy", Integer, nullable=False),
    Column("quantities", Integer, nullable=False),
    Column("hedges", Integer, nullable=False),
    Column("anonymous_sources", Integer, nullable=False),
    Column("vague_sources", Integer, nullable=False),
    Column("assessed", Boolean, nullable=False),  # Signals.source is set (the columns below are filled)
    Column("ratings_status", String(30)),
    Column("ratings_source", Text),
    Column("ratings_column", Text),
    Column("ratings_domains", Integer),
    Column("ratings_hint", Text),
    Column("republished", Boolean),  # Provenance.republished
    Column("known_domains", Json),
    Column("weakest_role", String(20)),
    Column("weakest_name", Text),
    Column("weakest_domain", String(200)),
    Column("weakest_score", Float),
    Index("ix_article_signals_weakest", "weakest_score"),
)

source_ratings = Table(  # every Rating of the record: the publisher's, each provenance link's, each outlet's
    "source_ratings",
    metadata,
    _doc(),
    Column("subject", String(12), primary_key=True),  # publisher | provenance | outlet
    Column("idx", Integer, primary_key=True),  # position in provenance.chain / outlets_mentioned; 0 for publisher
    Column("status", String(30), nullable=False),  # rated | not rated | no ratings configured
    Column("domain", String(200)),
    Column("query", Text),
    Column("match", String(10)),
    Column("score", Float),
    Column("score_column", Text),  # Rating.column
    Column("percentile", Float),
    Column("scores", Json),  # every score column of the ratings file for that domain
    Column("ratings_file", Text),  # Rating.source
    Column("hint", Text),
    Index("ix_source_ratings_domain", "domain", "subject"),
    Index("ix_source_ratings_score", "subject", "score"),
)

provenance_links = Table(
    "provenance_links",
    metadata,
    _doc(),
    Column("idx", Integer, primary_key=True),  # position in the chain
    Column("role", String(20), nullable=False),  # publisher | original_source | cited
    Column("name", Text),
    Column("domain", String(200)),
    Column("evidence_field", Text),
    Column("evidence_entity", LocalId),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence_text", Text),
    Column("evidence_attributions", Json),  # attribution ids
    Index("ix_provenance_links_domain", "domain", "role"),
)

outlet_mentions = Table(
    "outlet_mentions",
    metadata,
    _doc(),
    Column("idx", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("why", String(30), nullable=False),
    Column("domain", String(200), nullable=False),
    Index("ix_outlet_mentions_domain", "domain"),
)

TABLES = (
    claims,
    claim_links,
    quantities,
    hedges,
    unattributed_assertions,
    propaganda_spans,
    article_signals,
    source_ratings,
    provenance_links,
    outlet_mentions,
)
