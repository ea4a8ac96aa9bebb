"""Claims, quantities and credibility signals: record <-> rows.

Before schema revision 5 these were JSON documents (``claims.data``, and ``signals.data`` with the
quantities packed in); this module is the one place that knows how they are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from . import schema as s


def read_analysis(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``{document_id: {"claims": [...], "quantities": [...], "signals": {...} | None}}`` as JSON-ready data."""
    out: dict[str, dict[str, Any]] = {d: {"claims": [], "quantities": [], "signals": None} for d in ids}
    for row in conn.execute(
        select(s.claims.c.document_id, s.claims.c.data)
        .where(s.claims.c.document_id.in_(list(ids)))
        .order_by(s.claims.c.document_id, s.claims.c.idx)
    ):
        out[row.document_id]["claims"].append(row.data)
    for row in conn.execute(select(s.signals).where(s.signals.c.document_id.in_(list(ids)))):
        data = dict(row.data)
        out[row.document_id]["quantities"] = data.pop("quantities", [])
        out[row.document_id]["signals"] = data or None
    return out
