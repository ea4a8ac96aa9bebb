"""alias prefix index (was migration 4): entities whose name starts with ... (``query.entity.lookup``)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "ix_entity_aliases_alias" not in {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes("entity_aliases")}:
        op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])


def downgrade() -> None:
    op.drop_index("ix_entity_aliases_alias", table_name="entity_aliases")
