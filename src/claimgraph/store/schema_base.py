"""What every table module shares: one MetaData and the column types of ids and JSON."""

from __future__ import annotations

from sqlalchemy import JSON, MetaData, String
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()
Json = JSON().with_variant(JSONB(), "postgresql")
DocId = String(80)  # "sha256:" + 64 hex
EntityId = String(40)
LocalId = String(20)  # an id inside one analysis: "e1", "a3", "c12", "q2", "h4"
