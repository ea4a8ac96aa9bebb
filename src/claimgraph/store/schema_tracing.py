"""Claim clusters as tables (schema revision 8, issue 15): the same claim across articles.

``claim_clusters`` holds one row per claim seen in two or more articles, with its first appearance;
``claim_members`` one row per appearance (a claim unit of one article: offsets into that article's body);
``claim_changes`` one row per change of a member against the first appearance, with its evidence as
columns. ``claim_traced`` lists the articles already clustered, in the order they were (``seq``: the
tie-break between members published the same day), so the next ingest clusters only the new ones.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from .schema_base import DocId, Json, metadata

ClusterId = String(40)  # "claim:" + 16 hex

claim_clusters = Table(
    "claim_clusters",
    metadata,
    Column("id", ClusterId, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("first_document_id", DocId, ForeignKey("articles.document_id"), nullable=False),
    Column("first_start", Integer, nullable=False),
    Column("first_published", String(40)),
    Column("first_speaker", Text),
    Index("ix_claim_clusters_first", "first_document_id"),
)

claim_members = Table(
    "claim_members",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("cluster_id", ClusterId, ForeignKey("claim_clusters.id"), nullable=False),
    Column("idx", Integer, nullable=False),  # position in the cluster record (0 = first appearance)
    Column("text", Text, nullable=False),
    Column("speaker", Text),
    Column("attributed", Boolean, nullable=False),
    Column("attribution", Json),  # MemberAttribution as JSON, or null
    Index("ix_claim_members_cluster", "cluster_id", "idx"),
)

claim_changes = Table(
    "claim_changes",
    metadata,
    Column("document_id", DocId, primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("cluster_id", ClusterId, nullable=False),
    Column("label", String(30), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("speaker", Text),
    Column("cue", Text),
    Column("words", Json),
    Column("similarity", Float),
    Index("ix_claim_changes_label", "label"),
    Index("ix_claim_changes_cluster", "cluster_id"),
)

claim_traced = Table(
    "claim_traced",
    metadata,
    Column("document_id", DocId, ForeignKey("articles.document_id"), primary_key=True),
    Column("seq", Integer, nullable=False),
    Index("ix_claim_traced_seq", "seq", unique=True),
)
