"""places and events as tables (issue 16)

Two new tables, ``places`` and ``events`` (``store/schema_geo.py``), built as that module defines them at this
revision: a later change to them is a new revision, which must then freeze a copy here. Articles stored before
this revision have no rows in them (their records were analysed without the places and events stages);
ingesting them into a new KB fills them.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from claimgraph.store import schema_geo as geo

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    geo.metadata.create_all(op.get_bind(), tables=list(geo.TABLES))


def downgrade() -> None:
    for table in reversed(geo.TABLES):
        op.drop_table(table.name)
