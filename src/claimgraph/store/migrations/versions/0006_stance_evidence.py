"""attributions.stance_evidence (issue #19): the words that show an attribution's stance

``Attribution.stance_evidence`` is a span of the body (``{start, end, text}``) or null; it is stored
as one JSON column, null for the attributions of articles analysed before this revision (their
stance came from the cue alone and carried no evidence).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import JSON, Column
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Json = JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.add_column("attributions", Column("stance_evidence", Json))


def downgrade() -> None:
    op.get_bind().exec_driver_sql("ALTER TABLE attributions DROP COLUMN stance_evidence")
