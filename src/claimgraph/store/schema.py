"""The knowledge-base tables (SQLAlchemy Core 2.x), the same on SQLite and PostgreSQL.

Every key is natural and deterministic (document id = content hash, per-article ids from the
analysis, KB entity ids derived from the first name seen), never a database sequence: so an
interrupted and resumed ingest produces exactly the rows of an uninterrupted one, on any backend,
and re-ingesting the same input is a no-op. Claims, quantities and each kind of credibility signal
are tables with real columns (``schema_analysis.py``); only lists nobody filters on (paragraph
offsets, tags, authors, sub-scores) are JSON.
Small tables with no secondary index are WITHOUT ROWID on SQLite, so their key is stored once, not twice.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from .schema_base import DocId, EntityId, Json, metadata

documents = Table(
    "documents",
    metadata,
    Column("id", DocId, primary_key=True),
    Column("source", Text, nullable=False),
    Column("position", Text, nullable=False, default=""),
    Column("format", String(20)),
    Column("url", Text),
    Column("fetched_at", String(40)),
    Column("encoding", String(40)),
    Column("meta", Json),  # the corpus record's own metadata (title, label, warc record id ...)
    Column("input_url", Text),  # revision 5: Document.url as given (``url`` falls back to the page's)
)

publishers = Table(
    "publishers",
    metadata,
    Column("id", String(200), primary_key=True),  # the domain when known, else "name:" + lower-cased name
    Column("name", Text),
    Column("domain", String(200)),
)

articles = Table(
    "articles",
    metadata,
    Column("document_id", DocId, ForeignKey("documents.id"), primary_key=True),
    Column("title", Text),
    Column("authors", Json),
    Column("published", String(40)),
    Column("publisher_id", String(200), ForeignKey("publishers.id")),
    Column("original_source", Text),
    Column("republished", Boolean, nullable=False, default=False),
    Column("url", Text),
    Column("language", String(20)),
    Column("body", Text, nullable=False),
    Column("words", Integer, nullable=False),
    Column("tags", Json),
    Column("paragraphs", Json),
    Column("headings", Json),
    Column("removed", Json),
    Column("sentences", Json),
    Column("minhash", LargeBinary),  # MinHash signature of the body's word shingles (republication)
    Column("publisher", Text),  # revision 5: Article.publisher as the page named it (``publishers`` keeps the first)
    Column("publisher_domain", String(200)),  # revision 5: Article.publisher_domain as given
    Index("ix_articles_published", "published"),
    Index("ix_articles_publisher", "publisher_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", EntityId, primary_key=True),
    Column("name", Text, nullable=False),  # canonical: the fullest name seen
    Column("type", String(20), nullable=False),
    Column("country", String(3)),
    Index("ix_entities_type_name", "type", "name"),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", EntityId, ForeignKey("entities.id"), primary_key=True),
    Column("alias", Text, primary_key=True),  # the normalised form used for matching
    Column("surface", Text),  # one spelling as it appeared
    sqlite_with_rowid=False,
)
# migration 4: "entities whose name starts with ..." (the search page's entity line) is a range of this index
ix_entity_aliases_alias = Index("ix_entity_aliases_alias", entity_aliases.c.alias)

article_entities = Table(
    "article_entities",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("local_id", String(20), primary_key=True),  # the entity id inside the analysis ("e1")
    Column("entity_id", EntityId, ForeignKey("entities.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("roles", Json),
    Column("country", String(3)),
    Column("aliases", Json),
    Column("link", String(20), nullable=False),  # how it was linked: new | exact | surname | fuzzy | promoted
    Column("published", String(40)),  # the article's date, copied (migration 3): "articles of X, newest first"
    Index("ix_article_entities_entity", "entity_id"),
)
# migration 3: the articles of X newest first is a walk of this index, not a sort of every article of X
ix_article_entities_entity_published = Index(
    "ix_article_entities_entity_published",
    article_entities.c.entity_id,
    article_entities.c.published,
    article_entities.c.document_id,
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("local_id", String(20), primary_key=True),
    Column("entity_id", EntityId, ForeignKey("entities.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Index("ix_mentions_entity", "entity_id"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("local_id", String(20), primary_key=True),
    Column("speaker_local", String(20)),
    Column("speaker_entity_id", EntityId, ForeignKey("entities.id")),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_text", Text),
    Column("cue_text", Text),
    Column("cue_lemma", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("fragments", Json),
    Column("kind", String(20), nullable=False),
    Column("stance", String(20)),
    Column("targets", Json),  # KB entity ids
    Column("via", Json),  # KB entity ids
    Column("confidence", Float),
    Column("published", String(40)),  # the article's date, copied (migration 3): "what X said, newest first"
    Column("targets_local", Json),  # revision 5: Attribution.targets, the article's own entity ids
    Column("via_local", Json),  # revision 5: Attribution.via, the article's own entity ids
    Column("stance_evidence", Json),  # revision 6: Attribution.stance_evidence, {start, end, text} or null
    Index("ix_attributions_speaker", "speaker_entity_id"),
)
# migration 3: what X said (optionally of one stance), newest first, is a walk of one of these with LIMIT
ix_attributions_speaker_published = Index(
    "ix_attributions_speaker_published", attributions.c.speaker_entity_id, attributions.c.published
)
ix_attributions_speaker_stance = Index(
    "ix_attributions_speaker_stance", attributions.c.speaker_entity_id, attributions.c.stance, attributions.c.published
)

attribution_targets = Table(  # migration 3: one row per (attribution, target entity), from ``attributions.targets``
    "attribution_targets",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("local_id", String(20), primary_key=True),
    Column("entity_id", EntityId, primary_key=True),  # a KB id (or the free text the analysis named)
    Column("speaker_entity_id", EntityId),
    Column("stance", String(20)),
    Column("published", String(40)),
    Index("ix_attribution_targets_entity", "entity_id", "published"),
    Index("ix_attribution_targets_entity_stance", "entity_id", "stance", "speaker_entity_id"),
    Index("ix_attribution_targets_speaker", "speaker_entity_id", "stance", "entity_id"),
    Index("ix_attribution_targets_published", "published"),
)

entity_stats = Table(  # migration 3: per-entity counts, kept by the writer in the batch's transaction
    "entity_stats",
    metadata,
    Column("entity_id", EntityId, primary_key=True),
    Column("role", String(10), primary_key=True),  # said (X speaks) | about (X is a target, others speak) | articles
    Column("period", String(7), primary_key=True),  # YYYY-MM of the article, "" when undated
    Column("stance", String(20), primary_key=True),  # "" for articles and for attributions without a stance
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

from .schema_analysis import (  # noqa: E402, F401  (revision 5: claims, quantities and signals as tables)
    article_signals,
    claim_links,
    claims,
    hedges,
    outlet_mentions,
    propaganda_spans,
    provenance_links,
    quantities,
    source_ratings,
    unattributed_assertions,
)
from .schema_geo import events, places  # noqa: E402, F401  (revision 7: places and events as tables)

copies = Table(
    "copies",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("origin_id", DocId, ForeignKey("articles.document_id")),  # None: declared origin not in the KB
    Column("origin_name", Text),  # Article.original_source, when the page names it
    Column("similarity", Float),  # estimated Jaccard of word shingles with the origin
    Column("method", String(20), nullable=False),  # minhash | declared
    Index("ix_copies_origin", "origin_id"),
)

errors = Table(
    "errors",
    metadata,
    Column("source", Text, primary_key=True),
    Column("position", Text, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("message", Text, nullable=False),
    sqlite_with_rowid=False,
)

ingest_progress = Table(
    "ingest_progress",
    metadata,
    Column("source", Text, primary_key=True),
    Column("position", Text, primary_key=True),
    Column("document_id", DocId),  # None when the item failed (see errors)
    Column("status", String(20), nullable=False),  # added | duplicate | error
    sqlite_with_rowid=False,
)

COUNTED = (
    "documents", "articles", "publishers", "entities", "mentions", "attributions", "claims", "quantities", "copies",
    "errors",
)  # fmt: skip
from .schema_tracing import (  # noqa: E402, F401  (revision 8: claim clusters)
    claim_changes,
    claim_clusters,
    claim_members,
    claim_traced,
)
