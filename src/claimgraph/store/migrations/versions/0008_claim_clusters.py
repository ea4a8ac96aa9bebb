"""claim clusters, members and changes as tables (issue 15)

The same claim across articles (``claimgraph.tracing``): ``claim_clusters``, ``claim_members``,
``claim_changes`` and ``claim_traced`` (``store/schema_tracing.py``). New tables only: existing KBs gain
them empty, and the next ``claimgraph ingest`` clusters every article already stored. The tables are
created from ``schema_tracing`` as it is at this revision; a later change to them is a new revision, which
must then freeze a copy here.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

from claimgraph.store import schema_tracing as t

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = (t.claim_clusters, t.claim_members, t.claim_changes, t.claim_traced)


def upgrade() -> None:
    t.metadata.create_all(op.get_bind(), tables=list(TABLES))


def downgrade() -> None:
    t.metadata.drop_all(op.get_bind(), tables=list(reversed(TABLES)))
