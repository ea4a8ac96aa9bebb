"""The Parquet lake: workers write their results as shards, ``claimgraph load`` builds the knowledge base.

    claimgraph ingest inputs... --lake out/lake/ [--dask tcp://scheduler:8786 | --workers N]
    claimgraph load out/lake/ --db kb.sqlite
    duckdb -c "select stance, count(*) from 'out/lake/attributions/*.parquet' group by 1"

Layout and guarantees: docs/scale.md. Table columns: tables.py.
"""

from __future__ import annotations

from .tables import LAKE_FORMAT, TABLES

__all__ = ["LAKE_FORMAT", "TABLES"]
